"""Framework-free extraction: a brief's text in, its structure, actors, quotes and events out.

Never imports Flask or SQLAlchemy; `api` calls `extract()` and stores what it returns.
"""

from __future__ import annotations

import threading
from datetime import date

from .actors import find_actors
from .context import Context
from .dictionary import load
from .events import find_events
from .layout import parse_layout
from .nlp import Clock, ExtractionTooLong, parse, pipeline, sentences
from .places import find_places
from .quotes import find_quotes
from .records import Extraction
from .speech import Tokens

_ONE_AT_A_TIME = threading.Lock()

__all__ = ["extract", "parse_layout", "normalize_text", "ExtractionTooLong"]


def _publisher(source: str | None, doc) -> str | None:
    """The actor a brief's publisher is, when the brief names it."""
    if not source:
        return None
    d = load()
    for m in d.regex.finditer(source):
        for p in d.patterns[m.group()]:
            if p.id in doc.actors:
                return p.id
    return None


def normalize_text(raw: str) -> str:
    """The stored form of a brief: Unix line endings, no BOM; offsets count into this."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def extract(
    text: str,
    published: date | None = None,
    section: str | None = None,
    source: str | None = None,
    budget: float | None = None,
) -> Extraction:
    """Everything a brief says. `source` is its publisher as the metadata names it ("U.S.
    Department of State"): when the text names that publisher too, a statement's "we" is it.
    `budget` (seconds): past it, extraction stops with ExtractionTooLong instead of holding
    a worker; every step is linear in the text, so the budget bounds the size it takes."""
    d = load()
    layout = parse_layout(text, d.acronyms, section)
    # A memory zone frees the strings each brief adds to the vocabulary: a server that ingests
    # for months keeps a flat footprint. Nothing may keep a Token or Doc past it.
    # One extraction at a time per process: a memory zone frees its strings when it closes,
    # under any other thread's parse (spaCy's zones are not thread-safe). Extraction holds
    # the GIL anyway; processes (gunicorn, bulk workers) run in parallel.
    with _ONE_AT_A_TIME, pipeline().memory_zone():
        clock = Clock(budget)  # from here: waiting for another thread's brief is not this one's
        parsed = parse(text, layout.zones, clock)
        sents = sentences(text, parsed)
        tokens = Tokens(parsed)
        doc = find_actors(text, sents, layout, published, tokens, source)
        quotes = find_quotes(text, sents, layout, doc, tokens)
        ctx = Context(
            text, published, layout, parsed, sents, doc, publisher=_publisher(source, doc)
        )
        ctx.set_quotes(quotes)
        ctx.places = find_places(ctx)
        events = find_events(ctx)
        places, place_mentions = ctx.places.records()
    mentions = tuple(m.to_record() for m in doc.mentions)
    return Extraction(
        layout,
        tuple(doc.actors.values()),
        mentions,
        tuple(quotes),
        tuple(events),
        places,
        place_mentions,
    )
