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


LIMIT_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


def _standing(resp) -> tuple[int, int, int]:
    return tuple(int(resp.headers[name]) for name in LIMIT_HEADERS)


def test_every_limited_write_says_where_it_stands(limited):
    """3 writes a minute: each answer counts down, and the 429 says when to come back."""
    limited_app, token = limited
    c = limited_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    run = uuid.uuid4().hex  # new texts each run: a duplicate answers 200, not 201
    answers = [
        c.post("/api/v1/documents", json={"text": f"H{i}\n\nRussia said {run}."}, headers=auth)
        for i in range(4)
    ]
    assert [r.status_code for r in answers] == [201, 201, 201, 429]
    standings = [_standing(r) for r in answers]
    assert [(limit, left) for limit, left, _ in standings] == [(3, 2), (3, 1), (3, 0), (3, 0)]
    assert all(1 <= reset <= 60 for _, _, reset in standings)
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
    assert standings[3][2] >= int(answers[3].headers["Retry-After"]) - 1


def test_limited_reads_carry_the_headers_cached_or_not(limited):
    """50 reads a minute: a fresh answer, a cached one and a 304 all count and say so."""
    limited_app, _ = limited
    c = limited_app.test_client()
    where = {"REMOTE_ADDR": "10.1.2.3"}
    first = c.get("/api/v1/actors", environ_base=where)
    cached = c.get("/api/v1/actors", environ_base=where)
    revalidated = c.get(
        "/api/v1/actors", headers={"If-None-Match": first.headers["ETag"]}, environ_base=where
    )
    assert [first.status_code, cached.status_code, revalidated.status_code] == [200, 200, 304]
    assert [_standing(r)[:2] for r in (first, cached, revalidated)] == [
        (50, 49),
        (50, 48),
        (50, 47),
    ]


def test_unlimited_answers_carry_no_limit_headers(client):
    """The suite's app limits nothing: a header would promise a limit that is not there."""
    for resp in (
        client.get("/api/v1/events"),
        client.post("/api/v1/documents", json={"text": "U\n\nSo."}),
    ):
        assert not set(LIMIT_HEADERS) & set(resp.headers.keys()), resp.headers


@pytest.mark.parametrize("storage", STORAGES)
def test_a_refused_guess_carries_the_failure_limit(app, migrated_app, storage):
    limited = limited_app(migrated_app, storage, RATE_LIMIT_AUTH_FAILURES="2/minute")
    c = limited.test_client()
    where = {"REMOTE_ADDR": "10.5.5.5"}
    try:
        for i in range(2):
            headers = {"Authorization": f"Bearer bda_wrong{i}"}
            assert (
                c.delete("/api/v1/documents/1", headers=headers, environ_base=where).status_code
                == 401
            )
        refused = c.delete(
            "/api/v1/documents/1", headers={"Authorization": "Bearer bda_x"}, environ_base=where
        )
        assert refused.status_code == 429
        assert _standing(refused)[:2] == (2, 0) and 1 <= _standing(refused)[2] <= 60
    finally:
        with limited.app_context():
            db.engine.dispose()


def test_the_spec_declares_the_limit_headers(anonymous):
    spec = anonymous.get("/openapi.json").get_json()
    assert set(spec["components"]["headers"]) >= set(LIMIT_HEADERS)
    limited_answer = spec["components"]["responses"]["TOO_MANY_REQUESTS"]
    assert {"Retry-After", *LIMIT_HEADERS} <= set(limited_answer["headers"])
    assert set(limited_answer["content"]) == {"application/problem+json"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "delete"):
                continue
            responses = operation["responses"]
            assert responses["429"] == {"$ref": "#/components/responses/TOO_MANY_REQUESTS"}, path
            for status, response in responses.items():
                if status.startswith("2") and "$ref" not in response:
                    assert set(LIMIT_HEADERS) <= set(response["headers"]), (path, method, status)
