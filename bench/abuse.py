"""The abuse cases of issue 15, measured: what each costs the service (time, memory) and what
it answers. Run it against this tree and against an older one to see before and after:

    DATABASE_URL=postgresql://.../brief_api_bench .venv/bin/python bench/abuse.py [--runs 3]
    cd /tmp/old-tree && DATABASE_URL=... PYTHONPATH=. /path/to/.venv/bin/python \\
        /path/to/bench/abuse.py

The package measured is the one `api` imports as (PYTHONPATH first); gunicorn runs with that
tree's gunicorn.conf.py. Times are medians of --runs; the reference is a plain list request
measured in the same run (the machine is shared: compare ratios).
"""

from __future__ import annotations

import argparse
import base64
import gc
import http.client
import os
import socket
import statistics
import sys
import time
import tracemalloc
import urllib.parse
import uuid
from pathlib import Path

# Appended, not prepended: a PYTHONPATH naming another tree decides which `api` is measured.
sys.path.append(str(Path(__file__).resolve().parent.parent))


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process(url: str, runs: int) -> list[tuple[str, str, str]]:
    from flask_migrate import upgrade

    from api import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "RESPONSE_CACHE_MB": 0,
            "JSON_LOGS": False,
            "AUTH_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
    c = app.test_client()
    rows = []
    ref = median_ms(lambda: c.get("/api/v1/events"), runs)
    rows.append(("reference: GET /events", f"{ref:.1f} ms", "200"))
    for path, n in (("/api/v1/events", 160), ("/api/v1/documents", 100)):
        query = "&".join(f"actor_id={i}" for i in range(1, n + 1))
        ms = median_ms(lambda p=path, q=query: c.get(f"{p}?{q}"), runs)
        status = c.get(f"{path}?{query}").status_code
        rows.append((f"{n} actor_id on {path.rsplit('/', 1)[1]}", f"{ms:.0f} ms", str(status)))
    cursor = base64.urlsafe_b64encode(b'{"s":["document_id","start"],"v":[{"a":1},1,1]}')
    status = _status(c.get, f"/api/v1/events?cursor={cursor.decode().rstrip('=')}")
    rows.append(("a cursor holding an object", "", status))
    deep = b'{"text": "T\\n\\nB.", "metadata": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    status = _status(c.post, "/api/v1/documents", data=deep, content_type="application/json")
    rows.append(("JSON nested 100,000 deep", "", status))
    return rows


def _status(method, *args, **kwargs) -> str:
    try:
        return str(method(*args, **kwargs).status_code)
    except Exception as exc:  # noqa: BLE001 - the old code raised through the test client
        return f"500 ({type(exc).__name__})"


def cache_memory(url: str) -> tuple[str, str, str]:
    """What a 1 MB response cache holds after 150 reads with unique 64 KB query strings."""
    from api import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RESPONSE_CACHE_MB": 1, "JSON_LOGS": False})
    c = app.test_client()
    c.get("/api/v1/documents")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(150):
        c.get(f"/api/v1/documents?pad={uuid.uuid4().hex * 2000}")
    urllib.parse.urlsplit.cache_clear()  # the test client's, not the app's
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return ("150 unique 64 KB URLs, 1 MB cache", f"{held / 2**20:.1f} MB held", "200")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def gunicorn_urls(url: str, count: int) -> tuple[str, str, str]:
    """One gunicorn worker's memory after `count` requests with unique 1 MB query strings."""
    from bench.server import api_env, start

    env = dict(api_env("32"), DATABASE_URL=url)
    server, base = start("api:create_app()", env, workers=1)
    try:
        worker = int(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()[0])
        host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
        _get(host, port, "/api/v1/documents")
        before, statuses = _rss_mb(worker), set()
        for _ in range(count):
            pad = uuid.uuid4().hex * 32_768  # 1 MB
            statuses.add(_get(host, port, f"/api/v1/documents?pad={pad}"))
        after = _rss_mb(worker)
        memory = f"worker {before:.0f} -> {after:.0f} MB"
        return (f"{count} unique 1 MB URLs, gunicorn", memory, "/".join(sorted(statuses)))
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(host: str, port: int, path: str) -> str:
    with socket.create_connection((host, port), timeout=60) as s:
        try:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused mid-request: the answer came before the end of it
        try:
            resp = http.client.HTTPResponse(s)
            resp.begin()
            resp.read()
        except (ConnectionResetError, http.client.HTTPException):
            return "reset"
        return str(resp.status)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--urls", type=int, default=300, help="1 MB URLs sent to gunicorn")
    args = ap.parse_args()
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    import api

    print(f"api from {Path(api.__file__).parent}", file=sys.stderr)
    rows = in_process(url, args.runs) + [cache_memory(url), gunicorn_urls(url, args.urls)]
    width = max(len(r[0]) for r in rows)
    for name, cost, status in rows:
        print(f"{name:<{width}}  {cost:>24}  {status}")


if __name__ == "__main__":
    main()
