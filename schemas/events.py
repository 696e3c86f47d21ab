"""The HTTP contract of events."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import DATE_PRECISIONS, EVENT_STATUSES, EVENT_TYPES, ActorRefSchema, DateRangeMixin, Id


class EventSchema(Schema):
    id = fields.Integer()
    document_id = fields.Integer()
    type = fields.String(
        validate=validate.OneOf(EVENT_TYPES), metadata={"description": "PLOVER event type."}
    )
    mode = fields.String(allow_none=True, metadata={"description": "PLOVER mode, where one fits."})
    cameo = fields.String(allow_none=True, metadata={"description": "CAMEO code."})
    status = fields.String(validate=validate.OneOf(EVENT_STATUSES))
    trigger = fields.String(metadata={"description": "The words naming the action."})
    start = fields.Integer(metadata={"description": "Trigger start (code points)."})
    end = fields.Integer()
    sentence_start = fields.Integer()
    sentence_end = fields.Integer()
    date = fields.Date(allow_none=True, metadata={"description": "First day of the dated period."})
    date_precision = fields.String(allow_none=True, validate=validate.OneOf(DATE_PRECISIONS))
    date_text = fields.String(allow_none=True)
    location = fields.String(allow_none=True)
    confidence = fields.Float()
    sources = fields.List(fields.Nested(ActorRefSchema))
    targets = fields.List(fields.Nested(ActorRefSchema))


class EventQuerySchema(DateRangeMixin, Schema):
    document_id = Id()
    type = fields.String(validate=validate.OneOf(EVENT_TYPES))
    status = fields.String(
        validate=validate.OneOf(EVENT_STATUSES),
        metadata={"description": "Without it, every status but `negated`."},
    )
    actor_id = Id(metadata={"description": "Source or target."})
    source_id = Id()
    target_id = Id()
    date_from = fields.Date()
    date_to = fields.Date()
