"""gunicorn's own answers, in the API's manner: the errors it sends before or after the app
(a request line too long, a bad header, a worker stopped mid-request) as the same JSON error
with the same security headers, and logged without the query string.

`gunicorn.conf.py` names `Worker` as the worker class."""

from __future__ import annotations

import json
from ssl import SSLError
from urllib.parse import urlsplit

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.sync import SyncWorker

from . import problems
from .logs import SECURITY_HEADERS

# A client error's status, reason and message (gunicorn's own statuses; its messages may
# repeat the request line, query string and all, so they are not used).
CLIENT_ERRORS = [
    (errors.LimitRequestLine, 414, "URI Too Long", "The request line is too long."),
    (
        errors.LimitRequestHeaders,
        431,
        "Request Header Fields Too Large",
        "Too many or too large headers.",
    ),
    (errors.ExpectationFailed, 417, "Expectation Failed", "Only 100-continue is supported."),
    (errors.UnsupportedTransferCoding, 501, "Not Implemented", "Unsupported transfer coding."),
    (errors.ForbiddenProxyRequest, 403, "Forbidden", "Proxy requests are not accepted."),
    (SSLError, 403, "Forbidden", "TLS error."),
    (errors.ParseException, 400, "Bad Request", "The request is not valid HTTP."),
]
# Faults of the app or the server, never the client's.
SERVER_FAULTS = (
    errors.ConfigurationProblem,
    errors.InvalidResponseHeader,
    errors.InvalidResponseHeaderName,
)


def describe(exc: BaseException) -> tuple[int, str, str]:
    """(status, reason, message) of the error gunicorn hit."""
    if isinstance(exc, SystemExit):
        # The arbiter stopped the worker mid-request: past the worker timeout, or shutting down.
        message = "The request took too long and was stopped; try a narrower one."
        return 503, "Service Unavailable", message
    if not isinstance(exc, SERVER_FAULTS):
        for kind, status, reason, message in CLIENT_ERRORS:
            if isinstance(exc, kind):
                return status, reason, message
    return 500, "Internal Server Error", "Internal server error."


def error_response(status: int, reason: str, message: str, path: str = "") -> bytes:
    # The API's problem shape; `instance` is "" (this very request) when no path was read.
    body = json.dumps(problems.body(status, message, instance=path)).encode()
    headers = {
        "Connection": "close",
        "Content-Type": problems.PROBLEM,
        "Content-Length": str(len(body)),
        "Cache-Control": "no-store",
        **SECURITY_HEADERS,
    }
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode("latin-1") + body


class Worker(SyncWorker):
    """gunicorn's sync worker, answering its own errors as JSON."""

    def handle_error(self, req, client, addr, exc):
        status, reason, message = describe(exc)
        ip = (addr or ("",))[0]
        client_error = isinstance(exc, errors.ParseException | SSLError)
        if client_error and not isinstance(exc, SERVER_FAULTS):
            self.log.warning("Invalid request from ip=%s: %s", ip, type(exc).__name__)
        else:
            # The path, never the query string: the README promises logs without one.
            method = getattr(req, "method", "-")
            path = urlsplit(getattr(req, "uri", "") or "").path or "(no URI read)"
            self.log.error("Error handling request %s %s: %s", method, path, type(exc).__name__)
        try:
            path = urlsplit(getattr(req, "uri", "") or "").path
        except ValueError:  # a URI too broken to split: the problem names no path
            path = ""
        try:
            util.write_nonblock(client, error_response(status, reason, message, path))
        except Exception:  # noqa: BLE001 - the client may be gone; nothing more to do
            self.log.debug("Failed to send error message.")
