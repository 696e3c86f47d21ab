"""Framework-free extraction: a brief's text in, its structure, actors, quotes and events out.

Never imports Flask or SQLAlchemy; `api` calls `extract()` and stores what it returns.
"""

from __future__ import annotations

from datetime import date

from .actors import find_actors
from .dictionary import load
from .events import find_events
from .layout import parse_layout
from .nlp import sentences
from .quotes import find_quotes
from .records import Extraction

__all__ = ["extract", "parse_layout", "normalize_text"]


def normalize_text(raw: str) -> str:
    """The stored form of a brief: Unix line endings, no BOM; offsets count into this."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def extract(text: str, published: date | None = None, section: str | None = None) -> Extraction:
    d = load()
    layout = parse_layout(text, d.acronyms, section)
    sents = sentences(text, layout.zones)
    doc = find_actors(text, sents, layout)
    quotes = find_quotes(text, sents, layout, doc)
    events = find_events(text, sents, doc, quotes, published)
    mentions = tuple(m.to_record() for m in doc.mentions)
    return Extraction(layout, tuple(doc.actors.values()), mentions, tuple(quotes), tuple(events))
