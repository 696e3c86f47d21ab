"""Ingest through the job queue: briefs/s with 1 and 2 Celery worker processes on this
machine, beside the synchronous CLI (`flask --app api ingest`, one process and two) in the
same run, and the API's enqueue rate (`POST /api/v1/ingest-jobs`: validate, store the job,
publish a task per brief).

    .venv/bin/python bench/queue_ingest.py [--briefs 1000] [--runs 3] [--redis redis://127.0.0.1:6379/10]

(Not bench/queue.py: run as a script, that name would shadow the standard library's `queue`.)
Each measurement starts from an empty, migrated PostgreSQL database (`brief_queue_bench`).
Workers are started and warmed up (NLP pipeline loaded) before the clock starts; a queue run
is timed from the POST to the job's last brief settled. Medians of --runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.briefs import brief  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB = "brief_queue_bench"
URL = f"postgresql://postgres@127.0.0.1:5432/{DB}"


def fresh_database(env: dict) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    cmd = [str(BIN / "flask"), "--app", "api", "db", "upgrade"]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, capture_output=True)


def cli_rate(folder: Path, count: int, workers: int, env: dict) -> float:
    fresh_database(env)
    cmd = [str(BIN / "flask"), "--app", "api", "ingest", str(folder), "--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, capture_output=True)
    return count / (time.perf_counter() - started)


def start_workers(n: int, env: dict, logs: Path) -> list[subprocess.Popen]:
    procs = []
    for i in range(n):
        log = open(logs / f"worker{i}.log", "w")  # noqa: SIM115 - lives as long as the worker
        cmd = [str(BIN / "celery"), "-A", "api.worker", "worker", "--pool", "solo", "-l", "info"]
        cmd += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        cmd += ["-n", f"bench{i}-{env['INGEST_QUEUE']}@%h"]
        procs.append(subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=log))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # "ready." once the app and pipeline are loaded
        if all("ready." in (logs / f"worker{i}.log").read_text() for i in range(n)):
            return procs
        time.sleep(0.2)
    raise RuntimeError("workers did not start: " + (logs / "worker0.log").read_text()[-2000:])


def queue_run(items: list[dict], workers: int, env: dict) -> tuple[float, float]:
    """(briefs/s from the POST to the last brief settled, briefs/s enqueued by the POST)."""
    fresh_database(env)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "INGEST_BROKER_URL", "INGEST_QUEUE")})
    from api import create_app
    from api.auth import create_token

    app = create_app({"RATE_LIMIT_WRITES": "", "JSON_LOGS": False})
    with app.app_context():
        token = create_token(f"bench-{uuid.uuid4().hex[:8]}")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    with tempfile.TemporaryDirectory() as logs:
        procs = start_workers(workers, env, Path(logs))
        try:
            started = time.perf_counter()
            resp = client.post("/api/v1/ingest-jobs", json=items, headers=headers)
            enqueued = time.perf_counter() - started
            assert resp.status_code == 202, resp.get_json()
            while True:
                job = client.get(resp.headers["Location"], headers=headers).get_json()
                if job["status"] in ("done", "failed"):
                    break
                time.sleep(0.1)
            seconds = time.perf_counter() - started
            assert job["counts"]["stored"] == len(items), job
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=30)
    with app.app_context():
        from api.db import db

        db.engine.dispose()
    return len(items) / seconds, len(items) / enqueued


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10"))
    args = ap.parse_args()
    queue = f"bda-bench-{uuid.uuid4().hex[:8]}"  # no other worker takes these tasks
    env = dict(
        os.environ,
        DATABASE_URL=URL,
        JSON_LOGS="0",
        PYTHONPATH=str(ROOT),
        INGEST_BROKER_URL=args.redis,
        INGEST_QUEUE=queue,
    )
    rng = random.Random(12)
    texts = [brief(rng, n) for n in range(args.briefs)]
    items = [{"text": t, "source": "Wire"} for t in texts]
    rates: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, text in enumerate(texts):
            (folder / f"{n:06d}.txt").write_text(text, encoding="utf-8")
        size = sum(len(t.encode()) for t in texts) / 1e6
        print(f"{args.briefs} synthetic briefs ({size:.1f} MB) into PostgreSQL, {args.runs} runs")
        for _ in range(args.runs):
            for workers in (1, 2):
                rates.setdefault(f"cli {workers}", []).append(
                    cli_rate(folder, args.briefs, workers, env)
                )
                done, enqueue = queue_run(items, workers, env)
                rates.setdefault(f"queue {workers}", []).append(done)
                rates.setdefault("enqueue", []).append(enqueue)
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f"{'path':<32} {'briefs/s (median)':>18}   runs")
    for key, label in (
        ("cli 1", "synchronous CLI, 1 process"),
        ("cli 2", "synchronous CLI, 2 processes"),
        ("queue 1", "queue, 1 Celery worker"),
        ("queue 2", "queue, 2 Celery workers"),
        ("enqueue", "API enqueue (POST a batch)"),
    ):
        runs = ", ".join(f"{r:.0f}" for r in rates[key])
        print(f"{label:<32} {med[key]:18.1f}   {runs}")
    print(f"scaling, 2 workers / 1: {med['queue 2'] / med['queue 1']:.2f}x")
    print(
        f"queue with 1 worker / synchronous CLI with 1 process: {med['queue 1'] / med['cli 1']:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
