"""The HTTP contract of quotes."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import QUOTE_KINDS, ActorRefSchema, Id


class QuoteSchema(Schema):
    id = fields.Integer()
    document_id = fields.Integer()
    speaker = fields.Nested(
        ActorRefSchema,
        allow_none=True,
        metadata={"description": "Null only when no one can be named."},
    )
    kind = fields.String(validate=validate.OneOf(QUOTE_KINDS))
    cue = fields.String(allow_none=True, metadata={"description": "The reporting verb."})
    text = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    confidence = fields.Float()


class QuoteQuerySchema(Schema):
    document_id = Id()
    speaker_id = Id()
    kind = fields.String(validate=validate.OneOf(QUOTE_KINDS))
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Words inside the quote."},
    )
