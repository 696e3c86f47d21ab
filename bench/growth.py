"""Extraction time against input size on adversarial briefs: it must grow linearly.

    .venv/bin/python bench/growth.py [--sizes 1000 2000 4000 8000 50000] [--runs 3]

Each input repeats one unit N times inside an otherwise ordinary brief: a run of quotation
marks, a run of commas, one long capitalized token, a long run of capitalized words, a
sentence without punctuation, and a plain news sentence. For each it prints the median time
per size and the time per unit relative to the smallest size (about 1.0 everywhere when
the growth is linear; a quadratic rule doubles it with every doubling of the size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import extract  # noqa: E402

UNITS = {
    "quotes": '"',
    "commas": ",",
    "capital token": "A",
    "capital words": "Abc ",
    "no punctuation": "officials said the talks went on ",
    "news sentences": "Russia bombed Syria on Monday, officials said. ",
}
HEAD = "A brief under load\n\nNEWS BRIEF The U.S. said Monday talks with Russia were off. "
TAIL = "\n\nThe State Department said it would respond.\n"


def brief(unit: str, n: int) -> str:
    body = unit * n if unit != "A" else "Z" + "a" * n  # one capitalized token of n letters
    return HEAD + body + TAIL


def timed(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(text, date(2024, 1, 15))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 50000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    extract(HEAD + TAIL, date(2024, 1, 15))  # load the model once
    base = timed(HEAD + TAIL, args.runs)
    print(f"empty brief: {base * 1000:.1f} ms (subtracted below)")
    print(
        f"{'input':16}"
        + "".join(f"{n:>12,}" for n in args.sizes)
        + "   per-unit ratio, largest/smallest"
    )
    for name, unit in UNITS.items():
        row, per_unit = [], []
        for n in args.sizes:
            t = max(timed(brief(unit, n), args.runs) - base, 1e-6)
            row.append(t)
            per_unit.append(t / n)
        cells = "".join(f"{t * 1000:>10.1f}ms" for t in row)
        print(f"{name:16}{cells}   {per_unit[-1] / per_unit[0]:.2f}")
    print(f"median of {args.runs} runs per cell; one core")


if __name__ == "__main__":
    main()
