"""Errors: every HTTP error handler answers with the one problem shape (api/problems.py)."""

from __future__ import annotations

from http import HTTPStatus

from flask import Flask, current_app, request
from flask_smorest import Api as SmorestApi
from flask_smorest import abort
from flask_smorest.utils import prepare_response
from sqlalchemy.exc import DataError, DBAPIError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, ValidationError

from schemas.problems import ErrorSchema

from .health import schema_behind_after
from .problems import PROBLEM, field_errors, problem, title

MAX_ID = 2**31 - 1
MAX_SEGMENTS = 8  # the deepest route, /api/v1/actors/{id}/events/export, splits into 7
RETRY_AFTER = "5"


class Api(SmorestApi):
    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        """Every HTTP error, a view's `abort` and Werkzeug's own (routing, 405, 413) alike, as
        the one problem shape."""
        code = error.code or 500
        data = getattr(error, "data", None) or {}
        headers = dict(data.get("headers") or {})
        if isinstance(error, HTTPException) and error.response is None:
            headers.update((k, v) for k, v in error.get_headers() if k != "Content-Type")
        errors = data.get("errors") or data.get("messages")
        detail = data.get("message") or _detail(error, code, errors)
        valid = getattr(error, "valid_methods", None)
        if code == 405 and valid:
            headers["Allow"] = ", ".join(sorted(valid))
        return problem(code, detail, errors, headers)

    def _register_responses(self):
        """flask-smorest's response components, each error one in `application/problem+json`
        (the type every error is sent as)."""
        for status in HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any other error.", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def _detail(error: HTTPException, code: int, errors) -> str:
    """What went wrong, in this API's words rather than Werkzeug's browser-facing ones."""
    if errors:  # webargs' validation: name the fields and say the first thing wrong
        found = field_errors(errors)
        names = ", ".join(dict.fromkeys(e["field"] or e["location"] for e in found))
        return f"Invalid {names}: {found[0]['message']}" if found else title(code)
    if code == 500:
        return "Internal server error; the request changed nothing."
    if code == 404 and request.url_rule is None:
        return _missing() or f"Nothing at {request.path[:200]}; / lists what there is."
    if code == 405:
        allowed = ", ".join(sorted(getattr(error, "valid_methods", None) or ()))
        return f"{request.method} is not allowed here; allowed: {allowed}."
    if code == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        return f"The body is larger than the {limit} bytes allowed."
    return error.description or title(code)


def _missing() -> str | None:
    """For a path that names an id no route takes (`/actors/0`, `/actors/abc`): "No actor 0.",
    as the view says for an id that fits but is not there. Found by asking the URL map whether
    the path, with that segment a valid id, is a route, and which argument the segment is."""
    adapter = current_app.create_url_adapter(request)
    parts = request.path.split("/")
    if len(parts) > MAX_SEGMENTS:  # no route is this deep: no match to try per segment
        return None
    for i, part in enumerate(parts):
        if not part or part == "1":
            continue
        try:
            _, values = adapter.match("/".join([*parts[:i], "1", *parts[i + 1 :]]), method="GET")
        except HTTPException:
            continue
        name = next((k for k, v in values.items() if v == 1 and k.endswith("_id")), None)
        if name:
            shown = part if part.isdigit() else repr(part[:40])
            return f"No {name.removesuffix('_id').replace('_', ' ')} {shown}."
    return None


class IdConverter(BaseConverter):
    """Path ids that fit the database's integer; anything else is a 404, never an overflow."""

    regex = r"\d{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValidationError()
        return number

    def to_url(self, value) -> str:
        return str(value)


def id_schema(converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


QUERY_CANCELED = "57014"  # PostgreSQL: statement_timeout (READ_TIMEOUT) cancelled the query


def _schema_behind(error: DBAPIError):
    """A 503 naming the upgrade when a failed statement is the schema's doing, else None."""
    message = schema_behind_after(error)
    if message is None:
        return None
    current_app.logger.warning("database schema behind the code")
    return problem(503, message, headers={"Retry-After": "30"})


def _program_error(error: ProgrammingError):
    """An undefined table or column is a schema behind the code (503); anything else is the
    program's fault, a 500 like any other."""
    return _schema_behind(error) or current_app.handle_exception(error)


def _database_unavailable(error: DBAPIError):
    if (behind := _schema_behind(error)) is not None:  # SQLite: "no such table" is one of these
        return behind
    if getattr(error.orig, "sqlstate", None) == QUERY_CANCELED:
        current_app.logger.warning("read timed out")
        seconds = current_app.config["READ_TIMEOUT"]
        message = f"The read took longer than the {seconds:g} s allowed; narrow its filters."
        return problem(503, message)
    current_app.logger.warning("database unavailable: %s", type(error).__name__)
    message = "The database is unavailable; try again shortly."
    return problem(503, message, headers={"Retry-After": RETRY_AFTER})


def _reject_nul() -> None:
    """PostgreSQL text cannot hold NUL: a parameter with one is the client's error, on every
    backend alike, never a 500."""
    for name, value in request.args.items(multi=True):
        if "\x00" in value or "\x00" in name:
            abort(
                422,
                message=f"Parameter {name!r} holds a NUL byte.",
                errors={"query": {name: ["NUL bytes are not allowed."]}},
            )


def _data_error(error: DataError):
    current_app.logger.warning("database rejected a value: %s", type(error.orig).__name__)
    return problem(422, "A value was not acceptable to the database.")


def init_app(app: Flask) -> None:
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(ProgrammingError, _program_error)
    app.register_error_handler(DataError, _data_error)
    app.before_request(_reject_nul)
