"""Rate limits on writes per token, in memory and in Redis, with Retry-After on 429."""

from __future__ import annotations

import os
import uuid

import pytest

from api import create_app
from api.auth import create_token
from api.db import db

STORAGES = ["memory://"] + ([os.environ["REDIS_URL"]] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=STORAGES)
def limited(request, migrated_app):
    """An app on the same database with 3 writes a minute and 50 reads."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": migrated_app.config["SQLALCHEMY_DATABASE_URI"],
            "RATE_LIMIT_WRITES": "3/minute",
            "RATE_LIMIT_READS": "50/minute",
            "RATE_LIMIT_STORAGE": request.param,
            "RATE_LIMIT_PREFIX": f"test-{uuid.uuid4().hex}",  # runs sharing one Redis stay apart
        }
    )
    with app.app_context():
        token = create_token(f"limited-{uuid.uuid4().hex[:8]}")
    yield app, token
    with app.app_context():
        db.engine.dispose()


def test_writes_over_the_limit_get_429_with_retry_after(limited, app):
    limited_app, token = limited
    c = limited_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    codes = [
        c.post(
            "/api/v1/documents", json={"text": f"T{i}\n\nRussia said {i}."}, headers=auth
        ).status_code
        for i in range(5)
    ]
    assert codes[:3] == [201, 201, 201] and codes[3:] == [429, 429]
    resp = c.post("/api/v1/documents", json={"text": "T9\n\nMore."}, headers=auth)
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    assert resp.get_json()["code"] == 429
    assert c.get("/api/v1/documents").status_code == 200  # reads have their own budget


def test_reads_can_be_limited_per_address(limited, app):
    limited_app, _ = limited
    c = limited_app.test_client()
    codes = [
        c.get("/api/v1/actors", environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code
        for _ in range(52)
    ]
    assert codes.count(429) >= 2 and codes[0] == 200


def test_unreachable_redis_lets_requests_through(app):
    broken = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATE_LIMIT_READS": "1/minute",
            "RATE_LIMIT_STORAGE": "redis://127.0.0.1:1/0",
        }
    )
    c = broken.test_client()
    try:
        assert [c.get("/api/v1/actors").status_code for _ in range(3)] == [200, 200, 200]
    finally:
        with broken.app_context():
            db.engine.dispose()
