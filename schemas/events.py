"""The HTTP contract of events."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import (
    DATE_PRECISIONS,
    EVENT_STATUSES,
    EVENT_TYPES,
    MAX_ALL_OF,
    SEARCH_SYNTAX,
    ActorRefSchema,
    DateRangeMixin,
    Id,
    Many,
)
from .listing import GEO_FORMATS, SearchHitSchema, list_args
from .places import GEO_PRECISIONS, PlaceFilterMixin, PlaceRefSchema


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
    location = fields.String(
        allow_none=True,
        metadata={
            "description": "Where, as the text says it: the words naming `place` when one "
            "was resolved."
        },
    )
    place = fields.Nested(
        PlaceRefSchema,
        allow_none=True,
        metadata={"description": "The gazetteer place the event happened at (`/places/{id}`)."},
    )
    geo_precision = fields.String(
        allow_none=True,
        validate=validate.OneOf(GEO_PRECISIONS),
        metadata={
            "description": "How precisely the event is placed: `city` (in the town), "
            "`near_city` (near, outside, around it), `admin1` (a province, a state), `region`, "
            "`country`."
        },
    )
    country_code = fields.String(
        allow_none=True, metadata={"description": "The place's country (ISO 3166-1 alpha-2)."}
    )
    latitude = fields.Float(
        allow_none=True,
        metadata={
            "description": "WGS84 degrees, only for `city`, `near_city` and `admin1` events: a "
            "country's or a region's point is no place to draw an event."
        },
    )
    longitude = fields.Float(allow_none=True, metadata={"description": "As `latitude`."})
    confidence = fields.Float()
    sources = fields.List(fields.Nested(ActorRefSchema))
    targets = fields.List(fields.Nested(ActorRefSchema))
    sentence = fields.String(metadata={"description": "The sentence the event was coded from."})
    updated_at = fields.AwareDateTime()
    search = fields.Nested(
        SearchHitSchema,
        dump_only=True,
        metadata={"description": "With `q`: matches in `sentence`."},
    )


class EventFilterSchema(DateRangeMixin, PlaceFilterMixin):
    document_id = Many(Id())
    type = Many(
        fields.String(validate=validate.OneOf(EVENT_TYPES)),
        metadata={"description": "Repeat for any of several."},
    )
    mode = Many(fields.String(validate=validate.Length(max=40)))
    status = Many(
        fields.String(validate=validate.OneOf(EVENT_STATUSES)),
        metadata={"description": "Without it, every status but `negated`."},
    )
    cameo = Many(
        fields.String(validate=validate.Regexp(r"^\d{2,4}$")),
        metadata={"description": "CAMEO code or prefix (`19` is any fight)."},
    )
    actor_id = Many(
        Id(),
        MAX_ALL_OF,
        metadata={
            "description": "Events involving every one of these actors (a pair: two values)."
        },
    )
    source_id = Many(Id(), metadata={"description": "Any of these as a source."})
    target_id = Many(Id(), metadata={"description": "Any of these as a target."})
    date_from = fields.Date()
    date_to = fields.Date()
    location = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "Part of the location."}
    )
    min_confidence = fields.Float(validate=validate.Range(min=0, max=1))
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={
            "description": "Full-text search in trigger and sentence, ranked. " + SEARCH_SYNTAX
        },
    )


EVENT_QUERY_SORT = ("id", "date", "confidence", "document_id", "type", "updated_at")
EVENT_QUERY_FIELDS = tuple(EventSchema().fields)


class EventQuerySchema(
    list_args(EVENT_QUERY_SORT, EVENT_QUERY_FIELDS, GEO_FORMATS), EventFilterSchema
):
    """Every event filter, with paging, sort, projection and export."""


class ActorEventsQuerySchema(list_args(("id",), EVENT_QUERY_FIELDS, GEO_FORMATS)):
    document_id = Many(Id(), metadata={"description": "Only in these documents."})


PlaceEventsQuerySchema = ActorEventsQuerySchema
