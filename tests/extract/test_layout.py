"""Layout: text -> title, subtitle, media, kicker, paragraph kinds."""

from __future__ import annotations

import pytest

from extract import normalize_text, parse_layout
from extract.dictionary import load


def layout(text, section=None):
    return parse_layout(normalize_text(text), load().acronyms, section)


@pytest.mark.parametrize(
    ("text", "title", "subtitle", "kicker", "kinds"),
    [
        (
            "Title\n\nSub line.\n\nCap.\nJo Doe / AP\n\nNEWS BRIEF Body one.\n\nBody two.",
            "Title",
            "Sub line.",
            "NEWS BRIEF",
            ["paragraph", "paragraph"],
        ),
        (
            "Title\n\nNATO said it would act.\n\nMore.",
            "Title",
            None,
            None,
            ["paragraph", "paragraph"],
        ),
        (
            "Title\n\nUS officials said so.\n\nMore.",
            "Title",
            None,
            None,
            ["paragraph", "paragraph"],
        ),
        ("Title\n\nANALYSIS The vote was close.", "Title", None, "ANALYSIS", ["paragraph"]),
        (
            "One single paragraph of text with no title line at all, just a sentence that runs on and on for many words indeed.",
            None,
            None,
            None,
            ["paragraph"],
        ),
        (
            "Title\r\n\r\nIt said:\r\n\r\nWe act.\r\n\r\nThe group said more.",
            "Title",
            None,
            None,
            ["paragraph", "block_quote", "paragraph"],
        ),
        (
            "Title\n\nPARIS, May 3 (Reuters) - France acted.\n\nMore.",
            "Title",
            None,
            None,
            ["paragraph", "paragraph"],
        ),
        (
            "Title\n\nThe statement read:\n\nFirst.\n\nSecond.\n\nThird.",
            "Title",
            None,
            None,
            ["paragraph", "block_quote", "block_quote", "block_quote"],
        ),
        (  # a list after a colon is no statement
            "Title\n\nInvolved in the case are:\n\nCoast Guard Sector Mobile\n\nCoast Guard "
            "Cutter Dolphin\n\nThe boaters were taken ashore.",
            "Title",
            None,
            None,
            ["paragraph", "paragraph", "paragraph", "paragraph"],
        ),
        (  # nor a header's own tokens: "GAZA CITY —" is a dateline, not the kicker "GAZA"
            "Title\n\nGAZA CITY — Residents fled south on Monday.",
            "Title",
            None,
            None,
            ["paragraph"],
        ),
    ],
)
def test_layout_table(text, title, subtitle, kicker, kinds):
    got = layout(text)
    assert (got.title, got.subtitle, got.kicker) == (title, subtitle, kicker)
    assert [p.kind for p in got.paragraphs] == kinds
    norm = normalize_text(text)
    for p in got.paragraphs:
        assert norm[p.start : p.end] == p.text


def test_caption_and_credit():
    got = layout("Title\n\nSubtitle here.\n\nA boy walks.\nJane Roe / Reuters\n\nNEWS BRIEF Body.")
    (media,) = got.media
    assert (media.caption, media.credit, media.photographer, media.agency) == (
        "A boy walks.",
        "Jane Roe / Reuters",
        "Jane Roe",
        "Reuters",
    )


def test_dateline_is_kept_but_not_extracted():
    text = "Title\n\nWASHINGTON (Reuters) — The U.S. acted.\n\nMore."
    got = layout(text)
    assert got.paragraphs[0].text.startswith("WASHINGTON")
    assert got.dateline.startswith("WASHINGTON")
    assert all(not text[s:e].startswith("WASHINGTON") for s, e in got.zones)
