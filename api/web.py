"""HTTP behaviour every response shares: ETag revalidation, Cache-Control, CORS."""

from __future__ import annotations

from flask import Flask, Response, request

EXPOSED = "X-Pagination, Link, ETag, X-Request-ID, Retry-After, Content-Disposition"
ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, X-Request-ID"


def _cors(app: Flask, resp: Response) -> None:
    origin = request.headers.get("Origin")
    allowed = app.config["CORS_ORIGINS"]
    if not origin or not allowed:
        return
    if allowed != "*" and origin not in allowed:
        return
    resp.headers["Access-Control-Allow-Origin"] = "*" if allowed == "*" else origin
    if allowed != "*":
        resp.headers.add("Vary", "Origin")
    resp.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
        resp.headers["Access-Control-Allow-Methods"] = ", ".join(app.config["CORS_METHODS"])
        resp.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        resp.headers["Access-Control-Max-Age"] = "600"


def init_app(app: Flask) -> None:
    @app.after_request
    def shared_headers(resp: Response) -> Response:
        _cors(app, resp)
        if request.method in ("GET", "HEAD") and resp.status_code == 200 and not resp.is_streamed:
            resp.headers.setdefault(
                "Cache-Control", f"public, max-age={app.config['CACHE_MAX_AGE']}, must-revalidate"
            )
            resp.add_etag()
            resp.make_conditional(request)
            # make_conditional adds a Date; every server adds its own, and two are invalid.
            resp.headers.pop("Date", None)
        elif request.method not in ("GET", "HEAD"):
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp
