"""The Core read path (api/rows.py) answers exactly what the marshmallow schemas dump from ORM
instances: same keys, same order, same values, on every backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from api import search
from api.db import db
from api.models import Document, Event, Quote
from schemas.documents import DocumentDetailSchema, DocumentSchema
from schemas.events import EventSchema
from schemas.quotes import QuoteSchema
from tests.conftest import BACKENDS, fresh_database, get_all, own_app

GOLD = Path(__file__).resolve().parent.parent / "gold"


@pytest.fixture(scope="module", params=BACKENDS)
def app(request, tmp_path_factory):
    """An app with the gold briefs, ingested once for the module, not once per test (the
    ingest was most of this module's time): every test here only reads."""
    url = fresh_database(request.param, tmp_path_factory.mktemp("rows"), "rows")
    app, _ = own_app(url, "rows")
    result = app.test_cli_runner().invoke(args=["ingest", str(GOLD)])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def corpus(app):
    """The tests' reminder that they read the gold briefs (`app` holds them)."""


def orm_dump(app, schema, stmt, only=None) -> list[dict]:
    with app.app_context():
        return schema(only=only).dump(db.session.scalars(stmt).all(), many=True)


LISTS = [
    (
        "/api/v1/events",
        EventSchema,
        select(Event).where(Event.status != "negated").order_by(Event.document_id, Event.start),
    ),
    ("/api/v1/quotes", QuoteSchema, select(Quote).order_by(Quote.document_id, Quote.start)),
    ("/api/v1/documents", DocumentSchema, select(Document).order_by(Document.id)),
]


@pytest.mark.parametrize(("path", "schema", "stmt"), LISTS)
def test_lists_equal_schema_dumps(app, client, corpus, path, schema, stmt):
    got = get_all(client, path)
    expected = orm_dump(app, schema, stmt.order_by(stmt.selected_columns[0].table.c.id))
    assert len(got) == len(expected) > 5
    assert [list(item) for item in got] == [list(item) for item in expected]  # key order too
    assert got == expected


@pytest.mark.parametrize(
    ("path", "schema", "stmt", "only"),
    [
        (*LISTS[0], ("id", "targets", "date", "type")),
        (*LISTS[0], ("id", "sentence")),
        (*LISTS[1], ("id", "speaker", "text")),
        (*LISTS[2], ("id", "published_at")),
    ],
)
def test_projections_equal_schema_dumps(app, client, corpus, path, schema, stmt, only):
    got = get_all(client, path, fields=",".join(only[1:]))
    expected = orm_dump(app, schema, stmt.order_by(stmt.selected_columns[0].table.c.id), only)
    assert [list(item) for item in got] == [list(only)] * len(expected)
    assert got == expected


@pytest.mark.parametrize(
    ("path", "schema", "model"),
    [
        ("/api/v1/events/{}", EventSchema, Event),
        ("/api/v1/quotes/{}", QuoteSchema, Quote),
        ("/api/v1/documents/{}", DocumentDetailSchema, Document),
    ],
)
def test_items_equal_schema_dumps(app, client, corpus, path, schema, model):
    with app.app_context():
        objects = db.session.scalars(select(model).order_by(model.id)).all()
        expected = schema(many=True).dump(objects)
    assert expected
    for item in expected:
        resp = client.get(path.format(item["id"]))
        assert resp.status_code == 200
        assert list(resp.get_json()) == list(item)
        assert resp.get_json() == item


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/quotes", "/api/v1/documents"])
def test_ndjson_export_equals_json_list(client, corpus, path):
    listed = get_all(client, path)
    resp = client.get(path, query_string={"format": "ndjson"})
    assert [json.loads(line) for line in resp.get_data(as_text=True).splitlines()] == listed


@pytest.mark.parametrize(
    ("path", "schema", "model", "field", "q"),
    [
        ("/api/v1/events", EventSchema, Event, "sentence", "said"),
        ("/api/v1/quotes", QuoteSchema, Quote, "text", "convoy"),
        ("/api/v1/documents", DocumentSchema, Document, "text", "talks"),
    ],
)
def test_search_hits_equal_schema_dumps_plus_their_highlight(
    app, client, corpus, path, schema, model, field, q
):
    hits = get_all(client, path, q=q)
    assert hits
    with app.app_context():
        objects = {o.id: o for o in db.session.scalars(select(model))}
        for hit in hits:
            obj = objects[hit["id"]]
            assert list(hit)[-1] == "search"
            assert {k: v for k, v in hit.items() if k != "search"} == schema().dump(obj)
            assert hit["search"] == search.highlight(getattr(obj, field), q)
