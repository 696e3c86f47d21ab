"""The HTTP contract of actors and their mentions."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import ACTOR_KINDS, ActorRefSchema, Id


class ActorSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String(validate=validate.OneOf(ACTOR_KINDS))
    title = fields.String(
        allow_none=True, metadata={"description": "Role or office, as the text gives it."}
    )
    code = fields.String(
        allow_none=True, metadata={"description": "ISO 3166 alpha-3 for countries."}
    )
    aliases = fields.List(fields.String(), metadata={"description": "Every surface form seen."})
    affiliation = fields.Nested(ActorRefSchema, allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class ActorQuerySchema(Schema):
    document_id = Id()
    kind = fields.String(validate=validate.OneOf(ACTOR_KINDS))
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Part of the name or an alias."},
    )


class MentionSchema(Schema):
    id = fields.Integer()
    document_id = fields.Integer()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class ActorItemQuerySchema(Schema):
    document_id = Id()
