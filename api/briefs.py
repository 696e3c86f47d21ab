"""A brief as given, and what makes one valid: the checks every ingest path (HTTP, CLI, bulk
workers) makes before extracting, so bad input is a clear IngestError (a 422 over HTTP) and
never a database error or a 500 — whichever engine stores it."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extract import normalize_text
from schemas.documents import MAX_DEPTH, MAX_SHORT, MAX_URL, URL_PATTERN

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 5 * 1024 * 1024
URL_RE = re.compile(URL_PATTERN)


class IngestError(ValueError):
    """The brief cannot be stored as given; the message says why, `field` names what."""

    def __init__(self, message: str, field: str = "text") -> None:
        super().__init__(message)
        self.field = field


@dataclass
class BriefIn:
    text: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    section: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def _unicode(value: str, name: str) -> None:
    """Text every engine stores: UTF-8 (JSON's \\ud800 escapes make lone surrogates, which no
    encoding holds)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise IngestError(f"{name} holds a lone surrogate, which is not text", name) from None


def clean_text(raw: str) -> str:
    if not isinstance(raw, str):
        raise IngestError("text must be a string")
    text = normalize_text(raw)
    if not text.strip():
        raise IngestError("text must not be empty")
    if CONTROL_RE.search(text):
        raise IngestError("text contains NUL or other control characters")
    if len(text) > MAX_TEXT:
        raise IngestError(f"text is longer than {MAX_TEXT} characters")
    _unicode(text, "text")
    return text


def check_fields(brief: BriefIn) -> None:
    """The brief's other fields, as the HTTP contract has them (CLI sidecars included)."""
    for name, limit in (("source", MAX_SHORT), ("section", MAX_SHORT), ("url", MAX_URL)):
        value = getattr(brief, name)
        if value is None:
            continue
        _unicode(value, name)
        if len(value) > limit or CONTROL_RE.search(value):
            raise IngestError(f"{name}: at most {limit} characters, no control characters", name)
    if brief.url is not None and not URL_RE.match(brief.url):
        raise IngestError("url must be an http or https URL", "url")
    if not isinstance(brief.metadata, dict):
        raise IngestError("metadata must be an object", "metadata")
    check_json(brief.metadata, "metadata")


def check_json(value: Any, name: str) -> None:
    """A JSON value every engine stores and every client reads back: at most MAX_DEPTH levels,
    finite numbers, UTF-8 strings. Iterative: no recursion for a hostile depth to exhaust."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_DEPTH:
            raise IngestError(f"{name} nests deeper than {MAX_DEPTH} levels", name)
        if isinstance(item, dict):
            for key, child in item.items():
                _unicode(str(key), name)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            _unicode(item, name)
        elif isinstance(item, float) and not math.isfinite(item):
            raise IngestError(f"{name} holds a number JSON cannot represent", name)


def _constant(token: str):
    raise IngestError(f"{token} is not a JSON number", "json")


def _finite(token: str) -> float:
    number = float(token)
    if not math.isfinite(number):
        raise IngestError(f"{token[:20]} is too large a number", "json")
    return number


def loads(data: bytes | str) -> Any:
    """Strict JSON: no NaN or Infinity (Python's json takes them), no number that overflows,
    no depth that exhausts the parser. A json.JSONDecodeError (or UnicodeDecodeError) is
    malformed JSON; an IngestError well-formed JSON that is not acceptable."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_finite)
    except RecursionError:
        raise IngestError("the JSON nests too deeply", "json") from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # an integer past Python's digit limit
        raise IngestError(f"unacceptable JSON: {str(exc)[:80]}", "json") from None
