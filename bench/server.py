"""Serving the app for benchmarks and live tests: gunicorn on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def api_env(cache_mb: str) -> dict:
    """The environment benchmarks serve the API in: no request logs, no read limits, and the
    response cache at `cache_mb` per worker (0 measures every request cold)."""
    return dict(
        os.environ,
        JSON_LOGS="0",
        RATE_LIMIT_READS="",
        RESPONSE_CACHE_MB=cache_mb,
        PYTHONPATH=str(ROOT),
    )


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def flask(env: dict, *args: str) -> str:
    """Run `flask --app api ARGS` in `env`; its standard output."""
    cmd = [str(BIN / "flask"), "--app", "api", *args]
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def prepare(env: dict, token_name: str) -> str:
    """Migrate the database in `env`, ingest the gold briefs, and return a new write token."""
    flask(env, "db", "upgrade")
    flask(env, "ingest", str(ROOT / "tests" / "gold"))
    return flask(env, "tokens", "create", token_name).strip()


def start(
    target: str, env: dict, ready: str = "/healthz", log=subprocess.DEVNULL, workers: int = 2
):
    """(process, base URL) of gunicorn serving `target`, once `ready` answers."""
    port = free_port()
    cmd = [
        str(BIN / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        target,
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + ready, timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{target} did not answer {ready} within 20 s")
