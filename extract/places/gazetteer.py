"""The gazetteer: GeoNames places (extract/data/gazetteer.tsv.gz, made by
scripts/build_gazetteer.py) and curated ones (extract/data/places_extra.jsonl), looked up by name.

Both files are turned, at first use, into a read-only SQLite index in a cache folder
(`BRIEF_CACHE_DIR`, else the user's cache folder), named by the sha256 of both files, so a changed
file gets a new index and every process of a deployment shares one on disk: a lookup reads a few
pages, nothing large is held in memory. The index is written to a temporary file and renamed into
place, under a file lock where the platform has one, so workers starting together build it once
and never see half of it.

Self-contained on purpose (standard library only): the build script imports `fold` from here
without loading the rest of `extract`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
GEONAMES_FILE = DATA / "gazetteer.tsv.gz"
CURATED_FILE = DATA / "places_extra.jsonl"
COLUMNS = [
    "geonames_id", "feature", "name", "country_code", "admin1_code", "admin1_name",
    "latitude", "longitude", "population", "aliases",
]  # fmt: skip
# Part of the index's name: bump it whenever the schema or the folding changes.
INDEX_FORMAT = b"brief-gazetteer-index 1"

# Lookup results come in this order of feature (a country or continent before curated places,
# admin1 and towns of the same name: "Congo" lists both Congos before a Brazilian village), then
# name matches before alias-only ones, then by population. Choosing among them is the caller's.
RANK = {
    "country": 0,
    "continent": 1,
    "region": 2,
    "water": 3,
    "landmark": 4,
    "admin1": 5,
    "city": 6,
}

_DELETE = dict.fromkeys(map(ord, "'’‘ʼʻ`´."), None)
# Letters NFKD does not decompose, spelled as English text spells them.
_LETTERS = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The lookup key of a name: casefolded, without diacritics, apostrophes or dots ("St." ->
    "st", "Côte d’Ivoire" -> "cote divoire"), other punctuation (hyphens, commas, brackets) as
    spaces, spaces collapsed, and without a leading "the"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_DELETE)
    out = []
    for ch in decomposed.translate(_LETTERS):
        if unicodedata.combining(ch):
            continue
        out.append(" " if unicodedata.category(ch)[0] in "PZC" else ch)
    key = " ".join("".join(out).split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str  # "geonames:<id>" or "curated:<id>"
    geonames_id: int | None
    feature: str  # country | admin1 | city | continent | region | water | landmark
    name: str
    country_code: str | None
    admin1_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    source: str  # geonames | curated
    by_alias: bool  # matched only through an alternate name (not the name or its folded form)


_COLUMNS = "p.key, p.geonames_id, p.feature, p.name, p.country_code, p.admin1_code, p.admin1, p.latitude, p.longitude, p.population, p.source"


class Gazetteer:
    """Lookups in one built index; safe to share between threads (a connection per thread)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._local = threading.local()
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        self._longest = int(meta["longest_words"])
        # Per instance, so a test's second gazetteer never answers from the first one's cache.
        self._lookup = lru_cache(maxsize=4096)(self._query)

    def _db(self) -> sqlite3.Connection:
        # sqlite3 connections belong to the thread that made them, and one inherited across a
        # fork must not be used by the child: one per thread and process.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            # immutable: the file is named by its content and never changes, so no locking.
            conn = sqlite3.connect(self._uri, uri=True)
            conn.execute("PRAGMA cache_size = -1024")  # 1 MB of pages per connection
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
        """Every place one of whose names folds to the same key as `text`."""
        key = fold(text)
        return list(self._lookup(key)) if key else []

    def longest_words(self) -> int:
        """The most words in one folded name: the widest window a longest-match scan needs."""
        return self._longest

    def country(self, code: str) -> Candidate | None:
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


def index_path(geonames: Path, curated: Path, cache_dir: Path) -> Path:
    digest = hashlib.sha256(INDEX_FORMAT)
    for path in (geonames, curated):
        # A missing curated file hashes differently from an empty one.
        data = path.read_bytes() if path.exists() else b"\x00absent"
        digest.update(hashlib.sha256(data).digest())
    return cache_dir / f"gazetteer-{digest.hexdigest()[:32]}.sqlite3"


def open_gazetteer(
    geonames: Path = GEONAMES_FILE, curated: Path = CURATED_FILE, cache_dir: Path | None = None
) -> Gazetteer:
    """The gazetteer of these two files, building its index first if no process has yet."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only home (some containers): a per-user folder in the temporary directory.
        uid = os.getuid() if hasattr(os, "getuid") else 0
        cache_dir = Path(tempfile.gettempdir()) / f"brief-data-api-{uid}"
        cache_dir.mkdir(parents=True, exist_ok=True)
    path = index_path(geonames, curated, cache_dir)
    if not path.exists():
        with _build_lock(cache_dir):
            if not path.exists():  # another process may have built it while we waited
                build_index(geonames, curated, path)
    return Gazetteer(path)


class _build_lock:
    """An exclusive lock on a file in the cache folder (flock); none where fcntl is missing,
    which only costs a duplicate build: the rename keeps the index whole either way."""

    def __init__(self, folder: Path):
        self._path = folder / "gazetteer.lock"

    def __enter__(self):
        self._file = open(self._path, "a+b")  # noqa: SIM115 (closed in __exit__)
        try:
            import fcntl

            fcntl.flock(self._file, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc) -> None:
        self._file.close()  # closing releases the flock


_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, key TEXT NOT NULL, geonames_id INTEGER,
  feature TEXT NOT NULL, name TEXT NOT NULL, country_code TEXT, admin1_code TEXT, admin1 TEXT,
  latitude REAL, longitude REAL, population INTEGER NOT NULL, source TEXT NOT NULL,
  rank INTEGER NOT NULL);
CREATE TABLE staged (alias TEXT NOT NULL, place INTEGER NOT NULL, by_alias INTEGER NOT NULL);
CREATE TABLE aliases (alias TEXT NOT NULL, place INTEGER NOT NULL, by_alias INTEGER NOT NULL,
  PRIMARY KEY (alias, place)) WITHOUT ROWID;
CREATE TABLE countries (code TEXT PRIMARY KEY, place INTEGER NOT NULL, capital INTEGER)
  WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def _records(geonames: Path, curated: Path):
    """(key, geonames_id, feature, name, cc, admin1_code, admin1, lat, lon, population, source,
    aliases) for every place of both files, read a line at a time."""
    with gzip.open(geonames, "rt", encoding="utf-8", newline="\n") as lines:
        next(lines)  # the header
        for line in lines:
            gid, feature, name, cc, a1, a1name, lat, lon, pop, aliases = line.rstrip("\n").split(
                "\t"
            )
            yield (
                (f"geonames:{gid}", int(gid), feature, name, cc or None, a1 or None)
                + (a1name or None, float(lat) if lat else None, float(lon) if lon else None)
                + (int(pop), "geonames", aliases.split("|"))
            )
    if curated.exists():
        for line in curated.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            lat, lon = r.get("latitude"), r.get("longitude")
            yield (
                (f"curated:{r['id']}", r.get("geonames_id"), r["label"], r["pattern"])
                + (r.get("country_code"), None, None, lat, lon, 0, "curated")
                + ([r["pattern"], *r.get("aliases", [])],)
            )


def build_index(geonames: Path, curated: Path, path: Path) -> None:
    """Write the index of both files to `path`, atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        conn.execute("BEGIN")
        longest = 0
        for pid, rec in enumerate(_records(geonames, curated), start=1):
            *fields, names = rec
            conn.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pid, *fields, RANK[fields[2]]),
            )
            name_key = fold(fields[3])
            keys = {name_key: 0}
            for alias in names:
                key = fold(alias)
                if key and key not in keys:
                    keys[key] = 1
            longest = max(longest, *(len(k.split()) for k in keys))
            conn.executemany(
                "INSERT INTO staged VALUES (?,?,?)", ((k, pid, b) for k, b in keys.items())
            )
        # Sorted by SQLite (spilling to disk, not to this process's memory), then stored in key
        # order: the alias table is one B-tree with the key first, so a lookup is one seek.
        conn.execute("INSERT INTO aliases SELECT * FROM staged ORDER BY alias, place")
        conn.execute("DROP TABLE staged")
        conn.execute("CREATE INDEX places_point ON places (country_code, latitude, longitude)")
        conn.execute(
            "INSERT INTO countries SELECT c.country_code, c.id, (SELECT t.id FROM places t "
            "WHERE t.country_code = c.country_code AND t.latitude = c.latitude "
            "AND t.longitude = c.longitude AND t.feature = 'city' "
            "ORDER BY t.population DESC, t.id LIMIT 1) "
            "FROM places c WHERE c.feature = 'country' AND c.source = 'geonames'"
        )
        conn.execute("DROP INDEX places_point")
        conn.execute("INSERT INTO meta VALUES ('longest_words', ?)", (str(longest),))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        conn.close()
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from other users sharing the cache
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_SHARED: Gazetteer | None = None
_SHARED_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer of the package's data files, opened (and if need be built) at
    first use."""
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = open_gazetteer(GEONAMES_FILE, CURATED_FILE)
    return _SHARED
