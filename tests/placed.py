"""Briefs with their places known, for the API's place tests: the real extraction, with the
places a test table says the text names (the place extractor is tested in tests/extract; here
the storage and the API are, whatever it resolves).

`placing(monkeypatch)` makes every ingest (HTTP and CLI) add them."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from extract import extract as real_extract
from extract.records import Place, PlaceMention

PLACES = {
    "Aleppo": Place(
        "geonames:170063", "Aleppo", "city", "SY", "09", "Aleppo", 36.20124, 37.16117,
        1_602_264, 170063, "geonames",
    ),
    "Geneva": Place(
        "geonames:2660646", "Geneva", "city", "CH", "GE", "Geneva", 46.20222, 6.14569,
        183_981, 2660646, "geonames",
    ),
    "Bakhmut": Place(
        "geonames:711660", "Bakhmut", "city", "UA", "05", "Donetsk", 48.59441, 38.00054,
        77_620, 711660, "geonames",
    ),
    "Kyiv": Place(
        "geonames:703448", "Kyiv", "city", "UA", "12", "Kyiv City", 50.45466, 30.5238,
        2_797_553, 703448, "geonames",
    ),
    "Donetsk Oblast": Place(
        "geonames:709716", "Donetsk Oblast", "admin1", "UA", "05", "Donetsk", 48.0, 37.8,
        4_100_280, 709716, "geonames",
    ),
    "Black Sea": Place(
        "curated:black-sea", "Black Sea", "water", None, None, None, 43.0, 35.0, None, None,
        "curated",
    ),
    "Syria": Place(
        "geonames:163843", "Syria", "country", "SY", None, None, 35.0, 38.0, 22_198_110,
        163843, "geonames",
    ),
}  # fmt: skip
PRECISION = {"city": "city", "admin1": "admin1", "country": "country", "water": "region"}

BRIEFS = [
    (
        "Clashes in Aleppo\n\nSyrian troops attacked rebels in Aleppo on Monday. Russia "
        "condemned the United States in Geneva on Tuesday.",
        "2016-10-03",
    ),
    (
        "Shelling near Bakhmut\n\nRussian forces shelled Ukrainian positions near Bakhmut on "
        "Friday. Ukraine accused Russia of war crimes in Kyiv on Saturday.",
        "2023-05-01",
    ),
    (
        "Navy drills\n\nRussia threatened Turkey in the Black Sea on Sunday. Ukraine met "
        "Poland in Donetsk Oblast on Monday.",
        "2023-06-01",
    ),
    (
        "Talks in Geneva\n\nRussia met the United States in Geneva on Monday. Syrian troops "
        "attacked rebels in Syria on Tuesday. Russia criticized France on Wednesday.",
        "2017-03-01",
    ),
]


def placed_extract(text, published=None, section=None, source=None, **kwargs):
    """The real extraction plus the places of PLACES the text names."""
    x = real_extract(text, published, section, source, **kwargs)
    found, mentions = {}, []
    for name, place in PLACES.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            found[place.key] = place
            mentions.append(PlaceMention(place.key, m.start(), m.end(), name, "ner", 0.9))
    events = []
    for e in x.events:
        sentence = text[e.sentence_start : e.sentence_end]
        named = [n for n in PLACES if re.search(rf"\b{re.escape(n)}\b", sentence)]
        if not named:
            # Whatever the real extractor made of it: these tests' places are the table's.
            events.append(replace(e, place=None, geo_precision=None))
            continue
        place = PLACES[named[0]]
        near = re.search(rf"\bnear {re.escape(named[0])}", sentence)
        precision = "near_city" if near else PRECISION[place.feature]
        events.append(replace(e, place=place.key, geo_precision=precision, location=named[0]))
    mentions.sort(key=lambda m: m.start)
    return replace(
        x, events=tuple(events), places=tuple(found.values()), place_mentions=tuple(mentions)
    )


def placing(monkeypatch) -> None:
    monkeypatch.setattr("api.ingest.extract", placed_extract)
    monkeypatch.setattr("api.changes.extract", placed_extract)


def ingest(client, text: str, published: str) -> dict:
    resp = client.post("/api/v1/documents", json={"text": text, "published": published})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine), the oracle for `near`."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
