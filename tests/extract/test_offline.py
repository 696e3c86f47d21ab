"""Extraction is offline: the parse, the dictionaries and the gazetteer (its index built from
scratch here) come from files of the package, never from the network."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from extract import extract
from extract.places import gazetteer as gz


class NetworkUsed(AssertionError):
    pass


def refuse(*args, **kwargs):
    raise NetworkUsed(f"network used: {args!r}")


def test_extraction_with_sockets_disabled(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gz, "_SHARED", None)  # opened (and built) afresh, offline
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    x = extract(
        "Shelling near Bakhmut\n\nKYIV, Ukraine — Russian forces shelled positions near "
        "Bakhmut on Monday, and protesters gathered in Geneva.",
        date(2024, 3, 4),
    )
    assert {p.name for p in x.places} >= {"Bakhmut", "Geneva"}
    with pytest.raises(NetworkUsed):  # the guard itself works
        socket.create_connection(("127.0.0.1", 9))
