"""The error shape, as the spec states it (api/problems.py builds every one)."""

from __future__ import annotations

from marshmallow import Schema, fields


class FieldErrorSchema(Schema):
    location = fields.String(
        metadata={"description": "Where the value was: `query`, `json`, `headers` or `path`."}
    )
    field = fields.String(
        allow_none=True,
        metadata={"description": "The parameter or body field (dotted when nested), or null."},
    )
    index = fields.Integer(
        allow_none=True,
        metadata={"description": "The position in a list parameter or a batch, or null."},
    )
    message = fields.String(metadata={"description": "What is wrong with it."})


class ErrorSchema(Schema):
    """RFC 9457 problem details (`application/problem+json`), for every 4xx and 5xx."""

    type = fields.String(
        metadata={"description": "`about:blank`: the status says what kind of problem it is."}
    )
    title = fields.String(metadata={"description": "The status's phrase, e.g. `Not Found`."})
    status = fields.Integer(metadata={"description": "The HTTP status code."})
    detail = fields.String(metadata={"description": "What went wrong, for a person to read."})
    instance = fields.String(metadata={"description": "The path of the request."})
    errors = fields.List(
        fields.Nested(FieldErrorSchema),
        metadata={"description": "One entry per field to blame; empty when none is."},
    )
    code = fields.Integer(metadata={"description": "Deprecated: the same as `status`."})
    message = fields.String(metadata={"description": "Deprecated: the same as `detail`."})
