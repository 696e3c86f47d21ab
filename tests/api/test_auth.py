"""Access control: tokens for writes, optional tokens for reads, CLI management."""

from __future__ import annotations

import pytest

from tests.conftest import get_all

BRIEF = {"text": "Title\n\nRussia said so on Monday."}


@pytest.mark.parametrize(
    ("header", "status", "challenge"),
    [
        (None, 401, 'Bearer realm="brief-data-api"'),
        ("Bearer", 401, 'Bearer realm="brief-data-api"'),
        ("Basic dXNlcjpwYXNz", 401, 'Bearer realm="brief-data-api"'),
        ("Bearer bda_not-a-real-token", 401, 'error="invalid_token"'),
    ],
)
def test_writes_need_a_valid_token(anonymous, client, header, status, challenge):
    headers = {"Authorization": header} if header else {}
    for resp in (
        anonymous.post("/api/v1/documents", json=BRIEF, headers=headers),
        anonymous.delete("/api/v1/documents/1", headers=headers),
    ):
        assert resp.status_code == status
        assert resp.get_json()["code"] == status
        assert challenge in resp.headers["WWW-Authenticate"]
    assert get_all(client, "/api/v1/documents") == []


def test_read_token_cannot_write_and_reads_are_public(runner, anonymous, client):
    read = runner.invoke(args=["tokens", "create", "reader", "--scope", "read"]).output.strip()
    resp = anonymous.post(
        "/api/v1/documents", json=BRIEF, headers={"Authorization": f"Bearer {read}"}
    )
    assert resp.status_code == 403 and resp.get_json()["message"]
    assert anonymous.get("/api/v1/documents").status_code == 200
    assert get_all(client, "/api/v1/documents") == []
    runner.invoke(args=["tokens", "revoke", "reader"])


def test_token_lifecycle_from_the_cli(runner, anonymous, app):
    token = runner.invoke(args=["tokens", "create", "ci-writer"]).output.strip()
    assert token.startswith("bda_")
    auth = {"Authorization": f"Bearer {token}"}
    assert anonymous.post("/api/v1/documents", json=BRIEF, headers=auth).status_code == 201
    listed = runner.invoke(args=["tokens", "list"]).output
    assert "ci-writer" in listed and token not in listed
    assert runner.invoke(args=["tokens", "create", "ci-writer"]).exit_code != 0
    assert runner.invoke(args=["tokens", "revoke", "ci-writer"]).exit_code == 0
    assert anonymous.post("/api/v1/documents", json=BRIEF, headers=auth).status_code == 401
    assert runner.invoke(args=["tokens", "revoke", "nobody"]).exit_code != 0


def test_token_stored_only_as_hash(runner, app):
    from sqlalchemy import select

    from api.db import db
    from api.models import ApiToken

    token = runner.invoke(args=["tokens", "create", "hashed"]).output.strip()
    with app.app_context():
        stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored and all(len(h) == 64 for h in stored)
    runner.invoke(args=["tokens", "revoke", "hashed"])


def test_reads_can_require_a_token(app, anonymous, client):
    app.config["READ_TOKEN_REQUIRED"] = True
    try:
        assert anonymous.get("/api/v1/events").status_code == 401
        assert client.get("/api/v1/events").status_code == 200
        assert anonymous.get("/healthz").status_code == 200
    finally:
        app.config["READ_TOKEN_REQUIRED"] = False
