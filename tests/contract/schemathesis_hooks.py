"""schemathesis hooks (schemathesis.toml's `hooks`): the response-schema check, for full items.

`fields` is a sparse fieldset (README, "Projections"): a projected item carries the fields asked
for and no others, so the item schema's `required` list, which holds for full items, does not
describe it. The built-in `response_schema_conformance` is excluded (tests/contract/
test_schemathesis.py) and this check runs it on every response except the successful answers to
a request that projects; tests/api/test_projection.py checks those instead, field by field.
Every parameter, `fields` included, is still generated and sent, and every other check applies
to every response."""

from __future__ import annotations

import os

import schemathesis
from schemathesis.specs.openapi.checks import response_schema_conformance


def projects(case) -> bool:
    """Whether the request asks for a projection (a non-empty `fields`)."""
    value = (case.query or {}).get("fields")
    return value not in (None, "", [])


@schemathesis.check
def response_schema_conformance_of_full_items(ctx, response, case):
    """The response conforms to its schema, unless it is a projection's 2xx answer."""
    skipped = projects(case) and 200 <= response.status_code < 300
    _record("projected" if skipped else "checked")
    if skipped:
        return None
    return response_schema_conformance(ctx, response, case)


def _record(outcome: str) -> None:
    """One line per response into $CONFORMANCE_LOG, when set: the test reads that the check ran
    and that projections were sent."""
    path = os.environ.get("CONFORMANCE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(outcome + "\n")
