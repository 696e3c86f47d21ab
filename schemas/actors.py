"""The HTTP contract of actors and their mentions."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import ACTOR_KINDS, EVENT_TYPES, ActorRefSchema, DateRangeMixin, Id, Many
from .listing import list_args


class ActorSchema(Schema):
    id = fields.Integer()
    name = fields.String(
        metadata={
            "description": "At most 300 characters: a longer name is cut at a word boundary "
            "(its mentions keep the whole text)."
        }
    )
    kind = fields.String(validate=validate.OneOf(ACTOR_KINDS))
    title = fields.String(
        allow_none=True, metadata={"description": "Role or office, as the text gives it."}
    )
    code = fields.String(
        allow_none=True,
        metadata={
            "description": "CAMEO actor code (Phoenix dictionaries): the country's ISO 3166 "
            "alpha-3 code, then agent codes (`RUSGOV`, `SYRREB`, `IGOUNO`); null when unknown."
        },
    )
    aliases = fields.List(
        fields.String(),
        metadata={"description": "Every surface form seen, each cut like `name`."},
    )
    affiliation = fields.Nested(ActorRefSchema, allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


ACTOR_QUERY_SORT = ("id", "name", "kind", "updated_at")
ACTOR_QUERY_FIELDS = (
    "id",
    "name",
    "kind",
    "title",
    "code",
    "aliases",
    "affiliation",
    "created_at",
    "updated_at",
)


class ActorQuerySchema(list_args(ACTOR_QUERY_SORT, ACTOR_QUERY_FIELDS)):
    document_id = Many(Id(), metadata={"description": "Actors named in any of these documents."})
    kind = Many(fields.String(validate=validate.OneOf(ACTOR_KINDS)))
    affiliation_id = Many(Id(), metadata={"description": "Actors affiliated with any of these."})
    code = Many(
        fields.String(
            validate=[validate.Length(min=1, max=20), validate.Regexp(r"^[A-Za-z0-9]+$")]
        ),
        metadata={
            "description": "CAMEO actor code or its prefix, any case: `RUS` is every Russian "
            "actor (RUS, RUSGOV, RUSMIL, ...), `RUSGOV` Russia's government and its people.",
            "example": ["RUS"],
        },
    )
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


def _sub_list(fields_of: tuple[str, ...]) -> type:
    """Arguments of a list under one actor: its events, quotes or mentions."""

    class ActorSubListArgs(list_args(("id",), fields_of)):
        document_id = Many(Id(), metadata={"description": "Only in these documents."})

    return ActorSubListArgs


MENTION_FIELDS = ("id", "document_id", "start", "end", "text")
ActorMentionsQuerySchema = _sub_list(MENTION_FIELDS)


class NetworkQuerySchema(DateRangeMixin, Schema):
    type = Many(
        fields.String(validate=validate.OneOf(EVENT_TYPES)),
        metadata={"description": "Only these event types."},
    )
    date_from = fields.Date()
    date_to = fields.Date()


EDGE_RELATIONS = ("acted_on", "co_source", "co_target")
ROLES = ("source", "target")


class EdgeSchema(Schema):
    source = fields.Integer(
        metadata={
            "description": "Actor id: the side that acted (`acted_on`), or the network's actor "
            "(`co_source`, `co_target`)."
        }
    )
    target = fields.Integer(
        metadata={"description": "Actor id: the side acted on, or the other actor."}
    )
    type = fields.String(metadata={"description": "The events' PLOVER type."})
    relation = fields.String(
        validate=validate.OneOf(EDGE_RELATIONS),
        metadata={
            "description": "`acted_on`: source acted on target (directed); `co_source`: both "
            "acted in the same events; `co_target`: both were acted on in the same events "
            "(undirected)."
        },
    )
    count = fields.Integer(metadata={"description": "Events, each counted once."})


class UnpairedSchema(Schema):
    role = fields.String(
        validate=validate.OneOf(ROLES),
        metadata={
            "description": "`source`: events the actor did to no named target; `target`: "
            "events done to it by no named source."
        },
    )
    type = fields.String(metadata={"description": "The events' PLOVER type."})
    count = fields.Integer()


class NetworkSchema(Schema):
    actor = fields.Nested(ActorRefSchema)
    nodes = fields.List(
        fields.Nested(ActorRefSchema),
        metadata={"description": "Every actor of an edge, the network's actor included."},
    )
    edges = fields.List(fields.Nested(EdgeSchema))
    unpaired = fields.List(
        fields.Nested(UnpairedSchema),
        metadata={"description": "The actor's events with nobody on the other side, by type."},
    )
