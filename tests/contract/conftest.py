"""A real server per backend: gunicorn on a free loopback port over a fresh, seeded database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BACKENDS

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _fresh_database(backend: str, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'live.db'}"
    base = os.environ["TEST_DATABASE_URL"]
    name = base.rsplit("/", 1)[1] + "_live"
    admin = create_engine(
        base.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/postgres",
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, tmp_path_factory):
    """(base URL, write token) of a running service holding the gold briefs."""
    tmp = tmp_path_factory.mktemp("live")
    env = dict(
        os.environ,
        DATABASE_URL=_fresh_database(request.param, tmp),
        RATE_LIMIT_WRITES="",
        JSON_LOGS="0",
    )
    flask = [str(BIN / "flask"), "--app", "api"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run(
        [*flask, "ingest", str(ROOT / "tests" / "gold")],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    token = subprocess.run(
        [*flask, "tokens", "create", "live"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    port = _free_port()
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "api:create_app()",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/readyz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        raise RuntimeError((tmp / "server.log").read_text()[-2000:])
    yield base, token
    server.terminate()
    server.wait(timeout=30)
    log.close()
