"""A full export streamed through the live server: rows/s and the worker's memory meanwhile.

    DATABASE_URL=postgresql://... .venv/bin/python bench/export.py [--format csv] [--runs 3]

Serves the API with gunicorn (one sync worker, so the worker measured is the one streaming),
downloads every event as CSV (or NDJSON) and samples the worker's resident memory every
0.2 s from /proc. Reports rows, rows/s, MB/s, the worker's RSS before the export and its peak
during it: flat memory means the peak stays near the start whatever the row count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import start  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def export(base: str, fmt: str, pid: int) -> tuple[int, int, float, float, float]:
    peak, before, stop = [0.0], rss_mb(pid), threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    lines = size = 0
    with urllib.request.urlopen(f"{base}/api/v1/events?format={fmt}", timeout=3600) as resp:
        while chunk := resp.read(1 << 20):
            lines += chunk.count(b"\n")
            size += len(chunk)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    rows = lines - 1 if fmt == "csv" else lines  # the CSV header; quoted newlines are escaped
    return rows, size, seconds, before, peak[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--format", choices=("csv", "ndjson"), default="csv")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    env = dict(os.environ, JSON_LOGS="0", RATE_LIMIT_READS="", PYTHONPATH=str(ROOT))
    env["GUNICORN_TIMEOUT"] = "3600"  # one request streams for minutes
    proc, base = start("api:create_app()", env, workers=1)
    try:
        pid = worker_pid(proc.pid)
        results = [export(base, args.format, pid) for _ in range(args.runs)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    rows = results[0][0]
    rate = statistics.median(r[0] / r[2] for r in results)
    mbps = statistics.median(r[1] / r[2] / 1e6 for r in results)
    before = statistics.median(r[3] for r in results)
    peak = max(r[4] for r in results)
    print(
        f"{args.format} export of {rows:,} events: {rate:,.0f} rows/s, {mbps:.1f} MB/s "
        f"(median of {args.runs}); worker RSS {before:.0f} MB before, peak {peak:.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
