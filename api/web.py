"""HTTP behaviour every response shares: ETag revalidation, Cache-Control, CORS.

CORS says what the server does. Tokens are bearer tokens a page must send itself, never
ambient credentials (no cookies, no `Allow-Credentials`), so a page on another origin may read
and write as any client may: by default every origin and every method the API has. An
allow-list (`CORS_ORIGINS`, `CORS_METHODS`) narrows reads and writes alike, and the server
refuses what it leaves out (a 403 problem), not only the browser's preflight: a simple
cross-origin POST is sent without asking first."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request

from .problems import problem

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXPOSED = (
    "X-Pagination, X-Total-Count, X-Next-Cursor, Link, Location, ETag, X-Request-ID, "
    "Retry-After, Content-Disposition, Preference-Applied, WWW-Authenticate, "
    "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
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


def _foreign_origin() -> str | None:
    """The Origin of a request from another origin (a browser's), or None: a same-origin
    request may carry Origin too (a browser sends it with a POST)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return None
    try:
        same = urlsplit(origin).netloc == request.host
    except ValueError:  # not a URL: nothing a browser sends, and not this origin
        same = False
    return None if same else origin


def _refuse_outside_policy(app: Flask):
    """A 403 problem for a request from another origin that the policy leaves out: the
    origin is not in CORS_ORIGINS, or the method (the preflight's requested one) not in
    CORS_METHODS. Runs before anything else reads the request (authentication included)."""
    origin = _foreign_origin()
    if origin is None:
        return None
    allowed = app.config["CORS_ORIGINS"]
    method = request.method
    if method == "OPTIONS":
        method = request.headers.get("Access-Control-Request-Method", "OPTIONS").upper()
    if allowed != "*" and origin not in (allowed or ()):
        return problem(403, f"Requests from {origin[:200]} are not allowed here (CORS_ORIGINS).")
    if method not in app.config["CORS_METHODS"]:
        methods = ", ".join(app.config["CORS_METHODS"])
        return problem(
            403, f"{method[:20]} from another origin is not allowed; allowed: {methods}."
        )
    return None


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
    # First of all before-request hooks: a refused origin learns nothing else (not even
    # whether its token is valid) and costs no database work.
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: _refuse_outside_policy(app))
    app.add_url_rule("/", "index", _index, methods=["GET"])
    app.add_url_rule("/api/v1", "api_index", _index, methods=["GET"])

    @app.after_request
    def shared_headers(resp: Response) -> Response:
        _cors(app, resp)
        if resp.status_code == 204:
            # No content, so no type of it (flask-smorest labels even an empty body JSON).
            resp.headers.pop("Content-Type", None)
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
