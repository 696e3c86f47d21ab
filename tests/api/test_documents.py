"""Documents over HTTP: ingest (JSON and plain text), read, list, delete, and bad input."""

from __future__ import annotations

import pytest

from tests.conftest import get_all
from tests.consistency import fields_of

URL = "/api/v1/documents"


def test_seed_structure(seed_doc, seed_text):
    assert seed_doc["title"] == "The Suspension of U.S.-Russian Cooperation in Syria"
    assert seed_doc["subtitle"].startswith("The U.S. said Russia has failed")
    assert seed_doc["kicker"] == "NEWS BRIEF"
    assert seed_doc["section"] == "NEWS BRIEF"
    assert seed_doc["published_at"] == "2016-10-03"
    assert seed_doc["media"] == [
        {
            "caption": "A boy walks amid damaged buildings in the rebel held area of al-Kalaseh neighbourhood of Aleppo.",
            "credit": "Abdalrhman Ismail / Reuters",
            "photographer": "Abdalrhman Ismail",
            "agency": "Reuters",
        }
    ]
    kinds = [p["kind"] for p in seed_doc["paragraphs"]]
    assert kinds == ["paragraph", "paragraph", "block_quote", "block_quote"] + ["paragraph"] * 4
    assert seed_doc["text"] == seed_text
    for p in seed_doc["paragraphs"]:
        assert seed_text[p["start"] : p["end"]] == p["text"]
    assert seed_doc["paragraphs"][0]["text"].startswith("The U.S. State Department said Monday")


def test_same_text_twice_is_one_document(client, seed_doc, seed_text):
    again = client.post(URL, json={"text": seed_text})
    assert again.status_code == 200
    assert again.get_json()["id"] == seed_doc["id"]
    assert len(get_all(client, URL)) == 1


def test_plain_text_body_with_query_fields(client):
    body = "Talks resume\n\nRussia and Ukraine met in Istanbul on Monday, officials said.\n"
    resp = client.post(
        URL + "?source=Wire&published=2022-03-29&section=World",
        data=body.encode(),
        content_type="text/plain; charset=utf-8",
    )
    assert resp.status_code == 201, resp.get_json()
    doc = resp.get_json()
    assert (doc["source"], doc["published_at"], doc["section"]) == ("Wire", "2022-03-29", "World")
    assert doc["title"] == "Talks resume"


def test_windows_line_endings_ingest_cleanly(client, seed_text):
    resp = client.post(URL, json={"text": seed_text.replace("\n", "\r\n")})
    assert resp.status_code in (200, 201)
    doc = resp.get_json()
    assert "\r" not in doc["text"]
    assert doc["kicker"] == "NEWS BRIEF"


def test_list_and_filters(client, seed_doc):
    client.post(
        URL, json={"text": "Other\n\nFrance praised Germany on Friday.", "source": "Elsewhere"}
    )
    assert [d["id"] for d in get_all(client, URL, source="The Atlantic")] == [seed_doc["id"]]
    assert [d["title"] for d in get_all(client, URL, published_from="2016-10-01")] == [
        seed_doc["title"]
    ]
    item = get_all(client, URL)[0]
    assert {"id", "title", "published_at", "source"} <= set(item)


def test_metadata_is_kept(client):
    resp = client.post(
        URL, json={"text": "T\n\nBody text here.", "metadata": {"desk": "world", "n": 3}}
    )
    assert resp.get_json()["metadata"] == {"desk": "world", "n": 3}


def test_delete_removes_everything(client, seed_doc):
    doc_id = seed_doc["id"]
    assert get_all(client, "/api/v1/events", document_id=doc_id)
    resp = client.delete(f"{URL}/{doc_id}")
    assert resp.status_code == 204
    assert client.get(f"{URL}/{doc_id}").status_code == 404
    for path in ("/api/v1/events", "/api/v1/quotes", "/api/v1/actors"):
        assert get_all(client, path) == []
    assert client.delete(f"{URL}/{doc_id}").status_code == 404


@pytest.mark.parametrize(
    ("kwargs", "status", "field"),
    [
        ({"json": {"text": ""}}, 422, "text"),
        ({"json": {"text": "   \n  "}}, 422, "text"),
        ({"json": {"text": 42}}, 422, "text"),
        ({"json": {"text": None}}, 422, "text"),
        ({"json": {}}, 422, "text"),
        ({"json": {"text": "T\n\nBody.", "bogus": 1}}, 422, "bogus"),
        ({"json": {"text": "T\n\nBody.", "published": "03/10/2016"}}, 422, "published"),
        ({"json": {"text": "T\n\nBody.", "metadata": "x"}}, 422, "metadata"),
        ({"json": {"text": "bad \x00 byte"}}, 422, "text"),
        ({"json": {"text": "bell \x07 char"}}, 422, "text"),
        ({"data": b"\xff\xfe not utf-8", "content_type": "text/plain"}, 422, "text"),
        ({"data": b"<a/>", "content_type": "application/xml"}, 415, None),
        ({"data": b"{not json", "content_type": "application/json"}, 400, None),
        ({"json": ["a", "list"]}, 422, None),
    ],
)
def test_bad_input_changes_nothing(client, kwargs, status, field):
    resp = client.post(URL, **kwargs)
    assert resp.status_code == status, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["code"] == status and body["status"]
    if field:
        assert field in str(body.get("errors")) + body.get("message", "")
    assert get_all(client, URL) == []


def test_body_over_the_limit_is_413(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    resp = client.post(URL, data=b"x" * (limit + 1), content_type="text/plain")
    assert resp.status_code == 413
    assert resp.get_json()["code"] == 413
    assert get_all(client, URL) == []


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/nowhere", 404),
        ("get", f"{URL}/abc", 404),
        ("get", f"{URL}/0", 404),
        ("get", f"{URL}/99999999999999999999", 404),
        ("get", f"{URL}/2147483648", 404),
        ("get", f"{URL}/12345", 404),
        ("put", URL, 405),
        ("patch", f"{URL}/1", 405),
    ],
)
def test_errors_are_json(client, method, path, status):
    resp = getattr(client, method)(path)
    assert resp.status_code == status
    assert resp.is_json
    assert resp.get_json()["code"] == status
    if status == 405:
        assert resp.headers["Allow"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": -1},
        {"page_size": 0},
        {"page_size": 101},
        {"page": "x"},
        {"published_from": "x"},
    ],
)
def test_bad_list_parameters_are_422(client, params):
    resp = client.get(URL, query_string=params)
    assert resp.status_code == 422
    assert set(params) <= fields_of(resp.get_json(), "query")
