"""Everything known about one brief while it is being extracted, passed to each extractor
instead of a long parameter list."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .actors import DocActors, Found
from .dictionary import load as load_dictionary
from .nlp import Clock, Parse, Sentence
from .records import ActorInfo, Layout, Quote
from .refs import Resolver

ENFORCERS = frozenset({"COP", "MIL", "JUD", "SPY", "GOV"})  # CAMEO agent codes that arrest


@dataclass
class Context:
    text: str
    published: date | None
    layout: Layout
    parsed: Parse
    sents: list[Sentence]
    actors: DocActors
    quotes: list[Quote] = field(default_factory=list)
    publisher: str | None = None  # the publisher's actor, when the brief names it
    clock: Clock = field(default_factory=lambda: Clock(None))
    # The two sides of the conversation the brief just reported ("X spoke with Y"): who
    # "they" and "the leaders" are next; set by the event coder as it reads.
    last_pair: tuple[str, str] | None = None
    last_pair_at: int = 0
    # Acts told so far by (type, lemma of the word telling them): "the attack" points back.
    told: dict[tuple[str, str], list] = field(default_factory=dict)

    def pair_near(self, pos: int, reach: int = 1200) -> bool:
        return self.last_pair is not None and pos - self.last_pair_at <= reach

    # The brief's place mentions, resolved (extract.places.DocPlaces); set before events.
    places: object = None

    # Who "I" and "we" are outside any quote: a byline's person, else the body of the first
    # sentence ("The United States condemns ... We call on"); set by the event coder.
    author: str | None = None

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.text, self.actors)
        self.mentions_by_start: list[Found] = self.resolver.mentions
        self._sent_starts = [s.start for s in self.sents]
        self._focus: list[str] | None = None

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self.quotes]

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose span holds this offset (quotes do not nest)."""
        if not self.quotes:
            return None
        i = bisect_right(self._quote_starts, pos) - 1
        for q in self.quotes[max(0, i - 2) : i + 1]:
            if q.start <= pos < q.end:
                return q
        return None

    def speaker_at(self, pos: int) -> str | None:
        """Who "we" or "our" is at this offset: the speaker of the quote it stands in, else
        the brief's author."""
        q = self.quote_at(pos)
        return q.speaker if q and q.speaker else self.author

    def country_of(self, word: str, pos: int, uses=("demonym",)) -> str | None:
        """The country a national adjective (or a capital or country name, by `uses`) at
        `pos` names; the country becomes an actor of the brief (with this mention) if it was
        not one yet."""
        d = load_dictionary()
        for p in d.patterns.get(word, ()):
            info = d.actors.get(p.id)
            if p.use not in uses or info is None or info.kind != "country":
                continue
            self.actors.actors.setdefault(p.id, info)
            self.actors.mentions.append(Found(pos, pos + len(word), p.id, word, "demonym"))
            return p.id
        return None

    def enforcer_before(self, pos: int, reach: int = 700) -> str | None:
        """The security body (police, army, courts, a government's forces) the text named last
        before `pos`: who did an arrest told without its agent ("30 people were detained")."""
        i = bisect_right([m.start for m in self.mentions_by_start], pos) - 1
        while i >= 0 and self.mentions_by_start[i].start > pos - reach:
            info = self.actors.actors.get(self.mentions_by_start[i].key)
            if info is not None and info.kind != "person" and (info.code or "")[3:] in ENFORCERS:
                return info.key
            i -= 1
        return None

    def group_of(self, phrase: str, bare: str, pos: int, country: str | None) -> str:
        """A group of people the text names only by what they are ("19 civilians", "all
        parties", "Congolese civilians"), made an actor of the brief because it takes part in
        an event, as ACLED codes "Civilians (Country)". `phrase` is its modifiers and noun."""
        key = "group:" + "-".join(phrase.lower().split())
        if country:
            key += ":" + country.lower()
        aliases = tuple(dict.fromkeys(a for a in (phrase, bare) if a))
        info = ActorInfo(key, phrase, "group", affiliation=country, aliases=aliases)
        self.actors.actors.setdefault(key, info)
        self.actors.mentions.append(Found(pos, pos + len(phrase), key, phrase, "group"))
        return key

    def focus(self, exclude: tuple[str, ...]) -> str | None:
        """The actor the brief is most about, other than `exclude`: the country, body or
        group it names most (the first named on a tie). The ranking is made once, from the
        mentions the actor finder made, so each call is as short as `exclude`."""
        if self._focus is None:
            counts: dict[str, int] = {}
            for m in self.mentions_by_start:
                info = self.actors.actors.get(m.key)
                if info is not None and info.kind != "person":  # a country stands for its people
                    counts[m.key] = counts.get(m.key, 0) + 1
            self._focus = sorted(counts, key=lambda k: -counts[k])  # stable: first named first
        return next((k for k in self._focus if k not in exclude), None)

    def piece_before(self, base: int):
        """The parsed piece (offset, Doc) before the one at `base`, if any."""
        pieces = self.parsed.pieces
        for i, (b, _) in enumerate(pieces):
            if b == base:
                return pieces[i - 1] if i else None
        return None

    def agent_words(self) -> frozenset[str]:
        return load_dictionary().words("agent_nouns")

    def sentence_index(self, pos: int) -> int | None:
        i = bisect_right(self._sent_starts, pos) - 1
        return i if i >= 0 else None

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sents[i].start <= pos < self.sents[i].end:
            return self.sents[i]
        return None
