"""Aggregations over events (timelines, top actors, dyads) and the deletions sync feed."""

from __future__ import annotations

from datetime import UTC

from flask.views import MethodView
from sqlalchemy import select

from schemas import examples
from schemas.stats import DeletionQuerySchema, DeletionSchema, EventStatsQuerySchema, StatsRowSchema

from .args import Blueprint
from .exports import add_export
from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Deletion
from .network import event_stats

blp = Blueprint("stats", __name__, description="Counts over events, for timelines and rankings.")
deletions_blp = Blueprint(
    "deletions", __name__, description="What was deleted, for incremental sync."
)

DELETIONS = ListSpec(
    model=Deletion,
    schema=DeletionSchema,
    sortable={"id": Deletion.id, "deleted_at": Deletion.deleted_at},
    default_sort=("id",),
    updated="deleted_at",
)


@blp.route("/events")
class EventStats(MethodView):
    @blp.arguments(EventStatsQuerySchema(), location="query")
    @blp.response(200, StatsRowSchema(many=True), example=examples.STATS)
    @blp.doc(operationId="count_events")
    def get(self, args):
        """Count events by group

        Over any event filter set, grouped by `type`, `source`, `target`, `pair` (source →
        target), `date` (a timeline, by `interval`), `country` (the events' ISO 3166-1 alpha-2
        code) or `place`. Largest groups first; dates in order.
        """
        return event_stats(args)


@deletions_blp.route("")
class Deletions(MethodView):
    @deletions_blp.arguments(DeletionQuerySchema(), location="query")
    @deletions_blp.response(200, DeletionSchema(many=True), headers=LIST_HEADERS)
    @deletions_blp.doc(operationId="list_deletions")
    def get(self, args):
        """List deletions

        Documents and actors deleted at or after `since`, oldest first: with `updated_since`
        on the lists, enough to keep a copy in sync.
        """
        stmt = select(Deletion)
        if "since" in args:
            since = args["since"]
            stmt = stmt.where(
                Deletion.deleted_at >= (since if since.tzinfo else since.replace(tzinfo=UTC))
            )
        if "resource" in args:
            stmt = stmt.where(Deletion.resource == args["resource"])
        return list_response(stmt, args, DELETIONS)


add_export(deletions_blp, "", Deletions, "deletions")
