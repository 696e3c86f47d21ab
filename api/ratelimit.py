"""Rate limits over a moving window, with Retry-After on 429: writes per token (else per client
address), reads per address or token, and failed authentications per address. Every limited
response says where its caller stands, in the IETF draft's headers (draft-ietf-httpapi-
ratelimit-headers): `RateLimit-Limit`, `RateLimit-Remaining`, and `RateLimit-Reset` (seconds
until one more request is allowed back: a moving window frees one slot at a time).

A moving window counts the requests of the last period, whenever it is asked: at most N in
any stretch of that length (a fixed window let 2N through across a boundary). Each key keeps
the times of its last N accepted requests. In memory by default (per process);
`RATE_LIMIT_STORAGE=redis://…` shares them between workers and hosts (a sorted set per key,
checked and added to by one script, timed by Redis's clock). If Redis cannot be reached the
request is let through and a warning logged: a limiter outage must not become a service
outage.
"""

from __future__ import annotations

import copy
import re
import threading
import time
import uuid
from collections import OrderedDict, deque
from typing import NamedTuple

from flask import Flask, Response, current_app, g, request
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


class Standing(NamedTuple):
    """One key against one rule, as a request leaves it."""

    wait: float  # seconds until a request may pass (0: this one passed)
    remaining: int  # requests still allowed in the window after this one
    reset: float  # seconds until the oldest counted request leaves the window (0: none)


class MemoryWindow:
    """Per key, the times of its last `limit` accepted requests."""

    MAX_KEYS = 100_000  # past this, keys idle longest are forgotten first

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str, limit: int, period: int, record: bool = True) -> Standing:
        """Whether a request may pass now (and, with `record`, counts it), and what is left."""
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
                wait = times[-limit] + period - now
                return Standing(wait, 0, wait)
            if record:
                times.append(now)
            reset = times[0] + period - now if times else 0.0
            return Standing(0.0, limit - len(times), reset)


# KEYS[1]: the key; ARGV: limit, period (ms), record (0/1), a member unique to this request.
# Returns {milliseconds until a request may pass (0: it passed, and was counted if asked),
# requests counted in the window, milliseconds until the oldest of them leaves it}.
MOVING_WINDOW = """
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local limit, period = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], -limit, -limit, 'WITHSCORES')
  local wait = math.max(1, tonumber(oldest[2]) + period - now)
  return {wait, count, wait}
end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], period)
  count = count + 1
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = 0
if first[2] then reset = math.max(1, tonumber(first[2]) + period - now) end
return {0, count, reset}
"""


class RedisWindow:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.script = self.client.register_script(MOVING_WINDOW)
        self.prefix = prefix

    def hit(self, key: str, limit: int, period: int, record: bool = True) -> Standing:
        args = [limit, period * 1000, int(record), uuid.uuid4().hex]
        wait, count, reset = self.script(keys=[f"{self.prefix}:mw:{key}"], args=args)
        return Standing(int(wait) / 1000, max(0, limit - int(count)), int(reset) / 1000)


def _refuse(rule: tuple[int, int], standing: Standing, what: str) -> None:
    """A 429 with Retry-After, and the RateLimit headers of the rule that refused."""
    g.ratelimit = (rule[0], standing)
    abort(
        429,
        message=f"Too many {what}: at most {rule[0]} per {rule[1]} s.",
        headers={"Retry-After": str(max(1, int(standing.wait + 0.999)))},
    )


def _standing(rule: tuple[int, int] | None, key: str, record: bool = True) -> Standing | None:
    """Where `key` stands against `rule` (None: no rule); a storage failure lets it pass."""
    if rule is None:
        return None
    try:
        return current_app.extensions["ratelimit"]["window"].hit(key, *rule, record=record)
    except Exception as exc:  # noqa: BLE001 - any storage failure: let the request through
        current_app.logger.warning("rate limit storage unavailable: %s", type(exc).__name__)
        return None


def check_auth_failures() -> None:
    """Before a presented token is looked up: an address past its failed authentications is
    refused (429) without the look-up, so tokens cannot be guessed at speed."""
    rule = current_app.extensions["ratelimit"]["auth"]
    standing = _standing(rule, f"f:ip{request.remote_addr}", record=False)
    if standing and standing.wait:
        _refuse(rule, standing, "failed authentications")


def auth_failed() -> None:
    """Count a failed authentication (a token that is wrong or revoked) against the address."""
    _standing(current_app.extensions["ratelimit"]["auth"], f"f:ip{request.remote_addr}")


def _check() -> None:
    if not request.path.startswith("/api/") or request.method == "OPTIONS":
        return
    rules = current_app.extensions["ratelimit"]
    writing = request.method in WRITE_METHODS
    rule = rules["write"] if writing else rules["read"]
    who = f"t{g.token_id}" if getattr(g, "token_id", None) else f"ip{request.remote_addr}"
    standing = _standing(rule, f"{'w' if writing else 'r'}:{who}")
    if standing is None:
        return
    if standing.wait:
        _refuse(rule, standing, "requests")
    g.ratelimit = (rule[0], standing)


def _seconds(value: float) -> str:
    """Whole seconds, rounded up: a client that waits this long is never early."""
    return str(max(0, int(value + 0.999)))


def _headers(resp: Response) -> Response:
    """RateLimit-* on every response a limit applied to (429s and cached answers included):
    the request's own limit, or the failed-authentication one that refused it."""
    limited = getattr(g, "ratelimit", None)
    if limited is not None:
        allowed, standing = limited
        resp.headers["RateLimit-Limit"] = str(allowed)
        resp.headers["RateLimit-Remaining"] = str(standing.remaining)
        resp.headers["RateLimit-Reset"] = _seconds(standing.reset)
    return resp


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
    app.after_request(_headers)


LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the limit's window (present when a limit applies).",
    "RateLimit-Remaining": "Requests still allowed in the window after this one.",
    "RateLimit-Reset": "Seconds until the window allows one more request (0: it already does).",
}


def document_limits(spec, operations) -> None:
    """The RateLimit headers on every response of every operation (present when a limit
    applies to it: writes by default, reads when RATE_LIMIT_READS is set), and a 429 with
    `Retry-After` beside them."""
    refs = {}
    for name, description in LIMIT_HEADERS.items():
        schema = {"type": "integer", "minimum": 0}
        spec.components.header(name, {"description": description, "schema": schema})
        refs[name] = {"$ref": f"#/components/headers/{name}"}
    # The 429 is the problem response every operation lists (api/problems.py): it carries the
    # limit's headers beside `Retry-After`.
    too_many = spec.components.responses.get("TOO_MANY_REQUESTS")
    if too_many is not None:
        # Copies: a shared object would be written as a YAML anchor and aliases.
        headers = {**too_many.get("headers", {}), **refs}
        too_many["headers"] = copy.deepcopy(headers)
    for _path, _method, operation in operations:
        responses = operation.setdefault("responses", {})
        for status, response in responses.items():
            if status.startswith("2") and "$ref" not in response:
                # Copies: a shared object would be written as a YAML anchor and aliases.
                response.setdefault("headers", {}).update({k: dict(v) for k, v in refs.items()})
