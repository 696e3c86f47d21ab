"""The demo corpus in seeds/ (issue 19, item 8): the customer's brief, unedited, and the
public-domain briefs of the development gold corpus, copied unedited with their sidecars and
named in seeds/NOTICE.md; never a blind brief, never an annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "corpus" / "dev"
BRIEFS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_seeds_hold_briefs_sidecars_and_the_notice_only():
    names = {p.name for p in SEEDS.iterdir()}
    assert names == {f"{b}.txt" for b in BRIEFS} | {f"{b}.meta.json" for b in BRIEFS} | {
        "NOTICE.md"
    }
    assert len(BRIEFS) >= 20


def test_the_customer_brief_is_unedited():
    assert (SEEDS / f"{SEED}.txt").read_bytes() == (DATA / f"{SEED}.txt").read_bytes()


@pytest.mark.parametrize("brief", [b for b in BRIEFS if b != SEED])
def test_each_corpus_brief_is_a_public_domain_dev_brief_copied_whole(brief):
    for suffix in (".txt", ".meta.json"):
        assert (SEEDS / f"{brief}{suffix}").read_bytes() == (DEV / f"{brief}{suffix}").read_bytes()
    meta = json.loads((SEEDS / f"{brief}.meta.json").read_text(encoding="utf-8"))
    assert meta["licence"].startswith("Public domain") and meta["attribution"]
    assert f"`{brief}`" in (SEEDS / "NOTICE.md").read_text(encoding="utf-8")
    blind = ROOT / "tests" / "corpus"
    assert not [p for p in blind.glob(f"blind*/{brief}.txt")]
