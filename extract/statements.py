"""Statements a brief is: "Statement by Kristalina Georgieva, European Commissioner ...",
"Declaration by the High Representative on behalf of the EU", "Statement from Pentagon Press
Secretary ...": the body below such a headline is its author's statement, one block quote
spoken by the actor the headline names after "by" or "from"."""

from __future__ import annotations

import re

from .found import DocActors
from .records import Layout, Quote

STATEMENT_RE = re.compile(
    r"\b(?:Statement|Declaration|Remarks|Message|Address)\s+(?:by|from)\s+(?:the\s+)?", re.I
)
# A paragraph that is no part of what was said: "Brussels, 6 June 2013", a short label.
LABEL_MAX_WORDS = 8
CONFIDENCE = 0.8


def statement_author(text: str, layout: Layout, doc: DocActors) -> str | None:
    """Who the headline says the brief's body is a statement by."""
    if layout.title_span is None:
        return None
    ts, te = layout.title_span
    m = STATEMENT_RE.search(text, ts, te)
    if m is None:
        return None
    at = m.end()
    first = [f for f in doc.mentions if at <= f.end <= te and f.start >= at - 40]
    first.sort(key=lambda f: (f.start, -(f.end - f.start)))
    # the actor named right after "by": its title and name are one phrase
    for f in first:
        if f.start >= at and not re.search(r"\b(?:on|about|regarding)\b", text[at : f.start]):
            return f.key
    return None


def statement_quotes(text: str, layout: Layout, doc: DocActors) -> list[Quote]:
    """The statement as one block quote, from its first paragraph of prose to its last (a
    dateline or label line before it is no part of it)."""
    author = statement_author(text, layout, doc)
    if author is None:
        return []
    prose = [
        p
        for p in layout.paragraphs
        if p.kind != "block_quote"
        and (len(p.text.split()) > LABEL_MAX_WORDS or p.text[-1:] in '.!?”"')
    ]
    if not prose:
        return []
    s, e = prose[0].start, prose[-1].end
    return [Quote(author, "block", None, text[s:e], s, e, CONFIDENCE)]
