"""HTTP behaviour every response shares: ETag revalidation, Cache-Control, CORS."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXPOSED = (
    "X-Pagination, X-Total-Count, X-Next-Cursor, Link, Location, ETag, X-Request-ID, "
    "Retry-After, Content-Disposition, Preference-Applied, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset"
)
ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, X-Request-ID, Prefer"


def _cors(app: Flask, resp: Response) -> None:
    origin = request.headers.get("Origin")
    allowed = app.config["CORS_ORIGINS"]
    if isinstance(allowed, list):
        # The answer depends on Origin (allowed ones are named, others not): a shared cache
        # must keep one per origin, for requests without one too.
        resp.vary.add("Origin")
    if not origin or not allowed:
        return
    if allowed != "*" and origin not in allowed:
        return
    resp.headers["Access-Control-Allow-Origin"] = "*" if allowed == "*" else origin
    resp.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
        resp.headers["Access-Control-Allow-Methods"] = ", ".join(app.config["CORS_METHODS"])
        resp.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        resp.headers["Access-Control-Max-Age"] = "600"


def _reads_need_a_token(app: Flask) -> bool:
    return app.config["AUTH_ENABLED"] and app.config["READ_TOKEN_REQUIRED"]


def _token_read(app: Flask) -> bool:
    """A read answered for the caller's token: all reads with READ_TOKEN_REQUIRED, and an
    ingest job's (a job is its creator's)."""
    if not request.path.startswith("/api/") or not app.config["AUTH_ENABLED"]:
        return False
    return app.config["READ_TOKEN_REQUIRED"] or request.path.startswith("/api/v1/ingest-jobs")


def _cache_control(app: Flask) -> str:
    """Public reads may be kept by shared caches; reads that need a token only by the
    caller's own (a shared cache would hand them to callers without one)."""
    scope = "private" if _token_read(app) else "public"
    return f"{scope}, max-age={app.config['CACHE_MAX_AGE']}, must-revalidate"


def _index() -> Response:
    """`/` and `/api/v1`: where to go from here, instead of a bare 404."""
    return jsonify(
        {
            "name": "Brief Data API",
            "links": {
                "docs": "/docs",
                "spec": "/openapi.json",
                **{name: f"/api/v1/{name}" for name in COLLECTIONS},
                "stats": "/api/v1/stats/events?group_by=type",
            },
        }
    )


COLLECTIONS = ("documents", "actors", "events", "quotes", "deletions")


def init_app(app: Flask) -> None:
    app.add_url_rule("/", "index", _index, methods=["GET"])
    app.add_url_rule("/api/v1", "api_index", _index, methods=["GET"])

    @app.after_request
    def shared_headers(resp: Response) -> Response:
        _cors(app, resp)
        if request.method in ("GET", "HEAD") and resp.status_code == 200 and not resp.is_streamed:
            resp.headers.setdefault("Cache-Control", _cache_control(app))
            if _token_read(app):
                resp.vary.add("Authorization")
            resp.add_etag()
            resp.make_conditional(request)
            # make_conditional adds a Date; every server adds its own, and two are invalid.
            resp.headers.pop("Date", None)
        elif request.method not in ("GET", "HEAD"):
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp
