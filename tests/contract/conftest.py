"""A real server per backend: gunicorn on a free loopback port over a fresh, seeded database."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from bench.server import prepare, start
from tests.conftest import BACKENDS, fresh_database, kept_per_backend


def service_env(backend: str, tmp, name: str) -> dict:
    """The environment of a served test's service: a fresh database, no rate limits."""
    return dict(
        os.environ,
        DATABASE_URL=fresh_database(backend, tmp, name),
        RATE_LIMIT_WRITES="",
        RATE_LIMIT_AUTH_FAILURES="",
        JSON_LOGS="0",
    )


@contextmanager
def _served(backend: str, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    env = service_env(backend, tmp, "live")
    token = prepare(env, "live")
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    try:
        server, base = start("api:create_app()", env, ready="/readyz", log=log)
    except RuntimeError:
        log.close()
        raise RuntimeError((tmp / "server.log").read_text()[-2000:]) from None
    try:
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(params=BACKENDS)
def live_server(request, tmp_path_factory, per_backend):
    """(base URL, write token) of a running service holding the gold briefs, one per backend
    for the test process (`per_backend`), whichever files use it."""
    return kept_per_backend(
        request, per_backend, "live_server", lambda b: _served(b, tmp_path_factory)
    )


@pytest.fixture(params=BACKENDS)
def own_live_server(request, tmp_path_factory):
    """A running service of its own, for a test that writes and deletes at random (the fuzzer):
    the shared one's briefs must stay as they were for the tests that read them."""
    with _served(request.param, tmp_path_factory) as served:
        yield served
