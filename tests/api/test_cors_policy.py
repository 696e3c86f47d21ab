"""CORS that says what the server does (issue 24, item 4), and the small conventions of item 6:
204 without a type, one name for the publication date."""

from __future__ import annotations

import pytest

from tests.conftest import get_all
from tests.consistency import assert_refused, unchanged

FOREIGN = "https://app.example"
BRIEF = {"text": "Cors\n\nRussia met Ukraine in Minsk on Monday."}


@pytest.fixture
def policy(app):
    saved = (app.config["CORS_ORIGINS"], app.config["CORS_METHODS"])

    def change(origins, methods=None):
        app.config["CORS_ORIGINS"] = origins
        app.config["CORS_METHODS"] = methods or saved[1]

    yield change
    app.config["CORS_ORIGINS"], app.config["CORS_METHODS"] = saved


def preflight(client, path: str, method: str, origin: str = FOREIGN):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/api/v1/documents"), ("DELETE", "/api/v1/documents/1")]
)
def test_by_default_writes_from_another_origin_are_allowed(client, method, path):
    pre = preflight(client, path, method)
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
    assert method in pre.headers["Access-Control-Allow-Methods"].split(", ")
    allowed = {h.strip().lower() for h in pre.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed


def test_a_cross_origin_write_with_a_token_works_and_exposes_what_it_says(client):
    made = client.post("/api/v1/documents", json=BRIEF, headers={"Origin": FOREIGN})
    assert made.status_code == 201
    exposed = {h.strip() for h in made.headers["Access-Control-Expose-Headers"].split(",")}
    assert {
        "Location",
        "WWW-Authenticate",
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "X-Next-Cursor",
    } <= exposed
    gone = client.delete(made.headers["Location"], headers={"Origin": FOREIGN})
    assert gone.status_code == 204 and "Content-Type" not in gone.headers and not gone.data


@pytest.mark.parametrize(
    ("origins", "methods", "origin", "method", "refused"),
    [
        (["https://good.example"], None, FOREIGN, "GET", True),
        (["https://good.example"], None, FOREIGN, "POST", True),
        (["https://good.example"], None, "https://good.example", "POST", False),
        ("*", ["GET", "HEAD", "OPTIONS"], FOREIGN, "POST", True),
        ("*", ["GET", "HEAD", "OPTIONS"], FOREIGN, "DELETE", True),
        ("*", ["GET", "HEAD", "OPTIONS"], FOREIGN, "GET", False),
        ("", None, FOREIGN, "GET", True),
        (["https://good.example"], None, "null", "GET", True),
    ],
)
def test_an_allow_list_is_enforced_by_the_server(
    app, client, policy, origins, methods, origin, method, refused
):
    policy(origins, methods)
    path = "/api/v1/documents" if method != "DELETE" else "/api/v1/documents/1"
    with unchanged(app) if refused else _nothing():
        resp = client.open(
            path,
            method=method,
            json=BRIEF if method == "POST" else None,
            headers={"Origin": origin},
        )
        pre = preflight(client, path, method, origin)
    if refused:
        assert_refused(resp, 403)
        assert_refused(pre, 403)
        # An allowed origin may read why its method was refused; another origin reads nothing.
        assert ("Access-Control-Allow-Origin" in resp.headers) == (origins == "*")
    else:
        assert resp.status_code in (200, 201) and pre.status_code == 200


def test_same_origin_and_originless_requests_are_never_refused(client, policy):
    policy(["https://good.example"], ["GET"])
    assert client.post("/api/v1/documents", json=BRIEF).status_code == 201
    same = client.get("/api/v1/documents", headers={"Origin": "http://localhost"})
    assert same.status_code == 200


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_published_at_is_the_one_name(client):
    made = client.post("/api/v1/documents", json={**BRIEF, "published_at": "2016-10-03"})
    assert made.status_code == 201 and made.get_json()["published_at"] == "2016-10-03"
    old = client.post(
        "/api/v1/documents", json={"text": "Old\n\nRussia met Ukraine.", "published": "2016-10-01"}
    )
    assert old.status_code == 201 and old.get_json()["published_at"] == "2016-10-01"
    plain = client.post(
        "/api/v1/documents?published_at=2016-09-30",
        data="Plain\n\nRussia met Ukraine.",
        content_type="text/plain",
    )
    assert plain.status_code == 201 and plain.get_json()["published_at"] == "2016-09-30"
    both = client.post(
        "/api/v1/documents",
        json={"text": "Both\n\nRussia.", "published_at": "2016-10-03", "published": "2016-10-04"},
    )
    assert_refused(both, 422)
    for params in ({"published_at_from": "2016-10-02"}, {"published_from": "2016-10-02"}):
        assert [d["published_at"] for d in get_all(client, "/api/v1/documents", **params)] == [
            "2016-10-03"
        ]
    for key in ("published_at", "published"):
        dates = [d["published_at"] for d in get_all(client, "/api/v1/documents", sort=key)]
        assert dates == sorted(dates)
