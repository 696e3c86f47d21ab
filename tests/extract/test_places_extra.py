"""The curated places (seas, regions, landmarks) beside the GeoNames gazetteer: every row
well-formed, ids unique, no surface form claimed by two rows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "extract" / "data" / "places_extra.jsonl"
KEYS = {
    "id",
    "label",
    "pattern",
    "aliases",
    "country_code",
    "latitude",
    "longitude",
    "geonames_id",
    "source",
}
ROWS = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_enough_rows_sorted_and_unique():
    assert len(ROWS) >= 120
    ids = [r["id"] for r in ROWS]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_no_alias_on_two_rows():
    owner: dict[str, str] = {}
    for r in ROWS:
        for a in {a.casefold() for a in r["aliases"]}:
            assert a not in owner, f"{a!r} on {owner.get(a)} and {r['id']}"
            owner[a] = r["id"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row(row):
    assert set(row) == KEYS
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"])
    assert row["label"] in {"region", "water", "landmark"}
    assert isinstance(row["pattern"], str) and row["pattern"].strip() == row["pattern"] != ""
    assert isinstance(row["aliases"], list) and row["aliases"]
    assert row["pattern"] in row["aliases"]
    assert all(isinstance(a, str) and a.strip() == a != "" for a in row["aliases"])
    assert not any(a.casefold().startswith("the ") for a in row["aliases"])
    assert row["country_code"] is None or re.fullmatch(r"[A-Z]{2}", row["country_code"])
    for k in ("latitude", "longitude"):
        assert isinstance(row[k], (int, float)) and not isinstance(row[k], bool)
    assert -90 <= row["latitude"] <= 90
    assert -180 <= row["longitude"] <= 180
    assert row["geonames_id"] is None or (
        isinstance(row["geonames_id"], int) and row["geonames_id"] > 0
    )
    assert isinstance(row["source"], str) and row["source"]
