"""Full-text search, one behaviour on two engines: PostgreSQL tsvector + GIN, SQLite FTS5.

What users type is always a plain search for all its words: quotes, AND, *, and unbalanced
parentheses are never syntax, never an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import column, false, func, literal_column, select, table, text

from .db import db

WORD_RE = re.compile(r"\w+")
SUFFIX_RE = re.compile(r"(?:ing|ed|es|s)$")
SNIPPET_RADIUS = 80


def terms(q: str) -> list[str]:
    return WORD_RE.findall(q.lower())[:20]


def apply(stmt, table_name: str, id_column, q: str):
    """Restrict `stmt` to rows matching `q`; returns (stmt, rank ordering expression)."""
    words = terms(q)
    if not words:
        return stmt.where(false()), None
    if db.session.get_bind().dialect.name == "postgresql":
        query = func.plainto_tsquery("english", " ".join(words))
        vector = literal_column(f"{table_name}.search_vector")
        stmt = stmt.where(vector.op("@@")(query))
        return stmt, func.ts_rank(vector, query).desc()
    fts = table(f"fts_{table_name}", column("rowid"), column("rank"))
    match = " ".join(f'"{w}"' for w in words)  # quoted terms: FTS5 syntax cannot leak in
    hits = (
        select(fts.c.rowid.label("rid"), fts.c.rank.label("score"))
        .where(text(f"fts_{table_name} MATCH :match").bindparams(match=match))
        .subquery()
    )
    return stmt.join(hits, hits.c.rid == id_column), hits.c.score.asc()


@lru_cache(maxsize=256)
def _pattern(q: str) -> re.Pattern | None:
    """The matcher for `q`'s words and their inflections; built once per query, not per hit."""
    stems = {SUFFIX_RE.sub("", w) or w for w in terms(q)}
    if not stems:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)) + r")\w*",
        re.I,
    )


def highlight(value: str, q: str) -> dict:
    """A snippet around the first match, matches in <mark>, and every match's offsets in `value`."""
    pattern = _pattern(q)
    if pattern is None:
        return {"snippet": value[: 2 * SNIPPET_RADIUS], "matches": []}
    matches = [(m.start(), m.end()) for m in pattern.finditer(value)]
    if not matches:
        return {"snippet": value[: 2 * SNIPPET_RADIUS], "matches": []}
    lo = max(0, matches[0][0] - SNIPPET_RADIUS)
    hi = min(len(value), matches[0][1] + SNIPPET_RADIUS)
    parts, pos = [], lo
    for s, e in matches:
        if s < lo or e > hi:
            continue
        parts += [value[pos:s], "<mark>", value[s:e], "</mark>"]
        pos = e
    parts.append(value[pos:hi])
    snippet = ("…" if lo else "") + "".join(parts) + ("…" if hi < len(value) else "")
    return {"snippet": snippet, "matches": [{"start": s, "end": e} for s, e in matches]}
