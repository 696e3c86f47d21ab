"""Shapes shared by every resource: actor references, id and range arguments."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

ACTOR_KINDS = ("person", "organization", "country", "group")
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
EVENT_STATUSES = (
    "asserted",
    "alleged",
    "reported",
    "future",
    "threatened",
    "hypothetical",
    "negated",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "reported")
QUOTE_KINDS = ("direct", "indirect", "block")
PARAGRAPH_KINDS = ("paragraph", "block_quote")
MAX_ID = 2**31 - 1
# Repeatable parameters are bounded: each value is work for the database (an actor is one more
# subquery, whose planning grows with the square of their number on PostgreSQL).
MAX_VALUES = 50  # values of an "any of these" filter
MAX_ALL_OF = 10  # actors an "all of these" filter may name


def Many(field: fields.Field, max_items: int = MAX_VALUES, **kwargs) -> fields.List:  # noqa: N802
    """A repeatable query parameter of at most `max_items` values (422 beyond; `maxItems` in
    the spec)."""
    metadata = dict(kwargs.pop("metadata", {}))
    described = metadata.get("description", "")
    metadata["description"] = f"{described} At most {max_items} values.".strip()
    error = f"At most {max_items} values."
    return fields.List(
        field, validate=validate.Length(max=max_items, error=error), metadata=metadata, **kwargs
    )


def Id(**kwargs) -> fields.Integer:  # noqa: N802 - a field factory reads like a field class
    return fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class ActorRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))


class DateRangeMixin:
    @validates_schema
    def _range(self, data, **kwargs):
        lo, hi = data.get("date_from"), data.get("date_to")
        if lo and hi and lo > hi:
            raise ValidationError("date_from must not be after date_to", "date_from")


# What `q` takes on the full-text searches (api/search_syntax.py), said once for all of them.
SEARCH_SYNTAX = (
    'Every word must match; `"a phrase"` matches words in a row; `OR` between two terms '
    "takes either (`geneva OR vienna talks`: talks, in either city); `-word` or "
    '`-"a phrase"` excludes (not beside `OR`: a 422); `word*` is a prefix (`sanction*`). '
    "Variants of a word match together: `ceasefire` = `cease-fire`, `defence` = `defense`. "
    "Any other character is no syntax."
)


class SearchArgsSchema(Schema):
    q = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "Text to look for."}
    )
