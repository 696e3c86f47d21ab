"""Datasette beside the API, over the same events, in one run (wrk -t2 -c16).

    DATABASE_URL=postgresql://... .venv/bin/python bench/datasette.py --datasette PATH/bin/datasette

Copies the events of the PostgreSQL database into an SQLite file (once, kept under bench/.data)
with the indexes Datasette needs for the same queries, serves it with `datasette serve -i`
(immutable, its production mode for read-only data, facet suggestions off), serves the API
with gunicorn as bench/serving.py does, and drives equivalent list queries on both: a page of
20 events in id order, and 20 events of one type in a date range. The API's pages carry more
(each event's sources and targets); Datasette's carry the bare rows.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from bench.server import api_env, free_port, start  # noqa: E402
from bench.serving import wrk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
COLUMNS = (
    'id, document_id, type, mode, cameo, status, trigger, start, "end", date, '
    "date_precision, location, confidence, sentence"
)


def copy_events(url: str, path: Path) -> int:
    """The events table in an SQLite file, with indexes for both queries; its row count."""
    if path.exists():
        return sqlite3.connect(path).execute("SELECT count(*) FROM events").fetchone()[0]
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    lite = sqlite3.connect(tmp)
    lite.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, document_id INTEGER, type TEXT, mode TEXT,"
        ' cameo TEXT, status TEXT, trigger TEXT, start INTEGER, "end" INTEGER, date TEXT,'
        " date_precision TEXT, location TEXT, confidence REAL, sentence TEXT)"
    )
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=20_000).execute(
            text(f"SELECT {COLUMNS} FROM events ORDER BY id")
        )
        for batch in result.partitions():
            lite.executemany(
                f"INSERT INTO events VALUES ({', '.join('?' * 14)})",
                [(*r[:9], r[9].isoformat() if r[9] else None, *r[10:]) for r in batch],
            )
    lite.execute("CREATE INDEX ix_events_type_date ON events (type, date)")
    lite.commit()
    count = lite.execute("SELECT count(*) FROM events").fetchone()[0]
    lite.close()
    tmp.rename(path)
    return count


def serve_datasette(binary: str, path: Path):
    port = free_port()
    cmd = [
        binary,
        "serve",
        "-i",
        str(path),
        "--port",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("datasette did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasette", required=True, help="the datasette executable")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache-mb", default="32", help="the API's RESPONSE_CACHE_MB; 0: cold")
    args = ap.parse_args()
    url = os.environ["DATABASE_URL"]
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{url.rsplit('/', 1)[-1]}-events.db"
    rows = copy_events(url, path)
    env = api_env(args.cache_mb)
    ds, ds_base = serve_datasette(args.datasette, path)
    api, base = start("api:create_app()", env)
    table = f"{ds_base}/{path.stem}/events.json"
    pairs = {
        "20 events in id order": (
            f"{table}?_size=20&_shape=objects",
            f"{base}/api/v1/events?sort=id&cursor=",
        ),
        "20 events of a type in a date range": (
            f"{table}?type=ASSAULT&date__gte=2019-01-01&date__lte=2019-12-31&_sort=date&_size=20&_shape=objects",
            f"{base}/api/v1/events?type=ASSAULT&date_from=2019-01-01&date_to=2019-12-31&sort=date&page=1",
        ),
    }
    try:
        print(
            f"{rows:,} events; wrk -t2 -c16, {args.seconds} s per run, medians of {args.runs}, "
            f"API response cache {args.cache_mb} MB"
        )
        print(
            f"{'query':38} {'Datasette req/s':>16} {'API req/s':>10} {'API p99 ms':>11} {'ratio':>6}"
        )
        for name, (ds_url, api_url) in pairs.items():
            ds_runs, api_runs = [], []
            for _ in range(args.runs):
                ds_runs.append(wrk(ds_url, args.seconds))
                api_runs.append(wrk(api_url, args.seconds))
            d = statistics.median(r[0] for r in ds_runs)
            a = statistics.median(r[0] for r in api_runs)
            p99 = statistics.median(r[2] for r in api_runs)
            print(f"{name:38} {d:16.0f} {a:10.0f} {p99:11.1f} {a / d:5.1f}x")
    finally:
        for p in (ds, api):
            p.terminate()
            p.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
