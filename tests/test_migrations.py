"""Migrations: an empty database upgrades to head, matches the models, and downgrades back."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from api import create_app
from api.db import db
from tests.conftest import BACKENDS, fresh_database, reset_schema


def include_object(obj, name, type_, reflected, compare_to):
    """The same filter as migrations/env.py: search objects live outside the models."""
    if type_ == "table" and name and name.startswith("fts_"):
        return False
    return not (type_ in ("column", "index") and name and "search_vector" in name)


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_autogenerate_downgrade(backend, tmp_path_factory):
    # A database of its own (not the worker's, which the other tests' app keeps to the end).
    url = fresh_database(backend, tmp_path_factory.mktemp("upgrade"), "upgrade")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    reset_schema(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(
                    conn, opts={"compare_type": True, "include_object": include_object}
                ),
                db.metadata,
            )
            assert diff == []
        downgrade(revision="base")
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_derived_text_columns_migrate_down_and_up_with_data(backend, tmp_path_factory):
    """7c1e4b9d2f30: text of any length on PostgreSQL (down: cut to the old lengths first, so
    the way back works with long values stored); nothing to change on SQLite."""
    url = fresh_database(backend, tmp_path_factory.mktemp("mig"), "migrations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "AUTH_ENABLED": False})
    caps = " ".join(["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHOES"] * 10)  # 300 characters
    try:
        with app.app_context():
            upgrade()
        resp = app.test_client().post(
            "/api/v1/documents", json={"text": f"Title\n\n{caps}: Russia said so on Monday."}
        )
        assert resp.status_code == 201 and len(resp.get_json()["kicker"]) > 100
        with app.app_context():
            downgrade(revision="e2b7d4f9a1c6")
            with db.engine.connect() as conn:
                kicker = conn.exec_driver_sql("SELECT kicker FROM documents").scalar()
            assert len(kicker) == (100 if backend == "postgresql" else len(caps))
            upgrade()
        assert app.test_client().get("/api/v1/documents/1").get_json()["kicker"] == kicker
    finally:
        with app.app_context():
            downgrade(revision="base")
            db.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ids_never_reused_after_upgrading_a_database_with_deletions(backend, tmp_path_factory):
    """f8a2c6e1d4b9 on a database that already deleted its newest document (made at head,
    then taken back before the migration, as an older database would be): the counter starts
    past the deleted id, so the next document does not take it; data and tables stay whole."""
    url = fresh_database(backend, tmp_path_factory.mktemp("mig"), "migrations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "AUTH_ENABLED": False})
    client = app.test_client()
    try:
        with app.app_context():
            upgrade()
        for text in ("One\n\nRussia met Ukraine on Monday.", "Two\n\nFrance met Spain on Friday."):
            assert client.post("/api/v1/documents", json={"text": text}).status_code == 201
        assert client.delete("/api/v1/documents/2").status_code == 204
        with app.app_context():
            downgrade(revision="7c1e4b9d2f30")
            upgrade()
            with db.engine.connect() as conn:
                if backend == "sqlite":
                    assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            db.engine.dispose()
        resp = client.post("/api/v1/documents", json={"text": "Three\n\nChina met India."})
        assert resp.status_code == 201 and resp.get_json()["id"] == 3
        assert client.get("/api/v1/documents/1").status_code == 200
        assert client.get("/api/v1/events?document_id=1").get_json()
    finally:
        with app.app_context():
            downgrade(revision="base")
            db.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_places_migrate_down_and_up_with_data(backend, tmp_path_factory, monkeypatch):
    """c8d4f1a6e2b9 with placed events stored: down drops the places, the mentions and the
    events' place columns (SQLite: in place, the events and their search triggers kept);
    up again, `reextract` fills them back."""
    from tests.placed import BRIEFS, placing

    placing(monkeypatch)
    url = fresh_database(backend, tmp_path_factory.mktemp("mig"), "migrations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "AUTH_ENABLED": False})
    client = app.test_client()
    try:
        with app.app_context():
            upgrade()
        text, published = BRIEFS[1]
        assert (
            client.post(
                "/api/v1/documents", json={"text": text, "published": published}
            ).status_code
            == 201
        )
        placed = client.get("/api/v1/events?country=UA").get_json()
        assert placed
        with app.app_context():
            downgrade(revision="b6e2d9f4c1a8")
            with db.engine.connect() as conn:
                columns = {c["name"] for c in inspect(conn).get_columns("events")}
                assert not columns & {"place_id", "geo_precision", "latitude"}
                assert not {"places", "place_mentions"} & set(inspect(conn).get_table_names())
                if backend == "sqlite":
                    assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            upgrade()
            db.engine.dispose()
        events = client.get("/api/v1/events").get_json()
        assert events and all(e["place"] is None for e in events)
        assert client.get("/api/v1/events?q=shelled").get_json()  # search kept its triggers
        assert app.test_cli_runner().invoke(args=["reextract"]).exit_code == 0
        again = client.get("/api/v1/events?country=UA").get_json()
        assert [e["place"]["name"] for e in again] == [e["place"]["name"] for e in placed]
    finally:
        with app.app_context():
            downgrade(revision="base")
            db.engine.dispose()
