"""Documents: ingest a brief, list, read and delete them."""

from __future__ import annotations

from flask import jsonify, url_for
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import missing
from sqlalchemy import exists, select
from webargs.flaskparser import is_json_request

from schemas import examples
from schemas.documents import (
    MAX_TEXT,
    TEXT_PATTERN,
    DocumentDetailSchema,
    DocumentInSchema,
    DocumentQuerySchema,
    DocumentSchema,
    DocumentTextArgsSchema,
    PreferSchema,
)
from schemas.jobs import JobCreatedSchema

from .args import Blueprint, QueryParser
from .briefs import BriefIn, IngestError, loads
from .changes import delete_document
from .db import db
from .exports import add_export
from .ingest import ingest
from .jobs import accepted, enqueue, prefers_async
from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Document, Mention
from .problems import invalid_json
from .queue import brief_to_json
from .rows import DOCUMENT, DOCUMENTS

TEXT_FIELDS = ("source", "url", "published", "section")


class BriefParser(QueryParser):
    """JSON bodies, strictly (api/briefs.loads); a `text/plain` body becomes the brief's
    `text`."""

    def load_json(self, req, schema):
        if req.mimetype == "text/plain":
            try:
                return {"text": req.get_data(cache=True).decode("utf-8")}
            except UnicodeDecodeError:
                abort(
                    422,
                    message="The body is not valid UTF-8 text.",
                    errors={"json": {"text": ["Not valid UTF-8."]}},
                )
        if not is_json_request(req):
            abort(415, message="Send application/json or text/plain.")
        data = req.get_data(cache=True)
        if not data:
            return missing  # the schema says what is required
        try:
            return loads(data)
        except IngestError as exc:  # well-formed, not acceptable: too deep, NaN, 1e400
            abort(422, message=f"Unacceptable JSON: {exc}.", errors={"json": [str(exc)]})
        except ValueError as exc:  # malformed JSON, or not UTF-8
            detail, errors = invalid_json(exc)
            abort(400, message=detail, errors=errors)


blp = Blueprint("documents", __name__, description="Briefs as ingested, with their structure.")
blp.ARGUMENTS_PARSER = BriefParser()


SPEC = ListSpec(
    model=Document,
    schema=DocumentSchema,
    sortable={
        "id": Document.id,
        "published_at": Document.published,
        "published": Document.published,  # the earlier name, still taken
        "created_at": Document.created_at,
        "updated_at": Document.updated_at,
    },
    default_sort=("id",),
    search_table="documents",
    search_text=lambda d: d.text,
    nullable=frozenset({"published_at", "published"}),
    reader=DOCUMENTS,
)


@blp.route("")
class Documents(MethodView):
    @blp.arguments(DocumentQuerySchema(), location="query")
    @blp.response(
        200, DocumentSchema(many=True), headers=LIST_HEADERS, example=[examples.DOCUMENT_ITEM]
    )
    @blp.doc(operationId="list_documents")
    def get(self, args):
        """List documents

        Oldest first by id, or ranked with `q` (full text of title and body, with a
        highlighted snippet); filter by source, publication dates and actors named. Page with
        `page` or walk with `cursor`; `format=csv` or `ndjson` streams every match.
        """
        stmt = select(Document)
        if args.get("source"):
            stmt = stmt.where(Document.source.in_(args["source"]))
        for name, op in (("from", "__ge__"), ("to", "__le__")):
            day = args.get(f"published_at_{name}", args.get(f"published_{name}"))
            if day is not None:
                stmt = stmt.where(getattr(Document.published, op)(day))
        for actor_id in args.get("actor_id", []):
            stmt = stmt.where(
                exists().where(Mention.document_id == Document.id, Mention.actor_id == actor_id)
            )
        return list_response(stmt, args, SPEC)

    @blp.arguments(
        DocumentInSchema(),
        description="The brief as JSON, or as a `text/plain` body.",
        example={
            "text": examples.DOCUMENT["text"],
            "source": "The Atlantic",
            "published_at": "2016-10-03",
            "section": "NEWS BRIEF",
        },
    )
    @blp.arguments(DocumentTextArgsSchema(), location="query")
    @blp.arguments(PreferSchema(), location="headers")
    @blp.response(
        201,
        DocumentDetailSchema,
        description="Stored as a new document.",
        example=examples.DOCUMENT,
        headers={
            "Location": {
                "description": "The new document's URL, relative to this host.",
                "schema": {"type": "string"},
                "example": "/api/v1/documents/1",
            }
        },
    )
    @blp.alt_response(
        200, schema=DocumentDetailSchema, description="The same text was stored before."
    )
    @blp.alt_response(
        202,
        schema=JobCreatedSchema,
        description="With `Prefer: respond-async`: queued as a one-brief job (`Location`).",
        headers={"Location": {"description": "The job.", "schema": {"type": "string"}}},
    )
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    @blp.alt_response(503, response="DEFAULT_ERROR", description="The queue is unavailable.")
    @blp.doc(
        requestBody={
            "content": {
                "text/plain": {
                    "schema": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_TEXT,
                        "pattern": TEXT_PATTERN,
                    }
                }
            }
        },
    )
    @blp.doc(operationId="ingest_document")
    def post(self, body, query, headers):
        """Ingest a brief

        Extracts structure, actors, quotes and events and stores them with the document in one
        transaction. With a `text/plain` body, `source`, `url`, `published_at` and `section`
        come from the query string (`published`, the earlier name of `published_at`, is still
        taken). The same text twice yields the same document (200). With
        `Prefer: respond-async` the brief is queued as a job instead (202, `Location`).
        """
        fields = {k: query[k] for k in TEXT_FIELDS if k in query}
        fields.update({k: body[k] for k in TEXT_FIELDS if body.get(k) is not None})
        brief = BriefIn(text=body["text"], metadata=body.get("metadata") or {}, **fields)
        if prefers_async(headers.get("prefer", "")):
            job, status, headers = accepted(*enqueue([brief_to_json(brief)]))
            resp = jsonify(JobCreatedSchema().dump(job))
            resp.headers.update(headers | {"Preference-Applied": "respond-async"})
            return resp, status
        try:
            doc, created = ingest(db.session, brief)
        except IngestError as exc:
            where = "query" if exc.field in query and exc.field not in body else "json"
            abort(422, message=str(exc), errors={where: {exc.field: [str(exc)]}})
        # Where the new document lives (RFC 9110 Location): clients need not build the URL.
        location = {"Location": url_for("documents.DocumentItem", document_id=doc.id)}
        return doc, 201 if created else 200, location


add_export(blp, "", Documents, "documents")


@blp.route("/<id:document_id>")
class DocumentItem(MethodView):
    @blp.response(200, DocumentDetailSchema, example=examples.DOCUMENT)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_document")
    def get(self, document_id):
        """Get a document

        The whole text, body paragraphs with offsets, media and metadata.
        """
        stmt = select(Document).where(Document.id == document_id)
        return DOCUMENT.one_or_404(stmt, f"document {document_id}")

    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    @blp.doc(operationId="delete_document")
    def delete(self, document_id):
        """Delete a document

        Removes its paragraphs, mentions, events and quotes, and actors nothing else names.
        """
        if not delete_document(db.session, document_id):
            abort(404, message=f"No document {document_id}.")
