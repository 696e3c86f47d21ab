"""Events by where they happened: `country`, `place_id`, `precision`, `bbox` and `near`, alone,
combined with the other filters and walked with a cursor; the 422s of bad values; counts by
country and place. Each filter's answer is checked against an oracle over every event's JSON."""

from __future__ import annotations

import pytest

from api.db import db
from tests.conftest import BACKENDS, fresh_database, get_all, own_app
from tests.placed import BRIEFS, PLACES, ingest, km, placing

URL = "/api/v1/events"


@pytest.fixture(scope="module", params=BACKENDS)
def reader(request, tmp_path_factory):
    """(client, every event) of an app with the placed briefs, ingested once for the module:
    the tests using it only read."""
    url = fresh_database(request.param, tmp_path_factory.mktemp("spatial"), "spatial")
    app, token = own_app(url, "spatial")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    with pytest.MonkeyPatch.context() as patch:
        placing(patch)
        for text, published in BRIEFS:
            ingest(client, text, published)
    yield client, get_all(client, URL)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def placed(client, monkeypatch):
    """The placed briefs in the per-test database (for tests that write)."""
    placing(monkeypatch)
    for text, published in BRIEFS:
        ingest(client, text, published)
    return get_all(client, URL)


def _place_id(client, name: str) -> int:
    (place,) = client.get("/api/v1/places", query_string={"q": name, "feature": "city"}).get_json()
    return place["id"]


def _in_box(e, west, south, east, north) -> bool:
    return (
        e["latitude"] is not None
        and south <= e["latitude"] <= north
        and (west <= e["longitude"] <= east)
    )


# (query, the oracle: does an event's JSON match?)
SPATIAL = {
    "country=SY": ({"country": "SY"}, lambda e, ids: e["country_code"] == "SY"),
    "country=ua,CH": (
        {"country": ["ua", "CH"]},
        lambda e, ids: e["country_code"] in ("UA", "CH"),
    ),
    "place_id=Geneva": (
        {"place_id": "Geneva"},
        lambda e, ids: e["place"] is not None and e["place"]["id"] == ids["Geneva"],
    ),
    "precision=near_city": (
        {"precision": "near_city"},
        lambda e, ids: e["geo_precision"] == "near_city",
    ),
    "precision=region,country": (
        {"precision": ["region", "country"]},
        lambda e, ids: e["geo_precision"] in ("region", "country"),
    ),
    "bbox=Syria": (
        {"bbox": "35.5,32.0,42.5,37.5"},
        lambda e, ids: _in_box(e, 35.5, 32.0, 42.5, 37.5),
    ),
    "bbox=Europe": ({"bbox": "-10,35,45,60"}, lambda e, ids: _in_box(e, -10, 35, 45, 60)),
    "near=Aleppo,50": (
        {"near": "36.2,37.16,50"},
        lambda e, ids: (
            e["latitude"] is not None and km(36.2, 37.16, e["latitude"], e["longitude"]) <= 50
        ),
    ),
    "near=Donetsk,120": (
        {"near": "48.3,37.9,120"},
        lambda e, ids: (
            e["latitude"] is not None and km(48.3, 37.9, e["latitude"], e["longitude"]) <= 120
        ),
    ),
}


def _query(client, params: dict) -> dict:
    if params.get("place_id") in PLACES:
        return {**params, "place_id": _place_id(client, params["place_id"])}
    return params


def _ids(events) -> list[int]:
    return [e["id"] for e in events]


@pytest.mark.parametrize("name", list(SPATIAL))
@pytest.mark.parametrize(
    "other",
    [{}, {"type": "ASSAULT"}, {"actor_id": "Russia"}, {"date_from": "2017-01-01"}, {"q": "troops"}],
    ids=["alone", "type", "actor_id", "date_from", "q"],
)
def test_a_spatial_filter_alone_and_combined(reader, name, other):
    client, placed = reader
    params, matches = SPATIAL[name]
    ids = {n: _place_id(client, n) for n in ("Geneva",)}
    if "actor_id" in other:
        actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
        other = {"actor_id": actors[other["actor_id"]]}
    expected = {e["id"] for e in placed if matches(e, ids)}
    assert expected, f"{name}: the data select nothing, the test would prove nothing"
    if other:
        expected &= set(_ids(get_all(client, URL, **other)))
    got = get_all(client, URL, **_query(client, params), **other)
    assert sorted(_ids(got)) == sorted(expected)
    # Still in list order.
    order = [(e["document_id"], e["start"], e["id"]) for e in got]
    assert order == sorted(order)


def test_only_town_and_admin1_events_have_coordinates(reader):
    client, placed = reader
    by_location = {e["location"]: e for e in placed if e["place"]}
    for name, precision, mapped in [
        ("Aleppo", "city", True),
        ("Bakhmut", "near_city", True),
        ("Donetsk Oblast", "admin1", True),
        ("Black Sea", "region", False),
        ("Syria", "country", False),
    ]:
        e = by_location[name]
        assert e["place"]["name"] == name and e["geo_precision"] == precision
        assert (e["latitude"], e["longitude"]) == (
            (PLACES[name].latitude, PLACES[name].longitude) if mapped else (None, None)
        )
        assert e["country_code"] == PLACES[name].country_code
    unplaced = [e for e in placed if e["place"] is None]
    assert unplaced and all(e["geo_precision"] is None for e in unplaced)


@pytest.mark.parametrize(
    "params",
    [{"bbox": "-10,30,50,60"}, {"near": "47.0,20.0,500"}, {"country": ["UA", "SY", "CH"]}],
    ids=["bbox", "near", "country"],
)
def test_a_cursor_walk_is_duplicate_free_while_documents_are_added(client, placed, params):
    """Each new brief's events come after every stored one (list order is by document): a
    walk sees each event once, the old ones all, in order."""
    before = {e["id"] for e in get_all(client, URL, **params)}
    seen, cursor, added = [], "", 0
    while True:
        resp = client.get(URL, query_string={**params, "cursor": cursor, "page_size": 2})
        assert resp.status_code == 200, resp.get_json()
        seen += resp.get_json()
        if added < 3:
            text, published = BRIEFS[added]
            ingest(client, f"Again {added}: {text}", published)
            added += 1
        cursor = resp.headers.get("X-Next-Cursor")
        if not cursor:
            break
    ids = _ids(seen)
    assert len(ids) == len(set(ids))
    assert before <= set(ids)
    order = [(e["document_id"], e["start"], e["id"]) for e in seen]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,2,3,4"}, "bbox"),
        ({"bbox": "1,2,3,4,5"}, "bbox"),
        ({"bbox": "-181,0,10,10"}, "bbox"),
        ({"bbox": "0,-91,10,10"}, "bbox"),
        ({"bbox": "0,0,10,91"}, "bbox"),
        ({"bbox": "20,0,10,10"}, "bbox"),  # west > east
        ({"bbox": "0,10,10,0"}, "bbox"),  # south > north
        ({"bbox": "nan,0,10,10"}, "bbox"),
        ({"bbox": ""}, "bbox"),
        ({"near": "36.2,37.16"}, "near"),
        ({"near": "36.2,37.16,501"}, "near"),
        ({"near": "36.2,37.16,0"}, "near"),
        ({"near": "91,37.16,10"}, "near"),
        ({"near": "36.2,181,10"}, "near"),
        ({"near": "36.2,37.16,inf"}, "near"),
        ({"country": "UKR"}, "country"),
        ({"country": "U1"}, "country"),
        ({"country": ""}, "country"),
        ({"precision": "street"}, "precision"),
        ({"place_id": "0"}, "place_id"),
    ],
)
@pytest.mark.parametrize("path", [URL, "/api/v1/stats/events"])
def test_bad_spatial_values_are_422s_naming_the_parameter(reader, path, params, field):
    client, _ = reader
    query = {**params, **({"group_by": "type"} if "stats" in path else {})}
    resp = client.get(path, query_string=query)
    assert resp.status_code == 422, resp.get_json()
    body = resp.get_json()
    assert resp.mimetype == "application/problem+json"
    assert [e["field"] for e in body["errors"]] == [field]


def test_a_radius_across_the_antimeridian(reader):
    client, placed = reader
    """A box or a circle at the date line: answered, no error (no events there)."""
    for params in ({"near": "0,179.9,300"}, {"near": "89.9,0,100"}, {"bbox": "-180,-90,180,90"}):
        assert client.get(URL, query_string=params).status_code == 200


@pytest.mark.parametrize(
    ("group_by", "params"),
    [
        ("country", {}),
        ("country", {"type": "ASSAULT"}),
        ("country", {"bbox": "-10,30,50,60"}),
        ("place", {}),
        ("place", {"date_from": "2017-01-01"}),
        ("place", {"near": "48.3,37.9,150"}),
        ("type", {"country": "UA"}),
    ],
)
def test_counts_by_country_and_place(reader, group_by, params):
    client, placed = reader
    rows = client.get("/api/v1/stats/events", query_string={"group_by": group_by, **params})
    assert rows.status_code == 200, rows.get_json()
    events = get_all(client, URL, **params)
    expected: dict = {}
    for e in events:
        key = {
            "country": e["country_code"],
            "place": e["place"] and e["place"]["name"],
            "type": e["type"],
        }[group_by]
        if key is not None:
            expected[key] = expected.get(key, 0) + 1
    got = {r["group"]: r["count"] for r in rows.get_json()}
    assert got == expected and got
    if group_by == "place":
        for r in rows.get_json():
            assert r["place"]["name"] == r["group"] and isinstance(r["place"]["id"], int)


@pytest.mark.parametrize("params", [{"bbox": "-10,30,50,60"}, {"country": "UA"}])
def test_a_timeline_counts_the_spatial_filters_events(reader, params):
    client, _ = reader
    query = {"group_by": "date", "interval": "year", "date_from": "2016-01-01", **params}
    rows = client.get("/api/v1/stats/events", query_string=query).get_json()
    events = get_all(client, URL, date_from="2016-01-01", **params)
    assert events and sum(r["count"] for r in rows) == len(events)


def test_the_distance_is_the_same_with_pythons_math_functions():
    """Where SQLite is built without its math functions, api/geo.py registers Python ones:
    the same distance either way (here they replace the built-in ones on one connection)."""
    import sqlite3

    from sqlalchemy import column
    from sqlalchemy.dialects import sqlite

    from api import geo

    sql = geo.distance_km(column("lat"), column("lon"), 36.2, 37.16).compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
    )
    builtin, python = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (builtin, python):
        conn.create_function("least", -1, geo._least, deterministic=True)
    for name, (n, fn) in geo.MATH.items():
        python.create_function(name, n, geo._guard(fn), deterministic=True)
    for lat, lon in [(36.2, 37.16), (48.59441, 38.00054), (-33.9, 151.2), (None, 10.0)]:
        query = f"SELECT {sql} FROM (SELECT ? AS lat, ? AS lon)"
        a = builtin.execute(query, (lat, lon)).fetchone()[0]
        b = python.execute(query, (lat, lon)).fetchone()[0]
        if lat is None:
            assert a is None and b is None
        else:
            assert a == pytest.approx(b) == pytest.approx(km(36.2, 37.16, lat, lon))
