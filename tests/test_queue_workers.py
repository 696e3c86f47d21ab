"""Ingest jobs through a real broker (Redis) and real Celery worker processes, started and
killed by this module, on a queue of its own (nobody else's worker takes its tasks), against
PostgreSQL: a job stores what synchronous ingest stores, twice the same batch stores each
brief once, and a worker killed with SIGKILL mid-batch loses nothing and doubles nothing."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from api.db import db
from bench.briefs import brief
from tests.conftest import POSTGRES, empty_tables, fresh_database, get_all, own_app
from tests.test_bulk import snapshot

ROOT = Path(__file__).resolve().parent.parent
REDIS = [os.environ["REDIS_URL"]] if os.environ.get("REDIS_URL") else []
if os.environ.get("REQUIRE_REDIS") and not REDIS:
    raise RuntimeError("REQUIRE_REDIS is set but REDIS_URL is not: the queue tests would not run")
JOBS = "/api/v1/ingest-jobs"
# Seconds before a task a killed worker held is delivered again (production: 600).
VISIBILITY = 4


class Workers:
    """Celery worker processes of this test module, each a single process (`--pool solo`):
    a SIGKILL kills the whole worker, task in hand and all."""

    def __init__(self, env: dict, logs: Path) -> None:
        self.env, self.logs, self.procs = env, logs, []

    def start(self) -> subprocess.Popen:
        n = len(self.procs)
        log = open(self.logs / f"worker{n}.log", "w")  # noqa: SIM115 - closed with the process
        cmd = [sys.executable, "-m", "celery", "-A", "api.worker", "worker", "--pool", "solo"]
        cmd += ["--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info"]
        cmd += ["-n", f"w{n}-{self.env['INGEST_QUEUE']}@%h"]
        proc = subprocess.Popen(cmd, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        proc.log = log
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.log.close()

    def tail(self) -> str:
        return "\n".join(p.read_text()[-1500:] for p in sorted(self.logs.glob("worker*.log")))


@pytest.fixture(scope="module", params=[(p, r) for p in POSTGRES for r in REDIS])
def stack(request, tmp_path_factory):
    """(app, test client with a write token, workers): two workers running."""
    _, broker = request.param
    tmp = tmp_path_factory.mktemp("queue")
    url = fresh_database("postgresql", tmp, "queue")
    queue = f"bda-test-{uuid.uuid4().hex[:12]}"
    config = {"INGEST_BROKER_URL": broker, "INGEST_QUEUE": queue}
    env = dict(os.environ, DATABASE_URL=url, JSON_LOGS="0", **config)
    env["INGEST_VISIBILITY_TIMEOUT"] = str(VISIBILITY)
    # Started first: they load the NLP pipeline while the database is migrated.
    workers = Workers(env, tmp)
    workers.start()
    workers.start()
    app, token = own_app(url, "queue-tests", **config)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    try:
        yield app, client, workers
    finally:
        workers.stop()
        redis.Redis.from_url(broker).delete(queue)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def queued(stack):
    yield stack
    empty_tables(stack[0])


def wait_done(client, workers: Workers, location: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(location).get_json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job not done in {seconds} s: {job}\n{workers.tail()}")


def briefs(count: int, seed: int) -> list[dict]:
    """Short synthetic briefs (a title and three sentences: actors, events, a quote or two),
    so that 200 of them cost seconds, not a minute."""
    rng = random.Random(seed)
    return [
        {
            "text": "\n\n".join(brief(rng, n).split("\n\n")[:4]),
            "source": "Wire",
            "published": f"2024-05-{n % 28 + 1:02d}",
        }
        for n in range(count)
    ]


def test_a_job_stores_what_synchronous_ingest_stores(queued):
    app, client, workers = queued
    batch = briefs(200, seed=20)
    resp = client.post(JOBS, json=batch)
    assert resp.status_code == 202, resp.get_json()
    job = wait_done(client, workers, resp.headers["Location"])
    assert job["counts"]["stored"] == 200 and job["status"] == "done", job
    through_queue = snapshot(client)
    sources = sorted(
        (d["title"], d["source"], d["published_at"]) for d in get_all(client, "/api/v1/documents")
    )
    empty_tables(app)
    for item in batch:
        assert client.post("/api/v1/documents", json=item).status_code == 201
    assert snapshot(client) == through_queue
    assert (
        sorted(
            (d["title"], d["source"], d["published_at"])
            for d in get_all(client, "/api/v1/documents")
        )
        == sources
    )
    assert len(through_queue[1]) > 200 and len(through_queue[2]) > 100  # events, quotes


def test_the_same_batch_twice_stores_each_brief_once(queued):
    _, client, workers = queued
    batch = briefs(30, seed=21)
    first, second = client.post(JOBS, json=batch), client.post(JOBS, json=batch)
    jobs = [wait_done(client, workers, r.headers["Location"]) for r in (first, second)]
    assert sum(j["counts"]["stored"] for j in jobs) == 30
    assert sum(j["counts"]["duplicate"] for j in jobs) == 30
    assert len(get_all(client, "/api/v1/documents")) == 30
    ids = [{r["index"]: r["document_id"] for r in get_all(client, j["results_url"])} for j in jobs]
    assert ids[0] == ids[1]  # stored or duplicate, each brief names its one document


def test_bad_items_are_reported_by_index_and_the_good_stored(queued):
    _, client, workers = queued
    batch = briefs(4, seed=22)
    batch[1] = {"text": "\x00"}
    batch.insert(3, {"source": "no text"})
    resp = client.post(JOBS, json=batch)
    assert [r["index"] for r in resp.get_json()["rejected"]] == [1, 3]
    job = wait_done(client, workers, resp.headers["Location"])
    states = [r["state"] for r in get_all(client, job["results_url"])]
    assert states == ["stored", "failed", "stored", "failed", "stored"]
    assert len(get_all(client, "/api/v1/documents")) == 3


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(queued):
    app, client, workers = queued
    batch = briefs(60, seed=23)
    resp = client.post(JOBS, json=batch)
    location = resp.headers["Location"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(location).get_json()
        if job["counts"]["stored"] >= 8 and job["counts"]["running"]:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the batch never got going: {job}\n{workers.tail()}")
    victim = workers.procs[0]
    victim.kill()  # SIGKILL: no chance to requeue or acknowledge anything
    victim.wait()
    workers.start()
    job = wait_done(client, workers, location)
    assert job["counts"] == {
        "total": 60,
        "queued": 0,
        "running": 0,
        "stored": 60,
        "duplicate": 0,
        "failed": 0,
    }, job
    outcome = get_all(client, job["results_url"])
    assert len({r["document_id"] for r in outcome}) == 60
    assert len(get_all(client, "/api/v1/documents")) == 60
    # The brief in the killed worker's hands (prefetch 1, acknowledged late) was taken up
    # again, once, and no other brief was. Which one it was cannot be told from a sample of
    # the running ones taken before the kill (the victim may have finished that one since),
    # and about one kill in five lands between two briefs, when the victim holds none: then
    # nothing is taken up twice, and the counts above are the whole claim. (Nor can the running
    # ones be listed after the poll that saw some: on an idle machine they finish in between —
    # CI failed once on that sample; the poll's count is the evidence the kill came mid-batch.)
    retried = [r["index"] for r in outcome if r["attempts"] > 1]
    assert len(retried) <= 1, retried
    assert max(r["attempts"] for r in outcome) <= 2


def test_metrics_and_readiness_name_the_broker(queued):
    _, client, _ = queued
    assert client.get(f"{JOBS}/metrics").get_json()["backend"] == "celery"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["broker"] == "ok"
