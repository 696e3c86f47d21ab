"""Places a brief names as locations, resolved to the committed gazetteer (GeoNames and curated
entries), and the place of each event. Offline: the gazetteer is a file of this package.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..nlp import pipeline
from ..records import Place, PlaceMention
from .gazetteer import Candidate
from .gazetteer import gazetteer as shared_gazetteer
from .landmarks import find_landmarks, place_landmarks, same_as_before
from .resolve import resolve
from .spots import Spot, find_spots, words

# Where a precise-enough event may be drawn: a country or a sea is no point on a map.
PRECISION = {
    "city": "city",
    "landmark": "city",
    "admin1": "admin1",
    "country": "country",
    "continent": "region",
    "region": "region",
    "water": "region",
}
POINTED = frozenset({"city", "near_city", "admin1"})
MAX_TITLE = 300  # characters of a headline parsed for places
DATELINE_SPLIT = re.compile(r"[,(—–-]")


def to_place(c: Candidate) -> Place:
    return Place(
        key=c.key,
        name=c.name,
        feature=c.feature,
        country_code=c.country_code,
        admin1_code=c.admin1_code,
        admin1=c.admin1,
        latitude=c.latitude,
        longitude=c.longitude,
        population=c.population or None,
        geonames_id=c.geonames_id,
        source=c.source,
    )


@dataclass(frozen=True)
class Located:
    """An event's place: the mention's text, the place and how precisely it pins the event."""

    text: str
    key: str
    precision: str
    feature: str = ""


class DocPlaces:
    """The brief's place mentions in text order, with the places they resolved to."""

    def __init__(self, spots: list[Spot]):
        self.spots = [s for s in spots]
        self.starts = [s.start for s in self.spots]

    def at(self, start: int, end: int) -> Spot | None:
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0 and self.spots[i].end > start:
            if self.spots[i].start < end:
                return self.spots[i]
            i -= 1
        return None

    def locate(self, start: int, end: int, near: bool = False) -> Located | None:
        spot = self.at(start, end)
        if spot is None or spot.chosen is None or spot.kind == "dateline":
            return None
        precision = PRECISION[spot.chosen.feature]
        if (near or spot.frame == "near") and precision == "city":
            precision = "near_city"
        return Located(spot.text, spot.chosen.key, precision, spot.chosen.feature)

    def most_specific(self, start: int, end: int) -> Located | None:
        """The finest place named as a location (not a dateline) between two offsets."""
        rank = {"city": 0, "near_city": 0, "admin1": 1, "region": 2, "country": 3}
        i, found = bisect_left(self.starts, start), []
        while i < len(self.spots) and self.spots[i].start < end:
            s = self.spots[i]
            if s.kind != "dateline" and s.chosen is not None:
                found.append(self.locate(s.start, s.end))
            i += 1
        found = [f for f in found if f is not None]
        return min(found, key=lambda f: rank[f.precision]) if found else None

    def located(self, event) -> Located:
        return Located(event.location, event.place, event.geo_precision)

    def setting(self) -> Located | None:
        """The one place a brief is set in: its headline's, else the place most of its
        locative mentions name (three in five at least, or its only one); never the
        dateline's alone."""
        spots = [s for s in self.spots if s.chosen is not None and s.kind != "dateline"]
        for s in spots:
            if s.title:
                return self.locate(s.start, s.end)
        if not spots:
            return None
        keys = [s.chosen.key for s in spots]
        finer = {s.chosen.key: s for s in spots if s.chosen.feature != "country"}
        codes = {s.chosen.country_code for s in spots}
        if len(finer) == 1 and len(codes) == 1:
            # "in the Cauca region of western Colombia": one place inside the brief's country
            only = next(iter(finer.values()))
            return self.locate(only.start, only.end)
        top = max(set(keys), key=keys.count)
        if keys.count(top) * 5 < len(keys) * 3:
            return None
        first = next(s for s in spots if s.chosen.key == top)
        return self.locate(first.start, first.end)

    def records(self) -> tuple[tuple[Place, ...], tuple[PlaceMention, ...]]:
        places: dict[str, Place] = {}
        mentions = []
        for s in self.spots:
            if s.chosen is not None:
                places.setdefault(s.chosen.key, to_place(s.chosen))
            mentions.append(
                PlaceMention(
                    s.chosen.key if s.chosen else None,
                    s.start,
                    s.end,
                    s.text,
                    s.kind,
                    round(s.confidence, 2),
                )
            )
        return tuple(places.values()), tuple(mentions)


def _dateline_span(text: str, layout) -> tuple[int, int] | None:
    if not layout.dateline:
        return None
    at = text.find(layout.dateline)
    return None if at < 0 else (at, at + len(layout.dateline))


def find_places(ctx) -> DocPlaces:
    """Every place the brief names as a location, resolved for the whole brief."""
    gaz = shared_gazetteer()
    actors = ctx.actors

    found = sorted(actors.mentions, key=lambda m: m.start)
    starts = [m.start for m in found]

    iso: dict[str, str | None] = {}

    def country_of(key: str) -> str | None:
        if key not in iso:
            states = [c for c in gaz.lookup(actors.actors[key].name) if c.feature == "country"]
            iso[key] = states[0].country_code if states else None
        return iso[key]

    def actor_at(start: int, end: int) -> tuple[str | None, str | None, bool]:
        """(kind, ISO country, metonym?) of the actor mention over a span, if any. A country
        named inside a longer place name ("Mexico" of "Mexico City") does not count."""
        i, best = bisect_right(starts, end - 1) - 1, (None, None, False)
        while i >= 0 and found[i].start > start - 300:  # no actor name is longer
            m = found[i]
            i -= 1
            if m.end <= start or m.key not in actors.actors:
                continue
            kind = actors.actors[m.key].kind
            if kind != "country":
                return kind, None, False
            if m.start <= start and end <= m.end:
                best = (kind, country_of(m.key), m.how == "metonym")
        return best

    dateline = _dateline_span(ctx.text, ctx.layout)
    title = None
    if ctx.layout.title_span:
        s, e = ctx.layout.title_span
        title = (s, pipeline().make_doc(ctx.text[s:e][:MAX_TITLE]))
    spots = find_spots(ctx.parsed.pieces, ctx.text, gaz, actor_at, dateline, title)
    countries = set()
    for info in actors.actors.values():
        if info.kind == "country":
            countries |= {c.country_code for c in gaz.lookup(info.name) if c.feature == "country"}
    countries.discard(None)
    dl_country = None
    if dateline is not None:
        # The dateline is no parsed text: "KYIV, Ukraine —", "GAZA CITY, March 4 (Reuters) —".
        parts = [p.strip() for p in DATELINE_SPLIT.split(ctx.layout.dateline) if p.strip()]
        city = parts[0] if parts else ""
        cands = gaz.lookup(city) if city else []
        if cands:
            at = dateline[0]
            spots.insert(0, Spot(at, at + len(city), city, "dateline", "dateline", cands))
        for part in parts[1:2]:
            states = [c for c in gaz.lookup(part) if c.feature == "country"]
            dl_country = states[0].country_code if states else None
    spots.sort(key=lambda s: s.start)
    resolve(spots, countries, dl_country)
    marks = find_landmarks(ctx.parsed.pieces, ctx.text, spots, words(), actor_at)
    if marks:
        spots = sorted(spots + marks, key=lambda s: s.start)
        place_landmarks(spots, _setting_town(spots), gaz)
        same_as_before(spots, ctx.text)
    return DocPlaces(spots)


def _setting_town(spots: list[Spot]) -> Candidate | None:
    """The one town a brief names as a location, if it names one."""
    towns = {
        s.chosen.key: s.chosen
        for s in spots
        if s.chosen is not None and s.kind != "dateline" and s.chosen.feature == "city"
    }
    return next(iter(towns.values())) if len(towns) == 1 else None
