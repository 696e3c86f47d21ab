"""The docs page renders in a real browser with nothing but the service to load from."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.request

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("REQUIRE_BROWSER is set but chromium is not installed")


@pytest.mark.skipif(
    not CHROMIUM, reason="no chromium here; .ci/run installs it and requires this test"
)
def test_swagger_ui_renders_offline(live_server, tmp_path):
    base, _ = live_server
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            f"{base}/docs",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "Brief Data API" in dom
    for summary in (
        "List events",
        "Ingest a brief",
        "Get an actor's network",
        "Count events by group",
    ):
        assert summary in dom, summary


def test_docs_assets_are_served_here(live_server):
    base, _ = live_server
    page = urllib.request.urlopen(f"{base}/docs", timeout=10).read().decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/docs/") for a in assets), assets
    for asset in assets:
        assert urllib.request.urlopen(base + asset, timeout=10).status == 200
