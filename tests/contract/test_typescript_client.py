"""A TypeScript client from the live spec (issues 19 and 24): openapi-typescript generates the
types, and strict programs using them must type-check with tsc: tests/sdk/client.ts over the
types alone, tests/sdk/fetch.ts through openapi-fetch as a frontend calls the API. The npm
packages come from tests/sdk/package-lock.json (`npm ci`, once)."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from openapi_spec_validator import validate

SDK = Path(__file__).resolve().parents[1] / "sdk"
BIN = SDK / "node_modules" / ".bin"


@pytest.fixture(scope="session")
def npm_tools():
    fetch = SDK / "node_modules" / "openapi-fetch" / "package.json"
    if (
        not (BIN / "tsc").exists()
        or not (BIN / "openapi-typescript").exists()
        or not fetch.exists()
    ):
        npm = shutil.which("npm")
        assert npm, "npm (node) is needed for the TypeScript client test"
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=SDK,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return BIN


def test_typescript_client_from_live_spec_type_checks(npm_tools, live_server, tmp_path):
    base, _ = live_server
    with urllib.request.urlopen(f"{base}/openapi.json", timeout=30) as resp:
        spec = json.load(resp)
    validate(spec)  # openapi-spec-validator: the served spec, not only the committed one
    (tmp_path / "openapi.json").write_text(json.dumps(spec))
    for name in ("client.ts", "fetch.ts", "tsconfig.json"):
        shutil.copy(SDK / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(SDK / "node_modules")  # openapi-fetch's types
    generate = subprocess.run(
        [str(npm_tools / "openapi-typescript"), "openapi.json", "-o", "schema.d.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    schema = (tmp_path / "schema.d.ts").read_text()
    assert 'affiliation: components["schemas"]["ActorRef"] | null' in schema
    check = subprocess.run(
        [str(npm_tools / "tsc"), "-p", "tsconfig.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr
