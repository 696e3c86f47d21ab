"""Query parameters, strictly: a parameter that takes one value given twice is a 422 (not its
first value, silently), and a request's page links repeat only the parameters its operation
knows (never whatever else was in the URL)."""

from __future__ import annotations

import flask_smorest
from flask import Flask, current_app, g, request
from flask_smorest import abort
from marshmallow import validate
from webargs.flaskparser import FlaskParser


class QueryParser(FlaskParser):
    def load_querystring(self, req, schema):
        proxy = super().load_querystring(req, schema)
        names = {f.data_key or name for name, f in schema.fields.items() if not f.dump_only}
        repeated = sorted(
            name
            for name in names - proxy.multiple_keys
            if len(req.args.getlist(name)) > 1  # getlist: the query string, repeats and all
        )
        if repeated:
            abort(
                422,
                message=f"Give {', '.join(repeated)} once: it takes one value.",
                errors={"query": {name: ["Given more than once."] for name in repeated}},
            )
        g.query_names = names
        return proxy


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = QueryParser()


def known_query() -> frozenset[str]:
    """The query parameters the request's operation takes (empty outside one)."""
    return frozenset(g.get("query_names", ()))


def _query_schemas(view):
    """The query schemas a view method declares (its `arguments` with location query)."""
    for param in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
        if isinstance(param, dict) and param.get("in") == "query":
            yield param["schema"]


def _query_names(view) -> frozenset[str] | None:
    """The query parameters a view method declares, or None for something that is not an
    API operation."""
    if getattr(view, "_apidoc", None) is None:
        return None
    names: set[str] = set()
    for schema in _query_schemas(view):
        names |= {f.data_key or n for n, f in schema.fields.items() if not f.dump_only}
    return frozenset(names)


def _formats(view) -> tuple[str, ...]:
    """The `format` values an operation takes (its query schema's choices), or none."""
    for schema in _query_schemas(view):
        field = schema.fields.get("format")
        if field is not None:
            for rule in field.validators:
                if isinstance(rule, validate.OneOf):
                    return tuple(rule.choices)
    return ()


def _operation():
    """The view method serving this request, where it is one of the API's operations."""
    view = current_app.view_functions.get(request.endpoint or "")
    cls = getattr(view, "view_class", None)
    if cls is None:
        return None
    method = request.method.lower()
    return getattr(cls, method, None) or (getattr(cls, "get", None) if method == "head" else None)


JSON_ONLY = ("application/json",)
# What a list answers with besides JSON (`format=` or `Accept`), as api/listing.py streams it.
EXPORT_MIMETYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}
# Event lists stream a map too.
GEO_MIMETYPES = {**EXPORT_MIMETYPES, "geojson": "application/geo+json"}


def served_types(names: frozenset[str], formats: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The media types an operation taking the query parameters `names` and the `format`
    values `formats` can answer with: an export operation (`format`, no paging) its formats,
    a list JSON and, as before the exports had operations of their own, those too;
    everything else JSON."""
    if "format" not in names:
        return JSON_ONLY
    exports = tuple(GEO_MIMETYPES[f] for f in formats if f in GEO_MIMETYPES)
    exports = exports or tuple(EXPORT_MIMETYPES.values())
    return (*JSON_ONLY, *exports) if "page" in names else exports


def _strict() -> None:
    """No silent fallbacks: a parameter the operation does not take (a typo such as
    `actorid`) is a 422 naming it rather than a filter quietly dropped, and an `Accept` the
    operation cannot serve is a 406 listing what it can, before anything runs."""
    if not request.path.startswith("/api/") or request.method == "OPTIONS":
        return
    view = _operation()
    if view is None:
        return
    names = _query_names(view)
    if names is None:
        return
    unknown = sorted(set(request.args) - names)
    if unknown:
        takes = ", ".join(sorted(names)) or "none"
        abort(
            422,
            message=f"Unknown parameter {', '.join(unknown)}; this operation takes: {takes}.",
            errors={"query": {name: ["Unknown parameter."] for name in unknown}},
        )
    if request.headers.get("Accept"):
        served = served_types(names, _formats(view))
        if request.accept_mimetypes.best_match(served) is None:
            abort(
                406,
                message=f"Cannot answer in {request.headers['Accept']!r}; "
                f"this operation serves: {', '.join(served)}.",
            )


def init_app(app: Flask) -> None:
    app.before_request(_strict)
