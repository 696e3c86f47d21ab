"""Keyset cursors: a page's last sort values, opaque to clients, and the condition that starts
the next page after them."""

from __future__ import annotations

import base64
import json
import math
from datetime import date, datetime

from flask_smorest import abort
from sqlalchemy import Date, DateTime, Float, Integer, TypeDecorator, and_, literal, or_, tuple_


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


INT32 = 2**31 - 1


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a cursor value")


def _text(value) -> str:
    """A string that survives the trip to the database: UTF-8 (no lone surrogates), no NUL."""
    if not isinstance(value, str) or "\x00" in value or len(value) > 500:
        raise ValueError("not a cursor string")
    value.encode("utf-8")  # UnicodeEncodeError (a ValueError) on a lone surrogate
    return value


def _value(col_type, value):
    """A cursor value as the column's type, or ValueError: whatever a client sends back, the
    database sees only values it can compare with the column."""
    if isinstance(col_type, TypeDecorator):  # UTCDateTime is a DateTime underneath
        col_type = col_type.impl
    if isinstance(col_type, DateTime):
        return datetime.fromisoformat(_text(value))
    if isinstance(col_type, Date):
        return date.fromisoformat(_text(value))
    if isinstance(col_type, Integer):
        if type(value) is not int or not -INT32 - 1 <= value <= INT32:
            raise ValueError("not a cursor integer")
        return value
    if isinstance(col_type, Float):
        if type(value) not in (int, float) or not math.isfinite(value):
            raise ValueError("not a cursor number")
        return float(value)
    return _text(value)


def decode(cursor: str, keys, spec) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw, parse_constant=_reject_constant)
        if not isinstance(payload, dict) or payload.get("s") != keys:
            raise ValueError("the cursor belongs to another sort")
        values = payload.get("v")
        if not isinstance(values, list) or len(values) != len(keys) + 1:
            raise ValueError("not this list's cursor")
        columns = [spec.sortable[k.lstrip("-")] for k in keys] + [spec.id_column]
        return [_value(c.type, v) for c, v in zip(columns, values, strict=True)]
    except (ValueError, RecursionError):  # JSON, base64 and Unicode errors are ValueErrors
        abort(
            422,
            message="Invalid cursor.",
            errors={"query": {"cursor": ["Not a cursor from this list."]}},
        )
