"""Hostile requests change nothing and get clear errors; odd but valid briefs ingest cleanly."""

from __future__ import annotations

import random

import pytest

from tests.conftest import get_all

URL = "/api/v1/documents"


@pytest.mark.parametrize(
    ("kwargs", "status", "says"),
    [
        ({"data": bytes(range(256)) * 8, "content_type": "text/plain"}, 422, "UTF-8"),
        ({"data": b"\x00\x01\x02binary", "content_type": "application/octet-stream"}, 415, "JSON"),
        ({"data": b"", "content_type": "text/plain"}, 422, "empty"),
        (
            {"data": b"Title\n\nNUL \x00 inside", "content_type": "text/plain"},
            422,
            "control",
        ),
        ({"json": {"text": ["a", "b"]}}, 422, "string"),
        ({"json": {"text": {"nested": "x"}}}, 422, "string"),
        ({"json": {"text": "T\n\nB.", "published": "2016-02-30"}}, 422, "date"),
        ({"json": {"text": "T\n\nB.", "source": "x" * 500}}, 422, "Length"),
        ({"json": {"text": "T\n\nB.", "source": "Wire\x00"}}, 422, "control"),
        ({"json": {"text": "T\n\nB.", "url": "http://x/\x01"}}, 422, "control"),
        ({"data": b'{"text": "T", ', "content_type": "application/json"}, 400, "JSON"),
        ({"data": b"text=Hello", "content_type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ],
)
def test_hostile_posts(client, kwargs, status, says):
    resp = client.post(URL, **kwargs)
    assert resp.status_code == status, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert body["code"] == status
    assert says.lower() in (body.get("message", "") + str(body.get("errors", ""))).lower()
    assert get_all(client, URL) == []


@pytest.mark.parametrize(
    "params",
    [{"page": 10**9}, {"page_size": 10**9}, {"page": "1; DROP TABLE documents"}, {"page_size": -5}],
)
def test_hostile_paging(client, params):
    resp = client.get(URL, query_string=params)
    assert resp.status_code == 422
    assert set(params) & set(resp.get_json()["errors"]["query"])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/quotes", {"cue": "\x00"}),
        ("/api/v1/events", {"location": "a\x00b"}),
        ("/api/v1/documents", {"source": "\x00"}),
        ("/api/v1/actors", {"q": "\x00"}),
    ],
)
def test_nul_in_parameters_is_422_everywhere(client, path, params):
    resp = client.get(path, query_string=params)
    assert resp.status_code == 422
    assert next(iter(params)) in str(resp.get_json()["errors"])


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", "%", "_", "\\", "a" * 200, "NEAR(a b)", "title:x", "-x", "x*", '"a" "b"']
)
def test_hostile_search_is_plain_text(client, q):
    client.post(URL, json={"text": "Title\n\nRussia said so on Monday."})
    for path in (URL, "/api/v1/quotes", "/api/v1/events", "/api/v1/actors"):
        resp = client.get(path, query_string={"q": q})
        assert resp.status_code == 200, (path, q, resp.get_json())
    assert len(get_all(client, URL)) == 1


def _one_mb_line() -> str:
    rng = random.Random(3)
    words = "the minister said Russia will withdraw troops from the region while France urged talks".split()
    return " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000]


@pytest.mark.parametrize(
    ("text", "check"),
    [
        (
            "Just one paragraph with no title line, in which Russia said it would withdraw troops from the border region on Monday and more words follow here.",
            lambda d: d["title"] is None and len(d["paragraphs"]) == 1,
        ),
        (
            "Headline Only Here\n\nFrance praised Germany.",
            lambda d: (
                d["title"] == "Headline Only Here" and d["subtitle"] is None and d["media"] == []
            ),
        ),
        (
            'Quotes\n\n“Unbalanced quote, he said. And "nested ‘inner’ quotes" too,” Kerry said.',
            lambda d: len(d["paragraphs"]) == 1,
        ),
        (
            "Nouvelles\n\nLe président français a rencontré son homologue allemand à Berlin.",
            lambda d: d["title"] == "Nouvelles",
        ),
        (
            "Новости\n\nПрезидент заявил, что переговоры продолжатся. 中文新闻标题。",
            lambda d: d["title"] == "Новости",
        ),
        (
            "Windows\r\n\r\nA caption.\r\nJane Roe / AP\r\n\r\nNEWS BRIEF Russia said so.\r\n",
            lambda d: d["kicker"] == "NEWS BRIEF" and "\r" not in d["text"],
        ),
        (
            "Big\n\n" + _one_mb_line(),
            lambda d: len(d["paragraphs"]) == 1 and len(d["text"]) > 1_000_000,
        ),
    ],
)
def test_odd_but_valid_briefs_ingest(client, text, check):
    resp = client.post(URL, json={"text": text, "published": "2024-03-04"})
    assert resp.status_code == 201, resp.get_data(as_text=True)[:300]
    doc = client.get(f"{URL}/{resp.get_json()['id']}").get_json()
    assert check(doc), {k: doc[k] for k in ("title", "subtitle", "kicker")}
    for p in doc["paragraphs"]:
        assert doc["text"][p["start"] : p["end"]] == p["text"]
    for q in get_all(client, "/api/v1/quotes", document_id=doc["id"]):
        assert doc["text"][q["start"] : q["end"]] == q["text"]
