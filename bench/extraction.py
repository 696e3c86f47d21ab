"""Extraction throughput on one core, beside spaCy's blank tokenizer + sentencizer in the same run.

    .venv/bin/python bench/extraction.py [--mb 1.0] [--runs 5]

Reports medians of several runs: words/s and sentences/s for the full extraction (layout,
actors, quotes, events, dates) and for the baseline, and their ratio.
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

from bench.briefs import corpus  # noqa: E402
from extract import extract  # noqa: E402
from extract.nlp import pipeline  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def texts(mb: float) -> list[str]:
    real = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    synthetic = corpus(int(mb * 1024 * 1024))
    # Real briefs are repeated with a varying tag so no two texts are identical.
    mixed = synthetic + [f"{t}\nRef {i}.\n" for i in range(40) for t in real]
    return mixed


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    items = texts(args.mb)
    nlp = pipeline()
    size = sum(len(t.encode("utf-8")) for t in items)
    words = sum(len(t.split()) for t in items)
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(items))
    pub = date(2024, 1, 15)
    extract(items[0], pub)  # load dictionaries once, as a server does

    base, full = [], []
    for _ in range(args.runs):
        base.append(timed(lambda t: list(nlp(t).sents), items))
        full.append(timed(lambda t: extract(t, pub), items))
    b, f = statistics.median(base), statistics.median(full)
    print(f"corpus: {len(items)} briefs, {size / 1e6:.2f} MB, {words} words, {sentences} sentences")
    print(
        f"spaCy blank tokenizer+sentencizer: {words / b:,.0f} words/s, {sentences / b:,.0f} sentences/s"
    )
    print(
        f"full extraction:                   {words / f:,.0f} words/s, {sentences / f:,.0f} sentences/s"
    )
    print(
        f"extraction / baseline time ratio:  {f / b:.2f}x slower (baseline is {b / f:.1%} of extraction time)"
    )
    print(f"median of {args.runs} runs; one core")


if __name__ == "__main__":
    main()
