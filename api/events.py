"""Events: who did what to whom, when, coded in PLOVER and CAMEO."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from schemas import examples
from schemas.events import EventQuerySchema, EventSchema

from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Event
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
        location, minimum confidence. Negated acts ("did not reject") are left out unless
        `status=negated` asks for them. Page with `page` or walk with `cursor`; `format=csv`
        or `ndjson` streams every match.
        """
        stmt = filter_events(select(Event), args)
        return list_response(stmt, args, SPEC)


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
