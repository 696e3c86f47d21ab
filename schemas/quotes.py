"""The HTTP contract of quotes."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import QUOTE_KINDS, SEARCH_SYNTAX, ActorRefSchema, DateRangeMixin, Id, Many
from .listing import SearchHitSchema, list_args


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
    updated_at = fields.AwareDateTime()
    search = fields.Nested(
        SearchHitSchema, dump_only=True, metadata={"description": "With `q`: matches in `text`."}
    )


QUOTE_QUERY_SORT = ("id", "document_id", "confidence", "updated_at")
QUOTE_QUERY_FIELDS = tuple(QuoteSchema().fields)


class QuoteQuerySchema(DateRangeMixin, list_args(QUOTE_QUERY_SORT, QUOTE_QUERY_FIELDS)):
    document_id = Many(Id())
    speaker_id = Many(Id())
    kind = Many(fields.String(validate=validate.OneOf(QUOTE_KINDS)))
    cue = Many(fields.String(validate=validate.Length(max=50)))
    date_from = fields.Date(metadata={"description": "Documents published on or after."})
    date_to = fields.Date()
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Full-text search in the quote, ranked. " + SEARCH_SYNTAX},
    )


class ActorQuotesQuerySchema(list_args(("id",), QUOTE_QUERY_FIELDS)):
    document_id = Many(Id(), metadata={"description": "Only in these documents."})
