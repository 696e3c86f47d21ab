"""Building the gazetteer's SQLite index from its data files (see gazetteer.py for its use).

Tables: `places` (one row per place), `aliases` (folded name -> place, and whether the name is
only an alternate one), `countries` (ISO alpha-2 and alpha-3 -> the country row and its capital
town) and `meta`. The build writes a temporary file in the target's folder and renames it into
place, so a reader sees either no index or a whole one.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .folding import fold

# Lookups list candidates in this order of feature (a country or continent before curated
# places, admin1 and towns of the same name: "Congo" gives both Congos before a Brazilian
# village), then name matches before alias-only ones, then by population. Choosing is the caller's.
RANK = {
    "country": 0,
    "continent": 1,
    "region": 2,
    "water": 3,
    "landmark": 4,
    "admin1": 5,
    "city": 6,
}
CURATED_FEATURES = ("region", "water", "landmark")

_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, key TEXT NOT NULL, geonames_id INTEGER,
  feature TEXT NOT NULL, name TEXT NOT NULL, country_code TEXT, admin1_code TEXT, admin1 TEXT,
  latitude REAL, longitude REAL, population INTEGER NOT NULL, source TEXT NOT NULL,
  rank INTEGER NOT NULL);
CREATE TABLE staged (alias TEXT NOT NULL, place INTEGER NOT NULL, by_alias INTEGER NOT NULL);
CREATE TABLE aliases (alias TEXT NOT NULL, place INTEGER NOT NULL, by_alias INTEGER NOT NULL,
  PRIMARY KEY (alias, place)) WITHOUT ROWID;
CREATE TABLE codes (alpha2 TEXT PRIMARY KEY, alpha3 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE countries (code TEXT PRIMARY KEY, place INTEGER NOT NULL, capital INTEGER)
  WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def _records(geonames: Path, curated: Path) -> Iterator[tuple]:
    """(key, geonames_id, feature, name, cc, admin1_code, admin1, lat, lon, population, source,
    names) for every place of both files, read a line at a time."""
    with gzip.open(geonames, "rt", encoding="utf-8", newline="\n") as lines:
        next(lines)  # the header
        for line in lines:
            gid, feature, name, cc, a1, a1name, lat, lon, pop, names = line.rstrip("\n").split("\t")
            yield (
                (f"geonames:{gid}", int(gid), feature, name, cc or None, a1 or None)
                + (a1name or None, float(lat) if lat else None, float(lon) if lon else None)
                + (int(pop), "geonames", names.split("|"))
            )
    if not curated.exists():
        return
    for number, line in enumerate(curated.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("label") not in CURATED_FEATURES:
            raise ValueError(f"{curated}:{number}: label must be one of {CURATED_FEATURES}")
        yield (
            (f"curated:{r['id']}", r.get("geonames_id"), r["label"], r["pattern"])
            + (r.get("country_code"), None, None, r.get("latitude"), r.get("longitude"))
            + (0, "curated", [r["pattern"], *r.get("aliases", [])])
        )


def _codes(codes: Path) -> Iterator[tuple[str, str]]:
    if codes.exists():
        for line in codes.read_text(encoding="utf-8").splitlines()[1:]:
            alpha2, alpha3 = line.split("\t")
            yield alpha2, alpha3


def build_index(geonames: Path, curated: Path, path: Path, codes: Path) -> None:
    """Write the index of the files to `path`, atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        conn.execute("BEGIN")
        longest = 0
        for pid, (*fields, names) in enumerate(_records(geonames, curated), start=1):
            conn.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pid, *fields, RANK[fields[2]]),
            )
            keys = {fold(fields[3]): 0}  # the name and its folded form are not aliases
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
        conn.executemany("INSERT INTO codes VALUES (?, ?)", _codes(codes))
        # A country's point is its capital's (scripts/build_gazetteer.py): the town at exactly
        # that point is the capital.
        conn.execute("CREATE INDEX places_point ON places (country_code, latitude, longitude)")
        conn.execute(
            "INSERT INTO countries SELECT c.country_code, c.id, (SELECT t.id FROM places t "
            "WHERE t.country_code = c.country_code AND t.latitude = c.latitude "
            "AND t.longitude = c.longitude AND t.feature = 'city' "
            "ORDER BY t.population DESC, t.id LIMIT 1) "
            "FROM places c WHERE c.feature = 'country' AND c.source = 'geonames'"
        )
        conn.execute(
            "INSERT INTO countries SELECT k.alpha3, c.place, c.capital "
            "FROM codes k JOIN countries c ON c.code = k.alpha2"
        )
        conn.execute("DROP INDEX places_point")
        conn.execute("INSERT INTO meta VALUES ('longest_words', ?)", (str(longest),))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        conn.close()
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from other users sharing the cache
        os.replace(tmp, path)
    except BaseException:
        conn.close()
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale(cache_dir: Path) -> None:
    """Temporary files of builds killed midway (an hour old: under the lock nobody else writes
    one, but a platform without flock has no lock). Old indexes stay: a running process of an
    older release may still open new connections to its own."""
    for tmp in cache_dir.glob(".gazetteer-*.tmp"):
        try:
            if time.time() - tmp.stat().st_mtime > 3600:
                tmp.unlink()
        except OSError:
            pass  # gone already, or not ours to remove


class BuildLock:
    """An exclusive lock on a file in the cache folder (flock); none where fcntl is missing,
    which only costs a duplicate build: the rename keeps the index whole either way."""

    def __init__(self, folder: Path):
        self._path = folder / "gazetteer.lock"

    def __enter__(self) -> BuildLock:
        self._file = open(self._path, "a+b")  # noqa: SIM115 (closed in __exit__)
        try:
            import fcntl

            fcntl.flock(self._file, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()  # closing releases the flock
