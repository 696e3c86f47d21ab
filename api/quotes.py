"""Quotes: who said what, direct, reported or as a block statement."""

from __future__ import annotations

from flask.views import MethodView
from sqlalchemy import select

from schemas import examples
from schemas.quotes import QuoteQuerySchema, QuoteSchema

from .args import Blueprint
from .exports import add_export
from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Quote
from .queries import published_between
from .rows import QUOTES

blp = Blueprint("quotes", __name__, description="Who said what.")

SPEC = ListSpec(
    model=Quote,
    schema=QuoteSchema,
    sortable={
        "id": Quote.id,
        "document_id": Quote.document_id,
        "confidence": Quote.confidence,
        "updated_at": Quote.updated_at,
        "start": Quote.start,
    },
    default_sort=("document_id", "start"),
    search_table="quotes",
    search_text=lambda q: q.text,
    reader=QUOTES,
)


@blp.route("")
class Quotes(MethodView):
    @blp.arguments(QuoteQuerySchema(), location="query")
    @blp.response(200, QuoteSchema(many=True), headers=LIST_HEADERS, example=[examples.QUOTE])
    @blp.doc(operationId="list_quotes")
    def get(self, args):
        """List quotes

        In document order, or ranked with `q`; filter by document, speaker, kind, cue verb and
        the documents' publication dates. Page with `page` or walk with `cursor`; `format=csv`
        or `ndjson` streams every match.
        """
        stmt = select(Quote)
        for column in ("document_id", "speaker_id", "kind", "cue"):
            if args.get(column):
                stmt = stmt.where(getattr(Quote, column).in_(args[column]))
        stmt = published_between(stmt, args, Quote.document_id)
        return list_response(stmt, args, SPEC)


add_export(blp, "", Quotes, "quotes")


@blp.route("/<id:quote_id>")
class QuoteItem(MethodView):
    @blp.response(200, QuoteSchema, example=examples.QUOTE)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_quote")
    def get(self, quote_id):
        """Get a quote

        The words, their span, the speaker and the cue verb.
        """
        return QUOTES.one_or_404(select(Quote).where(Quote.id == quote_id), f"quote {quote_id}")
