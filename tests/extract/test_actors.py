"""Actors: text -> (name, kind, title, affiliation) rows."""

from __future__ import annotations

import pytest

from extract import extract


def actors(text):
    x = extract("Title\n\n" + text)
    by_key = {a.key: a for a in x.actors}
    rows = {}
    for a in x.actors:
        if any(m.key == a.key for m in x.mentions):
            aff = by_key[a.affiliation].name if a.affiliation in by_key else a.affiliation
            rows[a.name] = (a.kind, a.title, aff)
    return rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov.",
            {
                "John Kerry": ("person", "Secretary of State", "United States"),
                "Sergei Lavrov": ("person", "Foreign Minister", "Russia"),
                "United States": ("country", None, None),
                "Russia": ("country", None, None),
            },
        ),
        (
            "Samantha Power, the U.S. ambassador to the UN, said it was wrong.",
            {
                "Samantha Power": ("person", "U.S. ambassador to the UN", "United States"),
                "United States": ("country", None, None),
                "United Nations": ("organization", None, None),
            },
        ),
        ("Moscow agreed. Officials in Moscow met.", {"Russia": ("country", None, None)}),
        ("Talks were held in Moscow on Monday.", {}),
        (
            "Daesh and ISIL fighters attacked; the Islamic State denied it.",
            {"Islamic State": ("group", None, None)},
        ),
        ("The Syrian regime and Syrian refugees.", {"Syria": ("country", None, None)}),
        (
            "The plan was set, ministry spokesman Gao Feng told reporters.",
            {"Gao Feng": ("person", "ministry spokesman", None)},
        ),
        (
            "The Africa Centres for Disease Control and Prevention declared an emergency.",
            {"Africa Centres for Disease Control and Prevention": ("organization", None, None)},
        ),
        (
            "China's foreign ministry said no.",
            {
                "China": ("country", None, None),
                "Chinese Foreign Ministry": ("organization", None, "China"),
            },
        ),
        ("The group, known as Trickbot, struck again.", {"Trickbot": ("group", None, None)}),
        ("Aleppo is the largest city in Syria.", {"Syria": ("country", None, None)}),
    ],
)
def test_actor_table(text, expected):
    assert actors(text) == expected


def test_surnames_resolve_within_a_brief():
    x = extract("Title\n\nJohn Kerry arrived. Kerry said the talks failed.")
    kerry = [m for m in x.mentions if m.key == "john-kerry"]
    assert [m.text for m in kerry] == ["John Kerry", "Kerry"]


def test_headline_words_are_not_actors():
    x = extract("The Suspension of Cooperation Over Aleppo\n\nRussia said no.")
    assert {a.name for a in x.actors} == {"Russia"}
