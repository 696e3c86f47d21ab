"""Extraction quality regression: every gold brief ingested over HTTP and scored in process.

The main sets are real published briefs (tests/corpus) and the customer's seed; the briefs
written in-house when the project started (tests/gold*) stay as extra cases. dev, dev2 and
blind to blind4 have been looked at while the rules were written (each was blind when it came;
their first figures are in the commit history); blind5 and blind6 are blind:
annotated by people who never saw the extractor's output, scored only as totals, never read
brief by brief. The floors are the figures reached when they were last raised; lower them only
with a reason in the commit message (blind's dates went 0.87 -> 0.80 as more of its events
were found: dates are scored on found events only, and the new ones are dated by harder text).
"""

from __future__ import annotations

import pytest

from tests.gold_scoring import GOLD, score_folder, summary

TESTS = GOLD.parent
FLOORS = {
    "corpus/dev": {"actors": 0.92, "quotes": 0.90, "events": 0.54, "attribution": 0.91, "dates": 0.88, "title": 0.92, "affiliation": 0.79},
    "corpus/dev2": {"actors": 0.78, "quotes": 0.77, "events": 0.51, "attribution": 0.84, "dates": 0.75, "title": 0.68, "affiliation": 0.43},
    "corpus/blind": {"actors": 0.84, "quotes": 0.69, "events": 0.42, "attribution": 0.80, "dates": 0.80, "title": 0.90, "affiliation": 0.77},
    "corpus/blind2": {"actors": 0.82, "quotes": 0.79, "events": 0.45, "attribution": 0.84, "dates": 0.94, "title": 1.0, "affiliation": 0.76},
    "corpus/blind3": {"actors": 0.88, "quotes": 0.85, "events": 0.59, "attribution": 0.80, "dates": 0.98, "title": 1.0, "affiliation": 0.76},
    "corpus/blind4": {"actors": 0.97, "quotes": 1.0, "events": 0.64, "attribution": 1.0, "dates": 1.0, "title": 0.85, "affiliation": 0.87},
    "corpus/blind5": {"actors": 0.81, "quotes": 0.79, "events": 0.42, "attribution": 0.96, "dates": 0.95, "title": 0.77, "affiliation": 0.71},
    "corpus/blind6": {"actors": 0.73, "quotes": 0.87, "events": 0.36, "attribution": 0.91, "dates": 0.89, "title": 0.65, "affiliation": 0.40},
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
