"""Places end to end: real briefs through the real extractor, the HTTP ingest and the API —
the place each event is stored at, its precision and coordinates, and the filters finding it."""

from __future__ import annotations

import pytest

from api.db import db
from tests.conftest import BACKENDS, fresh_database, get_all, own_app

EVENTS = "/api/v1/events"

BRIEFS = {
    "aleppo": (
        "Protests in Syria\n\nProtesters gathered in Aleppo on Monday. Government forces "
        "attacked protesters in Aleppo on Tuesday."
    ),
    "bakhmut": (
        "Shelling in Ukraine\n\nRussian forces shelled Ukrainian positions near Bakhmut on "
        "Friday. Russia condemned Ukraine on Saturday."
    ),
    "black_sea": (
        "Navy drills\n\nRussia seized a Ukrainian ship in the Black Sea on Sunday, Ukraine said."
    ),
    "geneva": (
        "Talks in Geneva\n\nRussia and the United States held talks in Geneva on Tuesday "
        "about the war in Syria."
    ),
    "aleppo_dateline": (
        "Clashes\n\nALEPPO, Syria — Government forces attacked protesters in Aleppo on Tuesday."
    ),
    "geneva_us_context": (
        "Talks\n\nRussian and American diplomats held talks in Geneva on Tuesday."
    ),
}


@pytest.fixture(scope="module", params=BACKENDS)
def stored(request, tmp_path_factory):
    """(client, {brief: document}) with every brief ingested once: the tests only read."""
    url = fresh_database(request.param, tmp_path_factory.mktemp("extracted"), "extracted")
    app, token = own_app(url, "extracted")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    docs = {}
    for name, text in BRIEFS.items():
        resp = client.post("/api/v1/documents", json={"text": text, "published": "2023-05-01"})
        assert resp.status_code == 201, resp.get_json()
        docs[name] = resp.get_json()
    yield client, docs
    with app.app_context():
        db.engine.dispose()


def _event(client, doc, trigger) -> dict:
    events = get_all(client, EVENTS, document_id=doc["id"])
    return next(e for e in events if e["trigger"] == trigger)


@pytest.mark.parametrize(
    ("brief", "trigger", "place", "country", "precision", "geonames_id", "mapped"),
    [
        ("aleppo", "attacked", "Aleppo", "SY", "city", 170063, True),
        ("bakhmut", "shelled", "Bakhmut", "UA", "near_city", 713174, True),
        ("black_sea", "seized", "Black Sea", None, "region", None, False),
        ("geneva_us_context", "held talks", "Geneva", "CH", "city", 2660646, True),
    ],
)  # fmt: skip
def test_an_events_place_as_stored_and_served(
    stored, brief, trigger, place, country, precision, geonames_id, mapped
):
    client, docs = stored
    e = _event(client, docs[brief], trigger)
    assert e["place"]["name"] == place and e["location"] == place
    assert (e["geo_precision"], e["country_code"]) == (precision, country)
    item = client.get(f"/api/v1/places/{e['place']['id']}").get_json()
    assert (item["geonames_id"], item["country_code"]) == (geonames_id, country)
    if mapped:
        assert (e["latitude"], e["longitude"]) == (item["latitude"], item["longitude"])
    else:
        assert (e["latitude"], e["longitude"]) == (None, None)
    places = get_all(client, "/api/v1/places", document_id=docs[brief]["id"])
    assert place in [p["name"] for p in places]


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"country": "SY"}, [("aleppo", "attacked")], [("bakhmut", "shelled")]),
        ({"country": "UA"}, [("bakhmut", "shelled")], [("black_sea", "seized")]),
        ({"bbox": "36.0,35.5,38.0,37.0"}, [("aleppo", "attacked")], [("bakhmut", "shelled")]),
        (
            {"bbox": "22.0,44.0,40.5,52.5"},  # Ukraine, the Black Sea's north shore included
            [("bakhmut", "shelled")],
            [("black_sea", "seized"), ("aleppo", "attacked")],
        ),
        ({"near": "36.2,37.16,25"}, [("aleppo", "attacked")], [("bakhmut", "shelled")]),
        ({"near": "48.6,38.0,10"}, [("bakhmut", "shelled")], [("aleppo", "attacked")]),
        ({"precision": "near_city"}, [("bakhmut", "shelled")], [("aleppo", "attacked")]),
        ({"precision": "region"}, [("black_sea", "seized")], [("bakhmut", "shelled")]),
    ],
)
def test_filters_find_extracted_events(stored, params, present, absent):
    client, docs = stored
    found = {(e["document_id"], e["trigger"]) for e in get_all(client, EVENTS, **params)}
    for brief, trigger in present:
        assert (docs[brief]["id"], trigger) in found
    for brief, trigger in absent:
        assert (docs[brief]["id"], trigger) not in found


def test_talks_in_geneva_are_in_switzerland(stored):
    client, docs = stored
    places = get_all(client, "/api/v1/places", document_id=docs["geneva"]["id"])
    geneva = next(p for p in places if p["name"] == "Geneva")
    assert (geneva["country_code"], geneva["geonames_id"]) == ("CH", 2660646)
    assert -180 <= geneva["longitude"] <= 180 and 46 < geneva["latitude"] < 46.5


def test_a_dateline_and_a_locative_are_one_place(stored):
    client, docs = stored
    places = get_all(client, "/api/v1/places", document_id=docs["aleppo_dateline"]["id"])
    aleppo = [(p["name"], p["feature"], p["geonames_id"]) for p in places if p["name"] == "Aleppo"]
    assert aleppo == [("Aleppo", "city", 170063)]
    e = _event(client, docs["aleppo_dateline"], "attacked")
    assert (e["place"]["name"], e["geo_precision"]) == ("Aleppo", "city")
