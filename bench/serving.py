"""HTTP benchmark: the read endpoints under gunicorn on loopback, beside a plain Flask JSON
route under the same settings, measured in the same run with wrk (-t2 -c16).

    DATABASE_URL=postgresql://... .venv/bin/python bench/serving.py [--seconds 10] [--runs 3]

Reports requests/s, p50 and p99 per endpoint (medians of the runs) and the ratio to the plain
route. Fill the database first with bench/generate.py.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import api_env, start  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def wrk(url: str, seconds: int) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url], capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} non-2xx responses")
    return rps, pct("50"), pct("99")


def sequential(url: str, n: int) -> tuple[float, float]:
    """p50 and p99 of `n` requests made one after another (each read to its end)."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as resp:
            resp.read()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(n - 1, int(n * 0.99))]


def _where(base: str) -> dict[str, str]:
    """The spatial filters' pages (issue 23): a box round the busiest town of the busiest
    country (about 20 km across), a box round Ukraine, 50 km round the town, the country."""
    query = "/api/v1/places?feature=city&sort=id&page_size=1&country=UA"
    town = json.load(urllib.request.urlopen(f"{base}{query}"))
    if not town:  # a database generated before places
        return {}
    lat, lon = town[0]["latitude"], town[0]["longitude"]
    events = f"{base}/api/v1/events?cursor=&"
    return {
        "where: city-size bbox page": f"{events}bbox={lon - 0.1},{lat - 0.1},{lon + 0.1},{lat + 0.1}",
        "where: country-size bbox page": f"{events}bbox=22.0,44.0,40.5,52.5",
        "where: near=town,50 page": f"{events}near={lat},{lon},50",
        "where: country=UA page": f"{events}country=UA",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, both apps")
    ap.add_argument("--only", default="", help="only endpoints whose name contains this")
    ap.add_argument(
        "--sequential",
        type=int,
        default=0,
        help="also time this many requests one at a time per endpoint (latency without queueing)",
    )
    ap.add_argument(
        "--cache-mb",
        default="32",
        help="response cache per worker (RESPONSE_CACHE_MB); 0 measures every request cold",
    )
    args = ap.parse_args()
    env = api_env(args.cache_mb)
    api, base = start("api:create_app()", env, workers=args.workers)
    plain, plain_base = start("bench.plain_app:app", env, ready="/plain", workers=args.workers)
    try:
        some = json.load(urllib.request.urlopen(f"{base}/api/v1/events?page_size=1"))[0]
        actor = some["sources"][0]["id"]
        doc = some["document_id"]
        quote = json.load(urllib.request.urlopen(f"{base}/api/v1/quotes?page_size=1"))[0]
        speaker = quote["speaker"]["id"]
        # A cursor from the middle of the list: a keyset page must cost the same anywhere.
        total = json.loads(
            urllib.request.urlopen(f"{base}/api/v1/events?page_size=1").headers["X-Pagination"]
        )["total"]
        middle = urllib.request.urlopen(
            f"{base}/api/v1/events?page={max(1, total // 40)}&page_size=20"
        )
        cursor = json.loads(middle.headers["X-Pagination"])["next_cursor"]
        last = json.load(middle)[-1]
        after = f"{last['document_id']},{last['start']},{last['id']}"
        where = _where(base)
        endpoints = {
            "plain Flask route (ceiling)": f"{plain_base}/plain",
            "floor: hand-written events page": f"{plain_base}/floor/events?after={after}",
            "floor, one generic plan": f"{plain_base}/floor/events?after={after}&plan=generic",
            "document detail": f"{base}/api/v1/documents/{doc}",
            "events by actor + date range": f"{base}/api/v1/events?actor_id={actor}&date_from=2016-01-01&date_to=2020-12-31&cursor=",
            "quotes by speaker": f"{base}/api/v1/quotes?speaker_id={speaker}&cursor=",
            "events cursor page (mid-list)": f"{base}/api/v1/events?cursor={cursor}",
            "events list, page 1 (with count)": f"{base}/api/v1/events?page=1",
            "full-text search (events)": f"{base}/api/v1/events?q=sanctions+geneva&cursor=",
            "stats: timeline by month": f"{base}/api/v1/stats/events?group_by=date&interval=month&date_from=2019-01-01&date_to=2019-12-31",
            "export: CSV, one actor's events": f"{base}/api/v1/events?actor_id={actor}&format=csv",
            **where,
        }
        # The floor's hand-written query is PostgreSQL's.
        postgres = env.get("DATABASE_URL", "").startswith("postgresql")
        endpoints = {
            name: url
            for name, url in endpoints.items()
            if (postgres if "floor" in name else "ceiling" in name or args.only in name)
        }
        results = {name: [] for name in endpoints}
        for _ in range(args.runs):
            for name, url in endpoints.items():
                results[name].append(wrk(url, args.seconds))
        ceiling = statistics.median(r[0] for r in results["plain Flask route (ceiling)"])
        print(f"{'endpoint':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'% of plain':>10}")
        for name, runs in results.items():
            rps = statistics.median(r[0] for r in runs)
            p50 = statistics.median(r[1] for r in runs)
            p99 = statistics.median(r[2] for r in runs)
            print(f"{name:36} {rps:8.0f} {p50:8.1f} {p99:8.1f} {rps / ceiling:10.0%}")
        print(
            f"wrk -t2 -c16, {args.seconds} s per run, medians of {args.runs} runs, "
            f"gunicorn {args.workers} sync workers, response cache {args.cache_mb} MB"
        )
        if args.sequential:
            print(f"\n{'one request at a time':36} {'p50 ms':>8} {'p99 ms':>8}")
            for name, url in endpoints.items():
                p50, p99 = sequential(url, args.sequential)
                print(f"{name:36} {p50:8.1f} {p99:8.1f}")
    finally:
        for p in (api, plain):
            p.terminate()
            p.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
