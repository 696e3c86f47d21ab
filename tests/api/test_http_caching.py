"""What shared caches may keep: public reads as public, reads that need a token only in the
caller's own cache, and answers that depend on Origin marked so."""

from __future__ import annotations

import pytest


@pytest.fixture
def tokens_for_reads(app):
    app.config["READ_TOKEN_REQUIRED"] = True
    yield
    app.config["READ_TOKEN_REQUIRED"] = False


@pytest.mark.parametrize("path", ["/api/v1/documents", "/api/v1/events", "/api/v1/documents/1"])
def test_reads_that_need_a_token_are_private_and_vary_by_it(
    client, seed_doc, tokens_for_reads, path
):
    """Before: `public, must-revalidate` without Vary: Authorization, which lets a shared
    cache answer callers without a token (RFC 9111, 3.5)."""
    for _ in range(2):  # computed, then from the response cache
        resp = client.get(path)
        assert resp.status_code == 200
        assert resp.headers["Cache-Control"].startswith("private,")
        assert "public" not in resp.headers["Cache-Control"]
        assert "Authorization" in resp.vary


def test_public_reads_stay_public(client, seed_doc):
    resp = client.get("/api/v1/events")
    assert resp.headers["Cache-Control"].startswith("public,")
    assert "Authorization" not in resp.vary


@pytest.fixture
def listed_origins(app):
    app.config["CORS_ORIGINS"] = ["https://good.example"]
    yield
    app.config["CORS_ORIGINS"] = "*"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [(None, False), ("https://evil.example", False), ("https://good.example", True)],
)
def test_a_list_of_origins_varies_every_answer_by_origin(client, listed_origins, origin, allowed):
    """Before: Vary: Origin only when the origin was allowed, so a cache could keep the
    answer without Access-Control-Allow-Origin and give it to an allowed origin (or the
    reverse)."""
    headers = {"Origin": origin} if origin else {}
    for resp in (
        client.get("/api/v1/documents", headers=headers),
        client.get("/api/v1/nowhere", headers=headers),
    ):
        assert "Origin" in resp.vary, resp.headers
        assert ("Access-Control-Allow-Origin" in resp.headers) == allowed


def test_any_origin_needs_no_vary(client):
    resp = client.get("/api/v1/documents", headers={"Origin": "https://x.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*" and "Origin" not in resp.vary
