"""Actors over HTTP: the seed's actors, filters, sub-resources, sharing across documents."""

from __future__ import annotations

import pytest

from tests.conftest import get_all

URL = "/api/v1/actors"


def by_name(actors):
    return {a["name"]: a for a in actors}


def test_seed_actors(client, seed_doc):
    actors = by_name(get_all(client, URL, document_id=seed_doc["id"]))
    for name, kind in [
        ("United States", "country"),
        ("Russia", "country"),
        ("Syria", "country"),
        ("U.S. State Department", "organization"),
        ("John Kerry", "person"),
        ("Samantha Power", "person"),
        ("Bashar al-Assad", "person"),
        ("White Helmets", "organization"),
        ("Islamic State", "group"),
        ("al Qaeda in Syria", "group"),
    ]:
        assert actors[name]["kind"] == kind
    assert "Secretary of State" in actors["John Kerry"]["title"]
    assert actors["John Kerry"]["affiliation"]["name"] == "United States"
    assert actors["U.S. State Department"]["affiliation"]["name"] == "United States"
    assert {"Moscow", "Russia"} <= set(actors["Russia"]["aliases"])
    assert "Daesh" in actors["Islamic State"]["aliases"]
    assert "Aleppo" not in actors and "Moscow" not in actors


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"kind": "person"}, {"John Kerry", "Samantha Power"}, {"Russia"}),
        ({"kind": "country"}, {"Russia", "Syria", "United States"}, {"John Kerry"}),
        ({"q": "kerry"}, {"John Kerry"}, {"Russia"}),
        ({"q": "Daesh"}, {"Islamic State"}, {"Syria"}),
        ({"q": "%"}, set(), {"Russia"}),
    ],
)
def test_actor_filters(client, seed_doc, params, expected, absent):
    names = set(by_name(get_all(client, URL, **params)))
    assert expected <= names
    assert not absent & names


def test_actor_sub_resources(client, seed_doc):
    actors = by_name(get_all(client, URL, document_id=seed_doc["id"]))
    us, state = actors["United States"], actors["U.S. State Department"]
    assert client.get(f"{URL}/{us['id']}").get_json()["name"] == "United States"
    events = get_all(client, f"{URL}/{us['id']}/events")
    assert events and all(
        us["id"] in {a["id"] for a in e["sources"] + e["targets"]} for e in events
    )
    quotes = get_all(client, f"{URL}/{state['id']}/quotes")
    assert quotes and all(q["speaker"]["id"] == state["id"] for q in quotes)
    mentions = get_all(client, f"{URL}/{us['id']}/mentions")
    text = seed_doc["text"]
    assert mentions and all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert client.get(f"{URL}/999999/events").status_code == 404


def test_actor_shared_across_documents(client, seed_doc):
    other = client.post(
        "/api/v1/documents",
        json={"text": "Kerry in Geneva\n\nJohn Kerry met Sergei Lavrov in Geneva on Friday."},
    ).get_json()
    first = by_name(get_all(client, URL, document_id=seed_doc["id"]))["John Kerry"]
    second = by_name(get_all(client, URL, document_id=other["id"]))["John Kerry"]
    assert first["id"] == second["id"]
    docs = get_all(client, "/api/v1/documents", actor_id=first["id"])
    assert {d["id"] for d in docs} == {seed_doc["id"], other["id"]}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
        ("Radosław Sikorski", "Radoslaw Sikorski"),
        ("Kaïs Saïed", "Kais Saied"),
    ],
)
def test_a_name_with_and_without_diacritics_is_one_actor_row(client, first, second):
    """Briefs that spell one person with and without diacritics link to the same actor row,
    and a search for either spelling finds it."""
    ids = []
    for i, name in enumerate((first, second)):
        doc = client.post(
            "/api/v1/documents",
            json={"text": f"Talks {i}\n\nForeign Minister {name} said the talks would resume."},
        ).get_json()
        people = [a for a in get_all(client, URL, document_id=doc["id"]) if a["kind"] == "person"]
        assert [a["name"] for a in people] == [first]  # the row keeps its first spelling
        assert name in people[0]["aliases"]
        ids.append(people[0]["id"])
    assert ids[0] == ids[1]
    for q in (first.split()[-1], second.split()[-1]):
        assert [a["id"] for a in get_all(client, URL, q=q)] == [ids[0]]


def test_actor_rows_carry_cameo_codes(client):
    doc = client.post(
        "/api/v1/documents",
        json={
            "text": "Talks\n\nIraqi forces cleared the dam, NATO said.",
            "published": "2014-08-18",
        },
    ).get_json()
    codes = {a["name"]: a["code"] for a in get_all(client, URL, document_id=doc["id"])}
    assert codes == {"Iraq": "IRQ", "Iraqi forces": "IRQMIL", "NATO": "IGOWSTNAT"}
