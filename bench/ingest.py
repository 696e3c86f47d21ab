"""Bulk ingest end to end: synthetic briefs on disk -> `flask --app api ingest DIR` into a
fresh PostgreSQL database, timed, with the memory of the whole process tree sampled.

    .venv/bin/python bench/ingest.py [--briefs 5000] [--workers 1 2] [--runs 1]

For each worker count: drops and creates the database `brief_ingest`, migrates it, ingests
the folder, and reports briefs/s and the summed RSS of the ingest process and its workers at
a tenth, half and the end of the run (flat memory: the three stay close). A second ingest
of the same folder shows what resuming costs (every brief skipped before extraction).
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.briefs import brief  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).parent / "flask")
DB = "brief_ingest"
URL = f"postgresql://postgres@127.0.0.1:5432/{DB}"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def fresh_database(env: dict) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    subprocess.run(
        [FLASK, "--app", "api", "db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True
    )


def run_ingest(folder: Path, workers: int, env: dict, total: int) -> tuple[float, list[float]]:
    """(seconds, RSS in MB at 10%, 50% and 100% of the briefs)."""
    cmd = [FLASK, "--app", "api", "ingest", str(folder), "--workers", str(workers)]
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    samples: list[tuple[float, float]] = []
    while proc.poll() is None:
        samples.append((time.perf_counter() - started, tree_rss_mb(proc.pid)))
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    if proc.returncode:
        log.seek(0)
        raise RuntimeError(log.read().decode()[-2000:])
    marks = [samples[min(len(samples) - 1, int(len(samples) * f))][1] for f in (0.1, 0.5, 0.97)]
    return seconds, marks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefs", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    env = dict(os.environ, DATABASE_URL=URL, JSON_LOGS="0", PYTHONPATH=str(ROOT))
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.briefs):
            (folder / f"{n:06d}.txt").write_text(brief(rng, n), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"{args.briefs} synthetic briefs, {size:.1f} MB, into PostgreSQL")
        print(f"{'workers':>7} {'briefs/s':>9} {'RSS MB at 10% / 50% / end':>28} {'resume s':>9}")
        for workers in args.workers:
            rates, marks, resumes = [], [], []
            for _ in range(args.runs):
                fresh_database(env)
                seconds, rss = run_ingest(folder, workers, env, args.briefs)
                rates.append(args.briefs / seconds)
                marks.append(rss)
                resumes.append(run_ingest(folder, workers, env, args.briefs)[0])
            rss = marks[len(marks) // 2]
            print(
                f"{workers:7d} {statistics.median(rates):9.1f} "
                f"{' / '.join(f'{m:.0f}' for m in rss):>28} {statistics.median(resumes):9.1f}"
            )


if __name__ == "__main__":
    sys.exit(main())
