"""Ingest jobs: post a batch of briefs (202), follow its status, read each brief's outcome."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request, url_for
from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import func, select

from schemas.jobs import (
    MAX_BATCH,
    JobCreatedSchema,
    JobQuerySchema,
    JobResultQuerySchema,
    JobResultSchema,
    JobSchema,
    MetricsSchema,
)

from .args import Blueprint
from .briefs import IngestError, loads
from .db import db, utcnow
from .dispatch import BrokerUnavailable, queue
from .job_models import ITEM_STATES, IngestJob, IngestJobItem
from .listing import LIST_HEADERS, ListSpec, list_response
from .problems import field_errors, invalid_json
from .queue import BatchRejected, create_job, discard_job

blp = Blueprint(
    "ingest-jobs", __name__, description="Batches of briefs ingested by workers, and their outcome."
)
NDJSON = "application/x-ndjson"
RETRY_AFTER = "10"

SPEC = ListSpec(
    model=IngestJob,
    schema=JobSchema,
    sortable={"id": IngestJob.id, "created_at": IngestJob.created_at},
    default_sort=("id",),
    updated=None,
)
RESULTS = ListSpec(
    model=IngestJobItem,
    schema=JobResultSchema,
    sortable={"id": IngestJobItem.id, "index": IngestJobItem.index},
    default_sort=("index",),
    updated=None,
)


def visible(stmt):
    """Jobs the caller may see: its token's own, or every job for an admin token (or with
    authentication off)."""
    if not current_app.config["AUTH_ENABLED"] or g.get("token_scope") == "admin":
        return stmt
    return stmt.where(IngestJob.token_id == g.get("token_id"))


def job_or_404(job_id: int) -> IngestJob:
    job = db.session.scalar(visible(select(IngestJob).where(IngestJob.id == job_id)))
    return job or abort(404, message=f"No job {job_id}.")


def read_batch() -> list:
    """The body as a list of items: a JSON array, or NDJSON (one brief object a line)."""
    data = request.get_data(cache=True)
    mimetype = request.mimetype
    try:
        if mimetype == NDJSON:
            text = data.decode("utf-8")
            items = [loads(line) for line in text.splitlines() if line.strip()]
        elif request.is_json:
            items = loads(data)
        else:
            abort(415, message=f"Send a JSON array (application/json) or {NDJSON}.")
    except IngestError as exc:
        abort(422, message=f"Unacceptable JSON: {exc}.", errors={"json": [str(exc)]})
    except ValueError as exc:  # malformed JSON (or a malformed line), or not UTF-8
        detail, errors = invalid_json(exc)
        abort(400, message=detail, errors=errors)
    if not isinstance(items, list) or not items:
        abort(422, message="Give a non-empty array of briefs.", errors={"json": ["Not a batch."]})
    if len(items) > MAX_BATCH:
        abort(422, message=f"At most {MAX_BATCH} briefs a job.", errors={"json": ["Too many."]})
    return items


def enqueue(items: list):
    """Create the job and hand its briefs to the workers: (job, rejected items)."""
    try:
        job, rejected, ids = create_job(db.session, items, g.get("token_id"))
    except BatchRejected as exc:
        errors = [
            {**e, "index": r["index"]}
            for r in exc.rejected
            for e in field_errors({"json": r["errors"]})
        ]
        abort(422, message="No brief of the batch is acceptable.", errors=errors)
    try:
        queue().send(ids)
    except BrokerUnavailable as exc:
        current_app.logger.warning("broker unavailable: %s", exc)
        discard_job(db.session, job.id)
        abort(
            503,
            message="The job queue is unavailable; nothing was queued, try again shortly.",
            headers={"Retry-After": RETRY_AFTER},
        )
    return job, rejected


def accepted(job: IngestJob, rejected: list[dict]):
    db.session.refresh(job)  # counts as they are now
    location = url_for("ingest-jobs.JobItem", job_id=job.id)
    job.rejected = rejected  # dumped with the job (JobCreatedSchema), never stored
    return job, 202, {"Location": location}


def prefers_async(prefs: str) -> bool:
    """`Prefer: respond-async` (RFC 7240), among other preferences or not."""
    tokens = (p.split(";")[0].split("=")[0].strip().lower() for p in prefs.split(","))
    return "respond-async" in tokens


BATCH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_BATCH,
                # Any item is taken: one that is not a brief (DocumentIn) is reported by index
                # in `rejected` while the others are queued, so the contract cannot refuse it.
                "items": {
                    "description": "A brief object as `POST /documents` takes it (DocumentIn)."
                },
            }
        },
        NDJSON: {"schema": {"type": "string", "description": "One brief object a line."}},
    },
}


@blp.route("")
class Jobs(MethodView):
    @blp.arguments(JobQuerySchema(), location="query")
    @blp.response(200, JobSchema(many=True), headers=LIST_HEADERS)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.doc(operationId="list_ingest_jobs")
    def get(self, args):
        """List ingest jobs

        The caller's own jobs (every job for an admin token), oldest first.
        """
        return list_response(visible(select(IngestJob)), args, SPEC)

    @blp.response(
        202,
        JobCreatedSchema,
        description="Queued; `Location` is the job. Items refused up front are in `rejected`.",
        headers={"Location": {"description": "The job.", "schema": {"type": "string"}}},
    )
    @blp.alt_response(400, response="DEFAULT_ERROR", description="Malformed JSON.")
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    @blp.alt_response(503, response="DEFAULT_ERROR", description="The queue is unavailable.")
    @blp.doc(requestBody=BATCH_BODY, operationId="create_ingest_job")
    def post(self):
        """Ingest a batch of briefs

        A JSON array of the brief objects `POST /documents` takes, or NDJSON. Every item is
        validated first: bad ones are reported by index in `rejected` (nothing of them is
        stored), the good ones are queued; texts stored already settle at once as duplicates.
        """
        return accepted(*enqueue(read_batch()))


@blp.route("/<id:job_id>")
class JobItem(MethodView):
    @blp.response(200, JobSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_ingest_job")
    def get(self, job_id):
        """Get an ingest job

        Its status and counts; each brief's outcome is at `results_url`.
        """
        return job_or_404(job_id)


@blp.route("/<id:job_id>/results")
class JobResults(MethodView):
    @blp.arguments(JobResultQuerySchema(), location="query")
    @blp.response(200, JobResultSchema(many=True), headers=LIST_HEADERS)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="list_ingest_job_results")
    def get(self, args, job_id):
        """List a job's results

        Each brief by its position in the batch: its state, the document holding it (new or
        stored before), or its error.
        """
        job = job_or_404(job_id)
        stmt = select(IngestJobItem).where(IngestJobItem.job_id == job.id)
        if args.get("state"):
            stmt = stmt.where(IngestJobItem.state.in_(args["state"]))
        return list_response(stmt, args, RESULTS)


@blp.route("/metrics")
class JobMetrics(MethodView):
    @blp.response(200, MetricsSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.doc(operationId="get_ingest_metrics")
    def get(self):
        """Get queue metrics

        Briefs of every job by state, jobs not finished, and briefs settled per second over
        the last minute; `backend` says whether a broker and workers run them.
        """
        by_state = dict(
            db.session.execute(
                select(IngestJobItem.state, func.count()).group_by(IngestJobItem.state)
            ).all()
        )
        since = utcnow() - timedelta(seconds=60)
        settled = db.session.scalar(select(func.count()).where(IngestJobItem.settled_at >= since))
        unfinished = db.session.scalar(select(func.count()).where(IngestJob.finished_at.is_(None)))
        return {
            "backend": queue().name,
            "jobs_unfinished": unfinished,
            "briefs": {s: by_state.get(s, 0) for s in ITEM_STATES},
            "briefs_per_second": round(settled / 60, 2),
        }
