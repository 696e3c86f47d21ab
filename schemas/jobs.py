"""The HTTP contract of ingest jobs: a batch of briefs queued, its status and each brief's
outcome."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import Many
from .listing import list_args

JOB_STATES = ("queued", "running", "done", "failed")
RESULT_STATES = ("queued", "running", "stored", "duplicate", "failed")
MAX_BATCH = 10_000  # briefs in one job


class BriefCountsSchema(Schema):
    queued = fields.Integer()
    running = fields.Integer()
    stored = fields.Integer(metadata={"description": "Stored as new documents."})
    duplicate = fields.Integer(metadata={"description": "Their text was stored already."})
    failed = fields.Integer(metadata={"description": "Rejected up front or failed extraction."})


class JobCountsSchema(BriefCountsSchema):
    total = fields.Integer()


class JobSchema(Schema):
    id = fields.Integer()
    status = fields.String(
        validate=validate.OneOf(JOB_STATES),
        metadata={
            "description": "`queued` (nothing started), `running`, `done` (every brief "
            "settled, at least one stored or a duplicate), `failed` (every brief failed)."
        },
    )
    counts = fields.Nested(JobCountsSchema)
    created_at = fields.AwareDateTime()
    started_at = fields.AwareDateTime(allow_none=True)
    finished_at = fields.AwareDateTime(allow_none=True)
    results_url = fields.String(metadata={"description": "Each brief's outcome, paged."})


class RejectedSchema(Schema):
    index = fields.Integer(metadata={"description": "Position in the batch, from 0."})
    errors = fields.Dict(metadata={"description": "What is wrong with it, by field."})


class JobCreatedSchema(JobSchema):
    rejected = fields.List(
        fields.Nested(RejectedSchema),
        metadata={"description": "Items refused up front (nothing of them is stored)."},
    )


class JobResultSchema(Schema):
    index = fields.Integer(metadata={"description": "Position in the batch, from 0."})
    state = fields.String(validate=validate.OneOf(RESULT_STATES))
    document_id = fields.Integer(
        allow_none=True, metadata={"description": "The document holding the brief's text."}
    )
    duplicate_of = fields.Integer(
        allow_none=True,
        metadata={"description": "With `duplicate`: the document stored before."},
    )
    error = fields.String(allow_none=True)
    attempts = fields.Integer(metadata={"description": "Times a worker took the brief up."})


JOB_SORT = ("id", "created_at")
JOB_FIELDS = tuple(JobSchema().fields)
RESULT_SORT = ("index",)
RESULT_FIELDS = tuple(JobResultSchema().fields)


class JobQuerySchema(list_args(JOB_SORT, JOB_FIELDS)):
    pass


class JobResultQuerySchema(list_args(RESULT_SORT, RESULT_FIELDS)):
    state = Many(fields.String(validate=validate.OneOf(RESULT_STATES)), max_items=5)


class MetricsSchema(Schema):
    backend = fields.String(
        metadata={"description": "`celery` (a broker and workers) or `embedded` (in-process)."}
    )
    jobs_unfinished = fields.Integer()
    briefs = fields.Nested(
        BriefCountsSchema,
        metadata={"description": "Briefs of every job, by state."},
    )
    briefs_per_second = fields.Float(
        metadata={"description": "Briefs settled per second over the last minute."}
    )
