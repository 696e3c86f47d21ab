"""Where an event happened: the place its own clause names, resolved through the brief's places."""

from __future__ import annotations

from dataclasses import replace

from .. import syntax as S

LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "across", "throughout", "around"}
)
NAMED_AT = frozenset({"in", "at", "near", "outside", "inside"})  # unresolved names kept as text
NEAR = frozenset({"near", "outside", "around"})
# Acts done somewhere, whose sentence's place is theirs when their own clause names none;
# statements, calls and appeals are made somewhere the text rarely says.
SITED = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})
# Acts done at a meeting: what the sides said, agreed, asked and offered there.
ATTENDED = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "REQUEST", "ACCUSE"})
POINT = frozenset({"city", "near_city", "admin1"})
# Dependencies between a located act and its place: "in Bogota", "during his visit to Baghdad"
PATH = frozenset({S.PREP, S.POBJ, S.COMPOUND, S.CONJ, S.APPOS, S.NPADVMOD, "nmod", "amod"})
MEETING_REACH = 700  # characters after a located meeting within which its talk is placed
SET = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID"})  # placed by setting


def location(coder, trig) -> tuple[str | None, str | None, str | None]:
    """(text, place key, geo precision): a place its own clause names as a location ("strikes
    in Aleppo", "talks in Geneva", "shelling near Bakhmut", "during his visit to Baghdad");
    else, for acts done somewhere, the finest place its sentence names as a location; else
    the text of a named place after in/at/near that did not resolve, without a place."""
    own = S.own_clause(trig.clause) + (list(trig.head.subtree) if trig.noun else [])
    if trig.label not in SITED:
        # A statement or a meeting is placed by its own phrase ("met in Bogota"), not by
        # what it is about ("condemned the attack in Kabul", "discussed the situation in Syria").
        heads = {trig.clause.i, trig.head.i}
        own = [t for t in own if _attached(t, heads)]
    places, text, base = coder.ctx.places, None, coder.base
    found = []
    for tok in own:
        at = base + tok.idx
        hit = places.locate(at, at + len(tok.text))
        if hit is not None:
            found.append((tok.i, hit))
        elif tok.dep_ == S.PREP and tok.lower_ in NAMED_AT and text is None:
            for p in S.prep_objects(tok):
                if p.pos_ == "PROPN" and not coder.roles.mentions_in(p):
                    text = _run(coder.ctx.text, base, p, tok)
    if found:
        # The nearest to the trigger: "met in Geneva after talks in Vienna" is Geneva's.
        # A landmark beats its town ("at Westgate Shopping Mall in Nairobi").
        _, hit = min(found, key=lambda f: (f[1].feature != "landmark", abs(f[0] - trig.head.i)))
        return hit.text, hit.key, hit.precision
    if trig.label in SITED:
        hit = places.most_specific(coder.start, coder.start + len(coder.text))
        if hit is not None:
            return hit.text, hit.key, hit.precision
    return text, None, None


def _attached(tok, heads: set[int]) -> bool:
    """Whether a token hangs on one of the heads through prepositions, names and conjuncts
    only ("met [with X] [in Bogota]", "during [his visit] [to Baghdad]")."""
    for _ in range(8):
        if tok.i in heads:
            return True
        if tok.dep_ not in PATH or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def carry_places(ctx, events: list) -> list:
    """Places the text gives once for several acts: what is said and agreed at a meeting took
    place where the meeting did ("met ... in Bogota. The leaders agreed ..."), and acts done
    somewhere, in a brief set in one place, happened there ("Belarus: ... were detained")."""
    setting = ctx.places.setting()
    meeting = None  # (place, participants, offset) of the last located meeting
    scene = None  # (place, offset) of the last act done at a town ("protests in Kathmandu")
    out = []
    for ev in events:
        if ev.place is None:
            hit = None
            if ev.type in ATTENDED and meeting is not None:
                near = ev.start - meeting[2] <= MEETING_REACH
                if near and set(ev.sources + ev.targets) & meeting[1]:
                    hit = meeting[0]
            elif ev.type in SET and scene is not None and ev.start - scene[1] <= MEETING_REACH:
                hit = scene[0]  # "They were quickly arrested by police" there
            elif ev.type in SET and setting is not None:
                hit = setting
            if hit is not None:
                ev = replace(ev, location=hit.text, place=hit.key, geo_precision=hit.precision)
        elif ev.type == "CONSULT" and ev.geo_precision in POINT and ev.status != "future":
            meeting = (ctx.places.located(ev), set(ev.sources + ev.targets), ev.start)
        elif ev.type in SET and ev.geo_precision in POINT and ev.status != "future":
            scene = (ctx.places.located(ev), ev.start)
        out.append(ev)
    return out


def _run(text: str, base: int, p, prep) -> str:
    """The run of proper nouns around a head: "Gaza City", "Ras al-Ain"."""
    start = end = p
    while start.i - 1 > prep.i and p.doc[start.i - 1].pos_ == "PROPN":
        start = p.doc[start.i - 1]
    while end.i + 1 < len(p.doc) and p.doc[end.i + 1].pos_ == "PROPN":
        end = p.doc[end.i + 1]
    return text[base + start.idx : base + end.idx + len(end.text)]
