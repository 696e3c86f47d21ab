"""Structured JSON logs with a request id, and the security headers every response carries.

Logs name the method, path, status and timing — never bodies, query strings or credentials.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "cross-origin",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(entry, ensure_ascii=False)


def init_app(app: Flask) -> None:
    if app.config["JSON_LOGS"]:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        app.logger.handlers[:] = [handler]
        app.logger.setLevel(logging.INFO)
        app.logger.propagate = False

    @app.before_request
    def start() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def finish(resp: Response) -> Response:
        request_id = getattr(g, "request_id", None) or uuid.uuid4().hex
        resp.headers["X-Request-ID"] = request_id
        for name, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(name, value)
        fields = {
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": resp.status_code,
            "duration_ms": round(
                (time.perf_counter() - getattr(g, "started", time.perf_counter())) * 1000, 1
            ),
        }
        app.logger.info("request", extra={"fields": fields})
        return resp
