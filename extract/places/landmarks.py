"""Landmarks the gazetteer cannot know: "the Westgate Shopping Mall in Nairobi", "the Jenin
refugee camp", "Machipisa police station in Highfields". A name ending in a landmark noun, used
as a location, becomes a place of its own, drawn at the town the text puts it in (its name's
town, else a town named beside it in the sentence, else the one town the brief is set in):
near enough for a map at city scale, and never without a town to stand on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .gazetteer import Candidate
from .spots import Spot, Words, _namey, frame_of

MODIFIERS = 2  # lowercase words between the name and its head: "Jenin refugee camp"
SLUG_RE = re.compile(r"[^a-z0-9]+")
TOWNS = frozenset({"city", "landmark"})


def local_names(pieces, w: Words) -> set[str]:
    """Names the text itself calls a suburb, village or district: "Highfields, the suburb
    where the rally was held", "the village of Dinde", "Jenin camp"."""
    out = set()
    for _, doc in pieces:
        for tok in doc:
            if tok.pos_ != "PROPN":
                continue
            appos = [c for c in tok.children if c.dep_ == "appos" and c.lower_ in w.local_nouns]
            head = tok.head
            of_local = (
                tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in (w.local_nouns)
            )
            if appos or of_local:
                out.add(_compound(tok).text)
    return out


def _compound(tok):
    """A name with the names compounded onto it: "Uma Kasara"."""
    first = tok
    while (
        first.i > 0
        and tok.doc[first.i - 1].dep_ == "compound"
        and tok.doc[first.i - 1].head.i == tok.i
    ):
        first = tok.doc[first.i - 1]
    return tok.doc[first.i : tok.i + 1]


def find_landmarks(pieces, text: str, taken: list[Spot], w: Words, actor_at) -> list[Spot]:
    """Landmark mentions (without a place yet) outside the spans already found, and the
    mentions of names the text calls a suburb or village."""
    covered = [(s.start, s.end) for s in taken]
    out: list[Spot] = []
    local = local_names(pieces, w)
    for base, doc in pieces:
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ == "compound":
                continue
            name = _compound(tok)
            if name.text not in local or tok.lower_ in w.not_places:
                continue
            s, e = base + name.start_char, base + name.end_char
            if any(a < e and s < b for a, b in covered):
                continue
            kind, _, _ = actor_at(s, e)
            if kind is None and frame_of(tok, w) in ("in", "near", "site"):
                out.append(Spot(s, e, name.text, "locative", "in", [], landmark=True, local=True))
        for head in doc:
            if head.lower_ not in w.landmark_heads:
                continue
            k = head.i - 1
            while k >= 0 and head.i - k <= MODIFIERS and doc[k].is_lower and doc[k].is_alpha:
                if doc[k].lower_ in w.landmark_stops:
                    break
                k -= 1
            first = k
            while first >= 0 and (_namey(doc[first]) or doc[first].lower_ in ("de", "al", "el")):
                first -= 1
            first += 1
            if first > k or not _namey(doc[first]) or doc[first].is_sent_start and first == k:
                continue  # no name before the head: "the camp", "a school"
            s, e = base + doc[first].idx, base + head.idx + len(head.text)
            if any(a < e and s < b for a, b in covered) or "\n" in text[s:e]:
                continue
            kind, _, _ = actor_at(s, e)
            if kind is not None and kind != "country":
                continue  # an organisation's name: "Al-Khifah School Trust"
            if frame_of(head, w) not in ("in", "near", "site"):
                continue
            out.append(Spot(s, e, text[s:e], "locative", "in", [], landmark=True))
    return out


def place_landmarks(spots: list[Spot], setting_town: Candidate | None, gaz) -> None:
    """Give each landmark the town it stands in, or leave it unresolved."""
    for n, spot in enumerate(spots):
        if not spot.landmark:
            continue
        countries = {s.chosen.country_code for s in spots if s.chosen is not None}
        own = _own_town(spot, gaz)
        if own is not None and own.country_code not in countries:
            own = None  # "Westgate Shopping Mall" is no Westgate of Ohio
        town = _beside(spots, n) or own or setting_town
        if town is None:
            continue
        slug = SLUG_RE.sub("-", spot.text.lower()).strip("-")
        spot.chosen = replace(
            town,
            key=f"text:{slug}:{town.key}",
            geonames_id=None,
            feature="city" if spot.local else "landmark",
            name=spot.text[4:] if spot.text.lower().startswith("the ") else spot.text,
            population=0,
            source="text",
            by_alias=False,
        )
        spot.confidence, spot.rule = 0.6, "landmark in its town"


def same_as_before(spots: list[Spot], text: str) -> None:
    """ "the Lal Masjid (Red Mosque)": a landmark's name in brackets is the same place."""
    for a, b in zip(spots, spots[1:], strict=False):
        if a.landmark and b.landmark and a.chosen and text[a.end : b.start].strip() == "(":
            b.chosen, b.confidence, b.rule = a.chosen, a.confidence, "the same, in brackets"


def _own_town(spot: Spot, gaz) -> Candidate | None:
    """ "Jenin refugee camp": the name's first words are the town."""
    words = spot.text.split()
    for n in range(len(words) - 1, 0, -1):
        towns = [c for c in gaz.lookup(" ".join(words[:n])) if c.feature == "city"]
        if towns:
            return max(towns, key=lambda c: c.population)
    return None


def _beside(spots: list[Spot], n: int) -> Candidate | None:
    """A town named just after or before it: "the Westgate Shopping Mall in Nairobi"."""
    me = spots[n]
    near = [
        s
        for s in spots
        if s is not me
        and not s.landmark
        and s.chosen is not None
        and s.chosen.feature in TOWNS
        and abs(s.start - me.end) < 80
    ]
    return min(near, key=lambda s: abs(s.start - me.end)).chosen if near else None
