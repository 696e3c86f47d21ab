"""One path for every list: search, sync filter, sort, offset or keyset paging, projection,
and the streamed CSV / NDJSON exports of api/exports.py."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from flask import Response, jsonify, request
from flask_smorest import abort
from sqlalchemy import Integer, func, literal, select

from . import cursors, exports, geojson, search
from .args import known_query
from .db import db
from .rows import Reader

EXPORT_BATCH = 500


@dataclass(frozen=True)
class ListSpec:
    model: type
    schema: type
    sortable: dict[str, object]  # sort key -> column
    default_sort: tuple[str, ...]
    search_table: str | None = None
    search_text: Callable | None = None  # item -> the text a search hit is highlighted in
    nullable: frozenset[str] = field(default_factory=frozenset)
    updated: str | None = "updated_at"  # the column `updated_since` compares with
    reader: Reader | None = None  # rows to JSON without the ORM (api/rows.py)
    tiebreak: object = None  # the column that orders ties last; the model's id by default
    # filters -> a scalar SELECT of the exact total from somewhere cheaper than counting
    # (a rollup), or None.
    total: Callable | None = None
    geo: bool = False  # items carry latitude and longitude: `format=geojson` maps them

    @property
    def id_column(self):
        return self.model.id if self.tiebreak is None else self.tiebreak


def list_response(stmt, args: dict, spec: ListSpec, filters: dict | None = None) -> Response:
    """`stmt` (filtered by `filters`, by default `args`) as a page, a walk or an export."""
    model = spec.model
    if "updated_since" in args:
        if spec.updated is None:
            abort(
                422,
                message="This list has no update times.",
                errors={"query": {"updated_since": ["Not here."]}},
            )
        stmt = stmt.where(getattr(model, spec.updated) >= args["updated_since"])
    rank = None
    if args.get("q") and spec.search_table:
        stmt, rank = search.apply(stmt, spec.search_table, model.id, args["q"])
    keys = sort_keys(args, spec)
    order = [(spec.sortable[k.lstrip("-")], k.startswith("-")) for k in keys]
    tiebreak_desc = order[0][1] if order else False
    columns = [c.desc() if d else c.asc() for c, d in order]
    if rank is not None and "sort" not in args and "cursor" not in args:
        columns.insert(0, rank)
    columns.append(spec.id_column.desc() if tiebreak_desc else spec.id_column.asc())
    stmt = stmt.order_by(*columns)

    fmt = _format(args, spec)
    if fmt == "geojson":
        # The geometry needs the coordinates, asked for or not; those not asked for are
        # read and left out of the properties.
        only = _only(spec, args)
        drop = frozenset(geojson.COORDINATES) - set(only) if only else frozenset()
        geo_args = {**args, "fields_": [*only, *drop]} if only else args
        return exports.stream(_batches(stmt, spec, geo_args), spec.schema, fmt, drop)
    if fmt != "json":
        return exports.stream(_batches(stmt, spec, args), spec.schema, fmt)
    if "cursor" in args:
        return _cursor_page(stmt, args, spec, keys, order, tiebreak_desc)
    return _offset_page(stmt, args, spec, keys, args if filters is None else filters)


def sort_keys(args, spec) -> list[str]:
    keys = list(args.get("sort") or spec.default_sort)
    return [k for k in keys if k.lstrip("-") != "id"]


def _format(args, spec: ListSpec) -> str:
    if args.get("format"):
        return args["format"]
    offered = ["application/json", "text/csv", "application/x-ndjson"]
    if spec.geo:
        offered.append(geojson.MIMETYPE)
    best = request.accept_mimetypes.best_match(offered)
    by_type = {"text/csv": "csv", "application/x-ndjson": "ndjson", geojson.MIMETYPE: "geojson"}
    return by_type.get(best or "", "json")


@cache
def _known(schema: type) -> frozenset[str]:
    return frozenset(schema().fields)


def _only(spec: ListSpec, args) -> tuple[str, ...] | None:
    """The projection asked for (`fields`), in the order asked, with `id` always first."""
    if not args.get("fields_"):
        return None
    known = _known(spec.schema)
    return tuple(f for f in dict.fromkeys(["id", *args["fields_"]]) if f in known)


def _result(session, stmt, spec: ListSpec, args, *extra, **options):
    """Core rows through the spec's reader (with `extra` columns after the reader's), or ORM
    instances without one."""
    if spec.reader:
        stmt = spec.reader.query(stmt, _only(spec, args)).add_columns(*extra)
        stmt = stmt.execution_options(**options)
        # On the session's connection: rows need none of the ORM's execution machinery.
        return session.connection().execute(stmt)
    return session.scalars(stmt.execution_options(**options))


def _fetch(stmt, spec: ListSpec, args, *extra) -> list:
    return _result(db.session, stmt, spec, args, *extra).all()


def _dump(items, spec: ListSpec, args) -> list[dict]:
    only = _only(spec, args)
    if spec.reader:
        out = spec.reader.dump(items, only)
    else:
        out = spec.schema(only=only).dump(items, many=True)
    if args.get("q") and spec.search_text:
        for item, row in zip(items, out, strict=True):
            row["search"] = search.highlight(spec.search_text(item), args["q"])
    return out


def _batches(stmt, spec: ListSpec, args) -> Iterator[list[dict]]:
    """Every match as JSON items, EXPORT_BATCH rows at a time: memory stays flat whatever the
    result size. The session is the request's, taken now: the rows are read while the
    response streams."""
    session = db.session

    def batches() -> Iterator[list[dict]]:
        result = _result(session, stmt, spec, args, yield_per=EXPORT_BATCH)
        for batch in result.partitions():
            yield _dump(batch, spec, args)

    return batches()


def _offset_page(stmt, args, spec, keys, filters) -> Response:
    page, size = args.get("page", 1), args["page_size"]
    paged = stmt.offset(_inline((page - 1) * size)).limit(_inline(size))
    if not spec.reader:
        total, estimated = _past_limit(stmt, db.session.scalar(_capped(stmt)))
        items = _fetch(paged, spec, args)
    else:
        # The total rides in the page's own statement (a scalar subquery PostgreSQL runs once):
        # one round trip and one snapshot per page instead of two. Past the last page no row
        # carries it. A rollup's total is exact; a capped count may need more past its cap.
        known = spec.total(filters) if spec.total else None
        counter = known if known is not None else _capped(stmt)
        items = _fetch(paged, spec, args, counter.scalar_subquery().label("page_total"))
        total = items[0].page_total if items else db.session.connection().execute(counter).scalar()
        total, estimated = (int(total), False) if known is not None else _past_limit(stmt, total)
    pages = (total + size - 1) // size
    meta = {"total": total, "total_pages": pages, "page": page, "page_size": size}
    if estimated:
        meta["total_estimated"] = True
    if total:
        meta.update(first_page=1, last_page=pages)
    links = [(_url(page=1), "first")]
    if page > 1:
        meta["previous_page"] = page - 1
        links.append((_url(page=min(page - 1, max(pages, 1))), "prev"))
    if page < pages:
        meta["next_page"] = page + 1
        links.append((_url(page=page + 1), "next"))
    links.append((_url(page=max(pages, 1)), "last"))
    if items and len(items) == size and page < pages:
        meta["next_cursor"] = cursors.encode(items[-1], keys, spec)
    return _json(_dump(items, spec, args), meta, links)


def _inline(n: int):
    """A page bound written into the SQL: a prepared statement's generic plan then knows it
    reads 21 rows, not "some fraction" of a million (that estimate made PostgreSQL re-plan
    every execution)."""
    return literal(n, Integer, literal_execute=True)


EXACT_COUNT_LIMIT = 10_000


def _capped(stmt):
    """How many rows `stmt` selects, counted up to EXACT_COUNT_LIMIT + 1."""
    unordered = stmt.order_by(None).limit(EXACT_COUNT_LIMIT + 1)
    return select(func.count()).select_from(unordered.subquery())


def _past_limit(stmt, counted: int) -> tuple[int, bool]:
    """(total, estimated) from a capped count: exact up to EXACT_COUNT_LIMIT; past that, on
    PostgreSQL, the planner's estimate: a page of a million-row list must not wait for a
    million-row COUNT."""
    total = int(counted)
    unordered = stmt.order_by(None)
    bind = db.session.get_bind()
    if total <= EXACT_COUNT_LIMIT or bind.dialect.name != "postgresql":
        if total > EXACT_COUNT_LIMIT:
            total = db.session.scalar(select(func.count()).select_from(unordered.subquery()))
        return total, False
    compiled = unordered.compile(dialect=bind.dialect)
    plan = (
        db.session.connection()
        .exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params)
        .scalar()
    )
    rows = int(plan[0]["Plan"]["Plan Rows"])
    return max(rows, EXACT_COUNT_LIMIT + 1), True


def _cursor_page(stmt, args, spec, keys, order, tiebreak_desc) -> Response:
    for k in keys:
        if k.lstrip("-") in spec.nullable:
            abort(
                422,
                message=f"Cursor paging cannot sort by {k.lstrip('-')!r}.",
                errors={"query": {"sort": ["Not with cursor."]}},
            )
    size = args["page_size"]
    if args["cursor"]:
        values = cursors.decode(args["cursor"], keys, spec)
        stmt = stmt.where(cursors.after(order, values, spec.id_column, tiebreak_desc))
    items = _fetch(stmt.limit(_inline(size + 1)), spec, args)
    more = len(items) > size
    items = items[:size]
    meta = {"page_size": size}
    links = [(_url(cursor="", page=None), "first")]
    if more:
        meta["next_cursor"] = cursors.encode(items[-1], keys, spec)
        links.append((_url(cursor=meta["next_cursor"], page=None), "next"))
    return _json(_dump(items, spec, args), meta, links)


def _url(**changes) -> str:
    """This page's URL with `changes`, relative to the host (RFC 8288 resolves it against the
    request's): the Host header is the client's to send, not ours to repeat, and so is any
    parameter the operation does not take."""
    known = known_query()
    params = {k: v for k, v in request.args.to_dict(flat=False).items() if k in known}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = [str(v)]
    return f"{request.path}?{urlencode(params, doseq=True)}"


def _json(body, meta, links) -> Response:
    resp = jsonify(body)
    resp.headers["X-Pagination"] = json.dumps(meta)
    # The same facts one header each: a generated client reads them without parsing JSON.
    if "total" in meta:
        resp.headers["X-Total-Count"] = str(meta["total"])
    if "next_cursor" in meta:
        resp.headers["X-Next-Cursor"] = meta["next_cursor"]
    if links:
        resp.headers["Link"] = ", ".join(f'<{u}>; rel="{r}"' for u, r in links)
    return resp


LIST_HEADERS = {
    "X-Pagination": {
        "description": (
            "Paging metadata, a JSON object: `total`, `total_pages`, `first_page`, `last_page`, "
            "`page`, `previous_page`, `next_page` (offset paging; past 10,000 matches on "
            "PostgreSQL `total` is the planner's estimate and `total_estimated` is true; events "
            "filtered by type, status and a date range at most are counted exactly from "
            "rollups), "
            "`page_size`, and `next_cursor` when there is more."
        ),
        "schema": {"type": "string"},
        "example": '{"total": 14, "total_pages": 1, "page": 1, "page_size": 20, "first_page": 1, "last_page": 1}',
    },
    "X-Total-Count": {
        "description": "Offset paging: how many items match (`total` of `X-Pagination`).",
        "schema": {"type": "integer", "minimum": 0},
        "example": 14,
    },
    "X-Next-Cursor": {
        "description": (
            "When there is more: the `cursor` of the next page (with either paging; with "
            "`page`, a way to switch to a keyset walk)."
        ),
        "schema": {"type": "string"},
    },
    "Link": {
        "description": (
            'RFC 8288 links: rel="first" and, where they exist, "prev", "next" and "last" '
            "(a cursor walk has no last), relative to this host, carrying the request's own "
            "parameters (those the operation takes)."
        ),
        "schema": {"type": "string"},
    },
}
