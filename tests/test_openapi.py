"""The committed spec is the one the code generates, and it is valid OpenAPI."""

from __future__ import annotations

from pathlib import Path

import yaml
from openapi_spec_validator import validate

SPEC = Path(__file__).parent.parent / "openapi.yaml"


def test_committed_spec_is_current(app):
    with app.app_context():
        generated = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    committed = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert committed == generated, "openapi.yaml is stale: run `make spec`"


def test_spec_is_valid_and_documented():
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    validate(spec)
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            assert op.get("summary"), f"{method} {path} has no summary"
            assert op.get("description"), f"{method} {path} has no description"
            assert any(code.startswith(("4", "default")) for code in op["responses"]), (
                f"{method} {path}"
            )


def test_spec_served_as_json(client):
    resp = client.get("/openapi.json")
    assert resp.status_code == 200
    assert resp.get_json() == yaml.safe_load(SPEC.read_text(encoding="utf-8"))
