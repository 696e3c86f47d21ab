"""Where a brief names a place used as a location: gazetteer names found in the parse, kept when
the syntax says they locate something ("talks in Geneva", "strikes on Aleppo", "the Aleppo
hospital", "north of Kyiv") or when they open the brief as its dateline ("KYIV, Ukraine —").

A country or capital as actor or metonym ("Russia said", "Washington warned") is no place:
only a locative frame makes one, so subjects and objects are left to the actor extractors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .. import syntax as S
from .gazetteer import Candidate, Gazetteer

# A name's pieces besides capitalised words: "Gulf of Aden", "Democratic Republic of the Congo",
# "Ras al-Ain", "Bosnia and Herzegovina".
CONNECTORS = frozenset({"of", "the", "al", "el", "de", "du", "la", "and", "-", "'s", "upon", "on"})
# Feature kinds that may be named only by a locative frame: a country in subject position is
# an actor, a city in a compound ("the Aleppo hospital") is still a place.
STATES = frozenset({"country", "continent"})


@dataclass(frozen=True)
class Words:
    locative_preps: frozenset[str]
    near_preps: frozenset[str]
    motion_preps: frozenset[str]
    motion_words: frozenset[str]
    site_verbs: frozenset[str]
    landmark_heads: frozenset[str]
    local_nouns: frozenset[str]
    landmark_stops: frozenset[str]
    site_preps: frozenset[str]
    place_nouns: frozenset[str]
    admin_words: frozenset[str]
    compass_words: frozenset[str]
    not_places: frozenset[str]


@cache
def words() -> Words:
    raw = json.loads(resources.files("extract").joinpath("data", "place_words.json").read_text())
    return Words(**{k: frozenset(v) for k, v in raw.items()})


@dataclass
class Spot:
    """A place name in the text, its gazetteer candidates and how the text uses it."""

    start: int
    end: int
    text: str
    kind: str  # locative | dateline | actor (a country actor's mention used locatively)
    frame: str  # in | near | site | modifier | dateline
    candidates: list[Candidate]
    admin_hint: bool = False  # "Idlib province": the admin unit, not the town
    title: bool = False  # named in the headline
    landmark: bool = False  # a landmark the text names, placed at its town once resolved
    local: bool = False  # a suburb or village the text itself calls one ("Highfields")
    sentence: int = 0
    chosen: Candidate | None = None
    confidence: float = 0.0
    rule: str = ""
    notes: list[str] = field(default_factory=list)


def _namey(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() is False and t in ("al-", "el-")))


def _head(doc, i: int, j: int):
    """The token of tokens i..j whose head lies outside them."""
    for k in range(j, i - 1, -1):
        h = doc[k].head.i
        if h < i or h > j or h == k:
            return doc[k]
    return doc[j]


def frame_of(tok, w: Words) -> str | None:
    """How the parse uses a place name's head token: as a location or not at all."""
    t = tok
    for _ in range(4):  # "in Aleppo and Idlib", "in the capital, Kabul"
        if t.dep_ in (S.CONJ, S.APPOS) and t.head.i != t.i:
            t = t.head
        else:
            break
    if t.dep_ == S.POBJ:
        prep = t.head
        word = prep.lower_
        if word in w.locative_preps:
            return "near" if word in w.near_preps else "in"
        if word in w.motion_preps:
            # "flights to Russia", "fled from Aleppo" — but "gratitude to Japan" and "a
            # message from Moscow" name a party: the governing word must be one of motion.
            gov = prep.head
            if gov.lemma_.lower() in w.motion_words or gov.lower_ in w.motion_words:
                return "in"
            return "weak"
        if word in w.site_preps:
            return "site"
        if word == "of" and prep.head.lower_ in w.near_preps:  # "outside of Moscow"
            return "near"
        if word == "of" and prep.head.lower_ in w.place_nouns:
            near = prep.head.lower_ in w.compass_words or prep.head.lower_ in (
                "outskirts",
                "suburbs",
                "suburb",
            )
            return "near" if near else "in"
    if t.dep_ == S.POSS and t.head.lower_ in w.place_nouns | w.admin_words:
        # "in Sudan's West Darfur region": the owner of a located region is located too.
        return frame_of(t.head, w)
    if t.dep_ in (S.COMPOUND, S.POSS, S.NMOD) and t.head.pos_ == "NOUN":
        return "modifier"
    if t.dep_ == S.DOBJ and t.head.lemma_.lower() in w.site_verbs:
        return "site"  # "shelled Aleppo", "the quake that devastated Central Sulawesi"
    return None


def find_spots(
    pieces, text: str, gaz: Gazetteer, actor_at, dateline: tuple[int, int] | None, title=None
):
    """Every gazetteer name the text uses as a location, in text order. `actor_at(start, end)`
    is (kind, country, metonym?) of an actor mention over the span. `title`: the headline's
    (offset, Doc), read by its words alone — in Title Case every word looks like a name."""
    w = words()
    longest = gaz.longest_words()
    out: list[Spot] = [] if title is None else _title_spots(*title, text, gaz, actor_at, w)
    for base, doc in pieces:
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if not _namey(tok):
                i += 1
                continue
            # The run of name-like tokens from here bounds the lookups: most are one or two.
            run = i
            while (
                run + 1 < n
                and run + 1 - i < longest
                and (_namey(doc[run + 1]) or doc[run + 1].lower_ in CONNECTORS)
            ):
                run += 1
            found = None
            for j in range(run, i - 1, -1):
                if not _namey(doc[j]):
                    continue
                s, e = base + tok.idx, base + doc[j].idx + len(doc[j].text)
                surface = text[s:e]
                if "\n" in surface:
                    continue
                cands = gaz.lookup(surface)
                if cands:
                    found = (j, s, e, surface, cands)
                    break
            if found is None:
                i += 1
                continue
            j, s, e, surface, cands = found
            spot = _judge(doc, i, j, s, e, surface, cands, w, actor_at, dateline)
            if spot is not None:
                out.append(spot)
            i = j + 1
    return out


def _judge(doc, i, j, s, e, surface, cands, w: Words, actor_at, dateline) -> Spot | None:
    if surface.casefold() in w.not_places:
        return None
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    admin_hint = nxt is not None and nxt.lower_ in w.admin_words
    # Part of a longer name ("Aleppo Media Center", "University of Kabul"): an organisation.
    if (
        nxt is not None
        and _namey(nxt)
        and not admin_hint
        and nxt.lower_ not in w.admin_words
        and nxt.lower_ not in w.not_places  # "Helsinki Monday": a date, not more name
    ):
        if not (nxt.text == nxt.text.upper() and len(nxt.text) > 3):  # "KYIV, UKRAINE"
            return None
    if i >= 2 and doc[i - 1].lower_ == "of" and _namey(doc[i - 2]) and not doc[i - 2].is_sent_start:
        if doc[i - 2].lower_ not in w.place_nouns and doc[i - 2].lower_ not in w.compass_words:
            return None
    if i >= 1 and _namey(doc[i - 1]) and not doc[i - 1].is_sent_start:
        if doc[i - 1].lower_ not in w.compass_words and doc[i - 1].text != doc[i - 1].text.upper():
            return None
    kind, country, metonym = actor_at(s, e)
    if kind is not None and kind != "country":
        return None  # a person's or an organisation's name
    if kind == "country" and country:
        cands = _as_actor(cands, country, metonym)
        if not cands:
            return None
    if dateline is not None and dateline[0] <= s < dateline[1]:
        return Spot(s, e, surface, "dateline", "dateline", cands)
    frame = frame_of(_head(doc, i, j), w)
    if frame is None and i > 0 and doc[i - 1].lower_ in w.place_nouns:
        frame = frame_of(doc[i - 1], w)  # "in the Finnish capital Helsinki Monday"
    if frame is None:
        return None
    if frame in ("site", "modifier", "weak"):
        # "sanctions on Russia", "the Russia talks", "support to Kenya": a country (or a
        # capital standing for one) there is a party, not a place; a town is a place.
        if kind == "country" or any(c.feature in STATES for c in cands):
            return None
        if frame == "weak":
            frame = "in"
    if admin_hint:  # "the Mopti region": the name as the text gives it
        e = doc[j + 1].idx + len(doc[j + 1].text) + (s - doc[i].idx)
        surface = doc.text[doc[i].idx : doc[j + 1].idx + len(doc[j + 1].text)]
    return Spot(
        s,
        e,
        surface,
        "actor" if kind == "country" else "locative",
        frame,
        cands,
        admin_hint=admin_hint,
    )


def _title_spots(base: int, doc, text: str, gaz: Gazetteer, actor_at, w: Words) -> list[Spot]:
    """A headline's places: a gazetteer name right after a locative preposition ("19 Killed in
    Southern Peru", "Statement on developments in Cambodia")."""
    out = []
    # "Belarus: Declaration by ...": a headline's leading name before a colon sets it.
    colon = next((t.i for t in doc if t.text == ":"), None)
    for i, tok in enumerate(doc):
        if i == 0 and colon is not None and 0 < colon <= gaz.longest_words():
            k = 0
        elif tok.lower_ not in w.locative_preps:
            continue
        else:
            k = i + 1
        while k < len(doc) and doc[k].lower_ == "the":
            k += 1
        first = k  # "in West Bank and Gaza": the compass word may be the name's own
        while k < len(doc) and doc[k].lower_ in w.compass_words:
            k += 1
        for start in dict.fromkeys((first, k)):
            if start < len(doc) and _title_match(base, doc, start, text, gaz, actor_at, w, out):
                break
    return out


def _title_match(base, doc, k: int, text: str, gaz: Gazetteer, actor_at, w: Words, out) -> bool:
    """The longest gazetteer name from token k, added to `out`; whether the words were read
    as a name at all (found, or an actor's)."""
    found = _title_longest(base, doc, k, text, gaz, w)
    if found is None:
        return False
    j, s, e, cands = found
    kind, country, metonym = actor_at(s, e)
    if kind is not None and kind != "country":
        return True
    if kind == "country" and country:
        cands = _as_actor(cands, country, metonym)
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if nxt is not None and _namey(nxt) and nxt.lower_ not in w.locative_preps:
        # "Attack at Westgate Shopping Mall": in Title Case a longer name may go on;
        # only a country or a big city is safe to take.
        cands = [c for c in cands if c.feature in STATES or c.population >= 100_000]
    if cands:
        out.append(Spot(s, e, text[s:e], "locative", "in", cands, title=True))
        if j + 2 < len(doc) and doc[j + 1].lower_ in (",", "and"):  # "in Islamabad, Pakistan"
            after = _title_longest(base, doc, j + 2, text, gaz, w)
            if after is not None:
                _, s2, e2, cands2 = after
                out.append(Spot(s2, e2, text[s2:e2], "locative", "in", cands2, title=True))
    return True


def _title_longest(base: int, doc, k: int, text: str, gaz: Gazetteer, w: Words):
    """(last token, start, end, candidates) of the longest gazetteer name from token k."""
    for j in range(min(len(doc), k + gaz.longest_words()) - 1, k - 1, -1):
        if not _namey(doc[j]):
            continue
        s, e = base + doc[k].idx, base + doc[j].idx + len(doc[j].text)
        cands = gaz.lookup(text[s:e])
        if cands and text[s:e].casefold() not in w.not_places:
            return j, s, e, cands
    return None


def _as_actor(cands: list[Candidate], country: str, metonym: bool) -> list[Candidate]:
    """A name the actor extractor has read already: "the UK" is the United Kingdom (not Uk,
    Russia), "Washington" as a capital is a city of that country, "Dagestan" coded as Russia
    a region of it."""
    cands = [c for c in cands if c.country_code == country]
    if metonym:
        return [c for c in cands if c.feature == "city"]
    return [c for c in cands if c.feature == "country"] or cands
