"""A real server per backend: gunicorn on a free loopback port over a fresh, seeded database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.server import prepare, start
from tests.conftest import BACKENDS


def _fresh_database(backend: str, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'live.db'}"
    base = os.environ["TEST_DATABASE_URL"]
    name = base.rsplit("/", 1)[1] + "_live"
    admin = create_engine(
        base.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/postgres",
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, tmp_path_factory):
    """(base URL, write token) of a running service holding the gold briefs."""
    tmp = tmp_path_factory.mktemp("live")
    env = dict(
        os.environ,
        DATABASE_URL=_fresh_database(request.param, tmp),
        RATE_LIMIT_WRITES="",
        JSON_LOGS="0",
    )
    token = prepare(env, "live")
    log = open(tmp / "server.log", "w")
    try:
        server, base = start("api:create_app()", env, ready="/readyz", log=log)
    except RuntimeError:
        log.close()
        raise RuntimeError((tmp / "server.log").read_text()[-2000:]) from None
    yield base, token
    server.terminate()
    server.wait(timeout=30)
    log.close()
