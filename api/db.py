"""The SQLAlchemy handle and the column types shared by the models."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from datetime import UTC, datetime

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, MetaData, String, Text, TypeDecorator, event, exc
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on every backend (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


# Text derived from a brief has no length of its own. Columns that are indexed (or feed the
# search vector) keep a length and take text cut to it at a word boundary (`fit`, documented
# on the field); the others are text of any length.
TITLE_MAX = 500  # documents.title: in the search vector
NAME_MAX = 300  # actors.name and key, actor_aliases.alias: indexed


def fit(value: str | None, limit: int) -> str | None:
    """`value` cut to `limit` characters at the last word boundary (a hard cut for a single
    word that long)."""
    if value is None or len(value) <= limit:
        return value
    cut = value[: limit + 1].rsplit(None, 1)[0] if " " in value[: limit + 1] else ""
    return (cut if 0 < len(cut) <= limit else value[:limit]).rstrip()


def fit_key(key: str) -> str:
    """An actor's key within NAME_MAX: cut, with a digest of the whole so that two keys
    sharing a long beginning stay two actors."""
    if len(key) <= NAME_MAX:
        return key
    return key[: NAME_MAX - 17] + "#" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def unbounded(sqlite_length: int):
    """Text of any length. SQLite never enforced the VARCHAR(n) these columns were created
    with, and changing a declared type there means recreating tables others reference: its
    columns keep their declaration (migration 7c1e4b9d2f30)."""
    return Text().with_variant(String(sqlite_length), "sqlite")


def insert_for(session, model):
    """An INSERT that can take ON CONFLICT clauses, in the session's dialect."""
    postgres = session.get_bind().dialect.name == "postgresql"
    return (pg_insert if postgres else sqlite_insert)(model)


def utcnow() -> datetime:
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, connection_record):
    # SQLite ignores ON DELETE CASCADE unless asked, per connection.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def configure_engine(app: Flask) -> None:
    """Engine options that depend on the backend; before the engine is made."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(
            app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}
        )
        connect_args = options["connect_args"] = dict(options.get("connect_args") or {})
        # JIT compiles a plan whose estimated cost passes 100,000 (a generic plan over a
        # million rows does): 440 ms of compiling for a 0.5 ms index scan. Every query here
        # is a short index walk or a streamed scan, where JIT buys nothing.
        connect_args.setdefault("options", "-c jit=off")


def _ping_idle_connections(app: Flask, engine: Engine) -> None:
    """Pessimistic disconnect handling, for idle connections only (SQLAlchemy's pre-ping
    costs a round trip on every checkout): a dead one is replaced before the request uses it."""
    ping_after = app.config["DB_PING_AFTER"]

    @event.listens_for(engine, "checkin")
    def _idle_from(dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, record, proxy) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < ping_after:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out (or opens) another.
            raise exc.DisconnectionError() from error


TIMEOUT = "statement_timeout"  # the key in a pooled connection's info: the timeout it runs with


def init_app(app: Flask) -> None:
    with app.app_context():
        _ping_idle_connections(app, db.engine)

    timeout_ms = int(app.config["READ_TIMEOUT"] * 1000)

    @app.before_request
    def _postgres_reads() -> None:
        if not request.path.startswith("/api/") or db.engine.dialect.name != "postgresql":
            return
        session = db.session()
        if request.method not in ("GET", "HEAD"):
            # A write is not a read: the transaction lifts a timeout its connection kept.
            if request.method != "OPTIONS" and session.connection().info.get(TIMEOUT):
                session.connection().exec_driver_sql("SET LOCAL statement_timeout = 0")
            return
        if session.in_transaction():
            # A token lookup began a transaction; it serves the read as well, and the
            # timeout lasts as long as it.
            session.connection().exec_driver_sql(f"SET LOCAL statement_timeout = {timeout_ms}")
            return
        # Under READ COMMITTED every statement takes its own snapshot anyway, so a read in
        # autocommit sees what it would in a transaction, minus the BEGIN and ROLLBACK round
        # trips (two of the four a list request made).
        conn = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        # No read may hold a worker for long (a costly filter set, a planner surprise): the
        # statement is cancelled past READ_TIMEOUT and the read answers 503. Set once per
        # pooled connection (kept in its info, which a reconnect clears), not a round trip
        # per request.
        if conn.info.get(TIMEOUT) != timeout_ms:
            conn.exec_driver_sql(f"SET statement_timeout = {timeout_ms}")
            conn.info[TIMEOUT] = timeout_ms
