"""Quotes: who said what, direct, reported or as a block statement."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from schemas.quotes import QuoteQuerySchema, QuoteSchema

from .db import db
from .models import Quote
from .pagination import SelectPage
from .queries import like, quote_options

blp = Blueprint("quotes", __name__, description="Who said what.")


@blp.route("")
class Quotes(MethodView):
    @blp.arguments(QuoteQuerySchema, location="query")
    @blp.response(200, QuoteSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """List quotes

        In document order; filter by document, speaker, kind or words in the quote.
        """
        stmt = select(Quote)
        for column in ("document_id", "speaker_id", "kind"):
            if column in args:
                stmt = stmt.where(getattr(Quote, column) == args[column])
        if "q" in args:
            stmt = stmt.where(Quote.text.ilike(like(args["q"]), escape="\\"))
        return stmt.order_by(Quote.document_id, Quote.start, Quote.id).options(*quote_options())


@blp.route("/<id:quote_id>")
class QuoteItem(MethodView):
    @blp.response(200, QuoteSchema)
    def get(self, quote_id):
        """Get a quote

        The words, their span, the speaker and the cue verb.
        """
        stmt = select(Quote).where(Quote.id == quote_id).options(*quote_options())
        return db.session.scalar(stmt) or abort(404, message=f"No quote {quote_id}.")
