"""Concurrency and database faults, against PostgreSQL: one document for many concurrent
posts of one brief, and a 503 that heals by itself when the database comes back."""

from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from api import create_app
from api.db import db
from tests.conftest import get_all
from tests.consistency import assert_consistent


@pytest.fixture
def client(pg_app):
    c = pg_app.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {pg_app.config['TEST_WRITE_TOKEN']}"
    return c


def test_same_brief_posted_concurrently_is_one_document(pg_app, client):
    token = pg_app.config["TEST_WRITE_TOKEN"]
    text = "Concurrent\n\nRussia and Ukraine met in Istanbul on Monday, Turkey said."

    def post(_):
        c = pg_app.test_client()
        return c.post(
            "/api/v1/documents", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
        ).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(post, range(24)))
    assert codes.count(201) == 1 and codes.count(200) == 23, codes
    assert len(get_all(client, "/api/v1/documents")) == 1
    assert_consistent(pg_app)


def test_different_briefs_sharing_actors_ingest_concurrently(pg_app, client):
    token = pg_app.config["TEST_WRITE_TOKEN"]

    def post(i):
        c = pg_app.test_client()
        body = {
            "text": f"Brief {i}\n\nRussia accused Ukraine and France of spying on Monday, NATO said. Ref {i}."
        }
        return c.post(
            "/api/v1/documents", json=body, headers={"Authorization": f"Bearer {token}"}
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(post, range(16)))
    assert codes == [201] * 16
    russia = [a for a in get_all(client, "/api/v1/actors") if a["name"] == "Russia"]
    assert len(russia) == 1
    assert_consistent(pg_app)


class Proxy:
    """A TCP forwarder we can cut, standing in for a database that goes away and returns."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.conns: list[socket.socket] = []
        self.server: socket.socket | None = None

    def start(self) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(16)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass

    def stop(self) -> None:
        if self.server:
            try:
                self.server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            except OSError:
                pass
            self.server.close()
        for s in self.conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.conns.clear()


def test_database_down_is_503_and_heals(pg_app):
    url = make_url(pg_app.config["SQLALCHEMY_DATABASE_URI"])
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url.set(port=proxy.port).render_as_string(
                hide_password=False
            ),
        }
    )
    c = app.test_client()
    try:
        assert c.get("/api/v1/documents").status_code == 200
        proxy.stop()
        down = c.get("/api/v1/documents")
        assert down.status_code == 503
        assert down.get_json()["code"] == 503 and down.headers["Retry-After"]
        assert "Traceback" not in down.get_data(as_text=True)
        ready = c.get("/readyz")
        assert ready.status_code == 503 and ready.mimetype == "application/problem+json"
        assert ready.get_json()["state"] == "unavailable" and ready.headers["Retry-After"]
        assert {"type", "title", "status", "detail", "instance", "errors"} <= set(ready.json)
        assert c.get("/healthz").status_code == 200
        proxy.start()
        assert c.get("/api/v1/documents").status_code == 200
        assert c.get("/readyz").status_code == 200
    finally:
        proxy.stop()
        with app.app_context():
            db.engine.dispose()


def _through_proxy(pg_app, **config):
    url = make_url(pg_app.config["SQLALCHEMY_DATABASE_URI"])
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    uri = url.set(port=proxy.port).render_as_string(hide_password=False)
    return proxy, create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": uri, **config})


@pytest.mark.parametrize(("ping_after", "after_restart"), [(0.0, 200), (3600.0, 503)])
def test_idle_connections_are_pinged_before_use(pg_app, ping_after, after_restart):
    """A connection idle past DB_PING_AFTER is checked before a request uses it, so a database
    restart between requests costs nobody an error; one in steady use is not pinged (the
    second case shows the ping is what makes the difference)."""
    proxy, app = _through_proxy(pg_app, DB_PING_AFTER=ping_after)
    c = app.test_client()
    try:
        assert c.get("/api/v1/documents").status_code == 200
        proxy.stop()  # every pooled connection dies while idle
        proxy.start()
        assert c.get("/api/v1/documents").status_code == after_restart
        assert c.get("/api/v1/documents").status_code == 200
    finally:
        proxy.stop()
        with app.app_context():
            db.engine.dispose()


def test_busy_connections_are_not_pinged(pg_app, client, monkeypatch):
    with pg_app.app_context():
        dialect = db.engine.dialect
    pings = []
    monkeypatch.setattr(dialect, "do_ping", lambda conn: pings.append(conn) or True)
    for _ in range(3):
        assert client.get("/api/v1/documents").status_code == 200
    assert pings == []


def test_postgresql_sessions_run_without_jit(pg_app):
    """JIT compiling a generic plan took 440 ms for a 0.5 ms index scan."""
    with pg_app.app_context():
        assert db.session.execute(text("SHOW jit")).scalar() == "off"
