"""Rate limits over a moving window, with Retry-After on 429: writes per token (else per client
address), reads per address or token, and failed authentications per address.

A moving window counts the requests of the last period, whenever it is asked: at most N in
any stretch of that length (a fixed window let 2N through across a boundary). Each key keeps
the times of its last N accepted requests. In memory by default (per process);
`RATE_LIMIT_STORAGE=redis://…` shares them between workers and hosts (a sorted set per key,
checked and added to by one script, timed by Redis's clock). If Redis cannot be reached the
request is let through and a warning logged: a limiter outage must not become a service
outage.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import OrderedDict, deque

from flask import Flask, current_app, g, request
from flask_smorest import abort

from .web import WRITE_METHODS

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_limit(value: str) -> tuple[int, int] | None:
    """ "60/minute" -> (60, 60); empty -> no limit."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(second|minute|hour|day)\s*", value)
    if not m:
        raise ValueError(f"rate limit {value!r}: use N/second|minute|hour|day")
    return int(m.group(1)), PERIODS[m.group(2)]


class MemoryWindow:
    """Per key, the times of its last `limit` accepted requests."""

    MAX_KEYS = 100_000  # past this, keys idle longest are forgotten first

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str, limit: int, period: int, record: bool = True) -> float:
        """0 when a request may pass now (and, with `record`, counts it); else the seconds
        until one may."""
        now = time.monotonic()
        with self.lock:
            times = self.times.get(key)
            if times is None:
                times = self.times[key] = deque()
                while len(self.times) > self.MAX_KEYS:
                    self.times.popitem(last=False)
            self.times.move_to_end(key)
            while times and times[0] <= now - period:
                times.popleft()
            if len(times) >= limit:
                return times[-limit] + period - now
            if record:
                times.append(now)
            return 0.0


# KEYS[1]: the key; ARGV: limit, period (ms), record (0/1), a member unique to this request.
# Returns the milliseconds until a request may pass (0: it passed, and was counted if asked).
MOVING_WINDOW = """
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local limit, period = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], -limit, -limit, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + period - now)
end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], period)
end
return 0
"""


class RedisWindow:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.script = self.client.register_script(MOVING_WINDOW)
        self.prefix = prefix

    def hit(self, key: str, limit: int, period: int, record: bool = True) -> float:
        args = [limit, period * 1000, int(record), uuid.uuid4().hex]
        return int(self.script(keys=[f"{self.prefix}:mw:{key}"], args=args)) / 1000


def _refuse(wait: float, allowed: int, period: int, what: str) -> None:
    abort(
        429,
        message=f"Too many {what}: at most {allowed} per {period} s.",
        headers={"Retry-After": str(max(1, int(wait + 0.999)))},
    )


def _wait(rule: tuple[int, int] | None, key: str, record: bool = True) -> float:
    """Seconds until `key` may pass `rule` (0: now); a storage failure lets it pass."""
    if rule is None:
        return 0.0
    try:
        return current_app.extensions["ratelimit"]["window"].hit(key, *rule, record=record)
    except Exception as exc:  # noqa: BLE001 - any storage failure: let the request through
        current_app.logger.warning("rate limit storage unavailable: %s", type(exc).__name__)
        return 0.0


def check_auth_failures() -> None:
    """Before a presented token is looked up: an address past its failed authentications is
    refused (429) without the look-up, so tokens cannot be guessed at speed."""
    rule = current_app.extensions["ratelimit"]["auth"]
    if wait := _wait(rule, f"f:ip{request.remote_addr}", record=False):
        _refuse(wait, *rule, "failed authentications")


def auth_failed() -> None:
    """Count a failed authentication (a token that is wrong or revoked) against the address."""
    _wait(current_app.extensions["ratelimit"]["auth"], f"f:ip{request.remote_addr}")


def _check() -> None:
    if not request.path.startswith("/api/") or request.method == "OPTIONS":
        return
    rules = current_app.extensions["ratelimit"]
    writing = request.method in WRITE_METHODS
    rule = rules["write"] if writing else rules["read"]
    who = f"t{g.token_id}" if getattr(g, "token_id", None) else f"ip{request.remote_addr}"
    if wait := _wait(rule, f"{'w' if writing else 'r'}:{who}"):
        _refuse(wait, *rule, "requests")


def init_app(app: Flask) -> None:
    storage = app.config["RATE_LIMIT_STORAGE"]
    if storage.startswith("redis"):
        window = RedisWindow(storage, app.config["RATE_LIMIT_PREFIX"])
    else:
        window = MemoryWindow()
    app.extensions["ratelimit"] = {
        "write": parse_limit(app.config["RATE_LIMIT_WRITES"]),
        "read": parse_limit(app.config["RATE_LIMIT_READS"]),
        "auth": parse_limit(app.config["RATE_LIMIT_AUTH_FAILURES"]),
        "window": window,
    }
    app.before_request(_check)
