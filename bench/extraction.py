"""Extraction throughput on one core, on real briefs, beside spaCy's full en_core_web_sm
pipeline over the same texts in the same run.

    .venv/bin/python bench/extraction.py [--mb 1.0] [--runs 5]

The texts are the real published briefs of tests/corpus (development and blind parts) and the
seed, repeated (each copy tagged, so no two are identical) to at least `--mb` megabytes. The
reference is `nlp.pipe` over those texts with every component of en_core_web_sm (tok2vec,
tagger, parser, attribute ruler, lemmatizer, NER). The extraction is everything `extract()`
does: layout, the parse (without NER), actors, quotes, events, dates, places. Both rates count
the same sentences (the reference's). Medians of several runs; the target is a ratio >= 1.0.

Places (issue 23) are measured two ways in the same run: extraction with the place step
switched off (the brief's places empty) beside the whole, and the share of the whole spent in
the place step itself (finding and resolving place names, placing events); target <= 10%.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extract as extraction_package  # noqa: E402
from extract import extract  # noqa: E402
from extract.events import where  # noqa: E402
from extract.nlp import model_name  # noqa: E402
from extract.places import DocPlaces  # noqa: E402

SOURCES = [ROOT / "tests" / "corpus" / "dev", ROOT / "tests" / "corpus" / "blind", ROOT / "seeds"]


def texts(mb: float) -> list[str]:
    # Each text once: seeds/ holds copies of dev briefs beside its own.
    real = list(
        dict.fromkeys(
            p.read_text(encoding="utf-8") for d in SOURCES for p in sorted(d.glob("*.txt"))
        )
    )
    out, size, i = [], 0, 0
    while size < mb * 1024 * 1024:
        t = f"{real[i % len(real)]}\n\nRef {i}.\n"
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    import spacy

    items = texts(args.mb)
    full_nlp = spacy.load(model_name())  # every component, NER included
    size = sum(len(t.encode("utf-8")) for t in items)
    words = sum(len(t.split()) for t in items)
    sentences = sum(len(list(d.sents)) for d in full_nlp.pipe(items))
    pub = date(2024, 1, 15)
    extract(items[0], pub)  # load the model and dictionaries once, as a worker does at start

    def reference():
        for doc in full_nlp.pipe(items):
            doc.sents  # noqa: B018

    def extraction():
        for t in items:
            extract(t, pub)

    spent = [0.0]

    def clocked(fn):
        def run(*a, **k):
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - start

        return run

    find, locate, carry = extraction_package.find_places, where.location, where.carry_places
    ref, ext, off, share = [], [], [], []
    for _ in range(args.runs):
        ref.append(timed(reference))
        extraction_package.find_places = lambda ctx: DocPlaces([])
        off.append(timed(extraction))
        extraction_package.find_places = clocked(find)
        where.location, where.carry_places = clocked(locate), clocked(carry)
        spent[0] = 0.0
        ext.append(timed(extraction))
        share.append(spent[0] / ext[-1])
        extraction_package.find_places, where.location, where.carry_places = find, locate, carry
    r, e, o = statistics.median(ref), statistics.median(ext), statistics.median(off)
    print(
        f"corpus: {len(items)} real briefs, {size / 1e6:.2f} MB, {words} words, {sentences} sentences"
    )
    print(
        f"spaCy {model_name()} full pipeline (nlp.pipe): {sentences / r:,.0f} sentences/s, {words / r:,.0f} words/s"
    )
    print(
        f"whole extraction (extract()):      {sentences / e:,.0f} sentences/s, {words / e:,.0f} words/s"
    )
    print(f"extraction / full pipeline throughput: {r / e:.2f}x (target >= 1.0)")
    print(
        f"places off: {sentences / o:,.0f} sentences/s; with places / without: {o / e:.2f}x; "
        f"place step: {statistics.median(share):.1%} of extraction time (target <= 10%)"
    )
    print(f"median of {args.runs} runs; one core")


if __name__ == "__main__":
    main()
