"""Fixtures of the API tests beyond tests/conftest.py's."""

from __future__ import annotations

import pytest

from tests.placed import BRIEFS, ingest, placing


@pytest.fixture
def placed(client, monkeypatch):
    """The briefs of tests/placed.py ingested with their places known; their documents."""
    placing(monkeypatch)
    return [ingest(client, text, published) for text, published in BRIEFS]
