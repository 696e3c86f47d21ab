"""No N+1: the number of SQL statements a list request runs does not grow with its page size."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from api.db import db

GOLD = Path(__file__).parent.parent / "gold"


@contextmanager
def counted(app):
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def corpus(client):
    for path in sorted(GOLD.glob("*.txt")):
        meta = GOLD / f"{path.stem}.meta.json"
        published = json.loads(meta.read_text()).get("published") if meta.exists() else None
        client.post("/api/v1/documents", json={"text": path.read_text(), "published": published})


@pytest.mark.parametrize("search", [None, "talks"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents",
        "/api/v1/actors",
        "/api/v1/events",
        "/api/v1/quotes",
        "/api/v1/actors/1/events",
        "/api/v1/actors/1/quotes",
        "/api/v1/actors/1/mentions",
        "/api/v1/deletions",
    ],
)
@pytest.mark.parametrize("mode", ["page", "cursor"])
def test_statements_do_not_grow_with_page_size(app, client, corpus, path, mode, search):
    counts = []
    for size in (20, 100):
        params = {"page_size": size, **({"cursor": ""} if mode == "cursor" else {})}
        # Only the top-level lists search (an actor's own lists take no `q`: a 422 now).
        if search and path in ("/api/v1/documents", "/api/v1/events", "/api/v1/quotes"):
            params["q"] = search
        with counted(app) as statements:
            resp = client.get(path, query_string=params)
        assert resp.status_code == 200, resp.get_json()
        # The schema guard's cached migration check (alembic_version, and on PostgreSQL a
        # pg_catalog lookup first) comes and goes with its cache.
        counts.append(
            len(
                [
                    s
                    for s in statements
                    if s.lstrip().upper().startswith(("SELECT", "WITH"))
                    and "alembic_version" not in s
                    and "pg_catalog" not in s
                ]
            )
        )
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/events", {"actor_id": "{}", "sort": "-date"}),
        ("/api/v1/events", {"actor_id": "{}", "cursor": ""}),
        ("/api/v1/events", {"source_id": "{}", "target_id": "{}"}),
        ("/api/v1/actors/{}/events", {}),
        ("/api/v1/quotes", {"speaker_id": "{}"}),
        ("/api/v1/documents", {"actor_id": "{}"}),
        ("/api/v1/stats/events", {"group_by": "type", "actor_id": "{}"}),
    ],
)
def test_the_sql_does_not_name_the_ids_it_filters_on(app, client, corpus, path, params):
    """Values travel as parameters, never in the SQL text: one statement per query shape is
    compiled once and kept prepared by PostgreSQL, whichever actor is asked about."""
    texts = []
    for actor_id in (1, 2):
        with counted(app) as statements:
            resp = client.get(
                path.format(actor_id),
                query_string={k: v.format(actor_id) for k, v in params.items()},
            )
        assert resp.status_code == 200, resp.get_json()
        # Not the schema guard's cached migration check (alembic_version, and on PostgreSQL a
        # pg_catalog lookup first): its cache may expire between the two requests.
        texts.append(
            [s for s in statements if "alembic_version" not in s and "pg_catalog" not in s]
        )
    # A page that is full also counts its total: compare the statements both requests ran.
    shared = min(len(texts[0]), len(texts[1]))
    assert shared and texts[0][:shared] == texts[1][:shared]
