"""Places: text -> the places it names as locations (name, country, feature) and the place and
precision of its events, one table row per rule of recognition and disambiguation."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract

PUB = date(2024, 3, 4)


def places(text: str, title: str = "Title") -> set[tuple[str, str | None, str]]:
    x = extract(f"{title}\n\n{text}", PUB)
    return {(p.name, p.country_code, p.feature) for p in x.places}


def event_places(text: str) -> list[tuple[str, str | None, str | None]]:
    x = extract(f"Title\n\n{text}", PUB)
    names = {p.key: p.name for p in x.places}
    return [(e.type, names.get(e.place), e.geo_precision) for e in x.events]


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        (
            "city vs its governorate",
            "Government aircraft struck Aleppo's eastern districts on Monday, and rebels "
            "shelled villages in Idlib province.",
            {("Aleppo", "SY", "city"), ("Idlib", "SY", "admin1")},
        ),
        ("a capital as an actor is no place", "Washington said it would respond firmly.", set()),
        (
            "a capital as a location",
            "Thousands of protesters marched in Washington on Saturday.",
            {("Washington", "US", "city")},
        ),
        (
            "Georgia the country",
            "The minister flew to Tbilisi and later toured villages in Georgia near the "
            "boundary line.",
            {("Tbilisi", "GE", "city"), ("Georgia", "GE", "country")},
        ),
        (
            "Georgia the US state",
            "Storms damaged homes in Atlanta and across Georgia on Sunday.",
            {("Atlanta", "US", "city"), ("Georgia", "US", "admin1")},
        ),
        (
            "Congo by its capital",
            "Aid workers arrived in Kinshasa as fighting spread in Congo.",
            {("Kinshasa", "CD", "city"), ("Democratic Republic of the Congo", "CD", "country")},
        ),
        ("a continent", "Drought has hit farmers across Africa.", {("Africa", None, "continent")}),
        ("not a place", "Satellites orbiting Earth photographed the storm.", set()),
        (
            "a town in the brief's country",
            "Russian forces pressed toward Pokrovsk, a town in eastern Ukraine, officials said.",
            {("Pokrovsk", "UA", "city"), ("Ukraine", "UA", "country")},
        ),
        (
            "a person-like name in a locative frame",
            "Fighting in Goma killed at least ten civilians, the Congolese army said.",
            {("Goma", "CD", "city")},
        ),
        (
            "an organisation named after a place is no place",
            "The Aleppo Media Center published photographs of the damage.",
            set(),
        ),
        (
            "a world city in another country's brief",
            "U.S. and Russian diplomats held talks in Geneva on Monday.",
            {("Geneva", "CH", "city")},
        ),
        (
            "a village of another country is refused",
            "Rebels attacked Dinde, a village in Guinea, on Monday.",
            {("Guinea", "GN", "country")},
        ),
        (
            "a landmark the gazetteer cannot know, drawn at its town",
            "Gunmen opened fire at the Westgate Shopping Mall in Nairobi on Saturday.",
            {("Westgate Shopping Mall", "KE", "landmark"), ("Nairobi", "KE", "city")},
        ),
        (
            "a landmark with no town to stand on is no place",
            "Gunmen opened fire at the Westgate Shopping Mall on Saturday.",
            set(),
        ),
        (
            "a village the text calls one, drawn at the town beside it",
            "Gunmen burned huts in Uma Kasara, a village near Nyala, on Monday. Residents of "
            "the village of Uma Kasara fled.",
            {("Uma Kasara", "SD", "city"), ("Nyala", "SD", "city")},
        ),
        (
            "a landmark's name in brackets is the same place",
            "Troops stormed the Lal Masjid (Red Mosque) in Islamabad on Tuesday.",
            {("Lal Masjid", "PK", "landmark"), ("Islamabad", "PK", "city")},
        ),
        ("a sea", "A cargo ship was struck by a missile in the Black Sea.", None),
    ],
)
def test_places(case, text, expected):
    got = places(text)
    if expected is None:  # curated entries: asserted by name only
        assert {n for n, _, _ in got} >= {"Black Sea"}, case
    else:
        assert got == expected, case


def test_a_headline_compass_word_of_the_name():
    got = places("Clashes were reported on Monday.", title="Violence in West Bank and Gaza")
    assert {n for n, _, _ in got} == {"West Bank", "Gaza Strip"}


def test_dateline_sets_the_country():
    text = "GAZA CITY — Residents of Gaza fled south on Monday as strikes hit the city."
    got = places(text)
    assert ("Gaza", "PS", "city") in got  # GeoNames' name for Gaza City


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian forces shelled Ukrainian positions near Bakhmut on Monday.",
            ("ASSAULT", "Bakhmut", "near_city"),
        ),
        (
            "Russian forces struck a cargo ship in the Black Sea on Monday.",
            ("ASSAULT", "Black Sea", "region"),
        ),
        (
            "Israeli aircraft struck a school in Gaza City on Monday.",
            ("ASSAULT", "Gaza", "city"),  # GeoNames' name for Gaza City
        ),
        ("Washington condemned the attack on Monday.", ("ACCUSE", None, None)),
        (
            "Al-Shabaab militants attacked the Westgate Shopping Mall in Nairobi on Saturday.",
            ("ASSAULT", "Westgate Shopping Mall", "city"),
        ),
    ],
)
def test_event_places(text, expected):
    assert expected in event_places(text)
