"""Health, readiness, the schema guard, request ids, logs and security headers."""

from __future__ import annotations

import io
import json
import logging

import pytest
from flask_migrate import downgrade, upgrade

from api import create_app
from api.db import db
from api.logs import JsonFormatter
from tests.conftest import BACKENDS, database_url, fresh_database, reset_schema


def test_healthz_and_readyz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["status"] == "ready"


def test_serving_refuses_a_schema_that_is_behind(tmp_path_factory):
    url = database_url("sqlite", tmp_path_factory)
    reset_schema(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="5e5403d23d00")  # one migration short of head
    c = app.test_client()
    resp = c.get("/api/v1/documents")
    assert resp.status_code == 503 and "flask --app api db upgrade" in resp.get_json()["message"]
    assert resp.headers["Retry-After"]
    ready = c.get("/readyz")
    assert ready.status_code == 503 and ready.mimetype == "application/problem+json"
    assert (ready.get_json()["state"], ready.get_json()["status"]) == ("behind", 503)
    with app.app_context():
        upgrade()  # the CLI path still works on such a database
    app.extensions["schema_check"]["at"] = 0
    assert c.get("/api/v1/documents").status_code == 200
    with app.app_context():
        downgrade(revision="base")
        db.engine.dispose()


def test_request_id_is_echoed_or_made(client):
    resp = client.get("/api/v1/documents", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["X-Request-ID"] == "abc-123"
    made = client.get("/api/v1/documents", headers={"X-Request-ID": "<script>"}).headers[
        "X-Request-ID"
    ]
    assert made != "<script>" and len(made) == 32


def test_security_headers_on_every_response(client):
    for resp in (
        client.get("/api/v1/documents"),
        client.get("/nowhere"),
        client.post("/api/v1/documents", json={}),
    ):
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in resp.headers["Content-Security-Policy"]


def test_logs_are_json_without_secrets(app, client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    app.logger.addHandler(handler)
    try:
        client.post(
            "/api/v1/documents?source=secret-source",
            json={"text": "Title\n\nSecret body text here."},
        )
    finally:
        app.logger.removeHandler(handler)
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    entry = next(e for e in entries if e["message"] == "request")
    assert entry["method"] == "POST" and entry["status"] == 201 and entry["request_id"]
    text = stream.getvalue()
    assert "Secret body" not in text and "secret-source" not in text
    assert app.config["TEST_WRITE_TOKEN"] not in text


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_downgrade_under_a_running_server_is_503_at_once(backend, tmp_path_factory):
    """The schema check is cached for seconds; a statement failing on a table the downgrade
    dropped re-checks at once. Before: 500 (PostgreSQL) or "database unavailable" (SQLite)
    until the cache ran out."""
    url = fresh_database(backend, tmp_path_factory.mktemp("schema"), "migrations")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "RESPONSE_CACHE_MB": 0})
    c = app.test_client()
    timeline = "/api/v1/stats/events?group_by=date&interval=month"
    try:
        with app.app_context():
            upgrade()
        assert c.get(timeline).status_code == 200  # the check passed, and is cached
        with app.app_context():
            downgrade(revision="d7e1b5c3a9f2")  # drops event_months, which the timeline reads
        for path in (timeline, "/api/v1/documents"):
            resp = c.get(path)
            assert resp.status_code == 503, resp.get_data(as_text=True)[:300]
            assert "flask --app api db upgrade" in resp.get_json()["message"]
        with app.app_context():
            upgrade()
        assert c.get(timeline).status_code == 200
    finally:
        with app.app_context():
            downgrade(revision="base")
            db.engine.dispose()
