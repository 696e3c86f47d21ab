"""Reads answered from memory until the data changes: a response cache in each worker, keyed
on the request and the database's data version.

Every transaction that writes raises `data_version` as its last statement before COMMIT (the
session events below: HTTP, CLI and bulk workers alike, and the row is locked only for that
instant). A read first fetches that number — a primary-key lookup on a connection of its own,
one round trip — and is answered from memory only with a response computed at that same
version: no worker serves data older than the last commit it can see, whichever process made
it. Authentication, rate limits and per-response headers (request id, ETag, CORS) run on hits
as on misses; only the view's work is skipped. Writes made outside the app (psql, a bulk
COPY) must raise the version themselves: `bump(connection)`.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict

from flask import Flask, Response, current_app, g, request
from sqlalchemy import event, text, update
from sqlalchemy.orm import Session

from .auth import private_path
from .db import db
from .models import DataVersion

CACHED_HEADERS = ("Content-Type", "X-Pagination", "Link")
VERSION_SQL = "SELECT version FROM data_version WHERE id = 1"
BUMP = update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)


def bump(connection) -> None:
    """Raise the data version inside `connection`'s transaction (for writers without a
    session)."""
    connection.execute(text("UPDATE data_version SET version = version + 1 WHERE id = 1"))


@event.listens_for(Session, "do_orm_execute")
def _dml(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["data_written"] = True


@event.listens_for(Session, "after_flush")
def _flushed(session, flush_context) -> None:
    session.info["data_written"] = True


@event.listens_for(Session, "before_commit")
def _raise_version(session) -> None:
    session.flush()  # what is pending is written now, so it counts
    if session.info.pop("data_written", False):
        session.execute(BUMP)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop("data_written", None)


# What an entry costs beyond its objects: its slot in the OrderedDict's table and links.
ENTRY_OVERHEAD = 200


def entry_cost(key: tuple, body: bytes, headers: list) -> int:
    """Every byte an entry keeps: the key (host, path and query string, Accept), the body,
    the headers (a Link repeats the query string) and the containers holding them."""
    objects = (key, *key, body, headers, *headers, *(s for pair in headers for s in pair))
    return sum(map(sys.getsizeof, objects)) + sys.getsizeof((body, headers, 0)) + ENTRY_OVERHEAD


class ResponseCache:
    """Responses of one data version, least recently used out first past `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.version: int | None = None
        self.entries: OrderedDict[tuple, tuple[bytes, list, int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, version: int, key: tuple):
        with self.lock:
            if version != self.version:  # the data changed: nothing kept is valid
                self.entries.clear()
                self.size, self.version = 0, version
                return None
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, version: int, key: tuple, body: bytes, headers: list) -> None:
        cost = entry_cost(key, body, headers)
        with self.lock:
            # Computed at an older version than the one now kept: already stale.
            if version != self.version or cost > self.max_bytes // 8:
                return
            if key in self.entries:
                return
            self.entries[key] = (body, headers, cost)
            self.size += cost
            while self.size > self.max_bytes:
                _, (*_, old_cost) = self.entries.popitem(last=False)
                self.size -= old_cost


class VersionReader:
    """The data version, read on a connection of this process's own (workers fork from a
    master that never connects): one statement, no pool checkout, no session."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.pid: int | None = None
        self.raw = None
        self.lock = threading.Lock()

    def read(self) -> int | None:
        """The version, or None when it cannot be read (the request then runs uncached)."""
        with self.lock:
            try:
                if self.raw is None or self.pid != os.getpid():
                    pooled = self.engine.raw_connection()
                    self.raw = pooled.driver_connection
                    pooled.detach()  # ours for the process's life, not the pool's
                    self.pid = os.getpid()
                    if self.postgres:
                        self.raw.autocommit = True
                conn = self.raw
                if self.postgres:
                    row = conn.execute(VERSION_SQL, prepare=True).fetchone()
                else:
                    row = conn.execute(VERSION_SQL).fetchone()
                return None if row is None else row[0]
            except Exception:  # noqa: BLE001 - a database error is the view's to report
                self._drop()
                return None

    def close(self, *_) -> None:
        with self.lock:
            self._drop()

    def _drop(self) -> None:
        try:
            if self.raw is not None:
                self.raw.close()
        except Exception:  # noqa: BLE001, S110 - it is being thrown away
            pass
        self.raw = None


def _key() -> tuple | None:
    if request.method != "GET" or not request.path.startswith("/api/"):
        return None
    if private_path(request.path):  # one token's own (its jobs), and changing by the second
        return None
    return (request.host, request.full_path, request.headers.get("Accept", ""))


def _lookup() -> Response | None:
    key = _key()
    if key is None:
        return None
    state = current_app.extensions["response_cache"]
    version = state["version"].read()
    if version is None:
        return None
    g.cache_key, g.cache_version = key, version
    entry = state["cache"].get(version, key)
    if entry is None:
        return None
    g.cache_hit = True
    body, headers, _ = entry
    return Response(body, status=200, headers=headers)


def _store(resp: Response) -> Response:
    key = g.get("cache_key")
    if key is None or g.get("cache_hit") or resp.status_code != 200 or resp.is_streamed:
        return resp
    headers = [(name, resp.headers[name]) for name in CACHED_HEADERS if name in resp.headers]
    state = current_app.extensions["response_cache"]
    state["cache"].put(g.cache_version, key, resp.get_data(), headers)
    return resp


def init_app(app: Flask) -> None:
    """Register before the hooks that touch the database for the view (a hit needs none),
    after authentication and rate limits (a hit is still a request)."""
    megabytes = app.config["RESPONSE_CACHE_MB"]
    if megabytes <= 0:
        return
    with app.app_context():
        engine = db.engine
    reader = VersionReader(engine)
    event.listen(engine, "engine_disposed", reader.close)  # its connection goes with the pool's
    app.extensions["response_cache"] = {
        "cache": ResponseCache(int(megabytes * 1024 * 1024)),
        "version": reader,
    }
    app.before_request(_lookup)
    app.after_request(_store)
