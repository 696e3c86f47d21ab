"""Actors: the people, bodies, countries and groups briefs name, shared across documents."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from schemas import examples
from schemas.actors import (
    ActorMentionsQuerySchema,
    ActorQuerySchema,
    ActorSchema,
    MentionSchema,
    NetworkQuerySchema,
    NetworkSchema,
)
from schemas.events import ActorEventsQuerySchema, EventSchema
from schemas.quotes import ActorQuotesQuerySchema, QuoteSchema

from .args import Blueprint
from .db import db
from .events import list_events
from .exports import add_export
from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Actor, ActorAlias, Mention, Quote
from .network import network
from .queries import like
from .quotes import SPEC as QUOTES

blp = Blueprint("actors", __name__, description="People, organizations, countries and groups.")


MENTIONS = ListSpec(
    model=Mention,
    schema=MentionSchema,
    sortable={"id": Mention.id, "document_id": Mention.document_id, "start": Mention.start},
    default_sort=("document_id", "start"),
    updated=None,
)


def _actor_or_404(actor_id: int) -> Actor:
    return db.session.get(Actor, actor_id) or abort(404, message=f"No actor {actor_id}.")


SPEC = ListSpec(
    model=Actor,
    schema=ActorSchema,
    sortable={
        "id": Actor.id,
        "name": Actor.name,
        "kind": Actor.kind,
        "updated_at": Actor.updated_at,
    },
    default_sort=("id",),
)


@blp.route("")
class Actors(MethodView):
    @blp.arguments(ActorQuerySchema(), location="query")
    @blp.response(200, ActorSchema(many=True), headers=LIST_HEADERS, example=[examples.ACTOR])
    @blp.doc(operationId="list_actors")
    def get(self, args):
        """List actors

        Filter by documents they appear in, kind, affiliation, CAMEO code prefix (`RUS`), or
        part of a name or alias.
        Page with `page` or walk with `cursor`; `format=csv` or `ndjson` streams every match.
        """
        stmt = select(Actor).options(
            selectinload(Actor.alias_rows), selectinload(Actor.affiliation)
        )
        if args.get("document_id"):
            stmt = stmt.where(
                exists().where(
                    Mention.actor_id == Actor.id, Mention.document_id.in_(args["document_id"])
                )
            )
        if args.get("kind"):
            stmt = stmt.where(Actor.kind.in_(args["kind"]))
        if args.get("affiliation_id"):
            stmt = stmt.where(Actor.affiliation_id.in_(args["affiliation_id"]))
        if args.get("code"):  # codes are letters and digits (validated): no LIKE wildcards
            stmt = stmt.where(or_(*(Actor.code.startswith(c.upper()) for c in args["code"])))
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
        return list_response(stmt, args, SPEC)


add_export(blp, "", Actors, "actors")


@blp.route("/<id:actor_id>")
class ActorItem(MethodView):
    @blp.response(200, ActorSchema, example=examples.ACTOR)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_actor")
    def get(self, actor_id):
        """Get an actor

        Its canonical name, kind, title, affiliation and every alias seen.
        """
        return _actor_or_404(actor_id)


@blp.route("/<id:actor_id>/events")
class ActorEvents(MethodView):
    @blp.arguments(ActorEventsQuerySchema(), location="query")
    @blp.response(200, EventSchema(many=True), headers=LIST_HEADERS)
    @blp.doc(operationId="list_actor_events")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args, actor_id):
        """List an actor's events

        Events where the actor is a source or a target (negated acts left out).
        """
        _actor_or_404(actor_id)
        filters = {"actor_id": [actor_id], "document_id": args.get("document_id")}
        return list_events(filters, args)


add_export(blp, "/<id:actor_id>/events", ActorEvents, "an actor's events")


@blp.route("/<id:actor_id>/quotes")
class ActorQuotes(MethodView):
    @blp.arguments(ActorQuotesQuerySchema(), location="query")
    @blp.response(200, QuoteSchema(many=True), headers=LIST_HEADERS)
    @blp.doc(operationId="list_actor_quotes")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args, actor_id):
        """List an actor's quotes

        Everything the actor is quoted or reported as saying.
        """
        _actor_or_404(actor_id)
        stmt = select(Quote).where(Quote.speaker_id == actor_id)
        if args.get("document_id"):
            stmt = stmt.where(Quote.document_id.in_(args["document_id"]))
        return list_response(stmt, args, QUOTES)


add_export(blp, "/<id:actor_id>/quotes", ActorQuotes, "an actor's quotes")


@blp.route("/<id:actor_id>/mentions")
class ActorMentions(MethodView):
    @blp.arguments(ActorMentionsQuerySchema(), location="query")
    @blp.response(200, MentionSchema(many=True), headers=LIST_HEADERS)
    @blp.doc(operationId="list_actor_mentions")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args, actor_id):
        """List an actor's mentions

        Every span of text that names the actor.
        """
        _actor_or_404(actor_id)
        stmt = select(Mention).where(Mention.actor_id == actor_id)
        if args.get("document_id"):
            stmt = stmt.where(Mention.document_id.in_(args["document_id"]))
        return list_response(stmt, args, MENTIONS)


add_export(blp, "/<id:actor_id>/mentions", ActorMentions, "an actor's mentions")


@blp.route("/<id:actor_id>/network")
class ActorNetwork(MethodView):
    @blp.arguments(NetworkQuerySchema(), location="query")
    @blp.response(200, NetworkSchema, example=examples.NETWORK)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_actor_network")
    def get(self, args, actor_id):
        """Get an actor's network

        Who did what to whom with this actor: one edge per direction, counterpart and event
        type, with its count, for graph views.
        """
        return network(_actor_or_404(actor_id), args)
