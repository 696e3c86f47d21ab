"""Quotes: text -> (kind, speaker name, cue, text) rows."""

from __future__ import annotations

import pytest

from extract import extract


def quotes(text):
    x = extract("Title\n\n" + text)
    names = {a.key: a.name for a in x.actors}
    return [(q.kind, names.get(q.speaker), q.cue, q.text) for q in x.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not retreat," Zelensky said. "We will win."',
            [
                ("direct", "Volodymyr Zelensky", "said", "We will not retreat"),
                ("direct", "Volodymyr Zelensky", None, "We will win"),
            ],
        ),
        (
            "“This is a historic day for science,” NASA Administrator Bill Nelson said.",
            [("direct", "Bill Nelson", "said", "This is a historic day for science")],
        ),
        (
            "Russia said the talks had failed completely.",
            [("indirect", "Russia", "said", "the talks had failed completely")],
        ),
        (
            "The talks failed, the Kremlin said on Monday.",
            [("indirect", "Kremlin", "said", "The talks failed")],
        ),
        (
            "The vote was rigged, according to the European Union.",
            [("indirect", "European Union", "according to", "The vote was rigged")],
        ),
        (
            "Germany kept rates unchanged, saying inflation was still too high.",
            [("indirect", "Germany", "saying", "inflation was still too high")],
        ),
        (
            "Angela Merkel spoke. She told reporters that the deal was dead.",
            [("indirect", "Angela Merkel", "told", "the deal was dead")],
        ),
        ("The ministry announced a new plan.", []),
        (
            "NATO said in a statement:\n\nWe stand together.\n\nWe act as one.\n\nThe alliance added that more would come.",
            [
                ("block", "NATO", None, "We stand together."),
                ("block", "NATO", None, "We act as one."),
                ("indirect", "NATO", "added", "more would come"),
            ],
        ),
    ],
)
def test_quote_table(text, expected):
    assert quotes(text) == expected


def test_quote_spans_hold_their_text():
    text = "Title\n\n“Fine,” he said. Kerry said “it is over for now” and left."
    x = extract(text)
    for q in x.quotes:
        assert text[q.start : q.end] == q.text
