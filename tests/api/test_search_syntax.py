"""Search syntax (issue 19, item 7): phrases, OR, -word, prefix*, and variants of a word found
together, with one meaning on PostgreSQL and SQLite; hostile input is a 422 or a safe query,
never a 500 and never the engine's own syntax."""

from __future__ import annotations

import pytest

from tests.conftest import get_all
from tests.consistency import assert_refused, unchanged

BRIEFS = {
    "Truce": "The cease-fire in Aleppo held on Monday, officials said.",
    "Talks": "A ceasefire was agreed in Geneva after long talks.",
    "Defence": "The defense ministry condemned the bombing in Vienna.",
    "Bombers": "Bombers struck a convoy near Homs; the counter-terrorism unit answered.",
    "Labour": "The labor minister met the Vienna labour unions.",
}


@pytest.fixture
def briefs(client):
    for title, body in BRIEFS.items():
        resp = client.post("/api/v1/documents", json={"text": f"{title}\n\n{body}"})
        assert resp.status_code == 201, resp.get_json()


@pytest.mark.parametrize(
    ("q", "titles"),
    [
        # variants of one word: hyphenated, closed, British and American
        ("ceasefire", {"Truce", "Talks"}),
        ("cease-fire", {"Truce", "Talks"}),
        ("counterterrorism", {"Bombers"}),
        ("defence", {"Defence"}),
        ("labor", {"Labour"}),
        # phrases: words in a row, in order
        ('"ceasefire was agreed"', {"Talks"}),
        ('"agreed ceasefire"', set()),
        ('"defense ministry', {"Defence"}),  # an unbalanced quote runs to the end
        # OR binds tighter than the implied AND
        ("geneva OR homs", {"Talks", "Bombers"}),
        ("vienna bombing OR unions", {"Defence", "Labour"}),
        ("geneva OR", {"Talks"}),  # a dangling OR is no syntax
        ("geneva or homs", set()),  # lower-case "or" is a word (every word must match)
        # exclusions
        ("ceasefire -aleppo", {"Talks"}),
        ('vienna -"defense ministry"', {"Labour"}),
        ("-aleppo -vienna", {"Talks", "Bombers"}),
        # prefixes
        ("bomb*", {"Defence", "Bombers"}),
        ("convo*", {"Bombers"}),
        ("al-Aleppo", set()),  # a hyphen inside a word is no exclusion
    ],
)
def test_search_syntax_on_documents(client, briefs, q, titles):
    hits = get_all(client, "/api/v1/documents", q=q)
    assert {d["title"] for d in hits} == titles, q


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/quotes"])
@pytest.mark.parametrize(("one", "other"), [("convoy", "syria"), ("aid*", "ceasefire")])
def test_or_and_exclusion_are_set_operations(client, seed_doc, path, one, other):
    """On every searchable list: `a OR b` is the union of `a` and `b`, `a -b` the difference."""

    def ids(q: str) -> set[int]:
        return {hit["id"] for hit in get_all(client, path, q=q)}

    a, b = ids(one), ids(other)
    assert a and b and a != b, "the seed brief has hits for both, not the same"
    assert ids(f"{one} OR {other}") == a | b
    assert ids(f"{one} -{other}") == a - b
    assert ids(f"{one} {other}") == a & b


def test_a_variant_is_marked_where_the_text_writes_it(client, briefs):
    """ "ceasefire" finds "cease-fire", and the snippet marks it there."""
    (truce,) = [d for d in get_all(client, "/api/v1/documents", q="ceasefire -geneva")]
    assert "<mark>cease-fire</mark>" in truce["search"]["snippet"]
    excluded = get_all(client, "/api/v1/documents", q="vienna -labour")
    assert all("<mark>labour" not in d["search"]["snippet"].lower() for d in excluded)


@pytest.mark.parametrize(
    "q",
    [
        "ceasefire OR -aleppo",
        "-aleppo OR geneva",
        'talks OR -"cease fire"',
    ],
)
def test_an_exclusion_beside_or_is_a_clear_422(app, client, briefs, q):
    with unchanged(app):
        body = assert_refused(client.get("/api/v1/events", query_string={"q": q}), 422)
    assert ("query", "q") in {(e["location"], e["field"]) for e in body["errors"]}


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        "-",
        "--",
        "*",
        "**",
        "OR",
        "OR OR OR",
        "-OR",
        '-"',
        "NEAR(a b)",
        "a NOT b",
        "a AND b",
        "title:x",
        "x^2",
        "{a b}",
        "a + b",
        "'; DROP TABLE documents; --",
        "_",
        "a_b",
        "\u0301",
        "²*",
        "ü∑ 漢字*",
        "'x':*",
        "x <-> y",
        "!x & y | z",
        "x*y*z",
        "-x*",
        '"-x" "y*"',
        "a" * 300,
        " ".join(["w"] * 60),
        "OR ".join(f"w{i}" for i in range(40)),
    ],
)
def test_hostile_syntax_is_never_a_500(app, client, briefs, q):
    with unchanged(app):
        for path in ("/api/v1/documents", "/api/v1/events", "/api/v1/quotes"):
            resp = client.get(path, query_string={"q": q})
            assert resp.status_code in (200, 422), (path, q, resp.status_code)
            problem = resp.status_code == 422
            assert resp.mimetype == ("application/problem+json" if problem else "application/json")
    assert len(get_all(client, "/api/v1/documents")) == len(BRIEFS)
