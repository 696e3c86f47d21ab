"""The HTTP contract of aggregations and the sync feed."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import ActorRefSchema
from .events import EventFilterSchema
from .listing import list_args
from .places import PlaceRefSchema

STATS_GROUPS = ("type", "source", "target", "pair", "date", "country", "place")
STATS_INTERVALS = ("day", "week", "month", "year")


class EventStatsQuerySchema(EventFilterSchema):
    group_by = fields.String(required=True, validate=validate.OneOf(STATS_GROUPS))
    interval = fields.String(
        load_default="day",
        validate=validate.OneOf(STATS_INTERVALS),
        metadata={"description": "With `group_by=date`: the period each bucket covers."},
    )
    limit = fields.Integer(
        validate=validate.Range(min=1, max=1000),
        metadata={
            "description": "How many groups at most, largest first (default 100); with "
            "`group_by=date`, at most this many buckets (default 1000): a range holding more "
            "is a 422, never a timeline cut short."
        },
    )


class StatsRowSchema(Schema):
    group = fields.String(
        metadata={
            "description": "A label for the bucket (with `group_by=country`, the ISO 3166-1 "
            "alpha-2 code)."
        }
    )
    count = fields.Integer()
    date = fields.String(metadata={"description": "With `group_by=date`: the period's first day."})
    precision = fields.String(
        validate=validate.OneOf(STATS_INTERVALS),
        metadata={
            "description": "With `group_by=date`: the interval, for a bucket (every bucket of "
            "the range, zero-filled, holding the events dated at least as finely); a coarser "
            "precision for events dated too coarsely to place in one (`month`: a month's "
            "events in a weekly timeline, dated the month's first day), listed after the "
            "buckets."
        },
    )
    actor = fields.Nested(ActorRefSchema)
    source = fields.Nested(ActorRefSchema)
    target = fields.Nested(ActorRefSchema)
    place = fields.Nested(PlaceRefSchema, metadata={"description": "With `group_by=place`."})


class DeletionSchema(Schema):
    id = fields.Integer()
    resource = fields.String(validate=validate.OneOf(("documents", "actors")))
    resource_id = fields.Integer()
    deleted_at = fields.AwareDateTime()


DELETION_QUERY_SORT = ("id", "deleted_at")
DELETION_QUERY_FIELDS = ("id", "resource", "resource_id", "deleted_at")


class DeletionQuerySchema(list_args(DELETION_QUERY_SORT, DELETION_QUERY_FIELDS)):
    since = fields.AwareDateTime(
        metadata={"description": "Deletions at or after this instant (ISO 8601)."}
    )
    resource = fields.String(validate=validate.OneOf(("documents", "actors")))
