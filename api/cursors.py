"""Keyset cursors: a page's last sort values, opaque to clients, and the condition that starts
the next page after them."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime

from flask_smorest import abort
from sqlalchemy import Date, DateTime, TypeDecorator, and_, literal, or_, tuple_


def after(order, values, id_column, tiebreak_desc):
    """Rows strictly after the cursor in (keys..., id) order, as a condition an index can
    start from: a row-value comparison when every key runs one way, else the expanded form
    bounded on the leading key (without that bound PostgreSQL filters the index from its
    start: a cursor deep into a million events took 0.75 s instead of 0.3 ms)."""
    cols = [c for c, _ in order] + [id_column]
    descs = [d for _, d in order] + [tiebreak_desc]
    if len(set(descs)) == 1:
        row = tuple_(*cols)
        at = tuple_(*(literal(v, c.type) for c, v in zip(cols, values, strict=True)))
        return row < at if descs[0] else row > at
    clauses = []
    for i, (col, desc, value) in enumerate(zip(cols, descs, values, strict=True)):
        prefix = [c == v for c, v in zip(cols[:i], values[:i], strict=True)]
        clauses.append(and_(*prefix, col < value if desc else col > value))
    leading = cols[0] <= values[0] if descs[0] else cols[0] >= values[0]
    return and_(leading, or_(*clauses))


def encode(item, keys, spec) -> str:
    values = []
    for k in keys:
        v = getattr(item, spec.sortable[k.lstrip("-")].key)
        values.append(v.isoformat() if isinstance(v, date | datetime) else v)
    payload = json.dumps({"s": keys, "v": values + [item.id]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str, keys, spec) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        if payload["s"] != keys or len(payload["v"]) != len(keys) + 1:
            raise ValueError("the cursor belongs to another sort")
        values = []
        for k, v in zip(keys, payload["v"], strict=False):
            col_type = spec.sortable[k.lstrip("-")].type
            if isinstance(col_type, TypeDecorator):  # UTCDateTime is a DateTime underneath
                col_type = col_type.impl
            if isinstance(col_type, DateTime):
                v = datetime.fromisoformat(v)
            elif isinstance(col_type, Date):
                v = date.fromisoformat(v)
            values.append(v)
        return values + [int(payload["v"][-1])]
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        abort(
            422,
            message="Invalid cursor.",
            errors={"query": {"cursor": ["Not a cursor from this list."]}},
        )
