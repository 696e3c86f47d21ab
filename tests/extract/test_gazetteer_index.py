"""The gazetteer's index (issue 23): built at first use into a cache folder, named by the hash
of its files, shared by processes that start together, and used from threads and forked
workers."""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import os
import sqlite3
import threading
from pathlib import Path

from extract.places import gazetteer as gz
from extract.places.folding import COLUMNS
from extract.places.gazetteer import Gazetteer, open_gazetteer
from extract.places.gazetteer_index import build_index
from tests.extract.test_gazetteer import CURATED, write_curated


def small_files(folder: Path, curated_rows: list[dict] | None = CURATED) -> tuple[Path, Path]:
    header = "\t".join(COLUMNS) + "\n"
    rows = [
        "1\tcity\tAlpha\tAA\t01\tOne\t1.00000\t2.00000\t20000\tAlpha|Alfa\n",
        "2\tcountry\tAaland\tAA\t\t\t1.00000\t2.00000\t900000\tAaland|Republic of Aaland\n",
        "3\tadmin1\tOne\tAA\t01\tOne\t1.50000\t2.50000\t20000\tOne|One Province\n",
    ]
    geonames = folder / "gazetteer.tsv.gz"
    geonames.write_bytes(gzip.compress((header + "".join(rows)).encode(), mtime=0))
    curated = folder / "places_extra.jsonl"
    if curated_rows is None:
        curated.unlink(missing_ok=True)
    else:
        write_curated(curated, curated_rows)
    return geonames, curated


def test_small_files_lookup_and_capital(tmp_path):
    places = open_gazetteer(*small_files(tmp_path), tmp_path / "cache")
    assert [c.key for c in places.lookup("alfa")] == ["geonames:1"]
    assert places.lookup("alfa")[0].by_alias and not places.lookup("ALPHA")[0].by_alias
    assert places.capital("AA").key == "geonames:1" and places.country("aa").key == "geonames:2"
    assert places.longest_words() == 3  # "republic of aaland"


def test_index_is_keyed_by_both_files(tmp_path):
    cache = tmp_path / "cache"
    geonames, curated = small_files(tmp_path)
    first = open_gazetteer(geonames, curated, cache)
    assert first.lookup("Sahel") and not first.lookup("Darfur")
    darfur = {"id": "darfur", "label": "region", "pattern": "Darfur", "aliases": []}
    write_curated(curated, CURATED + [darfur | {"country_code": "SD", "latitude": 13.0}])
    second = open_gazetteer(geonames, curated, cache)
    assert second.path != first.path and first.path.exists()
    assert second.lookup("Darfur")[0].country_code == "SD"
    assert first.lookup("Darfur") == []  # the old index is unchanged
    curated.unlink()
    third = open_gazetteer(geonames, curated, cache)  # works without the curated file
    assert third.path not in (first.path, second.path)
    assert third.lookup("Sahel") == [] and third.lookup("Alpha")
    assert open_gazetteer(geonames, curated, cache).path == third.path
    digest = hashlib.sha256(geonames.read_bytes()).hexdigest()
    assert digest not in third.path.name  # named by a hash of both, not of one file


def test_a_damaged_index_is_built_anew(tmp_path):
    files = small_files(tmp_path)
    first = open_gazetteer(*files, tmp_path / "cache")
    first.path.write_bytes(b"not a database" * 100)
    again = open_gazetteer(*files, tmp_path / "cache")
    assert again.path == first.path and again.lookup("Alpha")
    check_index(again.path)


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_one(tmp_path, monkeypatch):
    monkeypatch.setattr(gz.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    places = open_gazetteer(*small_files(tmp_path), blocker / "cache")
    assert places.path.parent.parent == tmp_path / "tmp" and places.lookup("Alpha")


def _open_and_look(args: tuple[str, str, str]) -> tuple[str, list[str]]:
    places = open_gazetteer(Path(args[0]), Path(args[1]), Path(args[2]))
    return str(places.path), [c.key for c in places.lookup("Idlib")]


def _build_without_lock(args: tuple[str, str, str]) -> None:
    build_index(Path(args[0]), Path(args[1]), Path(args[2]), gz.CODES_FILE)


def check_index(path: Path) -> None:
    with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_concurrent_first_use_builds_one_index(tmp_path):
    cache = tmp_path / "cache"
    curated = write_curated(tmp_path / "places_extra.jsonl", CURATED)
    args = (str(gz.GEONAMES_FILE), str(curated), str(cache))
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.map(_open_and_look, [args] * 3)
    assert len({path for path, _ in results}) == 1
    assert len({tuple(keys) for _, keys in results}) == 1 and "geonames:169389" in results[0][1]
    assert [p.name for p in cache.glob("*.sqlite3")] == [Path(results[0][0]).name]
    assert not list(cache.glob("*.tmp"))
    check_index(Path(results[0][0]))


def test_concurrent_builds_without_a_lock_leave_a_whole_index(tmp_path):
    geonames, curated = small_files(tmp_path)
    target = tmp_path / "index.sqlite3"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_build_without_lock, [(str(geonames), str(curated), str(target))] * 8)
    check_index(target)
    assert [c.key for c in Gazetteer(target).lookup("Alpha")] == ["geonames:1"]
    assert not list(tmp_path.glob("*.tmp"))


def test_threads_share_a_gazetteer(tmp_path):
    places = open_gazetteer(*small_files(tmp_path), tmp_path / "cache")
    errors, keys = [], []

    def work():
        try:
            for text in ("Alpha", "One", "Sahel", "Aaland") * 50:
                keys.append(places.lookup(text)[0].key)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(keys) == 800


def _lookup_in_child(places: Gazetteer, queue) -> None:
    keys = [c.key for c in places.lookup("One Province")]
    queue.put((places._local.pid == os.getpid(), keys))  # the connection used is the child's


def test_a_forked_worker_opens_its_own_connection(tmp_path):
    """gunicorn --preload forks workers after the app (and maybe the gazetteer) is loaded: the
    parent's connection must not be used by the child."""
    places = open_gazetteer(*small_files(tmp_path), tmp_path / "cache")
    parent = places._db()
    assert places.lookup("Alpha")  # the parent's connection is open and used
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_lookup_in_child, args=(places, queue))
    child.start()
    (own_connection, got) = queue.get(timeout=60)
    child.join(60)
    # A name the parent never looked up (its cache cannot answer), through the child's own
    # connection, which stays the child's for later lookups.
    assert child.exitcode == 0 and got and got == [c.key for c in places.lookup("One Province")]
    assert own_connection and places._db() is parent


def test_process_wide_gazetteer(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gz, "_SHARED", None)
    monkeypatch.setattr(gz, "CURATED_FILE", tmp_path / "absent.jsonl")
    first = gz.gazetteer()
    assert gz.gazetteer() is first and first.path.parent == tmp_path / "cache"
    assert first.lookup("Aleppo")
