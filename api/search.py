"""Full-text search, one behaviour on two engines: PostgreSQL tsvector + GIN, SQLite FTS5.

What users type is parsed by `search_syntax` (phrases, OR, -word, prefix*, variants of a
word), and each engine is handed only what that parse writes: the user's text is never an
engine's syntax, and no input is an error but `-word` beside OR (a clear 422).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

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
    """Where `value` matched `q`, for a client to show without trusting the text: see
    `snippet_of` for the shapes."""
    pattern = _pattern(q)
    matches = [(m.start(), m.end()) for m in pattern.finditer(value)] if pattern else []
    if not matches:
        return snippet_of(
            value[: 2 * SNIPPET_RADIUS], [], "", "…" if len(value) > 2 * SNIPPET_RADIUS else "", []
        )
    lo = max(0, matches[0][0] - SNIPPET_RADIUS)
    hi = min(len(value), matches[0][1] + SNIPPET_RADIUS)
    shown = [(s - lo, e - lo) for s, e in matches if s >= lo and e <= hi]
    return snippet_of(
        value[lo:hi], shown, "…" if lo else "", "…" if hi < len(value) else "", matches
    )


def snippet_of(text: str, spans, before: str, after: str, matches) -> dict:
    """The one place a snippet is made, for both databases' searches (the matching is the
    engine's, the highlighting Python's): `snippet_text` is plain text and `snippet_matches`
    are offsets into it; `snippet` is the same text HTML-escaped, with `<mark>`...`</mark>`
    around each match as its only markup, so that a client putting it into `innerHTML` shows
    the brief's text literally and runs none of it (a brief is outside input: wire copy,
    scraped pages). `matches` keeps every match's offsets into the whole searched text."""
    html, out, pos = [escape(before)], [], 0
    for s, e in spans:
        html += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        out.append({"start": len(before) + s, "end": len(before) + e})
        pos = e
    html += [escape(text[pos:]), escape(after)]
    return {
        "snippet": "".join(html),
        "snippet_text": before + text + after,
        "snippet_matches": out,
        "matches": [{"start": s, "end": e} for s, e in matches],
    }
