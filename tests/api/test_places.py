"""Places over HTTP: `/places` and its items and events, places shared across documents and
kept when a document goes, `reextract` filling them, the event's place in every format, the
GeoJSON export (RFC 7946) streamed in flat memory, and the GeoNames credit where it is due."""

from __future__ import annotations

import csv
import io
import json

import pytest

from schemas import examples
from schemas.places import ATTRIBUTION
from tests.conftest import get_all
from tests.placed import BRIEFS, PLACES, ingest, placing

URL = "/api/v1/places"
EVENTS = "/api/v1/events"


def _names(items) -> list[str]:
    return [p["name"] for p in items]


def test_a_documents_places(client, placed):
    places = get_all(client, URL, document_id=placed[0]["id"])
    assert sorted(_names(places)) == ["Aleppo", "Geneva"]
    aleppo = next(p for p in places if p["name"] == "Aleppo")
    # The spec's example is this very place.
    assert aleppo == {**examples.PLACE, "id": aleppo["id"]}
    assert client.get(f"{URL}/{aleppo['id']}").get_json() == aleppo


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, sorted(PLACES)),
        ({"country": "ua"}, ["Bakhmut", "Donetsk Oblast", "Kyiv"]),
        ({"country": ["SY", "CH"]}, ["Aleppo", "Geneva", "Syria"]),
        ({"feature": "city"}, ["Aleppo", "Bakhmut", "Geneva", "Kyiv"]),
        ({"feature": ["water", "country"]}, ["Black Sea", "Syria"]),
        ({"q": "sea"}, ["Black Sea"]),
        ({"q": "%"}, []),
        ({"country": "UA", "feature": "admin1"}, ["Donetsk Oblast"]),
    ],
)
def test_place_filters(client, placed, params, expected):
    assert sorted(_names(get_all(client, URL, **params))) == expected


def test_places_sort_walk_and_export(client, placed):
    by_name = client.get(URL, query_string={"sort": "name", "page_size": 3}).get_json()
    assert _names(by_name) == sorted(PLACES)[:3]
    walked, cursor = [], ""
    while cursor is not None:
        resp = client.get(URL, query_string={"cursor": cursor, "page_size": 2, "sort": "-name"})
        walked += resp.get_json()
        cursor = resp.headers.get("X-Next-Cursor")
    assert _names(walked) == sorted(PLACES, reverse=True)
    rows = list(csv.DictReader(io.StringIO(client.get(f"{URL}/export?format=csv").text)))
    assert sorted(r["name"] for r in rows) == sorted(PLACES)
    assert {r["geonames_id"] for r in rows if r["name"] == "Black Sea"} == {""}
    first = client.get(URL, query_string={"page_size": 2})
    again = client.get(
        URL, query_string={"page_size": 2}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_unknown_places_are_404s(client, placed):
    for path in (f"{URL}/999", f"{URL}/999/events", f"{URL}/999/events/export?format=csv"):
        resp = client.get(path)
        assert resp.status_code == 404 and resp.mimetype == "application/problem+json"


def test_a_places_events(client, placed):
    geneva = client.get(URL, query_string={"q": "Geneva"}).get_json()[0]
    events = get_all(client, f"{URL}/{geneva['id']}/events")
    assert len(events) == 2 and {e["place"]["id"] for e in events} == {geneva["id"]}
    assert all(e["location"] == "Geneva" for e in events)
    only = get_all(client, f"{URL}/{geneva['id']}/events", document_id=placed[0]["id"])
    assert [e["document_id"] for e in only] == [placed[0]["id"]]


def test_places_are_shared_and_stay_when_a_document_goes(client, placed):
    aleppo = client.get(URL, query_string={"q": "Aleppo"}).get_json()
    again = ingest(client, "More clashes\n\nSyrian troops attacked rebels in Aleppo.", "2016-10-05")
    assert client.get(URL, query_string={"q": "Aleppo"}).get_json() == aleppo
    both = get_all(client, URL, document_id=[placed[0]["id"], again["id"]])
    assert sorted(_names(both)) == ["Aleppo", "Geneva"]
    assert client.delete(f"/api/v1/documents/{again['id']}").status_code == 204
    assert client.delete(f"/api/v1/documents/{placed[0]['id']}").status_code == 204
    # The mentions went with their documents; the places stay.
    assert get_all(client, URL, document_id=placed[0]["id"]) == []
    assert client.get(f"{URL}/{aleppo[0]['id']}").status_code == 200
    assert get_all(client, f"{URL}/{aleppo[0]['id']}/events") == []


@pytest.fixture
def unplaced(monkeypatch):
    """Extraction without places (as before the place extractor)."""
    from dataclasses import replace

    from tests.placed import real_extract

    def bare(*args, **kwargs):
        x = real_extract(*args, **kwargs)
        events = tuple(replace(e, place=None, geo_precision=None) for e in x.events)
        return replace(x, places=(), place_mentions=(), events=events)

    monkeypatch.setattr("api.ingest.extract", bare)


def test_reextract_after_an_ingest_without_places(client, runner, unplaced, monkeypatch):
    text, published = BRIEFS[1]
    doc = ingest(client, text, published)
    assert all(e["place"] is None for e in get_all(client, EVENTS))
    assert get_all(client, URL) == []
    placing(monkeypatch)
    assert runner.invoke(args=["reextract"]).exit_code == 0
    events = get_all(client, EVENTS, document_id=doc["id"])
    assert {e["place"]["name"] for e in events if e["place"]} == {"Bakhmut", "Kyiv"}


def test_place_and_precision_in_json_csv_and_ndjson(client, placed):
    events = get_all(client, EVENTS)
    by_id = {e["id"]: e for e in events}
    assert {e["geo_precision"] for e in events} == {
        None,
        "city",
        "near_city",
        "admin1",
        "region",
        "country",
    }
    rows = list(csv.DictReader(io.StringIO(client.get(f"{EVENTS}/export?format=csv").text)))
    assert len(rows) == len(events)
    for row in rows:
        e = by_id[int(row["id"])]
        assert row["place"] == (e["place"]["name"] if e["place"] else "")
        assert row["place_id"] == (str(e["place"]["id"]) if e["place"] else "")
        assert row["geo_precision"] == (e["geo_precision"] or "")
    lines = client.get(EVENTS, query_string={"format": "ndjson"}).text.splitlines()
    assert [json.loads(line) for line in lines] == events
    projected = client.get(EVENTS, query_string={"fields": "place,geo_precision"}).get_json()
    assert all(list(e) == ["id", "place", "geo_precision"] for e in projected)


def test_the_geonames_credit_is_in_the_spec(client):
    """CC BY 4.0: the credit in the `/places` schemas and the description `/docs` shows (the
    GeoJSON `attribution` member is checked with every collection above)."""
    spec = client.get("/openapi.json").get_json()
    assert ATTRIBUTION in spec["info"]["description"]
    for name in ("Place", "PlaceRef"):
        assert ATTRIBUTION in spec["components"]["schemas"][name]["description"]
    assert ATTRIBUTION in spec["components"]["schemas"]["FeatureCollection"]["description"]
    operation = spec["paths"]["/api/v1/places"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/Place"
    }


def test_concurrent_ingests_naming_new_places_make_each_once(app, client, monkeypatch):
    """Released together, every ingest of briefs naming the same places, none stored yet,
    succeeds; each place is one row, and every event points at it."""
    from datetime import date, timedelta

    from tests.api.test_races import _together

    placing(monkeypatch)
    brief = "Clash {n}\n\nSyrian troops attacked rebels in Aleppo on Monday. Ref {n}. Kyiv, Geneva."

    def post(n):
        published = date(2024, 1, 1) + timedelta(weeks=n)
        body = {"text": brief.format(n=n), "published": str(published)}
        return (
            app.test_client()
            .post(
                "/api/v1/documents",
                json=body,
                headers={"Authorization": f"Bearer {app.config['TEST_WRITE_TOKEN']}"},
            )
            .status_code
        )

    assert _together(*[lambda n=n: post(n) for n in range(6)]) == [201] * 6
    assert sorted(_names(get_all(client, URL))) == ["Aleppo", "Geneva", "Kyiv"]
    aleppo = client.get(URL, query_string={"q": "Aleppo"}).get_json()[0]
    events = get_all(client, EVENTS)
    assert len(events) == 6 and {e["place"]["id"] for e in events} == {aleppo["id"]}
    for doc in get_all(client, "/api/v1/documents"):
        assert len(get_all(client, URL, document_id=doc["id"])) == 3


def test_the_notice_beside_the_data_carries_the_credit():
    from pathlib import Path

    notice = Path(__file__).resolve().parents[2] / "extract" / "data" / "NOTICE-geonames.md"
    assert ATTRIBUTION in notice.read_text(encoding="utf-8")
