"""The search syntax users type, parsed once and written out for each engine.

What `q` means follows PostgreSQL's `websearch_to_tsquery`: words are all required;
`"a phrase"` is words in a row; `OR` between two terms takes either (and binds tighter than
the implied AND: `talks Geneva OR Vienna` is talks and one of the cities); `-word` or
`-"a phrase"` excludes; and, beyond websearch, `word*` is a prefix. Anything else is no
syntax: punctuation separates words, an unbalanced quote runs to the end, a dangling `OR`
or a lone `-` is ignored. The parse is ours on both engines, so PostgreSQL and SQLite FTS5
answer the same question: each is handed only quoted words and the operators we write, never
the user's text as syntax.

Variants of one word are found together: a hyphenated word also matches its parts in a row
and its closed form ("cease-fire" = "cease fire" = "ceasefire"), a closed compound its parts
("ceasefire" finds "cease-fire"), and British and American spellings each other
("defence" = "defense"); the lists are data (`search_variants.json`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from flask_smorest import abort

MAX_WORDS = 20  # words past this are dropped, as before: a search is not a document
# A word is letters and digits (no underscore: the engines' tokenizers split on it).
WORD = r"[^\W_]+"
TOKEN_RE = re.compile(
    rf'"(?P<phrase>[^"]*)"?|(?P<neg>-)?(?P<word>{WORD}(?:-{WORD})*)(?P<star>\*)?|\S'
)
WORD_RE = re.compile(WORD)


@dataclass(frozen=True)
class Term:
    """Words in a row (one word, or a phrase), optionally a prefix (its last word)."""

    words: tuple[str, ...]
    prefix: bool = False


# A query is an AND of clauses; a clause is an OR of alternatives, each alternative an OR of
# one term's variants. `excluded` terms are ANDed as NOT.
Clause = tuple[tuple[Term, ...], ...]


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]
    excluded: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.clauses and not self.excluded

    def words(self) -> list[str]:
        """The words a match may show, as written in a text (for highlighting), variants
        included and excluded terms not."""
        out = []
        for clause in self.clauses:
            for typed, *others in clause:
                out += typed.words  # a phrase typed is marked word by word
                # A variant of it as the text writes it ("cease-fire" for "ceasefire").
                out += ["-".join(term.words) for term in others]
        return list(dict.fromkeys(out))


@cache
def _variants_data() -> dict:
    return json.loads((Path(__file__).with_name("search_variants.json")).read_text("utf-8"))


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for group in _variants_data()["spellings"]:
        for word in group:
            out[word] = tuple(group)
    return out


def _split(word: str) -> tuple[str, ...] | None:
    """A closed compound's parts ("ceasefire" -> cease, fire), from the list of compounds
    or a known first part ("counterterrorism" -> counter, terrorism)."""
    data = _variants_data()
    if word in data["compounds"]:
        return tuple(data["compounds"][word].split())
    for head in data["prefixes"]:
        if word.startswith(head) and len(word) - len(head) >= 4:
            return head, word[len(head) :]
    return None


def variants(words: tuple[str, ...], prefix: bool, hyphenated: bool) -> tuple[Term, ...]:
    """The term as typed, then the other ways a text may write it."""
    out = [Term(words, prefix)]
    if hyphenated and not prefix:
        out.append(Term(("".join(words),)))  # "cease-fire" -> "ceasefire"
    elif len(words) == 1 and not prefix:
        word = words[0]
        if parts := _split(word):
            out.append(Term(parts))
        out += [Term((w,)) for w in _spellings().get(word, ()) if w != word]
    return tuple(dict.fromkeys(out))


def _refuse_or_with_exclusion() -> None:
    abort(
        422,
        message="`-word` excludes a word: it cannot be one side of OR.",
        errors={"query": {"q": ["A `-` term beside OR."]}},
    )


def _tokens(q: str):
    """(words, negated, prefix, hyphenated) per term, and None per `OR`, in order."""
    for m in TOKEN_RE.finditer(q):
        if m.group("phrase") is not None:
            negated = m.start() > 0 and q[m.start() - 1] == "-" and _starts_token(q, m.start() - 1)
            yield WORD_RE.findall(m.group("phrase").lower()), negated, False, False
        elif m.group("word") is not None:
            if m.group("word") == "OR" and not m.group("neg") and not m.group("star"):
                yield None
                continue
            negated = bool(m.group("neg")) and _starts_token(q, m.start())
            words = WORD_RE.findall(m.group("word").lower())
            yield words, negated, bool(m.group("star")), len(words) > 1
        # else punctuation, a lone "-": no syntax


@lru_cache(maxsize=256)  # a request parses its q twice: to search, and to mark the hits
def parse(q: str) -> Query:
    clauses: list[list[tuple[Term, ...]]] = []
    excluded: list[tuple[Term, ...]] = []
    # after: what came last ("+" a wanted term, "-" an excluded one, "OR", or None)
    after, budget = None, MAX_WORDS
    for token in _tokens(q or ""):
        if token is None:
            if after == "-":
                _refuse_or_with_exclusion()
            after = "OR" if after == "+" else after  # a leading or doubled OR is a no-op
            continue
        words, negated, prefix, hyphenated = token
        words = tuple(words[:budget])
        if not words:
            continue
        budget -= len(words)
        term = variants(words, prefix, hyphenated and len(words) > 1)
        if negated:
            if after == "OR":
                _refuse_or_with_exclusion()
            excluded.append(term)
        elif after == "OR":
            clauses[-1].append(term)
        else:
            clauses.append([term])
        after = "-" if negated else "+"
        if budget <= 0:
            break
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded))


def _starts_token(q: str, at: int) -> bool:
    """A `-` is an exclusion only where a term starts (after a space or at the start), as in
    websearch: "al-Assad" or "2016-09" are words, not exclusions."""
    return at == 0 or q[at - 1].isspace()


# --- PostgreSQL: a to_tsquery string of quoted words (normalized by the configuration) ---


def _pg_term(term: Term) -> str:
    words = [f"'{w}'" for w in term.words]
    if term.prefix:
        words[-1] += ":*"
    return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"


def _pg_any(terms) -> str:
    parts = [_pg_term(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def to_tsquery_text(query: Query) -> str:
    clauses = [_pg_any([t for alt in clause for t in alt]) for clause in query.clauses]
    clauses += ["!" + _pg_any(terms) for terms in query.excluded]
    return " & ".join(clauses)


# --- SQLite FTS5: quoted strings and the operators we write ---


def _fts_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def _fts_any(terms) -> str:
    parts = [_fts_term(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def fts_match(query: Query) -> str | None:
    """The MATCH text of the wanted terms (None when only exclusions were typed)."""
    if not query.clauses:
        return None
    wanted = " AND ".join(_fts_any([t for alt in c for t in alt]) for c in query.clauses)
    for terms in query.excluded:
        wanted = f"({wanted}) NOT {_fts_any(terms)}"
    return wanted


def fts_excluded(query: Query) -> str | None:
    """With only exclusions: the MATCH text of what is excluded, for a NOT IN."""
    if query.clauses or not query.excluded:
        return None
    return " OR ".join(_fts_any(terms) for terms in query.excluded)
