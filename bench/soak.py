"""Soak: mixed reads and writes against the service under gunicorn on loopback, bounded in
time and requests; reports requests served, errors (must be 0) and memory at start and end.

    .venv/bin/python bench/soak.py [--seconds 60] [--clients 8] [--max-requests 100000]

Uses a throw-away SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.briefs import brief  # noqa: E402
from bench.server import prepare, start  # noqa: E402


def rss_kb(pid: int) -> int:
    """Resident memory of gunicorn's master and workers."""
    total = 0
    pids = [pid] + [
        int(p)
        for p in subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True
        ).stdout.split()
    ]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--max-requests", type=int, default=100_000)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp()
    env = dict(os.environ, RATE_LIMIT_WRITES="", JSON_LOGS="0")
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/soak.db")
    token = prepare(env, f"soak-{os.getpid()}")
    server, base = start("api:create_app()", env)
    try:
        reads = [
            "/api/v1/documents",
            "/api/v1/events?type=ASSAULT&type=ACCUSE",
            "/api/v1/events?q=talks",
            "/api/v1/quotes?kind=direct",
            "/api/v1/actors?kind=person",
            "/api/v1/stats/events?group_by=date&interval=month",
            "/api/v1/documents/1",
            "/api/v1/events?cursor=&page_size=50",
            "/api/v1/actors/1/network",
        ]
        # Warm up: both workers load spaCy and the dictionaries on their first writes.
        warm = random.Random(-1)
        for i in range(40):
            body = json.dumps({"text": brief(warm, -1 - i)}).encode()
            req = urllib.request.Request(
                f"{base}/api/v1/documents",
                data=body,
                method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            )
            urllib.request.urlopen(req, timeout=30)
            for path in reads:
                urllib.request.urlopen(base + path, timeout=30)
        start_rss = rss_kb(server.pid)
        counts = {"requests": 0, "errors": 0, "writes": 0}
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        def worker(n: int) -> None:
            rng = random.Random(n)
            i = 0
            while time.monotonic() < deadline:
                with lock:
                    if counts["requests"] >= args.max_requests:
                        return
                    counts["requests"] += 1
                i += 1
                try:
                    if rng.random() < 0.1:
                        body = json.dumps({"text": brief(rng, n * 1_000_000 + i)}).encode()
                        req = urllib.request.Request(
                            f"{base}/api/v1/documents",
                            data=body,
                            method="POST",
                            headers={
                                "Content-Type": "application/json",
                                "Authorization": f"Bearer {token}",
                            },
                        )
                        code = urllib.request.urlopen(req, timeout=30).status
                        ok = code in (200, 201)
                        with lock:
                            counts["writes"] += 1
                    else:
                        ok = (
                            urllib.request.urlopen(base + rng.choice(reads), timeout=30).status
                            == 200
                        )
                except (urllib.error.URLError, OSError):
                    ok = False
                if not ok:
                    with lock:
                        counts["errors"] += 1

        samples = []

        def sampler() -> None:
            while time.monotonic() < deadline:
                samples.append(round(rss_kb(server.pid) / 1024, 1))
                time.sleep(max(1.0, args.seconds / 12))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=sampler))
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        end_rss = rss_kb(server.pid)
        print(
            json.dumps(
                {
                    "seconds": round(elapsed, 1),
                    "clients": args.clients,
                    "requests": counts["requests"],
                    "writes": counts["writes"],
                    "errors": counts["errors"],
                    "requests_per_s": round(counts["requests"] / elapsed, 1),
                    "rss_start_mb": round(start_rss / 1024, 1),
                    "rss_end_mb": round(end_rss / 1024, 1),
                    "rss_samples_mb": samples,
                },
                indent=1,
            )
        )
        if counts["errors"]:
            raise SystemExit(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
