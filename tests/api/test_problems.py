"""One error shape (issue 24, item 3): every 4xx and 5xx the service sends, on every database,
is an `application/problem+json` body valid against the one `Error` schema of the live spec,
and the operation that sent it lists that status in the spec."""

from __future__ import annotations

import uuid

import pytest
from openapi_schema_validator import OAS30Validator

from api import create_app
from api import ingest as ingest_module
from api.auth import create_token
from api.db import db

BRIEF = {"text": "Talks\n\nRussia met Ukraine in Minsk on Monday."}


def resolved(node, spec: dict):
    """`node` with every `$ref` into the spec's components replaced by its target."""
    if isinstance(node, dict):
        if "$ref" in node:
            _, _, section, name = node["$ref"].split("/")
            return resolved(spec["components"][section][name], spec)
        return {k: resolved(v, spec) for k, v in node.items()}
    if isinstance(node, list):
        return [resolved(v, spec) for v in node]
    return node


@pytest.fixture
def error_schema(client):
    spec = client.get("/openapi.json").get_json()
    return spec, resolved(spec["components"]["schemas"]["Error"], spec)


def _read_only(app) -> dict:
    with app.app_context():
        return {"Authorization": f"Bearer {create_token(f'ro-{uuid.uuid4().hex[:6]}', 'read')}"}


@pytest.fixture
def settings(app):
    """Config changes for one request, undone after the test."""
    saved = {}

    def change(**values):
        for key, value in values.items():
            saved.setdefault(key, app.config[key])
            app.config[key] = value

    yield change
    app.config.update(saved)


def _other_app(app, **config):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATE_LIMIT_WRITES": "",
            "RATE_LIMIT_AUTH_FAILURES": "",
            **config,
        }
    )


def send(case: str, app, client, anonymous, settings, monkeypatch):
    """(response, operation path template or None, method) for each case of the table."""
    if case == "400 bad JSON":
        body = b'{"text": "T",'
        return client.post("/api/v1/documents", data=body, content_type="application/json")
    if case == "400 bad JSON batch":
        return client.post("/api/v1/ingest-jobs", data=b"[{", content_type="application/json")
    if case == "401 no token":
        return anonymous.post("/api/v1/documents", json=BRIEF)
    if case == "401 wrong token":
        return anonymous.delete("/api/v1/documents/1", headers={"Authorization": "Bearer nope"})
    if case == "403 read-only token":
        return anonymous.post("/api/v1/documents", json=BRIEF, headers=_read_only(app))
    if case == "403 origin outside the allow-list":
        settings(CORS_ORIGINS=["https://good.example"])
        return client.get("/api/v1/events", headers={"Origin": "https://evil.example"})
    if case == "403 method outside CORS_METHODS":
        settings(CORS_METHODS=["GET", "HEAD", "OPTIONS"])
        return client.post("/api/v1/documents", json=BRIEF, headers={"Origin": "https://x.example"})
    if case == "404 no route":
        return client.get("/api/v1/nowhere")
    if case == "404 id out of range":
        return client.get("/api/v1/actors/0")
    if case == "404 not an id":
        return client.get("/api/v1/actors/abc")
    if case == "404 no such event":
        return client.get("/api/v1/events/99999")
    if case == "404 delete":
        return client.delete("/api/v1/documents/99999")
    if case == "405":
        return client.put("/api/v1/events", json={})
    if case == "406":
        return client.get("/api/v1/events", headers={"Accept": "application/xml"})
    if case == "413":
        settings(MAX_CONTENT_LENGTH=100)
        return client.post("/api/v1/documents", json={"text": "T\n\n" + "x" * 500})
    if case == "415":
        return client.post("/api/v1/documents", data="<brief/>", content_type="text/xml")
    if case == "422 parameter":
        return client.get("/api/v1/events?page_size=0")
    if case == "422 list index":
        return client.get("/api/v1/events?type=ASSAULT&type=NOPE")
    if case == "422 unknown parameter":
        return client.get("/api/v1/quotes?speaker=4")
    if case == "422 body field":
        return client.post("/api/v1/documents", json={"text": ""})
    if case == "429":
        limited = _other_app(app, RATE_LIMIT_READS="1/minute", RATE_LIMIT_PREFIX=uuid.uuid4().hex)
        c = limited.test_client()
        c.get("/api/v1/events")
        resp = c.get("/api/v1/events")
        with limited.app_context():
            db.engine.dispose()
        return resp
    if case == "500":
        settings(PROPAGATE_EXCEPTIONS=False)

        def boom(*args, **kwargs):
            raise RuntimeError("secret internals")

        monkeypatch.setattr(ingest_module, "extract", boom)
        return client.post("/api/v1/documents", json=BRIEF)
    if case == "503 queue unavailable":
        # A broker nobody listens on: the job cannot be queued.
        down = _other_app(app, INGEST_BROKER_URL="redis://127.0.0.1:9/0")
        with down.app_context():
            token = create_token(f"q-{uuid.uuid4().hex[:6]}")
        resp = down.test_client().post(
            "/api/v1/ingest-jobs", json=[BRIEF], headers={"Authorization": f"Bearer {token}"}
        )
        with down.app_context():
            db.engine.dispose()
        return resp
    raise AssertionError(case)


# (case, status, the operation that answers: (method, path template) or None off the spec)
CASES = [
    ("400 bad JSON", 400, ("post", "/api/v1/documents")),
    ("400 bad JSON batch", 400, ("post", "/api/v1/ingest-jobs")),
    ("401 no token", 401, ("post", "/api/v1/documents")),
    ("401 wrong token", 401, ("delete", "/api/v1/documents/{document_id}")),
    ("403 read-only token", 403, ("post", "/api/v1/documents")),
    ("403 origin outside the allow-list", 403, ("get", "/api/v1/events")),
    ("403 method outside CORS_METHODS", 403, ("post", "/api/v1/documents")),
    ("404 no route", 404, None),
    ("404 id out of range", 404, ("get", "/api/v1/actors/{actor_id}")),
    ("404 not an id", 404, ("get", "/api/v1/actors/{actor_id}")),
    ("404 no such event", 404, ("get", "/api/v1/events/{event_id}")),
    ("404 delete", 404, ("delete", "/api/v1/documents/{document_id}")),
    ("405", 405, None),
    ("406", 406, ("get", "/api/v1/events")),
    ("413", 413, ("post", "/api/v1/documents")),
    ("415", 415, ("post", "/api/v1/documents")),
    ("422 parameter", 422, ("get", "/api/v1/events")),
    ("422 list index", 422, ("get", "/api/v1/events")),
    ("422 unknown parameter", 422, ("get", "/api/v1/quotes")),
    ("422 body field", 422, ("post", "/api/v1/documents")),
    ("429", 429, ("get", "/api/v1/events")),
    ("500", 500, ("post", "/api/v1/documents")),
    ("503 queue unavailable", 503, ("post", "/api/v1/ingest-jobs")),
]


@pytest.mark.parametrize(("case", "status", "operation"), CASES, ids=[c[0] for c in CASES])
def test_every_error_is_one_problem_shape(
    case, status, operation, app, client, anonymous, settings, monkeypatch, error_schema
):
    spec, schema = error_schema
    resp = send(case, app, client, anonymous, settings, monkeypatch)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    assert resp.mimetype == "application/problem+json", resp.headers
    body = resp.get_json()
    OAS30Validator(schema).validate(body)
    assert body["status"] == body["code"] == status and body["detail"] == body["message"]
    assert body["title"] and body["instance"] == resp.request.path
    assert "Traceback" not in resp.get_data(as_text=True) and "secret" not in body["detail"]
    if operation is not None:
        method, path = operation
        responses = spec["paths"][path][method]["responses"]
        assert str(status) in responses or (status == 500 and "default" in responses)


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/v1/actors/0", "No actor 0."),
        ("/api/v1/actors/abc", "No actor 'abc'."),
        ("/api/v1/actors/0/network", "No actor 0."),
        ("/api/v1/events/99999", "No event 99999."),
        ("/api/v1/events/99999999999", "No event 99999999999."),
        ("/api/v1/documents/-1", "No document '-1'."),
        ("/api/v1/quotes/0", "No quote 0."),
    ],
)
def test_a_missing_id_is_named_whether_or_not_it_fits(client, path, detail):
    resp = client.get(path)
    assert resp.status_code == 404 and resp.get_json()["detail"] == detail


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT&type=NOPE", [("query", "type", 1)]),
        ("page_size=0", [("query", "page_size", None)]),
        ("colour=red", [("query", "colour", None)]),
        ("cursor=zzz", [("query", "cursor", None)]),
        ("page=1&cursor=", [("query", "cursor", None)]),
        # a name of digits beyond ASCII is a name, not an index (schemathesis found a 500)
        ("3%C2%B3=1", [("query", "3³", None)]),
        ("%C2%B3=1", [("query", "³", None)]),
    ],
)
def test_field_errors_are_one_flat_list(client, query, expected):
    body = client.get(f"/api/v1/events?{query}").get_json()
    assert [(e["location"], e["field"], e["index"]) for e in body["errors"]] == expected
    assert all(e["message"] for e in body["errors"])


def test_bad_json_says_where_it_broke(client):
    resp = client.post("/api/v1/documents", data=b'{"text": "T",', content_type="application/json")
    body = resp.get_json()
    assert resp.status_code == 400 and "line 1, column 14" in body["detail"], body
    assert body["errors"] == [
        {"location": "json", "field": None, "index": None, "message": body["detail"]}
    ]


def test_a_batch_names_each_bad_item_by_index(client):
    resp = client.post("/api/v1/ingest-jobs", json=[{"text": ""}, {"text": "T", "url": "ftp://x"}])
    body = resp.get_json()
    assert resp.status_code == 422
    assert {(e["field"], e["index"]) for e in body["errors"]} == {("text", 0), ("url", 1)}
