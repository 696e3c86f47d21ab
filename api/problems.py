"""The one error shape: every 4xx and 5xx is an RFC 9457 problem (`application/problem+json`)
built here, whichever part of the service refuses (a view, a before-request hook, routing,
the database handlers, gunicorn's own answers in api/serving.py).

`type` is `about:blank` (the status says what kind of problem it is, RFC 9457 section 4.2.1),
`title` the status's phrase, `detail` what went wrong this time, `instance` the path asked for,
and `errors` a flat list of field errors, `{location, field, index, message}`, empty when no
field is to blame. `code` and `message` repeat `status` and `detail` for clients written
against the earlier `{code, status, message}` shape; only `status` changed, from the phrase
(now `title`) to the number."""

from __future__ import annotations

import json
from http import HTTPStatus

from flask import Response, current_app, has_request_context, request

PROBLEM = "application/problem+json"
MAX_INSTANCE = 2000  # a path echoed back, never a megabyte of one


def title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def body(status: int, detail: str, errors=None, instance: str | None = None) -> dict:
    """The problem document (also for callers outside a Flask request: api/serving.py)."""
    if instance is None:
        instance = request.path if has_request_context() else ""
    return {
        "type": "about:blank",
        "title": title(status),
        "status": status,
        "detail": detail,
        "instance": instance[:MAX_INSTANCE],
        "errors": field_errors(errors),
        "code": status,
        "message": detail,
    }


def problem(status: int, detail: str, errors=None, headers=None, extra=None) -> Response:
    """A problem response; `extra` adds extension members (RFC 9457 section 3.2), as the
    readiness probe's report of what is not ready."""
    doc = {**body(status, detail, errors), **(extra or {})}
    resp = current_app.response_class(json.dumps(doc, ensure_ascii=False), status=status)
    resp.mimetype = PROBLEM
    resp.headers.update(dict(headers or {}))
    return resp


def field_errors(errors) -> list[dict]:
    """webargs' and marshmallow's nested messages (`{"query": {"type": {0: ["..."]}}}`) as one
    flat list: `location` (query, json, headers, path), `field` (dotted for nested keys, null
    for the body as a whole), `index` (the position in a list parameter or a batch, or null)
    and `message`. A list already in that form passes through."""
    out: list[dict] = []
    if isinstance(errors, list) and all(isinstance(e, dict) and "location" in e for e in errors):
        return [{k: e.get(k) for k in ("location", "field", "index", "message")} for e in errors]

    def walk(node, location: str, path: tuple[str, ...], index: int | None) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                # An index is ASCII digits: "3³" passes isdigit() but is a parameter's name.
                if isinstance(key, int) or (
                    isinstance(key, str) and key.isascii() and key.isdigit()
                ):
                    walk(value, location, path, int(key))
                elif key == "_schema":  # marshmallow's key for the object as a whole
                    walk(value, location, path, index)
                else:
                    walk(value, location, (*path, str(key)), index)
        elif isinstance(node, list | tuple):
            for value in node:
                walk(value, location, path, index)
        else:
            field = ".".join(path) or None
            out.append({"location": location, "field": field, "index": index, "message": str(node)})

    if isinstance(errors, dict):
        for location, node in errors.items():
            walk(node, str(location), (), None)
    elif errors:
        walk(errors, "body", (), None)
    return out


def invalid_json(exc: Exception) -> tuple[str, list[dict]]:
    """(detail, field errors) for a body that is not JSON, saying where it broke."""
    if isinstance(exc, json.JSONDecodeError):
        where = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    elif isinstance(exc, UnicodeDecodeError):
        where = f"not UTF-8 (byte {exc.start})"
    else:
        where = "malformed"
    detail = f"The body is not valid JSON: {where}."
    return detail, [{"location": "json", "field": None, "index": None, "message": detail}]


# The spec's side (api/contract.py applies it to every operation).
# The errors operations answer with, by status: flask-smorest's response component (in
# `application/problem+json`, api/errors.py) and when each is sent.
ERRORS = {
    "400": ("BAD_REQUEST", "The body is not valid JSON (`detail` says where it broke)."),
    "401": (
        "UNAUTHORIZED",
        "No valid bearer token where one is needed (`WWW-Authenticate: Bearer`).",
    ),
    "403": (
        "FORBIDDEN",
        "A read-only token writing, or a browser request from an origin or with a method "
        "the CORS allow-list leaves out.",
    ),
    "404": ("NOT_FOUND", "No such resource (`detail` names the id)."),
    "406": ("NOT_ACCEPTABLE", "The `Accept` header asks for a type not served here."),
    "413": ("REQUEST_ENTITY_TOO_LARGE", "The body is larger than the service takes."),
    "415": ("UNSUPPORTED_MEDIA_TYPE", "The body's `Content-Type` is not one taken here."),
    "422": ("UNPROCESSABLE_ENTITY", "A parameter or field is invalid (listed in `errors`)."),
    "429": ("TOO_MANY_REQUESTS", "Past a rate limit; `Retry-After` says when to try again."),
    "503": (
        "SERVICE_UNAVAILABLE",
        "The database (or the job queue) is unavailable, behind the code, or a read took too "
        "long; `Retry-After` where waiting helps.",
    ),
    "default": ("DEFAULT_ERROR", "An unexpected error (500); the request changed nothing."),
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}
# Headers an error carries, by status.
ERROR_HEADERS = {
    "401": {
        "WWW-Authenticate": {
            "description": '`Bearer realm=...`, with `error="invalid_token"` for a bad one.',
            "schema": {"type": "string"},
        }
    },
    "429": RETRY_AFTER,
    "503": RETRY_AFTER,
}
EVERY_OPERATION = ("401", "403", "406", "422", "429", "503", "default")
WITH_A_BODY = ("400", "413", "415")


def document_errors(spec, path: str, method: str, responses: dict) -> None:
    """Every error the operation can answer with, and only problems: the statuses every
    operation may send, 404 where the path names a resource, 400/413/415 where a body is
    read (flask-smorest's own entries are replaced)."""
    for code in [c for c in responses if c.startswith(("4", "5")) or c == "default"]:
        del responses[code]
    codes = list(EVERY_OPERATION)
    if "{" in path:
        codes.append("404")
    if method == "post":
        codes += WITH_A_BODY
    for code in sorted(codes, key=lambda c: (c == "default", c)):
        name, description = ERRORS[code]
        # flask-smorest's lazy component, registered by the reference (api/errors.py makes
        # its content the problem type); its description says when this API sends it.
        responses[code] = spec.components.get_ref("response", name)
        spec.components.responses[name]["description"] = description
        if code in ERROR_HEADERS:
            spec.components.responses[name]["headers"] = ERROR_HEADERS[code]
