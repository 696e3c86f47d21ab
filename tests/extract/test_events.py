"""Events: text -> (type, status, sources, targets, date, precision) rows."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract

PUB = date(2016, 10, 3)  # a Monday


def events(text):
    x = extract("Title\n\n" + text, PUB)
    names = {a.key: a.name for a in x.actors}
    return [
        (
            e.type,
            e.status,
            tuple(names[k] for k in e.sources),
            tuple(names[k] for k in e.targets),
            e.date,
            e.date_precision,
        )
        for e in x.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia bombed Syria on Monday.",
            [("ASSAULT", "asserted", ("Russia",), ("Syria",), "2016-10-03", "day")],
        ),
        (
            "Russia and Syria intensified their attacks last month.",
            [("ASSAULT", "asserted", ("Russia", "Syria"), (), "2016-09-01", "month")],
        ),
        (
            "The U.S. will withdraw personnel from Russia.",
            [("SANCTION", "future", ("United States",), ("Russia",), "2016-10-03", "reported")],
        ),
        (
            "The U.S. accused Russia of bombing the convoy.",
            [
                ("ACCUSE", "asserted", ("United States",), ("Russia",), "2016-10-03", "reported"),
                ("ASSAULT", "alleged", ("Russia",), (), "2016-10-03", "reported"),
            ],
        ),
        (
            "France did not reject the offer from Germany.",
            [("REJECT", "negated", ("France",), ("Germany",), "2016-10-03", "reported")],
        ),
        ("Aleppo is the largest city in Syria.", []),
        ("Officials said buildings were bombed.", []),
        (
            "Israel struck Hamas in Gaza. Egypt, which has mediated before, urged both sides to show restraint.",
            [
                ("ASSAULT", "asserted", ("Israel",), ("Hamas",), "2016-10-03", "reported"),
                ("REQUEST", "asserted", ("Egypt",), ("Hamas", "Israel"), "2016-10-03", "reported"),
            ],
        ),
        (
            "Iran will attack Israel if it strikes Iranian soil.",
            [
                ("ASSAULT", "threatened", ("Iran",), ("Israel",), "2016-10-03", "reported"),
                ("ASSAULT", "hypothetical", ("Israel",), (), "2016-10-03", "reported"),
            ],
        ),
        (
            "Iran would attack Israel, officials said.",
            [("ASSAULT", "hypothetical", ("Iran",), ("Israel",), "2016-10-03", "reported")],
        ),
        (
            "Last week Iran threatened to cut off talks with France.",
            [("THREATEN", "asserted", ("Iran",), ("France",), "2016-09-26", "week")],
        ),
    ],
)
def test_event_table(text, expected):
    assert events(text) == expected


def test_no_publication_date_leaves_dates_null():
    x = extract("Title\n\nRussia bombed Syria on Monday.")
    assert [(e.date, e.date_precision) for e in x.events] == [(None, None)]


def test_trigger_span_is_the_action():
    text = "Title\n\nThe U.S. was suspending bilateral talks with Russia."
    (e,) = extract(text, PUB).events
    assert text[e.start : e.end] == "suspending bilateral talks" == e.trigger
    assert text[e.sentence_start : e.sentence_end].startswith("The U.S. was")
