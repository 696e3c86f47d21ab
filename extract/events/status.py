"""An event's status and date from the parse: negation, tense and modality on its verb (or the
verbs that govern it), the date expression of its own clause, else of the clause that reports
it, dated forward when the event lies ahead."""

from __future__ import annotations

from datetime import date

from .. import syntax as S
from ..dates import DateRef

FUTURE = frozenset({"will", "shall", "'ll", "’ll", "wo"})
MODAL = frozenset({"would", "could", "might", "may", "should", "must", "can"})
CONDITION = frozenset({"if", "unless"})
INTENT = frozenset({"plan", "intend", "aim", "expect", "prepare", "seek", "hope", "want", "set"})
ALLEGED = frozenset({"allegedly", "reportedly", "purportedly"})
# Reaching up through these dependencies, a clause inherits the status words of its governor:
# "did not agree to provide", "will continue to support".
GOVERNED = frozenset({S.XCOMP, S.CONJ})


def _markers(verb) -> tuple[set[str], bool, bool, bool]:
    aux: set[str] = set()
    negated = conditional = alleged = False
    for c in verb.children:
        if c.dep_ in (S.AUX, S.AUXPASS):
            aux.add(c.lower_)
        elif c.dep_ == S.NEG:
            negated = True
        elif c.dep_ == S.ADVCL and any(
            m.dep_ == S.MARK and m.lower_ in CONDITION for m in c.children
        ):
            conditional = True
        elif c.dep_ == S.ADVMOD and c.lower_ in ALLEGED:
            alleged = True
    return aux, negated, conditional, alleged


def status(verb, reported: bool, alleged: bool = False) -> str:
    aux, negated, conditional, is_alleged = _markers(verb)
    gov = verb
    hops = 0
    while gov.dep_ in GOVERNED and gov.head.i != gov.i and hops < 4:
        gov = gov.head
        hops += 1
        more, neg, cond, al = _markers(gov)
        aux |= more
        negated = negated or neg
        conditional = conditional or cond
        is_alleged = is_alleged or al
        if verb.dep_ == S.XCOMP and gov.lemma_.lower() in INTENT:
            aux.add("will")  # "plans to visit": ahead
    if verb.dep_ == S.XCOMP and verb.head.lemma_.lower() in INTENT:
        aux.add("will")
    if verb.lower_ == "to" or (verb.dep_ == S.XCOMP and verb.head.lemma_.lower() == "go"):
        aux.add("will")  # "is going to"
    if negated:
        return "negated"
    if "would" in aux and "have" in aux:
        return "hypothetical"
    future = bool(aux & FUTURE)
    modal = bool(aux & MODAL)
    if (future or modal) and conditional:
        return "threatened"
    if "would" in aux and reported:
        return "future"  # "said it would host": the future seen from the past
    if modal:
        return "hypothetical"
    if future:
        return "future"
    if alleged or is_alleged:
        return "alleged"
    return "reported" if reported else "asserted"


def pick_date(
    head, dates: list[tuple[int, int, DateRef]], base: int, ahead: bool
) -> DateRef | None:
    """The date that modifies the event's own word ("met on Monday", "spoke yesterday",
    "Monday's attack"), else the one that modifies each clause governing it ("said Monday the
    U.S. was suspending" dates the suspension). A date deep inside an object ("commitments
    made at the November 23 summit") dates that object, not the act."""
    if not dates:
        return None
    tok = head
    for _ in range(6):
        hits = [(s, d) for s, e, d in dates if _modifies(tok, s, e, base)]
        if hits:
            return min(hits, key=lambda h: abs(h[0] - (base + head.idx)))[1]
        if tok.head.i == tok.i or tok.dep_ not in (S.CCOMP, S.XCOMP, S.CONJ, S.ADVCL, S.PCOMP):
            break
        peer = S.infinitive_peer(tok)
        tok = peer if peer is not None else tok.head if tok.dep_ != S.PCOMP else tok.head.head
    return None


def _modifies(word, start: int, end: int, base: int) -> bool:
    inside = [t for t in word.sent if start <= base + t.idx < end]
    roots = [t for t in inside if not (start <= base + t.head.idx < end) or t.head.i == t.i]
    for r in roots:
        if r.head.i == word.i:
            return True  # "yesterday", "on Monday" as the word's own modifier
        up = r.head
        if r.dep_ == S.POBJ and up.dep_ == S.PREP and up.head.i == word.i:
            return True  # "in March", "on August 28"
    return False


def date_value(d: DateRef | None, ahead: bool, published: date | None):
    """(date, precision, text) of an event."""
    if d is not None:
        value = d.ahead if ahead and d.ahead else d.value
        return value.isoformat(), d.precision, d.text.strip(" ,.;:")
    if published is not None:
        return published.isoformat(), "reported", None
    return None, None, None
