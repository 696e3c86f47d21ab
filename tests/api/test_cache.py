"""The response cache: a repeated read skips the view and the database, and no write — by
this process, another app on the same database, or behind the app's back with a bump — ever
leaves a stale answer behind."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from api import create_app
from api.cache import ResponseCache, bump
from api.db import db
from api.models import DataVersion

BRIEF = (
    "France accused Germany of spying on Monday. "
    '"We will not accept this," President Emmanuel Macron said. Ref {n}.'
)
READS = [
    "/api/v1/documents",
    "/api/v1/events?cursor=",
    "/api/v1/quotes?page=1",
    "/api/v1/actors",
    "/api/v1/stats/events?group_by=type",
]


def post(client, n: int) -> dict:
    resp = client.post("/api/v1/documents", json={"text": BRIEF.format(n=n)})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


class Statements:
    """SQL the app runs through its engine (the version check has its own connection)."""

    def __init__(self, app) -> None:
        with app.app_context():
            self.engine = db.engine
        self.seen: list[str] = []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._grab)
        return self.seen

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._grab)

    def _grab(self, conn, cursor, statement, *args) -> None:
        # The schema guard (alembic_version, then its pg_catalog lookup, cached 10 s) is no read
        # of the data: it comes and goes with its own cache.
        if "alembic_version" not in statement and "pg_catalog" not in statement:
            self.seen.append(statement)


def version(app) -> int:
    with app.app_context():
        return db.session.scalar(select(DataVersion.version))


@pytest.mark.parametrize("path", READS)
def test_a_repeated_read_is_served_without_sql(app, client, seed_doc, path):
    first = client.get(path)
    with Statements(app) as seen:
        again = client.get(path)
    assert seen == []
    assert again.status_code == 200 and again.get_data() == first.get_data()
    for name in ("Content-Type", "X-Pagination", "Link", "ETag"):
        assert again.headers.get(name) == first.headers.get(name)
    assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("path", READS)
def test_every_write_is_seen_by_the_next_read(app, client, seed_doc, path):
    before = client.get(path).get_data()
    new = post(client, 1)
    grown = client.get(path).get_data()
    assert grown != before
    assert client.delete(f"/api/v1/documents/{new['id']}").status_code == 204
    assert client.get(path).get_data() != grown


def test_a_write_by_another_app_on_the_database_is_seen(app, client, seed_doc):
    """Two apps on one database stand for two gunicorn workers."""
    other = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
    )
    writer = other.test_client()
    writer.environ_base["HTTP_AUTHORIZATION"] = client.environ_base["HTTP_AUTHORIZATION"]
    try:
        missing = client.get("/api/v1/documents/2")
        assert missing.status_code == 404
        count = len(client.get("/api/v1/documents").get_json())
        assert post(writer, 2)["id"] == 2
        assert client.get("/api/v1/documents/2").status_code == 200
        assert len(client.get("/api/v1/documents").get_json()) == count + 1
    finally:
        with other.app_context():
            db.engine.dispose()


def test_only_committed_writes_raise_the_version(app, client, seed_doc):
    start = version(app)
    client.get("/api/v1/documents")
    assert client.post("/api/v1/documents", json={"text": ""}).status_code == 422
    assert version(app) == start
    post(client, 3)
    assert version(app) == start + 1  # one transaction, one step


def test_a_write_behind_the_apps_back_is_seen_once_bumped(app, client, seed_doc):
    before = client.get("/api/v1/documents").get_json()
    with app.app_context(), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE documents SET source = 'edited by hand'")
        bump(conn)
    after = client.get("/api/v1/documents").get_json()
    assert [d["source"] for d in after] == ["edited by hand"] * len(before)


def test_reads_that_need_a_token_still_need_one_when_cached(app, anonymous, client, seed_doc):
    app.config["READ_TOKEN_REQUIRED"] = True
    try:
        assert client.get("/api/v1/documents").status_code == 200
        assert anonymous.get("/api/v1/documents").status_code == 401
    finally:
        app.config["READ_TOKEN_REQUIRED"] = False


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/v1/events?format=csv", {}),
        ("/api/v1/events", {"Accept": "application/x-ndjson"}),
        ("/api/v1/documents/999", {}),
        ("/api/v1/events?sort=colour", {}),
    ],
)
def test_streams_and_errors_are_not_kept(app, client, seed_doc, path, headers):
    client.get(path, headers=headers).get_data()
    with Statements(app) as seen:
        client.get(path, headers=headers).get_data()
    assert seen or path.endswith("colour")  # a 422 is decided before any SQL
    assert not app.extensions["response_cache"]["cache"].entries


def test_the_cache_can_be_turned_off(app, seed_doc):
    plain = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RESPONSE_CACHE_MB": 0,
        }
    )
    c = plain.test_client()
    try:
        c.get("/api/v1/documents")
        with Statements(plain) as seen:
            assert c.get("/api/v1/documents").status_code == 200
        assert seen
    finally:
        with plain.app_context():
            db.engine.dispose()


def test_memory_is_bounded_least_recently_used_first():
    cache = ResponseCache(max_bytes=16_000)
    assert cache.get(7, ("a",)) is None  # adopts version 7
    for n in range(100):
        cache.put(7, (n,), b"x" * 1000, [])
        if n % 3 == 0:
            cache.get(7, (0,))  # kept warm
    assert cache.size <= 16_000 and cache.get(7, (0,)) is not None
    assert cache.get(7, (1,)) is None and cache.get(7, (99,)) is not None
    cache.put(6, ("old",), b"y", [])  # computed before the version moved on
    assert cache.get(7, ("old",)) is None
    assert cache.get(8, (99,)) is None and not cache.entries
