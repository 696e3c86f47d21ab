"""Exports: every match of a list, streamed as CSV or NDJSON in constant memory, from an
operation of its own (`GET .../export?format=csv|ndjson`) so that each list's JSON operation
declares JSON alone and a generated client types its `data` as the item array. The list
routes still take the earlier `format=` and `Accept: text/csv` (no longer in the spec).

CSV cells are made safe to open in a spreadsheet here, in one place (`neutralize`)."""

from __future__ import annotations

import csv
import inspect
import io
import json
from collections.abc import Iterable, Iterator
from functools import cache

from flask import Response, request, stream_with_context
from flask.views import MethodView
from marshmallow import fields as mfields
from marshmallow import validate

from . import geojson
from .args import GEO_MIMETYPES

# A text cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): `=`, `+`, `-`,
# `@`, a tab or a carriage return first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_TEXT = (
    "One row per item, the JSON item's fields as columns (lists `;`-separated); every "
    "reference to an actor has its ids in a column beside its names: `sources` and "
    "`source_ids`, `targets` and `target_ids`, `speaker` and `speaker_id`, `affiliation` and "
    "`affiliation_id`. A text cell (a title, a name, a quote) that would begin with `=`, `+`, "
    "`-`, `@`, a tab or a carriage return begins with `'` instead, as OWASP advises against "
    "formula injection, so that a spreadsheet shows it as text; numbers are left as they are. "
    "JSON and NDJSON keep every text exactly."
)
NDJSON_TEXT = "One JSON object a line, each identical to the item of the JSON list."
GEOJSON_TEXT = (
    "An RFC 7946 FeatureCollection: one Feature per event, its JSON item as `properties`, a "
    "Point at `[longitude, latitude]` (WGS84) for events placed at a town or an admin1 "
    "(`geo_precision` city, near_city or admin1) and `geometry: null` for the others; the "
    "GeoNames credit in its `attribution` member."
)


def neutralize(value):
    """A CSV cell as a spreadsheet will show it and not run it: text that a spreadsheet
    would take for a formula gets a leading `'`. Numbers are never touched (a negative
    coordinate stays a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def stream(
    batches: Iterable[list[dict]], schema: type, fmt: str, drop: frozenset[str] = frozenset()
) -> Response:
    """The JSON items of `batches` as one streamed CSV, NDJSON or GeoJSON response (`drop`:
    fields read for the map's geometry that the projection leaves out)."""

    # One chunk per batch, not per row: a write per row costs a syscall each and, with small
    # TCP segments, delayed-ACK stalls.
    def ndjson() -> Iterator[str]:
        for batch in batches:
            yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in batch)

    references = _references(schema)

    def as_csv() -> Iterator[str]:
        buf = io.StringIO()
        writer = None
        for batch in batches:
            for row in batch:
                flat = {}
                for k, v in row.items():
                    flat[k] = neutralize(_cell(v))
                    if k in references:
                        flat[references[k]] = _ids(v)
                if writer is None:
                    writer = csv.DictWriter(buf, fieldnames=list(flat), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow(flat)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()

    if fmt == "geojson":
        body = geojson.collection(batches, drop)
    else:
        body = ndjson() if fmt == "ndjson" else as_csv()
    resp = Response(stream_with_context(body), mimetype=GEO_MIMETYPES[fmt])
    name = request.path.strip("/").removesuffix("/export").replace("/", "-")
    resp.headers["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    return resp


@cache
def _references(schema: type) -> dict[str, str]:
    """The fields that refer to another resource (`{id, name}`), each with the CSV column of
    its ids, beside the names: `sources` → `source_ids`, `speaker` → `speaker_id`. A CSV row is
    then joinable with `/actors` without matching names."""
    columns = {}
    for name, f in schema().fields.items():
        inner = f.inner if isinstance(f, mfields.List) else f
        if isinstance(inner, mfields.Nested) and {"id", "name"} <= set(inner.schema.fields):
            many = isinstance(f, mfields.List)
            columns[name] = f"{name.removesuffix('s')}_ids" if many else f"{name}_id"
    return columns


def _ids(value):
    """The ids of a reference (`;`-separated, in the order of the names), or None."""
    if isinstance(value, list):
        return ";".join(str(v["id"]) for v in value)
    return None if value is None else value["id"]


def _cell(value):
    if isinstance(value, list):
        return ";".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        return value.get("name") if "name" in value else json.dumps(value, ensure_ascii=False)
    return value


# Paging belongs to the JSON list; an export is every match.
PAGING = ("page", "page_size", "cursor")


def _list_formats(list_args: type) -> tuple[str, ...]:
    """The export formats the list's own `format` takes: CSV and NDJSON, GeoJSON for events."""
    rules = list_args._declared_fields["format"].validators
    choices = next(r.choices for r in rules if isinstance(r, validate.OneOf))
    return tuple(f for f in choices if f in GEO_MIMETYPES)


@cache
def _export_args(list_args: type) -> type:
    """The list's query schema without paging, with `format` required and one of the list's
    export formats."""
    formats = _list_formats(list_args)
    return type(
        f"Export{list_args.__name__}",
        (list_args,),
        {
            "Meta": type("Meta", (), {"exclude": PAGING}),
            "format": mfields.String(
                required=True,
                validate=validate.OneOf(formats),
                metadata={"description": " or ".join(f"`{f}`" for f in formats) + "."},
            ),
        },
    )


def add_export(blp, rule: str, view: type[MethodView], noun: str) -> None:
    """`{rule}/export` beside the list `view` serves: the same filters, sort, search and
    projection as the list's query schema, every match streamed."""
    raw = inspect.unwrap(view.get)
    params = view.get._apidoc["arguments"]["parameters"]
    list_args = next(type(p["schema"]) for p in params if p["in"] == "query")
    operation = view.get._apidoc.get("manual_doc", {}).get("operationId", "")

    def get(self, args, **path):
        return raw(view(), args, **path)

    geo = "geojson" in _list_formats(list_args)
    get.__doc__ = (
        f"Export {noun}\n\nEvery match of the list's filters (the same parameters, without "
        "paging), streamed as CSV (`format=csv`)"
        + (", NDJSON (`format=ndjson`) or GeoJSON (`format=geojson`)." if geo else "")
        + ("" if geo else " or NDJSON (`format=ndjson`).")
    )
    content = {
        "text/csv": {"schema": {"type": "string", "description": CSV_TEXT}},
        "application/x-ndjson": {"schema": {"type": "string", "description": NDJSON_TEXT}},
    }
    if geo:
        content[geojson.MIMETYPE] = {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}
    get = blp.doc(
        operationId=operation.replace("list_", "export_", 1),
        responses={
            "200": {
                "description": "Every match.",
                "headers": {
                    "Content-Disposition": {
                        "description": "A file name for the export.",
                        "schema": {"type": "string"},
                    }
                },
                "content": content,
            }
        },
    )(get)
    get = blp.arguments(_export_args(list_args)(), location="query")(get)
    blp.route(f"{rule}/export")(type(f"{view.__name__}Export", (MethodView,), {"get": get}))
