"""Fixtures: an app per database backend (SQLite always, PostgreSQL when TEST_DATABASE_URL
is set), migrated once per session and emptied after every test."""

from __future__ import annotations

import json
import os
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text

from api import create_app
from api.auth import create_token
from api.cache import bump
from api.db import db

DATA = Path(__file__).parent / "data"
SEED = "000_796de346f4029adc"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
if os.environ.get("REQUIRE_POSTGRES") and "postgresql" not in BACKENDS:
    raise RuntimeError(
        "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not: PostgreSQL tests would not run"
    )
TABLES = (
    "ingest_job_items",
    "ingest_jobs",
    "event_participants",
    "event_days",
    "event_months",
    "event_totals",
    "events",
    "place_mentions",
    "places",
    "quotes",
    "mentions",
    "actor_aliases",
    "media",
    "paragraphs",
    "documents",
    "actors",
    "deletions",
)


# The slowest files first (each file runs whole on one xdist worker, `--dist loadfile`): taken
# last, one of them kept a worker busy minutes after the other had finished. pyproject.toml's
# `--no-loadscope-reorder` keeps this order (xdist would put the files with most tests first).
# The files on the live server come early and together, so one worker tends to take several
# and build the server once. The rest run in their usual order.
SLOW_FIRST = [
    "tests/contract/test_schemathesis.py",
    "tests/test_bulk.py",
    "tests/contract/test_generated_client.py",
    "tests/test_queue_workers.py",
    "tests/contract/test_typescript_client.py",
    "tests/contract/test_docs_page.py",
    "tests/api/test_gold.py",
    "tests/api/test_hostile.py",
    "tests/api/test_stats_rollup.py",
    "tests/contract/test_browser.py",
    "tests/test_serving.py",
    "tests/api/test_aggregates.py",
    "tests/test_readme_examples.py",
    "tests/api/test_rows.py",
    "tests/api/test_queries_per_request.py",
    "tests/extract/test_actors.py",
    "tests/api/test_indexes.py",
    "tests/api/test_extract_budget.py",
    "tests/api/test_hostile_queries.py",
    "tests/api/test_query.py",
    "tests/api/test_abuse.py",
    "tests/test_migrations.py",
]


def pytest_collection_modifyitems(config, items):
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    root = config.rootpath
    # A stable sort: the tests of a file keep their order, and so do the other files.
    items.sort(key=lambda item: rank.get(item.path.relative_to(root).as_posix(), len(rank)))


def worker() -> str:
    """The pytest-xdist worker (gw0, gw1, ...), read when needed: xdist sets it after this
    module is imported. Each worker has databases of its own, so workers never drop or empty
    each other's tables."""
    return os.environ.get("PYTEST_XDIST_WORKER", "")


def database_url(backend: str, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    if worker():
        url = fresh_database(backend, Path(), "worker")
    else:
        url = os.environ["TEST_DATABASE_URL"]
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def fresh_database(backend: str, tmp: Path, name: str) -> str:
    """The URL of a new, empty database for a server of its own: a SQLite file in `tmp`, or
    a PostgreSQL database named after TEST_DATABASE_URL's with `_name` (and the xdist
    worker) added."""
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'{name}.db'}"
    base = os.environ["TEST_DATABASE_URL"]
    database = base.rsplit("/", 1)[1] + f"_{name}" + (f"_{worker()}" if worker() else "")
    admin = create_engine(
        base.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/postgres",
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + database


def own_app(url: str, token_name: str, **config):
    """(app, write token): an app on a database of its own (`fresh_database`), migrated, with
    writes unlimited."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
            "RATE_LIMIT_WRITES": "",
            **config,
        }
    )
    with app.app_context():
        upgrade()
        return app, create_token(token_name)


def reset_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        names = inspect(conn).get_table_names()
        if conn.dialect.name == "postgresql" and names:
            conn.execute(
                text("DROP TABLE IF EXISTS " + ", ".join(f'"{n}"' for n in names) + " CASCADE")
            )
    engine.dispose()


@pytest.fixture(scope="session")
def per_backend():
    """(kept, stack): what a test process builds once per backend and keeps to its end, closed
    by `stack` then. A parametrized session fixture would not do: pytest keeps one value of
    it, so each file that runs on SQLite, then on PostgreSQL, tore down the other backend's and
    built it again (a migration, or a served database, per file and backend)."""
    with ExitStack() as stack:
        yield {}, stack


def kept_per_backend(request, per_backend, name: str, make):
    """The value `make(backend)` (a context manager) gives, built once per test process."""
    kept, stack = per_backend
    key = (name, request.param)
    if key not in kept:
        kept[key] = stack.enter_context(make(request.param))
    return kept[key]


@contextmanager
def _migrated(backend: str, tmp_path_factory):
    url = database_url(backend, tmp_path_factory)
    reset_schema(url)
    # Rate limits have their own tests; here they would only slow the suite down.
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "RATE_LIMIT_WRITES": "",
            "RATE_LIMIT_AUTH_FAILURES": "",
        }
    )
    with app.app_context():
        upgrade()
        db.session.execute(text("DELETE FROM api_tokens"))
        db.session.commit()
        app.config["TEST_WRITE_TOKEN"] = create_token("tests")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(params=BACKENDS)
def migrated_app(request, tmp_path_factory, per_backend):
    """The app of a backend, migrated once per test process (`per_backend`)."""
    return kept_per_backend(
        request, per_backend, "migrated_app", lambda b: _migrated(b, tmp_path_factory)
    )


def empty_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # A pooled connection may keep an app's read timeout (api/db.py; 0.3 s in
                # tests/api/test_abuse.py): emptying the tables is no read, and on a loaded
                # machine takes longer.
                conn.execute(text("SET LOCAL statement_timeout = 0"))
                conn.execute(text("TRUNCATE " + ", ".join(TABLES) + " RESTART IDENTITY CASCADE"))
            else:
                for table in TABLES:
                    conn.execute(text(f"DELETE FROM {table}"))
                # As RESTART IDENTITY does on PostgreSQL: each test's ids start at 1.
                conn.execute(text("DELETE FROM sqlite_sequence"))
            bump(conn)  # written behind the app's back: cached responses must go


@pytest.fixture
def app(migrated_app):
    yield migrated_app
    migrated_app.extensions["ingest_queue"].drain()  # no embedded job writes past the test
    empty_tables(migrated_app)


@pytest.fixture
def client(app):
    """A client that writes with a valid token, as every real writer must."""
    c = app.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {app.config['TEST_WRITE_TOKEN']}"
    return c


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seed_text() -> str:
    return (DATA / f"{SEED}.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_meta() -> dict:
    return json.loads((DATA / f"{SEED}.meta.json").read_text(encoding="utf-8"))


@pytest.fixture
def seed_doc(client, seed_text, seed_meta) -> dict:
    """The seed brief ingested over HTTP; its detail as the API returns it."""
    body = {"text": seed_text, **{k: seed_meta[k] for k in ("source", "published", "section")}}
    resp = client.post("/api/v1/documents", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def get_all(client, path: str, **params) -> list[dict]:
    """Every item of a paginated list."""
    items, page = [], 1
    while True:
        resp = client.get(path, query_string={**params, "page": page, "page_size": 100})
        assert resp.status_code == 200, resp.get_json()
        items += resp.get_json()
        meta = json.loads(resp.headers["X-Pagination"])
        if page >= meta.get("total_pages", 1):
            return items
        page += 1


POSTGRES = [b for b in BACKENDS if b == "postgresql"]


@pytest.fixture(scope="module")
def _extractions() -> dict:
    """(text, published, section, source) -> the Extraction ingest made of it, for one test
    module (released after it: the megabyte brief's is large)."""
    return {}


@pytest.fixture
def extract_once(monkeypatch, _extractions):
    """Ingest extracts a given brief once per test module: a test that ingests the same
    briefs on every backend (the gold corpora, the megabyte brief) extracted each of them once
    per backend, the same deterministic work twice, and most of the test's time. What differs
    per backend, storing the extraction and reading it back over HTTP, still runs on each; the
    first ingest of a brief runs the real extractor, within the real budget. Storing only
    reads an Extraction, so sharing one is safe."""
    import api.ingest

    real = api.ingest.extract

    def extract(*args, **kwargs):
        key = tuple(args)
        if key not in _extractions:
            _extractions[key] = real(*args, **kwargs)
        return _extractions[key]

    monkeypatch.setattr(api.ingest, "extract", extract)


@contextmanager
def postgres_app(tmp_path_factory, **config):
    app = create_app(
        {
            "TESTING": True,
            # A database of its own: the worker's is `migrated_app`'s, kept to the end.
            "SQLALCHEMY_DATABASE_URI": fresh_database("postgresql", Path(), "pgapp").replace(
                "postgresql://", "postgresql+psycopg://", 1
            ),
            "RATE_LIMIT_WRITES": "",
            "RATE_LIMIT_AUTH_FAILURES": "",
            **config,
        }
    )
    with app.app_context():
        upgrade()
        app.config["TEST_WRITE_TOKEN"] = create_token(f"pg-{uuid.uuid4().hex[:8]}")
    try:
        yield app
    finally:
        app.extensions["ingest_queue"].drain()
        empty_tables(app)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(params=POSTGRES)
def pg_app(request, tmp_path_factory):
    """A PostgreSQL-only app, for behaviours that are PostgreSQL's (CI always runs them)."""
    with postgres_app(tmp_path_factory) as app:
        yield app
