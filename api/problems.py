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


def problem(status: int, detail: str, errors=None, headers=None) -> Response:
    resp = current_app.response_class(
        json.dumps(body(status, detail, errors), ensure_ascii=False), status=status
    )
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
                if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
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
