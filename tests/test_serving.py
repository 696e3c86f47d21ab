"""The production server (gunicorn with gunicorn.conf.py) itself: its own errors are the API's
JSON errors with the security headers, its log holds no query string, URLs are bounded, and
workers load the NLP pipeline as they start."""

from __future__ import annotations

import http.client
import json
import os
import socket
import time
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from api.logs import SECURITY_HEADERS
from bench.server import flask, start
from tests.conftest import BACKENDS, POSTGRES, fresh_database

SECRET = "secret-7f3a9c"  # in query strings: must never reach a log


@pytest.fixture(scope="module", params=BACKENDS)
def served(request, tmp_path_factory):
    """(base URL, write token, log path, database URL) of gunicorn on a fresh database, with a
    two-second worker timeout."""
    tmp = tmp_path_factory.mktemp("serving")
    url = fresh_database(request.param, tmp, "serving")
    env = dict(os.environ, DATABASE_URL=url, RATE_LIMIT_WRITES="", GUNICORN_TIMEOUT="2")
    flask(env, "db", "upgrade")
    token = flask(env, "tokens", "create", "serving").strip()
    log_path = tmp / "server.log"
    with open(log_path, "w") as log:
        server, base = start("api:create_app()", env, ready="/readyz", log=log)
        try:
            yield base, token, log_path, url
        finally:
            server.terminate()
            server.wait(timeout=30)


def raw(base: str, request: bytes) -> tuple[int, dict, bytes]:
    """Send bytes as they are (no client library tidying them); (status, headers, body)."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def assert_json_error(status: int, headers: dict, body: bytes, expected: int) -> None:
    assert status == expected, body[:300]
    assert headers["Content-Type"] == "application/problem+json"
    error = json.loads(body)
    assert error["status"] == error["code"] == expected and error["detail"] == error["message"]
    assert error["type"] == "about:blank" and error["errors"] == [] and "instance" in error
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        # Before: any length was read (limit_request_line = 0), and kept by the response cache.
        (b"GET /api/v1/documents?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /api/v1/documents HTTP/1.1\r\nHost: x\r\nBad\x01Name: y\r\n\r\n", 400),
        (b"GET /api/v1/documents HTTP/9.9\r\nHost: x\r\n\r\n", 400),
        (b"NOT A REQUEST LINE\r\n\r\n", 400),
        (b"GET /api/v1/documents HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", 431),
    ],
    ids=["long-line", "bad-header", "bad-version", "garbage", "too-many-headers"],
)
def test_gunicorns_own_errors_are_json_with_security_headers(served, request_bytes, expected):
    base, *_ = served
    assert_json_error(*raw(base, request_bytes), expected)


def test_a_filter_at_its_bound_fits_the_request_line(served):
    """50 of the largest ids, the longest search and an empty cursor: within 8 KB."""
    base, *_ = served
    ids = "&".join(f"source_id={2**31 - 1 - i}" for i in range(50))
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
    conn.request("GET", f"/api/v1/events?{ids}&q={'a' * 200}&cursor=")
    assert conn.getresponse().status == 200


# PostgreSQL: a worker waiting on a lock there takes the timeout's signal at once; one in
# SQLite's busy wait (C, no signal handling) is killed before it can answer anything.
@pytest.mark.parametrize("served", POSTGRES, indirect=True)
def test_a_worker_stopped_past_its_timeout_answers_json_and_logs_no_query(served):
    base, token, log_path, url = served
    with _write_blocked(url):
        status, headers, body = raw(
            base,
            f"POST /api/v1/documents?source={SECRET} HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: text/plain\r\n"
            f"Content-Length: 21\r\n\r\nTitle\n\nRussia said so.".encode(),
        )
    # Before: gunicorn's HTML 500 without security headers, and the URL in its log.
    assert_json_error(status, headers, body, 503)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "Error handling request" not in log_path.read_text():
        time.sleep(0.2)
    log = log_path.read_text()
    assert "Error handling request POST /api/v1/documents" in log
    assert SECRET not in log
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
    conn.request("GET", "/readyz")
    assert conn.getresponse().status == 200  # a new worker serves on


class _write_blocked:
    """Ingests wait while this holds a lock on documents (longer than the worker timeout)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))

    def __enter__(self):
        self.conn = self.engine.connect()
        self.conn.execute(text("LOCK TABLE documents IN EXCLUSIVE MODE"))
        return self

    def __exit__(self, *exc) -> None:
        self.conn.rollback()
        self.conn.close()
        self.engine.dispose()


def test_workers_load_the_nlp_pipeline_as_they_start(served):
    """Each worker (two here) loads it in gunicorn's post_worker_init hook, before serving."""
    _, _, log_path, _ = served
    deadline = time.monotonic() + 60
    while log_path.read_text().count("NLP pipeline loaded") < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert log_path.read_text().count("NLP pipeline loaded") >= 2
