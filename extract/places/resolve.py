"""Which place each name means, decided for the whole brief, deterministically and in an order a
reader can follow (each rule sets the mention's `confidence`):

1. countries, continents and curated places (seas, regions, landmarks) first; two countries of
   one name (Congo) by context, else the larger;
2. the brief's context: countries it names (its country actors and unambiguous places), admin
   units named beside a town ("Bangor, Maine"), the dateline's country;
3. a town beats a same-name admin unit of its own country unless the text says "province",
   "oblast", "state" …; a US state beats a same-name country only when the brief is set in
   the United States (Georgia with Atlanta);
4. candidates in a context country beat the others, then population;
5. out of context, a name known only as an alternate name of a place under 15,000 people is
   refused, and two candidates within 5x population leave the name unresolved.
"""

from __future__ import annotations

from .gazetteer import Candidate
from .spots import Spot

SMALL = 15_000
CLEAR = 100_000  # an unambiguous place: one candidate, or ten times the next and this big
TIE = 5.0
FIRST_CLASS = frozenset({"country", "continent", "region", "water", "landmark"})


def _pop(c: Candidate) -> int:
    return c.population or 0


def _clear(cands: list[Candidate]) -> Candidate | None:
    if len(cands) == 1:
        return cands[0]
    ranked = sorted(cands, key=_pop, reverse=True)
    if _pop(ranked[0]) >= CLEAR and _pop(ranked[0]) >= 10 * max(_pop(ranked[1]), 1):
        return ranked[0]
    return None


class Context:
    """What the brief says about where it is set. Each piece of evidence remembers the mention
    it came from: a name is never its own context (a lone village of another country would
    otherwise vouch for itself)."""

    def __init__(self, spots: list[Spot], countries: set[str], dateline_country: str | None):
        self.countries: dict[str, set[int]] = {c: {-1} for c in countries}
        if dateline_country:
            self.countries.setdefault(dateline_country, set()).add(-1)
        self.admin1: dict[tuple[str, str], set[int]] = {}
        for n, spot in enumerate(spots):
            c = _clear(spot.candidates)
            if c is None or not c.country_code:
                continue
            self.countries.setdefault(c.country_code, set()).add(n)
            if c.admin1_code and (c.feature == "admin1" or _pop(c) >= CLEAR):
                self.admin1.setdefault((c.country_code, c.admin1_code), set()).add(n)
        self.current = -2  # the mention being resolved

    def _other(self, sources: set[int] | None) -> bool:
        return bool(sources and sources - {self.current})

    @property
    def any(self) -> bool:
        return any(self._other(s) for s in self.countries.values())

    def holds(self, c: Candidate) -> bool:
        return self._other(self.countries.get(c.country_code))

    def in_admin1(self, c: Candidate) -> bool:
        return self._other(self.admin1.get((c.country_code, c.admin1_code)))


def choose(spot: Spot, ctx: Context) -> tuple[Candidate | None, float, str]:
    cands = spot.candidates
    firsts = [c for c in cands if c.feature in FIRST_CLASS]
    admins = [c for c in cands if c.feature == "admin1"]
    towns = [c for c in cands if c.feature == "city"]
    if firsts:
        states = [c for c in firsts if c.feature == "country"]
        # Georgia with Atlanta: the US state, when the brief is set in that state or country
        # and does not name the country's own places.
        for a in admins:
            if ctx.holds(a) and ctx.in_admin1(a) and not any(ctx.holds(s) for s in states):
                return a, 0.8, "admin1 in context"
        inside = [c for c in firsts if ctx.holds(c)]
        pool = inside or firsts
        best = max(pool, key=lambda c: (c.feature == "country", _pop(c)))
        return best, 0.95 if len(firsts) == 1 else 0.85, "first class"
    if spot.admin_hint and admins:
        pool = [a for a in admins if ctx.holds(a)] or admins
        return max(pool, key=_pop), 0.9, "admin word"
    # A town beats a same-name admin unit of its own country (Aleppo, Idlib, Washington) when
    # it is a real city, not a hamlet named after the state (Florida).
    own = {t.country_code for t in towns if _pop(t) >= CLEAR}
    admins = [a for a in admins if a.country_code not in own]
    pool = towns + admins
    if not pool:
        return None, 0.0, "no candidate"
    inside = [c for c in pool if ctx.holds(c)]
    if inside:
        near = [c for c in inside if ctx.in_admin1(c)]
        # A place's own name beats another's alternate name (Pokrovsk, not Engels, once
        # called Pokrovsk), then the larger.
        best = max(near or inside, key=lambda c: (not c.by_alias, _pop(c)))
        world = max([c for c in pool if not c.by_alias] or [best], key=_pop)
        if not near and _pop(world) >= CLEAR and _pop(world) >= TIE * _pop(best):
            # Geneva in a US brief is still Geneva, not a town of Illinois named after it.
            return world, 0.7, "world city"
        return best, 0.9 if near or len(inside) == 1 else 0.75, "context"
    # A place's own name before another's old one (Islamabad is not Chattogram), then size.
    ranked = sorted(pool, key=lambda c: (not c.by_alias, _pop(c)), reverse=True)
    best = ranked[0]
    if ctx.any and (_pop(best) < SMALL or (best.by_alias and _pop(best) < CLEAR)):
        return None, 0.0, "small town outside the brief's countries"
    if best.by_alias and _pop(best) < SMALL:
        return None, 0.0, "small alias out of context"
    rivals = [c for c in ranked[1:] if c.by_alias == best.by_alias]
    if rivals and _pop(best) < TIE * max(_pop(rivals[0]), 1):
        return None, 0.0, "tie out of context"
    return best, 0.6, "population"


def resolve(spots: list[Spot], countries: set[str], dateline_country: str | None) -> None:
    ctx = Context(spots, countries, dateline_country)
    for n, spot in enumerate(spots):
        ctx.current = n
        spot.chosen, spot.confidence, spot.rule = choose(spot, ctx)
