"""Rate limits on writes per token, reads and failed authentications per address, over a
moving window, in memory and in Redis, with Retry-After on 429."""

from __future__ import annotations

import os
import time
import uuid

import pytest

from api import create_app
from api.auth import create_token
from api.db import db

STORAGES = ["memory://"] + ([os.environ["REDIS_URL"]] if os.environ.get("REDIS_URL") else [])


def limited_app(migrated_app, storage: str, **limits):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": migrated_app.config["SQLALCHEMY_DATABASE_URI"],
            "RATE_LIMIT_STORAGE": storage,
            "RATE_LIMIT_PREFIX": f"test-{uuid.uuid4().hex}",  # runs sharing one Redis stay apart
            **limits,
        }
    )


@pytest.fixture(params=STORAGES)
def limited(request, migrated_app):
    """An app on the same database with 3 writes a minute and 50 reads."""
    app = limited_app(
        migrated_app, request.param, RATE_LIMIT_WRITES="3/minute", RATE_LIMIT_READS="50/minute"
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


@pytest.mark.parametrize("storage", STORAGES)
def test_no_stretch_of_the_period_lets_more_than_the_limit_through(app, migrated_app, storage):
    """3 a second, asked for 1.25 s from just before a second turns: a fixed window let 3
    through before the boundary and 3 more right after it, 6 within 0.2 s."""
    limited = limited_app(migrated_app, storage, RATE_LIMIT_READS="3/second")
    c = limited.test_client()
    try:
        while time.time() % 1 < 0.75:  # the old windows turned on the wall clock's seconds
            time.sleep(0.01)
        passed, start = [], time.monotonic()
        while time.monotonic() - start < 1.25:
            resp = c.get("/api/v1/actors")
            if resp.status_code == 200:
                passed.append(time.monotonic())
            else:
                assert resp.status_code == 429 and 1 <= int(resp.headers["Retry-After"]) <= 1
            time.sleep(0.02)
        assert len(passed) >= 4  # the window moved on: more passed after a second
        for at in passed:
            assert sum(at <= t < at + 0.9 for t in passed) <= 3, [t - start for t in passed]
    finally:
        with limited.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("storage", STORAGES)
def test_failed_authentications_are_limited_per_address(app, migrated_app, storage):
    """3 wrong tokens a minute from an address; then even a right one is refused there
    before any look-up (a guesser learns nothing), while other addresses are served."""
    limited = limited_app(migrated_app, storage, RATE_LIMIT_AUTH_FAILURES="3/minute")
    with limited.app_context():
        token = create_token(f"guessed-{uuid.uuid4().hex[:8]}")
    c = limited.test_client()
    guesser = {"REMOTE_ADDR": "10.6.6.6"}
    brief = {"text": f"T\n\nRussia said so. {uuid.uuid4().hex}"}

    def post(token_, where):
        headers = {"Authorization": f"Bearer {token_}"}
        return c.post("/api/v1/documents", json=brief, headers=headers, environ_base=where)

    try:
        assert c.post("/api/v1/documents", json=brief, environ_base=guesser).status_code == 401
        codes = [post(f"bda_guess{i}", guesser).status_code for i in range(5)]
        assert codes == [401, 401, 401, 429, 429]  # no token at all is no guess
        refused = post(token, guesser)
        assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
        assert post(token, {"REMOTE_ADDR": "10.7.7.7"}).status_code == 201
    finally:
        with limited.app_context():
            db.engine.dispose()
