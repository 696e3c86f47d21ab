"""Actors: the people, bodies, countries and groups briefs name, shared across documents."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from schemas.actors import ActorItemQuerySchema, ActorQuerySchema, ActorSchema, MentionSchema
from schemas.events import EventSchema
from schemas.quotes import QuoteSchema

from .db import db
from .models import Actor, ActorAlias, Event, EventParticipant, Mention, Quote
from .pagination import SelectPage
from .queries import event_options, like, quote_options

blp = Blueprint("actors", __name__, description="People, organizations, countries and groups.")


def _actor_or_404(actor_id: int) -> Actor:
    return db.session.get(Actor, actor_id) or abort(404, message=f"No actor {actor_id}.")


@blp.route("")
class Actors(MethodView):
    @blp.arguments(ActorQuerySchema, location="query")
    @blp.response(200, ActorSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """List actors

        Filter by a document they appear in, their kind, or part of a name or alias.
        """
        stmt = (
            select(Actor)
            .order_by(Actor.id)
            .options(selectinload(Actor.alias_rows), selectinload(Actor.affiliation))
        )
        if "document_id" in args:
            stmt = stmt.where(
                exists().where(
                    Mention.actor_id == Actor.id, Mention.document_id == args["document_id"]
                )
            )
        if "kind" in args:
            stmt = stmt.where(Actor.kind == args["kind"])
        if "q" in args:
            pattern = like(args["q"])
            stmt = stmt.where(
                or_(
                    Actor.name.ilike(pattern, escape="\\"),
                    exists().where(
                        ActorAlias.actor_id == Actor.id,
                        ActorAlias.alias.ilike(pattern, escape="\\"),
                    ),
                )
            )
        return stmt


@blp.route("/<id:actor_id>")
class ActorItem(MethodView):
    @blp.response(200, ActorSchema)
    def get(self, actor_id):
        """Get an actor

        Its canonical name, kind, title, affiliation and every alias seen.
        """
        return _actor_or_404(actor_id)


@blp.route("/<id:actor_id>/events")
class ActorEvents(MethodView):
    @blp.arguments(ActorItemQuerySchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args, actor_id):
        """List an actor's events

        Events where the actor is a source or a target.
        """
        _actor_or_404(actor_id)
        stmt = select(Event).where(
            exists().where(
                EventParticipant.event_id == Event.id, EventParticipant.actor_id == actor_id
            )
        )
        if "document_id" in args:
            stmt = stmt.where(Event.document_id == args["document_id"])
        return stmt.order_by(Event.document_id, Event.start, Event.id).options(*event_options())


@blp.route("/<id:actor_id>/quotes")
class ActorQuotes(MethodView):
    @blp.arguments(ActorItemQuerySchema, location="query")
    @blp.response(200, QuoteSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args, actor_id):
        """List an actor's quotes

        Everything the actor is quoted or reported as saying.
        """
        _actor_or_404(actor_id)
        stmt = select(Quote).where(Quote.speaker_id == actor_id)
        if "document_id" in args:
            stmt = stmt.where(Quote.document_id == args["document_id"])
        return stmt.order_by(Quote.document_id, Quote.start, Quote.id).options(*quote_options())


@blp.route("/<id:actor_id>/mentions")
class ActorMentions(MethodView):
    @blp.arguments(ActorItemQuerySchema, location="query")
    @blp.response(200, MentionSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args, actor_id):
        """List an actor's mentions

        Every span of text that names the actor.
        """
        _actor_or_404(actor_id)
        stmt = select(Mention).where(Mention.actor_id == actor_id)
        if "document_id" in args:
            stmt = stmt.where(Mention.document_id == args["document_id"])
        return stmt.order_by(Mention.document_id, Mention.start, Mention.id)
