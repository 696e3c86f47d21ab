"""Contract fuzzing: schemathesis, every operation and every check, writes included with a
token, against the live service; bounded so it finishes in a few minutes. The response-schema
check skips only a projection's 2xx answers (schemathesis.toml, tests/contract/schemathesis_hooks.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_schemathesis_finds_nothing(own_live_server, tmp_path):
    base, token = own_live_server
    log = tmp_path / "conformance.log"
    cmd = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(ROOT / "schemathesis.toml"),
        "run",
        f"{base}/openapi.json",
        "--checks",
        "all",
        # Run on every response but a projection's 2xx answer, by
        # `response_schema_conformance_of_full_items` (schemathesis.toml's hooks).
        "--exclude-checks",
        "response_schema_conformance",
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        "25",
        "--request-timeout",
        "30",
        "--seed",
        "20261128",
        "--no-color",
    ]
    env = dict(os.environ, CONFORMANCE_LOG=str(log))
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=ROOT, env=env)
    report = result.stdout[-6000:]
    assert result.returncode == 0, report
    assert "34/34" in result.stdout, report  # every operation was tested (10 are exports)
    # The response-schema check ran on (nearly) every response, and projections were sent.
    outcomes = Counter(log.read_text().split())
    assert outcomes["checked"] > outcomes["projected"] > 0, outcomes
