"""Extraction quality regression: every gold brief ingested over HTTP and scored in process.

The main sets are real published briefs (tests/corpus: a development part and a blind part
the rules are never tuned on) and the customer's seed; the briefs written in-house when the
project started (tests/gold*) stay as extra cases. The floors are the figures reached when
they were last raised; lower them only with a reason in the commit message.
"""

from __future__ import annotations

import pytest

from tests.gold_scoring import GOLD, score_folder, summary

TESTS = GOLD.parent
FLOORS = {
    "corpus/dev": {"actors": 0.91, "quotes": 0.87, "events": 0.47, "attribution": 0.88, "dates": 0.87, "title": 0.89, "affiliation": 0.78},
    "corpus/blind": {"actors": 0.81, "quotes": 0.69, "events": 0.31, "attribution": 0.73, "dates": 0.87, "title": 0.88, "affiliation": 0.75},
    "corpus/blind2": {"actors": 0.74, "quotes": 0.81, "events": 0.25, "attribution": 0.56, "dates": 0.90, "title": 0.83, "affiliation": 0.55},
    "corpus/blind3": {"actors": 0.81, "quotes": 0.73, "events": 0.40, "attribution": 0.52, "dates": 0.97, "title": 0.93, "affiliation": 0.65},
    "corpus/blind4": {"actors": 0.79, "quotes": 0.99, "events": 0.44, "attribution": 0.99, "dates": 0.99, "title": 0.80, "affiliation": 0.80},
    "seed": {"actors": 1.0, "quotes": 1.0, "events": 1.0, "attribution": 1.0, "dates": 1.0, "title": 1.0, "affiliation": 1.0},
    "gold": {"actors": 0.99, "quotes": 0.99, "events": 0.74, "attribution": 0.99, "dates": 0.99},
    "gold_holdout": {"actors": 0.99, "quotes": 0.99, "events": 0.66, "attribution": 0.99, "dates": 0.85},
    "gold_holdout2": {"actors": 0.95, "quotes": 0.93, "events": 0.74, "attribution": 0.99, "dates": 0.99},
}  # fmt: skip
FOLDERS = {"seed": "data"}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_gold_floors(client, folder):
    total, _ = score_folder(client, TESTS / FOLDERS.get(folder, folder))
    floors = FLOORS[folder]
    got = {
        "actors": total.actors.f1,
        "quotes": total.quotes.f1,
        "events": total.events.f1,
        "attribution": total.ratio("attribution"),
        "dates": total.ratio("dates"),
        "title": total.ratio("title"),
        "affiliation": total.ratio("affiliation"),
    }
    assert total.ratio("provenance") == 1.0
    below = {k: round(got[k], 3) for k in floors if got[k] < floors[k]}
    assert not below, f"below the floor: {below} ({summary(total)})"
