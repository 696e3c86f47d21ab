"""One JSON error shape for everything: flask-smorest's {code, status, message, errors}."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from flask_smorest import Api as SmorestApi
from flask_smorest import abort
from sqlalchemy.exc import DataError, DBAPIError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, ValidationError

from .health import schema_behind_after

MAX_ID = 2**31 - 1
RETRY_AFTER = "5"


class Api(SmorestApi):
    def handle_http_exception(self, error: HTTPException):
        payload, code, headers = super().handle_http_exception(error)
        if "message" not in payload and error.description and code != 500:
            payload["message"] = error.description
        if code == 500:
            payload["message"] = "Internal server error; the request changed nothing."
        valid = getattr(error, "valid_methods", None)
        if code == 405 and valid:
            headers = {**dict(headers or {}), "Allow": ", ".join(sorted(valid))}
        return payload, code, headers


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
    body = {"code": 503, "status": "Service Unavailable", "message": message}
    return jsonify(body), 503, {"Retry-After": "30"}


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
        body = {"code": 503, "status": "Service Unavailable", "message": message}
        return jsonify(body), 503
    current_app.logger.warning("database unavailable: %s", type(error).__name__)
    body = {
        "code": 503,
        "status": "Service Unavailable",
        "message": "The database is unavailable; try again shortly.",
    }
    return jsonify(body), 503, {"Retry-After": RETRY_AFTER}


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
    body = {
        "code": 422,
        "status": "Unprocessable Entity",
        "message": "A value was not acceptable to the database.",
    }
    return jsonify(body), 422


def init_app(app: Flask) -> None:
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(ProgrammingError, _program_error)
    app.register_error_handler(DataError, _data_error)
    app.before_request(_reject_nul)
