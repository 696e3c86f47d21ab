"""Output a browser or a spreadsheet cannot be made to run (issue 24, items 1 and 2), on every
database: search snippets are escaped text whose only markup is `<mark>`, with a plain twin and
offsets into it; CSV exports neutralize formulas while JSON and NDJSON keep the text exactly."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import get_all
from tests.hostile_briefs import FORMULA_STARTS, MARKUP, TERMS, formula_brief, text_of


class Rendered(HTMLParser):
    """What a browser's innerHTML would build from a snippet: its tags and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple] = []
        self.text = ""
        self.marked: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self._open = tag == "mark"

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)
        self._open = False

    def handle_data(self, data):
        self.text += data
        if self._open:
            self.marked.append(data)


@pytest.fixture
def hostile(client):
    docs = []
    for title, body in MARKUP:
        resp = client.post("/api/v1/documents", json={"text": text_of(title, body)})
        assert resp.status_code == 201, resp.get_json()
        docs.append(resp.get_json())
    return docs


@pytest.mark.parametrize("path", ["/api/v1/documents", "/api/v1/quotes", "/api/v1/events"])
@pytest.mark.parametrize("term", TERMS)
def test_snippets_are_inert_and_read_as_the_text(client, hostile, path, term):
    hits = [h for h in get_all(client, path, q=term) if "search" in h]
    if path == "/api/v1/documents":
        assert hits, term  # every term matches inside some hostile brief's text
    for hit in hits:
        search = hit["search"]
        page = Rendered()
        page.feed(search["snippet"])
        page.close()
        assert set(page.tags) <= {"mark", "/mark"} and not page.attrs, search["snippet"]
        # Rendered, the snippet reads exactly as its plain twin: entities stay literal.
        assert page.text == search["snippet_text"]
        shown = [search["snippet_text"][m["start"] : m["end"]] for m in search["snippet_matches"]]
        assert shown == page.marked and shown, search
        assert all(re.match(term[:4], s, re.I) for s in shown)


def test_entities_come_back_double_escaped(client, hostile):
    [hit] = get_all(client, "/api/v1/documents", q="kiddies")
    assert "&amp;lt;/script&amp;gt;" in hit["search"]["snippet"]
    assert "&lt;/script&gt;" in hit["search"]["snippet_text"]


def test_a_closing_mark_in_the_text_is_text(client, hostile):
    [hit] = get_all(client, "/api/v1/documents", q="negotiators")
    assert "&lt;/mark&gt;" in hit["search"]["snippet"]
    assert hit["search"]["snippet"].count("<mark>") == hit["search"]["snippet"].count("</mark>")


def _csv(client, path: str) -> list[dict]:
    resp = client.get(f"{path}/export", query_string={"format": "csv"})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(resp.get_data(as_text=True), newline="")))


def _ndjson(client, path: str) -> list[dict]:
    resp = client.get(f"{path}/export", query_string={"format": "ndjson"})
    assert resp.status_code == 200 and resp.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in resp.get_data(as_text=True).splitlines()]


# (list, the text field a brief's leading character can reach)
EXPORTS = [("/api/v1/documents", "title"), ("/api/v1/quotes", "text")]


@pytest.mark.parametrize("lead", FORMULA_STARTS, ids=repr)
def test_csv_cells_never_start_a_formula(client, lead):
    resp = client.post("/api/v1/documents", json=formula_brief(lead))
    assert resp.status_code == 201, resp.get_json()
    reached = 0
    for path, name in EXPORTS:
        items = get_all(client, path)
        rows = _csv(client, path)
        assert _ndjson(client, path) == items  # NDJSON: the JSON items, exactly
        for item, row in zip(items, rows, strict=True):
            for column, cell in row.items():
                assert not cell.startswith(tuple(FORMULA_STARTS)), (column, cell)
            value = item[name]
            if value.startswith(lead):
                reached += 1
                assert row[name] == "'" + value  # the text itself, shown as text
            else:
                assert row[name] == value
    # A carriage return never reaches a stored text (a brief's line breaks are normalized to
    # \n); every other leading character reaches a title or a quote.
    assert reached or lead == "\r"


def test_numbers_are_not_neutralized(client, seed_doc):
    rows = _csv(client, "/api/v1/events")
    items = get_all(client, "/api/v1/events")
    for item, row in zip(items, rows, strict=True):
        assert row["confidence"] == str(item["confidence"])
