"""The gazetteer: GeoNames places (extract/data/gazetteer.tsv.gz and country_codes.tsv, made by
scripts/build_gazetteer.py) and curated ones (extract/data/places_extra.jsonl), looked up by name.

The files are turned, at first use, into a read-only SQLite index in a cache folder
(`BRIEF_CACHE_DIR`, else the user's cache folder), named by the sha256 of the files, so a changed
file gets a new index and every process of a deployment shares one on disk: a lookup reads a few
pages, nothing large is held in memory. The index is written to a temporary file and renamed into
place, under a file lock where the platform has one, so workers starting together build it once
and never see half of it.

Standard library only, and nothing else of `extract` is imported.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .gazetteer_index import BuildLock, build_index, remove_stale

__all__ = ["Candidate", "Gazetteer", "fold", "gazetteer", "open_gazetteer"]

DATA = Path(__file__).resolve().parents[1] / "data"
GEONAMES_FILE = DATA / "gazetteer.tsv.gz"
CODES_FILE = DATA / "country_codes.tsv"
CURATED_FILE = DATA / "places_extra.jsonl"
# Part of the index's name: bump it whenever the schema or the folding changes.
INDEX_FORMAT = b"brief-gazetteer-index 2"


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str  # "geonames:<id>" or "curated:<id>"
    geonames_id: int | None
    feature: str  # country | admin1 | city | continent | region | water | landmark
    name: str
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    source: str  # geonames | curated
    by_alias: bool  # matched only through an alternate name (not the name or its folded form)


_COLUMNS = (
    "p.key, p.geonames_id, p.feature, p.name, p.country_code, p.admin1_code, p.admin1, "
    "p.latitude, p.longitude, p.population, p.source"
)


class Gazetteer:
    """Lookups in one built index; safe to share between threads (a connection per thread)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._local = threading.local()
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        self._longest = int(meta["longest_words"])
        # Per instance, so a second gazetteer never answers from the first one's cache; small,
        # as a brief names a few dozen places and repeats them.
        self._lookup = lru_cache(maxsize=1024)(self._query)

    def _db(self) -> sqlite3.Connection:
        # sqlite3 connections belong to the thread that made them, and one inherited across a
        # fork must not be used by the child: one per thread and process.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            # immutable: the file is named by its content and never changes, so no locking.
            conn = sqlite3.connect(self._uri, uri=True)
            conn.execute("PRAGMA cache_size = -1024")  # at most 1 MB of pages per connection
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _query(self, key: str) -> tuple[Candidate, ...]:
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, a.by_alias FROM aliases a JOIN places p ON p.id = a.place "
            "WHERE a.alias = ? ORDER BY p.rank, a.by_alias, p.population DESC, p.key",
            (key,),
        )
        return tuple(_candidate(r) for r in rows)

    def lookup(self, text: str) -> list[Candidate]:
        """Every place one of whose names folds to the same key as `text`: countries, then
        continents, curated places, admin1 and towns; name matches before alias-only ones;
        then the more populous first."""
        key = fold(text)
        return list(self._lookup(key)) if key else []

    def longest_words(self) -> int:
        """The most words in one folded name: the widest window a longest-match scan needs."""
        return self._longest

    def country(self, code: str) -> Candidate | None:
        """The country of an ISO 3166-1 alpha-2 or alpha-3 code ("SY", "SYR")."""
        return self._one("c.place", code)

    def capital(self, code: str) -> Candidate | None:
        """The country's capital town (the GeoNames row its representative point is taken from)."""
        return self._one("c.capital", code)

    def _one(self, column: str, code: str) -> Candidate | None:
        row = (
            self._db()
            .execute(
                f"SELECT {_COLUMNS}, 0 FROM countries c JOIN places p ON p.id = {column} "
                "WHERE c.code = ?",
                (code.upper(),),
            )
            .fetchone()
        )
        return _candidate(row) if row else None


def _candidate(row: tuple) -> Candidate:
    return Candidate(*row[:11], by_alias=bool(row[11]))


def default_cache_dir() -> Path:
    env = os.environ.get("BRIEF_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "brief-data-api"


def index_path(geonames: Path, curated: Path, codes: Path, cache_dir: Path) -> Path:
    """The index's file: named by a hash of every input, so no stale index is ever opened."""
    digest = hashlib.sha256(INDEX_FORMAT)
    for path in (geonames, curated, codes):
        # A missing file hashes differently from an empty one.
        data = path.read_bytes() if path.exists() else b"\x00absent"
        digest.update(hashlib.sha256(data).digest())
    return cache_dir / f"gazetteer-{digest.hexdigest()[:32]}.sqlite3"


def open_gazetteer(
    geonames: Path = GEONAMES_FILE,
    curated: Path = CURATED_FILE,
    cache_dir: Path | None = None,
    codes: Path = CODES_FILE,
) -> Gazetteer:
    """The gazetteer of these files, building its index first if no process has yet. The
    curated file may be missing."""
    files = (geonames, curated, codes)
    try:
        return _open_in(Path(cache_dir) if cache_dir else default_cache_dir(), files)
    except OSError:
        # A cache folder that cannot be written (a read-only home in some containers): a
        # per-user folder in the temporary directory instead.
        uid = os.getuid() if hasattr(os, "getuid") else 0
        return _open_in(Path(tempfile.gettempdir()) / f"brief-data-api-{uid}", files)


def _open_in(cache_dir: Path, files: tuple[Path, Path, Path]) -> Gazetteer:
    geonames, curated, codes = files
    path = index_path(geonames, curated, codes, cache_dir)
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with BuildLock(cache_dir):
            if not path.exists():  # another process may have built it while we waited
                remove_stale(cache_dir)
                build_index(geonames, curated, path, codes)
    try:
        return Gazetteer(path)
    except sqlite3.DatabaseError:
        # Damaged on disk (never half-written: it is renamed into place whole): built anew.
        with BuildLock(cache_dir):
            build_index(geonames, curated, path, codes)
        return Gazetteer(path)


_SHARED: Gazetteer | None = None
_SHARED_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer of the package's data files, opened (and if need be built) at
    first use."""
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = open_gazetteer(GEONAMES_FILE, CURATED_FILE, None, CODES_FILE)
    return _SHARED


if __name__ == "__main__":
    # `python -m extract.places.gazetteer`: build (or find) the index ahead of the first request,
    # e.g. in a deployment step, and say where it is.
    import time

    started = time.perf_counter()
    shared = gazetteer()
    print(
        f"{shared.path} ({shared.path.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s)"
    )
