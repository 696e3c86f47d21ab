"""The GeoJSON export of event lists: an RFC 7946 FeatureCollection (type, coordinate order and
range, null geometries, the `attribution` member), on every event list and its export, by
`format=geojson` or `Accept: application/geo+json`, and streamed in flat memory."""

from __future__ import annotations

import gc
import json
import tracemalloc
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from api.db import db
from api.models import Document, Event
from schemas.places import ATTRIBUTION
from tests.conftest import get_all

URL = "/api/v1/places"
EVENTS = "/api/v1/events"


def _valid_collection(body: dict, events: list[dict], projected: bool = False) -> None:
    """RFC 7946: a FeatureCollection, no `crs`, Points at [longitude, latitude] in range, a
    null geometry for an event without coordinates; the credit in `attribution`."""
    assert body["type"] == "FeatureCollection" and "crs" not in body
    assert body["attribution"] == ATTRIBUTION
    by_id = {e["id"]: e for e in events}
    assert [f["id"] for f in body["features"]] == [e["id"] for e in events]
    for f in body["features"]:
        e = by_id[f["id"]]
        assert f["type"] == "Feature" and set(f) == {"type", "id", "geometry", "properties"}
        if not projected:
            assert f["properties"] == e
        if e["latitude"] is None:
            assert f["geometry"] is None
            continue
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert (lon, lat) == (e["longitude"], e["latitude"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        (EVENTS, {"query_string": {"format": "geojson"}}),
        (EVENTS, {"headers": {"Accept": "application/geo+json"}}),
        (f"{EVENTS}/export", {"query_string": {"format": "geojson"}}),
        (f"{EVENTS}/export", {"query_string": {"format": "geojson", "country": "UA"}}),
        (f"{EVENTS}/export", {"query_string": {"format": "geojson", "bbox": "-10,30,50,60"}}),
    ],
)
def test_geojson_export(client, placed, path, kwargs):
    resp = client.get(path, **kwargs)
    assert resp.status_code == 200 and resp.is_streamed
    assert resp.mimetype == "application/geo+json"
    body = json.loads(resp.text)  # read before the next request: it streams from this one's
    params = {k: v for k, v in kwargs.get("query_string", {}).items() if k != "format"}
    _valid_collection(body, get_all(client, EVENTS, **params))
    assert any(f["geometry"] for f in body["features"])
    assert any(f["geometry"] is None for f in body["features"]) or params


def test_geojson_of_a_projection_keeps_its_geometry(client, placed):
    resp = client.get(EVENTS, query_string={"format": "geojson", "fields": "type,place"})
    body = json.loads(resp.text)
    _valid_collection(body, get_all(client, EVENTS), projected=True)
    assert all(list(f["properties"]) == ["id", "type", "place"] for f in body["features"])
    assert any(f["geometry"] for f in body["features"])


def test_geojson_under_an_actor_and_a_place(client, placed):
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    path = f"/api/v1/actors/{actors['Russia']}/events"
    _valid_collection(
        json.loads(client.get(f"{path}/export?format=geojson").text), get_all(client, path)
    )
    kyiv = client.get(URL, query_string={"q": "Kyiv"}).get_json()[0]
    path = f"{URL}/{kyiv['id']}/events"
    body = json.loads(client.get(path, headers={"Accept": "application/geo+json"}).text)
    _valid_collection(body, get_all(client, path))
    assert [f["geometry"]["coordinates"] for f in body["features"]] == [[30.5238, 50.45466]]


def test_geojson_is_no_format_of_other_lists(client, placed):
    for path in (URL, "/api/v1/quotes", "/api/v1/actors"):
        assert client.get(path, query_string={"format": "geojson"}).status_code == 422
        assert client.get(f"{path}/export?format=geojson").status_code == 422
        resp = client.get(path, headers={"Accept": "application/geo+json"})
        assert resp.status_code == 406


def _events(app, n: int) -> None:
    """`n` events placed at a town, written directly (the export reads; how they were
    extracted does not matter)."""
    now = datetime.now(UTC)
    with app.app_context():
        doc = Document(text="x" * 100, content_hash=f"mem{n}", language="en")
        db.session.add(doc)
        db.session.flush()
        rows = [
            {
                "document_id": doc.id, "type": "ASSAULT", "status": "asserted",
                "trigger": "attacked", "start": i, "end": i + 1, "sentence_start": 0,
                "sentence_end": 100, "confidence": 0.9, "sentence": "s" * 200,
                "updated_at": now, "geo_precision": "city", "country_code": "UA",
                "latitude": 48.0 + i / 1e5, "longitude": 37.0 + i / 1e5,
            }
            for i in range(n)
        ]  # fmt: skip
        db.session.execute(insert(Event), rows)
        db.session.commit()


def _peak(client, url) -> int:
    """The most memory the process held while streaming `url` to the end (read in chunks,
    as a client on a socket does), above what it held before."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        resp = client.get(url, buffered=False)
        chunks = 0
        for _ in resp.response:
            chunks += 1
        resp.close()
        assert chunks > 2
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_geojson_streams_in_flat_memory(app, client):
    """Five times the events, not five times the memory: the export holds a batch at a time
    (EXPORT_BATCH rows), as the CSV export does."""
    url = f"{EVENTS}/export?format=geojson"
    _events(app, 200)
    _peak(client, url)  # warm: compiled statements, lazy imports
    _events(app, 800)
    small = _peak(client, url)  # 1,000 events
    _events(app, 4000)
    large = _peak(client, url)  # 5,000 events
    print(f"geojson export peak: {small / 1024:.0f} KB at 1,000, {large / 1024:.0f} KB at 5,000")
    assert large < small * 1.6, (small, large)
