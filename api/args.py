"""Query parameters, strictly: a parameter that takes one value given twice is a 422 (not its
first value, silently), and a request's page links repeat only the parameters its operation
knows (never whatever else was in the URL)."""

from __future__ import annotations

import flask_smorest
from flask import g
from flask_smorest import abort
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
