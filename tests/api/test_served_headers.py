"""Headers as `flask run`'s server (Werkzeug's, what `make run` serves with) sends them, on a
computed read and on a cached one: servers add their own Date, so the app must not."""

from __future__ import annotations

import http.client
import threading

import pytest
from werkzeug.serving import make_server


@pytest.fixture
def served(app, seed_doc):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.mark.parametrize("path", ["/api/v1/events?page_size=3", "/api/v1/documents/1"])
def test_one_date_header_fresh_or_cached(served, path):
    bodies = []
    for _ in range(2):  # computed, then answered from the response cache
        conn = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
        conn.request("GET", path)
        resp = conn.getresponse()
        bodies.append(resp.read())
        assert resp.status == 200
        assert len(resp.headers.get_all("Date")) == 1
        conn.close()
    assert bodies[0] == bodies[1]
