"""Settings read from the environment; the defaults are what a new user gets."""

from __future__ import annotations

import os
from pathlib import Path

INSTANCE = Path(
    os.environ.get("INSTANCE_PATH", Path(__file__).resolve().parent.parent / "instance")
)


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        INSTANCE.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{INSTANCE / 'briefs.db'}"
    # Heroku-style URLs and bare postgresql:// both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


class Config:
    def __init__(self) -> None:
        self.SQLALCHEMY_DATABASE_URI = _database_url()
        self.SQLALCHEMY_ENGINE_OPTIONS = {}
        # A pooled connection idle this long is pinged before use (one after a database
        # restart is dead); one in steady use is not: the ping is a round trip per request.
        self.DB_PING_AFTER = float(os.environ.get("DB_PING_AFTER", 2.0))
        # Seconds one SQL statement of a read may run on PostgreSQL (0: no limit); below
        # gunicorn's worker timeout, so a costly read is a 503, not a killed worker.
        self.READ_TIMEOUT = float(os.environ.get("READ_TIMEOUT", 10))
        self.MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024))
        self.API_TITLE = "Brief Data API"
        self.API_VERSION = "1.0.0"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/"
        self.OPENAPI_JSON_PATH = "openapi.json"
        self.API_SPEC_OPTIONS = {
            "info": {
                "description": (
                    "News briefs in; documents, actors, events and quotes out, each item "
                    "pointing back to the characters it came from."
                )
            },
            "servers": [{"url": "/"}],
        }
        self.JSON_SORT_KEYS = False
        origins = os.environ.get("CORS_ORIGINS", "*")
        self.CORS_ORIGINS = (
            origins if origins in ("*", "") else [o.strip() for o in origins.split(",")]
        )
        # Every method the API answers: a bearer token is no ambient credential (api/web.py).
        methods = os.environ.get("CORS_METHODS", "GET,HEAD,OPTIONS,POST,DELETE")
        self.CORS_METHODS = [m.strip().upper() for m in methods.split(",") if m.strip()]
        self.CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", 0))
        self.AUTH_ENABLED = _flag("AUTH_ENABLED", True)
        self.READ_TOKEN_REQUIRED = _flag("READ_TOKEN_REQUIRED", False)
        self.RATE_LIMIT_WRITES = os.environ.get("RATE_LIMIT_WRITES", "60/minute")
        self.RATE_LIMIT_READS = os.environ.get("RATE_LIMIT_READS", "")
        # Failed authentications (a wrong or revoked token) per client address.
        self.RATE_LIMIT_AUTH_FAILURES = os.environ.get("RATE_LIMIT_AUTH_FAILURES", "10/minute")
        self.RATE_LIMIT_STORAGE = os.environ.get("RATE_LIMIT_STORAGE", "memory://")
        self.RATE_LIMIT_PREFIX = os.environ.get("RATE_LIMIT_PREFIX", "bda")  # Redis key namespace
        self.JSON_LOGS = _flag("JSON_LOGS", True)
        # Per worker; 0 turns the response cache off (api/cache.py).
        self.RESPONSE_CACHE_MB = float(os.environ.get("RESPONSE_CACHE_MB", 32))
        # Ingest jobs (api/dispatch.py): Celery workers behind this broker, or with none the
        # embedded pool of INGEST_THREADS threads in each web process.
        self.INGEST_BROKER_URL = os.environ.get("INGEST_BROKER_URL", "")
        self.INGEST_QUEUE = os.environ.get("INGEST_QUEUE", "brief-ingest")
        self.INGEST_THREADS = int(os.environ.get("INGEST_THREADS", 2))
        # Seconds before a task taken by a worker that died unacknowledged is delivered again;
        # longer than any brief takes (EXTRACT_TIME_BUDGET is 30 s).
        self.INGEST_VISIBILITY_TIMEOUT = float(os.environ.get("INGEST_VISIBILITY_TIMEOUT", 600))
