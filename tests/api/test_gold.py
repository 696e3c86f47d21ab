"""Extraction quality regression: every gold brief ingested over HTTP and scored in process.

The main sets are real published briefs (tests/corpus) and the customer's seed; the briefs
written in-house when the project started (tests/gold*) stay as extra cases. dev, dev2 and
dev3 and blind to blind4 have been looked at while the rules were written (each was blind when
it came; their first figures are in the commit history); blind5, blind6 and blind7 are blind:
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
    "corpus/dev": {"actors": 0.92, "quotes": 0.9, "events": 0.54, "attribution": 0.91, "dates": 0.88, "title": 0.92, "affiliation": 0.79, "places": 0.91, "place_resolution": 0.95, "event_location": 0.74},
    "corpus/dev2": {"actors": 0.78, "quotes": 0.86, "events": 0.51, "attribution": 0.84, "dates": 0.75, "title": 0.68, "affiliation": 0.43, "places": 0.89, "place_resolution": 0.91, "event_location": 0.66},
    "corpus/dev3": {"actors": 0.83, "quotes": 0.8, "events": 0.55, "attribution": 1.0, "dates": 0.87, "title": 0.83, "affiliation": 0.63, "places": 0.87, "place_resolution": 0.96, "event_location": 0.33},
    "corpus/blind": {"actors": 0.84, "quotes": 0.76, "events": 0.42, "attribution": 0.79, "dates": 0.8, "title": 0.89, "affiliation": 0.77, "places": 0.88, "place_resolution": 0.96, "event_location": 0.59},
    "corpus/blind2": {"actors": 0.82, "quotes": 0.79, "events": 0.44, "attribution": 0.83, "dates": 0.94, "title": 1.0, "affiliation": 0.75, "places": 0.82, "place_resolution": 0.94, "event_location": 0.79},
    "corpus/blind3": {"actors": 0.87, "quotes": 0.84, "events": 0.6, "attribution": 0.8, "dates": 0.97, "title": 1.0, "affiliation": 0.76, "places": 0.82, "place_resolution": 1.0, "event_location": 0.79},
    "corpus/blind4": {"actors": 0.96, "quotes": 1.0, "events": 0.64, "attribution": 1.0, "dates": 1.0, "title": 0.85, "affiliation": 0.87, "places": 1.0, "place_resolution": 1.0, "event_location": 0.49},
    "corpus/blind5": {"actors": 0.81, "quotes": 0.86, "events": 0.42, "attribution": 0.95, "dates": 0.95, "title": 0.77, "affiliation": 0.71, "places": 0.86, "place_resolution": 1.0, "event_location": 0.66},
    "corpus/blind6": {"actors": 0.73, "quotes": 0.89, "events": 0.36, "attribution": 0.9, "dates": 0.89, "title": 0.64, "affiliation": 0.39, "places": 0.64, "place_resolution": 0.77, "event_location": 0.56},
    "corpus/blind7": {"actors": 0.78, "quotes": 0.79, "events": 0.38, "attribution": 0.36, "dates": 1.0, "title": 0.52, "affiliation": 0.47, "places": 0.9, "place_resolution": 1.0, "event_location": 0.59},
    "seed": {"actors": 1.0, "quotes": 1.0, "events": 1.0, "attribution": 1.0, "dates": 1.0, "title": 1.0, "affiliation": 1.0},
    "gold": {"actors": 0.99, "quotes": 0.99, "events": 0.74, "attribution": 0.99, "dates": 0.99},
    "gold_holdout": {"actors": 0.99, "quotes": 0.99, "events": 0.66, "attribution": 0.99, "dates": 0.85},
    "gold_holdout2": {"actors": 0.95, "quotes": 0.93, "events": 0.74, "attribution": 0.99, "dates": 0.99},
}  # fmt: skip
FOLDERS = {"seed": "data"}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_gold_floors(client, extract_once, folder):
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
        "places": total.places.f1,
        "place_resolution": total.ratio("place_resolution"),
        "event_location": total.ratio("event_location"),
    }
    assert total.ratio("provenance") == 1.0
    below = {k: round(got[k], 3) for k in floors if got[k] < floors[k]}
    assert not below, f"below the floor: {below} ({summary(total)})"
