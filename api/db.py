"""The SQLAlchemy handle and the column types shared by the models."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, MetaData, TypeDecorator, event, exc
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


def init_app(app: Flask) -> None:
    with app.app_context():
        _ping_idle_connections(app, db.engine)

    @app.before_request
    def _autocommit_reads() -> None:
        # Under READ COMMITTED every statement takes its own snapshot anyway, so a read in
        # autocommit sees what it would in a transaction, minus the BEGIN and ROLLBACK round
        # trips (two of the four a list request made).
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith("/api/")
            and db.engine.dialect.name == "postgresql"
            # A token lookup may have begun a transaction already; it serves the read as well.
            and not db.session().in_transaction()
        ):
            db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
