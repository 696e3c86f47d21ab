"""Liveness, readiness, and serving only on a schema the code was written for."""

from __future__ import annotations

import time

from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app, jsonify, request
from flask_smorest import abort
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .db import db
from .problems import problem

bp = Blueprint("health", __name__)
SCHEMA_CHECK_SECONDS = 10


def migration_state() -> tuple[set[str], set[str]]:
    """(revisions the database is at, revisions the code expects)."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", current_app.extensions["migrate"].directory)
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with db.engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current, heads


def _state() -> dict:
    return current_app.extensions.setdefault(
        "schema_check", {"at": 0.0, "ok": False, "message": ""}
    )


def check_schema() -> str | None:
    """Compare the database's migrations with the code's now, and remember the answer: None
    when they match, else what to do about it."""
    current, heads = migration_state()
    state = _state()
    state.update(at=time.monotonic(), ok=current == heads)
    state["message"] = (
        f"The database schema is at {sorted(current) or 'nothing'}, the code expects "
        f"{sorted(heads)}: run `flask --app api db upgrade`."
    )
    return None if state["ok"] else state["message"]


def schema_behind_after(error: SQLAlchemyError) -> str | None:
    """After a statement failed: is the schema what changed (a downgrade under a running
    server)? The cached answer is not trusted — it may be seconds old — so this checks again;
    None when the schema is fine, or cannot be checked either (the database is down)."""
    db.session.rollback()
    try:
        return check_schema()
    except SQLAlchemyError:
        return None


def _schema_guard() -> None:
    """Refuse API requests while the database is behind the code (checked every few seconds,
    at once after a failing statement: schema_behind_after)."""
    if not request.path.startswith("/api/"):
        return
    state = _state()
    if time.monotonic() - state["at"] > SCHEMA_CHECK_SECONDS or not state["ok"]:
        check_schema()
    if not state["ok"]:
        abort(503, message=state["message"], headers={"Retry-After": "30"})


@bp.get("/healthz")
def healthz():
    """The process is alive."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """The database answers, its schema is the one the code expects, and the job queue's
    broker answers (when one is configured)."""
    try:
        db.session.execute(text("SELECT 1"))
        current, heads = migration_state()
    except SQLAlchemyError as exc:
        db.session.rollback()
        report = {"state": "unavailable", "database": type(exc).__name__}
        return problem(503, "The database is unavailable.", None, {"Retry-After": "5"}, report)
    broker = _broker()
    if broker not in (None, "ok"):
        report = {"state": "unavailable", "database": "ok", "broker": broker}
        detail = "The job queue's broker is unavailable."
        return problem(503, detail, None, {"Retry-After": "5"}, report)
    if current != heads:
        report = {
            "state": "behind",
            "database": "ok",
            "migrations": sorted(current),
            "expected": sorted(heads),
        }
        detail = "The database is behind the code: run `flask --app api db upgrade`."
        return problem(503, detail, None, {"Retry-After": "30"}, report)
    extra = {"broker": broker} if broker else {}
    # Not ready is a problem like any other 503 (its report as extension members, `state`
    # naming what is wrong); ready keeps its `status` and says `state` too.
    return jsonify(
        status="ready", state="ready", database="ok", migrations=sorted(current), **extra
    )


def _broker() -> str | None:
    """ "ok", what is wrong with the broker, or None when jobs run in-process (no broker)."""
    from .dispatch import BrokerUnavailable, queue

    try:
        queue().check()
    except BrokerUnavailable as exc:
        return f"unavailable: {exc}"[:200]
    return "ok" if current_app.config["INGEST_BROKER_URL"] else None


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.before_request(_schema_guard)
