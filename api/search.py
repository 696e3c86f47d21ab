"""Full-text search, one behaviour on two engines: PostgreSQL tsvector + GIN, SQLite FTS5.

What users type is parsed by `search_syntax` (phrases, OR, -word, prefix*, variants of a
word), and each engine is handed only what that parse writes: the user's text is never an
engine's syntax, and no input is an error but `-word` beside OR (a clear 422).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import column, false, func, literal_column, select, table, text

from . import search_syntax
from .db import db

SUFFIX_RE = re.compile(r"(?:ing|ed|es|s)$")
SNIPPET_RADIUS = 80


def terms(q: str) -> list[str]:
    """The words a hit may show for `q` (as a text writes them, variants included; excluded
    words not): what a snippet marks."""
    return search_syntax.parse(q).words()


def apply(stmt, table_name: str, id_column, q: str):
    """Restrict `stmt` to rows matching `q`; returns (stmt, rank ordering expression, or None
    when only exclusions were typed: nothing to rank by)."""
    query = search_syntax.parse(q)
    if query.empty:
        return stmt.where(false()), None
    if db.session.get_bind().dialect.name == "postgresql":
        # Quoted words and our operators only; the configuration normalizes each word.
        tsquery = func.to_tsquery("english", search_syntax.to_tsquery_text(query))
        vector = literal_column(f"{table_name}.search_vector")
        stmt = stmt.where(vector.op("@@")(tsquery))
        return stmt, func.ts_rank(vector, tsquery).desc()
    fts = table(f"fts_{table_name}", column("rowid"), column("rank"))
    matching = text(f"fts_{table_name} MATCH :match")
    if (match := search_syntax.fts_match(query)) is None:
        # Only exclusions: every row but those that match one (FTS5's NOT needs a left side).
        excluded = select(fts.c.rowid).where(
            matching.bindparams(match=search_syntax.fts_excluded(query))
        )
        return stmt.where(id_column.not_in(excluded)), None
    hits = (
        select(fts.c.rowid.label("rid"), fts.c.rank.label("score"))
        .where(matching.bindparams(match=match))
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
