"""Read paths without the ORM: table rows straight to the dicts the response schemas describe.

Building ORM instances, loading relations in extra queries and dumping through marshmallow
cost about two thirds of a list request. A `Reader` plans, once, how each field of a response
schema is read off a Core row (its column, with the conversion marshmallow would apply); related
rows (participants, speaker, paragraphs) come in the same query, as a correlated JSON
subquery per relation: one round trip per page, index lookups only. The schemas stay the
contract: tests/api/test_rows.py holds every reader's output equal to its schema's dump.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask import Response, jsonify
from flask_smorest import abort
from marshmallow import Schema, fields
from sqlalchemy import Row, Select, func, select

from schemas.common import ActorRefSchema
from schemas.documents import DocumentDetailSchema, DocumentSchema, MediaSchema, ParagraphSchema
from schemas.events import EventSchema
from schemas.places import PlaceRefSchema, PlaceSchema
from schemas.quotes import QuoteSchema

from .db import db
from .models import (
    Actor,
    Document,
    Event,
    EventParticipant,
    Media,
    Paragraph,
    Place,
    PlaceMention,
    Quote,
)


def _iso(value):
    return None if value is None else value.isoformat()


def _float(value):
    return None if value is None else float(value)


def _plain(value):
    return value


def _converter(f: fields.Field) -> Callable:
    if isinstance(f, fields.Date | fields.DateTime):
        return _iso
    if isinstance(f, fields.Float):
        return _float
    if isinstance(f, fields.Integer | fields.String | fields.Dict | fields.Boolean):
        return _plain
    raise TypeError(f"no row conversion for {type(f).__name__}")


@dataclass(frozen=True)
class Related:
    """Nested fields read from one correlated subquery: the child rows `source` selects (it
    names the child table and how it links to the outer row), ordered by `order`. With `by`
    (a column and {field: value}), one subquery fills several fields: an event's sources and
    targets are one lookup of its participants, split by role."""

    key: str
    reader: Reader
    source: Select
    order: object
    many: bool = True
    by: tuple[object, dict[str, str]] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "built", {})  # dialect -> expression, built once

    def expression(self, dialect: str):
        if dialect not in self.built:
            self.built[dialect] = self._build(dialect)
        return self.built[dialect]

    def _build(self, dialect: str):
        pg = dialect == "postgresql"
        array = func.json_build_array if pg else func.json_array
        # The order key rides along and is applied in Python: SQLite (3.40) cannot order
        # inside an aggregate.
        head = [self.order, self.by[0]] if self.by else [self.order]
        item = array(*head, *(self.reader.table.c[c] for _, c, _ in self.reader.plan))
        if self.many:
            item = (func.json_agg if pg else func.json_group_array)(item)
        return self.source.with_only_columns(item).scalar_subquery().label(f"rel_{self.key}")

    def values(self, raw):
        """The field's value, or with `by` {field: value} for each field it fills."""
        if isinstance(raw, str):  # SQLite answers JSON as text
            raw = json.loads(raw)
        if not self.many:
            return None if raw is None else self.reader.from_values(raw[1:])
        items = sorted(raw or (), key=lambda v: v[0])
        if not self.by:
            return [self.reader.from_values(v[1:]) for v in items]
        out = {name: [] for name in self.by[1]}
        field_of = {value: name for name, value in self.by[1].items()}
        for v in items:
            out[field_of[v[1]]].append(self.reader.from_values(v[2:]))
        return out


@dataclass(frozen=True)
class Reader:
    """How one resource's rows become its schema's JSON."""

    schema: type[Schema]
    model: type
    related: dict[str, Related] = field(default_factory=dict)
    skip: frozenset[str] = frozenset({"search"})  # filled in by the list path

    def __post_init__(self) -> None:
        table = self.model.__table__
        plan = []
        for name, f in self.schema().fields.items():
            if name in self.skip:
                continue
            if name in self.related:
                plan.append((name, None, None))
                continue
            # The attribute's column: `Document.extra` is stored as "metadata".
            column = getattr(self.model, f.attribute or name).property.columns[0].key
            plan.append((name, column, _converter(f)))
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "plan", tuple(plan))
        # Where each column sits in the rows `query` selects (table columns first).
        object.__setattr__(self, "positions", {key: i for i, key in enumerate(table.c.keys())})
        object.__setattr__(self, "by_name", {p[0]: p for p in plan})

    def _plan(self, only: Sequence[str] | None):
        # marshmallow's `only` keeps the order it is given; so does this.
        return self.plan if not only else tuple(self.by_name[n] for n in only if n in self.by_name)

    def query(self, stmt: Select, only: Sequence[str] | None = None) -> Select:
        """`stmt` (filtered, ordered) selecting this reader's columns and asked-for relations."""
        dialect = db.session.get_bind().dialect.name
        wanted = {
            self.related[name].key: self.related[name]
            for name, column, _ in self._plan(only)
            if column is None
        }
        extra = [related.expression(dialect) for related in wanted.values()]
        return stmt.with_only_columns(*self.table.c, *extra)

    def dump(self, rows: Sequence[Row], only: Sequence[str] | None = None) -> list[dict]:
        steps = [
            (name, self.positions[column], convert, None)
            if column is not None
            else (name, f"rel_{self.related[name].key}", None, self.related[name])
            for name, column, convert in self._plan(only)
        ]
        out = []
        for row in rows:
            item, parsed = {}, {}
            for name, position, convert, related in steps:
                if related is None:
                    item[name] = convert(row[position])
                    continue
                if related.key not in parsed:
                    parsed[related.key] = related.values(row._mapping[position])
                item[name] = parsed[related.key][name] if related.by else parsed[related.key]
            out.append(item)
        return out

    def from_values(self, values: Sequence) -> dict:
        """A nested item from its JSON array (plain columns only: JSON carries no dates)."""
        return {name: value for (name, _, _), value in zip(self.plan, values, strict=True)}

    def one_or_404(self, stmt: Select, what: str) -> Response:
        """The item `stmt` selects as JSON, or a 404 naming `what`."""
        row = db.session.connection().execute(self.query(stmt)).first()
        if row is None:
            abort(404, message=f"No {what}.")
        return jsonify(self.dump([row])[0])


def _plain_reader(schema: type[Schema], model: type) -> Reader:
    reader = Reader(schema, model)
    if any(convert is not _plain for _, _, convert in reader.plan):
        raise TypeError(f"{schema.__name__} cannot nest: only plain columns survive JSON")
    return reader


@dataclass(frozen=True)
class Texts:
    """A list of distinct strings read from one correlated subquery: a place's names as the
    briefs write them. `limit` bounds the child rows read for a row (a country may be named
    in a million briefs; its spellings are among the first few hundred)."""

    key: str
    column: object  # the child table's text column
    link: Callable  # the condition tying a child row (of the given table) to the outer row
    outer: object  # the outer row's table
    limit: int = 200
    by = None

    def expression(self, dialect: str):
        agg = func.json_agg if dialect == "postgresql" else func.json_group_array
        child = self.column.table
        first = child.alias()  # the first `limit` child rows of the outer row, by id
        # Two levels down from the outer row: correlated by hand (auto-correlation looks one up).
        ids = select(first.c.id).where(self.link(first)).limit(self.limit).correlate(self.outer)
        return (
            select(agg(self.column.distinct()))
            .where(child.c.id.in_(ids))
            .scalar_subquery()
            .label(f"rel_{self.key}")
        )

    def values(self, raw) -> list[str]:
        if isinstance(raw, str):  # SQLite answers JSON as text
            raw = json.loads(raw)
        return sorted(t for t in raw or () if t)


_events, _quotes, _documents = Event.__table__, Quote.__table__, Document.__table__
_parts, _actors = EventParticipant.__table__, Actor.__table__
_paragraphs, _media = Paragraph.__table__, Media.__table__
_places = Place.__table__
ACTOR_REF = _plain_reader(ActorRefSchema, Actor)
PLACE_REF = _plain_reader(PlaceRefSchema, Place)


_participants = Related(
    "participants",
    ACTOR_REF,
    select(_actors.c.id)
    .select_from(_parts.join(_actors, _actors.c.id == _parts.c.actor_id))
    .where(_parts.c.event_id == _events.c.id),
    _parts.c.id,
    by=(_parts.c.role, {"sources": "source", "targets": "target"}),
)


def _children(schema: type[Schema], model: type, order) -> Related:
    table = model.__table__
    source = select(table.c.id).where(table.c.document_id == _documents.c.id)
    return Related(table.name, _plain_reader(schema, model), source, order)


EVENTS = Reader(
    EventSchema,
    Event,
    {
        "sources": _participants,
        "targets": _participants,
        "place": Related(
            "place",
            PLACE_REF,
            select(_places.c.id).where(_places.c.id == _events.c.place_id),
            _places.c.id,
            many=False,
        ),
    },
)
_place_mentions = PlaceMention.__table__
PLACES = Reader(
    PlaceSchema,
    Place,
    {
        "aliases": Texts(
            "aliases", _place_mentions.c.text, lambda t: t.c.place_id == _places.c.id, _places
        )
    },
)
QUOTES = Reader(
    QuoteSchema,
    Quote,
    {
        "speaker": Related(
            "speaker",
            ACTOR_REF,
            select(_actors.c.id).where(_actors.c.id == _quotes.c.speaker_id),
            _actors.c.id,
            many=False,
        )
    },
)
DOCUMENTS = Reader(DocumentSchema, Document)
DOCUMENT = Reader(
    DocumentDetailSchema,
    Document,
    {
        "paragraphs": _children(ParagraphSchema, Paragraph, _paragraphs.c.index),
        "media": _children(MediaSchema, Media, _media.c.id),
    },
)
