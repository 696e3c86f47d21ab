"""Fixed-window rate limits per token (else per client address), with Retry-After on 429.

In memory by default (per process); `RATE_LIMIT_STORAGE=redis://…` shares the counts between
workers and hosts. If Redis cannot be reached the request is let through and a warning logged:
a limiter outage must not become a service outage.
"""

from __future__ import annotations

import re
import threading
import time

from flask import Flask, current_app, g, request
from flask_smorest import abort

from .auth import WRITE_METHODS

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_limit(value: str) -> tuple[int, int] | None:
    """ "60/minute" -> (60, 60); empty -> no limit."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(second|minute|hour|day)\s*", value)
    if not m:
        raise ValueError(f"rate limit {value!r}: use N/second|minute|hour|day")
    return int(m.group(1)), PERIODS[m.group(2)]


class MemoryCounter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[tuple[str, int], int] = {}

    def hit(self, key: str, window: int, period: int) -> int:
        with self.lock:
            if len(self.counts) > 10_000:  # forget finished windows
                self.counts = {k: v for k, v in self.counts.items() if k[1] == window}
            self.counts[(key, window)] = self.counts.get((key, window), 0) + 1
            return self.counts[(key, window)]


class RedisCounter:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix = prefix

    def hit(self, key: str, window: int, period: int) -> int:
        name = f"{self.prefix}:rl:{key}:{window}"
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, period + 1)
        return int(pipe.execute()[0])


def _check() -> None:
    if not request.path.startswith("/api/") or request.method == "OPTIONS":
        return
    rules = current_app.extensions["ratelimit"]
    limit = rules["write"] if request.method in WRITE_METHODS else rules["read"]
    if limit is None:
        return
    allowed, period = limit
    who = f"t{g.token_id}" if getattr(g, "token_id", None) else f"ip{request.remote_addr}"
    kind = "w" if request.method in WRITE_METHODS else "r"
    now = time.time()
    window = int(now // period)
    try:
        count = rules["counter"].hit(f"{kind}:{who}", window, period)
    except Exception as exc:  # noqa: BLE001 - any storage failure: let the request through
        current_app.logger.warning("rate limit storage unavailable: %s", type(exc).__name__)
        return
    if count > allowed:
        retry = max(1, int((window + 1) * period - now + 0.999))
        abort(
            429,
            message=f"Too many requests: at most {allowed} per {period} s.",
            headers={"Retry-After": str(retry)},
        )


def init_app(app: Flask) -> None:
    storage = app.config["RATE_LIMIT_STORAGE"]
    if storage.startswith("redis"):
        counter = RedisCounter(storage, app.config["RATE_LIMIT_PREFIX"])
    else:
        counter = MemoryCounter()
    app.extensions["ratelimit"] = {
        "write": parse_limit(app.config["RATE_LIMIT_WRITES"]),
        "read": parse_limit(app.config["RATE_LIMIT_READS"]),
        "counter": counter,
    }
    app.before_request(_check)
