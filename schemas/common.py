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


class SearchArgsSchema(Schema):
    q = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "Text to look for."}
    )
