"""Events: who did what to whom, when, coded in PLOVER and CAMEO."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import exists, select

from schemas.events import EventQuerySchema, EventSchema

from .db import db
from .models import Event, EventParticipant
from .pagination import SelectPage
from .queries import event_options

blp = Blueprint("events", __name__, description="Who did what to whom, when.")


def _participant(actor_id: int, role: str | None = None):
    cond = [EventParticipant.event_id == Event.id, EventParticipant.actor_id == actor_id]
    if role:
        cond.append(EventParticipant.role == role)
    return exists().where(*cond)


@blp.route("")
class Events(MethodView):
    @blp.arguments(EventQuerySchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """List events

        In document order; filter by document, type, status, actor (as source, target or
        either) and date range. Negated acts ("did not reject") are left out unless
        `status=negated` asks for them.
        """
        stmt = select(Event)
        for column in ("document_id", "type", "status"):
            if column in args:
                stmt = stmt.where(getattr(Event, column) == args[column])
        if "status" not in args:
            # "did not reject the offer" is no REJECT: negated acts are listed only on request.
            stmt = stmt.where(Event.status != "negated")
        if "actor_id" in args:
            stmt = stmt.where(_participant(args["actor_id"]))
        if "source_id" in args:
            stmt = stmt.where(_participant(args["source_id"], "source"))
        if "target_id" in args:
            stmt = stmt.where(_participant(args["target_id"], "target"))
        if "date_from" in args:
            stmt = stmt.where(Event.date >= args["date_from"])
        if "date_to" in args:
            stmt = stmt.where(Event.date <= args["date_to"])
        return stmt.order_by(Event.document_id, Event.start, Event.id).options(*event_options())


@blp.route("/<id:event_id>")
class EventItem(MethodView):
    @blp.response(200, EventSchema)
    def get(self, event_id):
        """Get an event

        Its type, mode, CAMEO code, status, participants, date and trigger span.
        """
        stmt = select(Event).where(Event.id == event_id).options(*event_options())
        return db.session.scalar(stmt) or abort(404, message=f"No event {event_id}.")
