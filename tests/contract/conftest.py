"""A real server per backend: gunicorn on a free loopback port over a fresh, seeded database."""

from __future__ import annotations

import os

import pytest

from bench.server import prepare, start
from tests.conftest import BACKENDS, fresh_database


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, tmp_path_factory):
    """(base URL, write token) of a running service holding the gold briefs."""
    tmp = tmp_path_factory.mktemp("live")
    env = dict(
        os.environ,
        DATABASE_URL=fresh_database(request.param, tmp, "live"),
        RATE_LIMIT_WRITES="",
        RATE_LIMIT_AUTH_FAILURES="",
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
