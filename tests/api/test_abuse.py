"""Abuse cases, timed the way benchmarks are: the median of a few runs against an upper bound
generous enough for a slow, shared machine and far below what each cost before (the figures
are in BENCHMARKS.md, "Abuse cases"). Memory is measured, not estimated: tracemalloc counts
what the process kept."""

from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
import urllib.parse
import uuid

import pytest
from sqlalchemy import text

from api import create_app
from api.db import db
from tests.conftest import POSTGRES, postgres_app
from tests.consistency import fields_of


def median_seconds(call, runs: int = 3, bound: float | None = None) -> float:
    """The median time of `call()`; stops after a first run past `bound` (the old code's
    minutes are not worth waiting for three times)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        if bound is not None and times[-1] > bound:
            break
    return statistics.median(times)


def actors(n: int) -> str:
    return "&".join(f"actor_id={i}" for i in range(1, n + 1))


@pytest.mark.parametrize(
    ("path", "many", "bound"),
    [
        # Before: every actor a CTE (events) or semi-join (documents) more, planned in time
        # growing with the square of their number: 160 on /events took 2.1 s here (a minute
        # under load), 100 on /documents ~2.5 s; two such requests held a 2-worker service.
        ("/api/v1/events", 160, 0.25),
        ("/api/v1/documents", 100, 0.25),
        ("/api/v1/events", 10_000, 0.5),
    ],
)
def test_too_many_actors_is_a_quick_422(client, path, many, bound):
    url = f"{path}?{actors(many)}"
    seconds = median_seconds(lambda: client.get(url), bound=bound)
    resp = client.get(url)
    assert resp.status_code == 422 and "actor_id" in fields_of(resp.get_json(), "query")
    assert seconds < bound, f"{path} with {many} actors: {seconds:.3f} s"


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/documents"])
def test_the_most_actors_allowed_stay_cheap(client, seed_doc, path):
    url = f"{path}?{actors(10)}"
    assert client.get(url).status_code == 200
    seconds = median_seconds(lambda: client.get(url))
    assert seconds < 0.25, f"{path} with 10 actors: {seconds:.3f} s"


@pytest.fixture(params=POSTGRES)
def sleepy(request, tmp_path_factory):
    """A PostgreSQL app with a 0.3 s read timeout, one pooled connection, and routes whose SQL
    sleeps: stand-ins for any statement that runs long (the bounds above leave no read we
    can make slow on demand)."""
    with postgres_app(
        tmp_path_factory,
        READ_TIMEOUT=0.3,
        RESPONSE_CACHE_MB=0,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 1, "max_overflow": 0},
    ) as app:

        @app.get("/api/v1/slow")
        def slow_read():
            db.session.execute(text("SELECT pg_sleep(5)"))
            return {"slept": 5}

        @app.post("/api/v1/slow")
        def slow_write():
            db.session.execute(text("SELECT pg_sleep(0.6)"))
            db.session.commit()
            return {"slept": 0.6}

        yield app


def test_a_read_past_the_statement_timeout_is_a_quick_503(sleepy):
    c = sleepy.test_client()
    seconds = median_seconds(lambda: c.get("/api/v1/slow"), bound=2.0)
    resp = c.get("/api/v1/slow")
    assert resp.status_code == 503 and "0.3 s" in resp.get_json()["message"]
    assert seconds < 2.0, f"{seconds:.3f} s"  # before: the whole 5 s sleep, or a killed worker
    assert c.get("/api/v1/documents").status_code == 200  # the connection serves on


def test_a_write_is_not_held_to_the_read_timeout(sleepy):
    c = sleepy.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {sleepy.config['TEST_WRITE_TOKEN']}"
    assert c.get("/api/v1/documents").status_code == 200  # the one connection has it now
    resp = c.post("/api/v1/slow")
    assert resp.status_code == 200, resp.get_json()
    assert c.get("/api/v1/slow").status_code == 503  # and reads have it still


def _held_by_cache(app, urls) -> int:
    """Bytes the process still holds after answering `urls` (the response cache's share:
    nothing else keeps anything per request)."""
    c = app.test_client()
    c.get("/api/v1/documents")  # warm: compiled statements, pools, lazy imports
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for url in urls:
            assert c.get(url).status_code == 200
        # The test client's own URL parsing fills urllib's cache (128 URLs; in production
        # the request line limit bounds them): not the app's memory.
        urllib.parse.urlsplit.cache_clear()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "make_url",
    [
        # Long known parameters: the key and the Link header hold them.
        lambda: (
            "/api/v1/documents?page_size=1&"
            + "&".join(f"source={uuid.uuid4().hex * 6}" for _ in range(50))
        ),
    ],
    # A long unknown parameter was the other case: it is refused before the cache now.
    ids=["known"],
)
def test_the_response_cache_keeps_no_more_than_its_budget(migrated_app, make_url):
    """Before: an entry was charged its body and 200 bytes, so keys and Link headers (the
    whole query string, repeated) were free: 300 requests with unique 1 MB query strings took
    a worker from 76 to 735 MB. Here 60 requests of 10-16 KB against a 256 KB budget."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": migrated_app.config["SQLALCHEMY_DATABASE_URI"],
            "RESPONSE_CACHE_MB": 0.25,
        }
    )
    try:
        held = _held_by_cache(app, [make_url() for _ in range(60)])
        print(f"abuse: cache held {held / 2**20:.2f} MB")
        cache = app.extensions["response_cache"]["cache"]
        assert cache.entries, "nothing was cached: the test would prove nothing"
        assert cache.size <= cache.max_bytes
        # The budget, and room for what any run of requests leaves (pools, compiled SQL).
        assert held < cache.max_bytes + 256 * 1024, f"{held / 2**20:.2f} MB held"
    finally:
        with app.app_context():
            db.engine.dispose()


def test_the_cache_charges_what_it_keeps():
    from api.cache import ResponseCache

    cache = ResponseCache(max_bytes=10_000_000)
    cache.get(1, ("k",))
    key = ("host", "/api/v1/documents?" + "x" * 50_000, "")
    headers = [("Link", "y" * 30_000), ("Content-Type", "application/json")]
    cache.put(1, key, b"z" * 1000, headers)
    assert cache.size >= sum(sys.getsizeof(s) for s in (*key, b"z" * 1000, "y" * 30_000))
