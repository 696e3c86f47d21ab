"""Events: who did what to whom, when, coded in PLOVER and CAMEO."""

from __future__ import annotations

from dataclasses import replace

from flask import Response
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import aliased

from schemas import examples
from schemas.events import EventQuerySchema, EventSchema

from . import rollup
from .args import Blueprint
from .db import db
from .exports import add_export
from .listing import LIST_HEADERS, ListSpec, list_response, sort_keys
from .models import Event, EventParticipant
from .queries import filter_events
from .rows import EVENTS

blp = Blueprint("events", __name__, description="Who did what to whom, when.")

SPEC = ListSpec(
    model=Event,
    schema=EventSchema,
    sortable={
        "id": Event.id,
        "date": Event.date,
        "confidence": Event.confidence,
        "document_id": Event.document_id,
        "type": Event.type,
        "updated_at": Event.updated_at,
        "start": Event.start,
    },
    default_sort=("document_id", "start"),
    search_table="events",
    search_text=lambda e: e.sentence,
    nullable=frozenset({"date"}),
    reader=EVENTS,
    total=rollup.total,
    geo=True,
)


# An actor's events in list order, walked from the participants' copy of the order keys.
_walk = aliased(EventParticipant, name="walk")
_twin = aliased(EventParticipant, name="twin")
WALK = replace(
    SPEC,
    sortable={**SPEC.sortable, "document_id": _walk.document_id, "start": _walk.start},
    tiebreak=_walk.event_id,
)


def list_events(filters: dict, args: dict) -> Response:
    """The events `filters` select, paged, sorted and shaped as `args` ask.

    Filtered by an actor in list order (the common case: an actor's timeline), the page walks
    that actor's participant rows in the index on (actor, document, start) and stops once it
    has a page: flat cost whatever the actor's event count. Other sorts and ranked search
    take the actor's event ids first (api/queries.py)."""
    actors = list(filters.get("actor_id") or ())
    if not actors or args.get("q") or sort_keys(args, SPEC) != list(SPEC.default_sort):
        return list_response(filter_events(select(Event), filters), args, SPEC, filters)
    stmt = select(Event).join(_walk, _walk.event_id == Event.id).where(_walk.actor_id == actors[0])
    # An actor who is both source and target of an event has two rows: list the event once.
    if db.session.get_bind().dialect.name == "postgresql":
        # The two rows are neighbours in the walk's order: a Unique step over the walk drops
        # the second (cheaper to plan and run than a NOT EXISTS probe per row).
        stmt = stmt.ext(distinct_on(_walk.document_id, _walk.start, _walk.event_id))
    else:
        twin = select(_twin.id).where(
            _twin.event_id == _walk.event_id, _twin.actor_id == _walk.actor_id, _twin.id < _walk.id
        )
        stmt = stmt.where(~twin.exists())
    return list_response(
        filter_events(stmt, {**filters, "actor_id": actors[1:]}), args, WALK, filters
    )


@blp.route("")
class Events(MethodView):
    @blp.arguments(EventQuerySchema(), location="query")
    @blp.response(200, EventSchema(many=True), headers=LIST_HEADERS, example=[examples.EVENT])
    @blp.doc(operationId="list_events")
    def get(self, args):
        """List events

        In document order, or ranked with `q`. Filters compose: type, mode, status, CAMEO
        code or prefix, actors (source, target, or all of several), date range, document,
        location, minimum confidence, and where: `country`, `place_id`, `precision`, a box
        (`bbox=west,south,east,north`) or a radius (`near=lat,lon,km`). Negated acts ("did
        not reject") are left out unless `status=negated` asks for them. Page with `page` or
        walk with `cursor`; `format=csv`, `ndjson` or `geojson` streams every match.
        """
        return list_events(args, args)


add_export(blp, "", Events, "events")


@blp.route("/<id:event_id>")
class EventItem(MethodView):
    @blp.response(200, EventSchema, example=examples.EVENT)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_event")
    def get(self, event_id):
        """Get an event

        Its type, mode, CAMEO code, status, participants, date and trigger span.
        """
        return EVENTS.one_or_404(select(Event).where(Event.id == event_id), f"event {event_id}")
