"""Health, readiness, the schema guard, request ids, logs and security headers."""

from __future__ import annotations

import io
import json
import logging

from flask_migrate import downgrade, upgrade

from api import create_app
from api.db import db
from api.logs import JsonFormatter
from tests.conftest import database_url, reset_schema


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
    assert c.get("/readyz").get_json()["status"] == "behind"
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
