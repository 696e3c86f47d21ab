"""Where an event happened: the place its own clause names, resolved through the brief's places."""

from __future__ import annotations

from .. import syntax as S

LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "across", "throughout", "around"}
)
NEAR = frozenset({"near", "outside", "around"})
# Acts done somewhere, whose sentence's place is theirs when their own clause names none;
# statements, calls and appeals are made somewhere the text rarely says.
SITED = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})


def location(coder, trig) -> tuple[str | None, str | None, str | None]:
    """(text, place key, geo precision): a place in a locative phrase of the act's own clause
    ("strikes in Aleppo", "talks in Geneva", "shelling near Bakhmut"); else, for acts done
    somewhere, the most specific place its sentence names as a location; else the text of a
    named place after in/at/near that did not resolve, without a place."""
    own = S.own_clause(trig.clause) + (list(trig.head.subtree) if trig.noun else [])
    places, text, base = coder.ctx.places, None, coder.base
    for prep in sorted(own, key=lambda t: t.i):
        if prep.dep_ == S.PREP and prep.lower_ in LOCATIVE:
            for p in S.prep_objects(prep):
                at = base + p.idx
                hit = places.locate(at, at + len(p.text), prep.lower_ in NEAR)
                if hit is not None:
                    return hit.text, hit.key, hit.precision
                if text is None and p.pos_ == "PROPN" and not coder.roles.mentions_in(p):
                    text = _run(coder.ctx.text, base, p, prep)
    if trig.label in SITED:
        hit = places.most_specific(coder.start, coder.start + len(coder.text))
        if hit is not None:
            return hit.text, hit.key, hit.precision
    return text, None, None


def _run(text: str, base: int, p, prep) -> str:
    """The run of proper nouns around a head: "Gaza City", "Ras al-Ain"."""
    start = end = p
    while start.i - 1 > prep.i and p.doc[start.i - 1].pos_ == "PROPN":
        start = p.doc[start.i - 1]
    while end.i + 1 < len(p.doc) and p.doc[end.i + 1].pos_ == "PROPN":
        end = p.doc[end.i + 1]
    return text[base + start.idx : base + end.idx + len(end.text)]
