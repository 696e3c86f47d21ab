"""What a pronoun or a description ("the statement", "the envoy") refers to, from the mentions
seen so far. Shared by the quote and event extractors."""

from __future__ import annotations

import re
from bisect import bisect_left

from .actors import DocActors, Found

LOOKBACK = 3000  # characters
SUBORDINATORS = {
    "after",
    "because",
    "when",
    "since",
    "as",
    "if",
    "before",
    "until",
    "though",
    "once",
}
STATEMENT_NOUNS = {
    "statement",
    "release",
    "letter",
    "report",
    "communique",
    "communiqué",
    "memo",
    "note",
    "readout",
    "declaration",
    "post",
    "tweet",
    "resolution",
}
ISSUED_NOUNS = {"resolution", "report", "declaration", "communique", "communiqué"}
PRONOUN_RE = re.compile(r"^(?:he|she|it|they|its|his|her|their|we|i)$", re.I)


class Resolver:
    def __init__(self, text: str, doc: DocActors):
        self.text = text
        self.doc = doc
        self.mentions = sorted(doc.mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self.last_speaker: str | None = None
        self.last_speaker_end = -(10**9)  # where the last attributed quote ended

    def kind(self, key: str) -> str:
        info = self.doc.actors.get(key)
        return info.kind if info else "organization"

    def before(self, pos: int, lo: int | None = None) -> list[Found]:
        """Mentions ending by `pos`, from `lo` on (by default a few paragraphs back: what a
        pronoun or description can reach, and what keeps long texts linear)."""
        if lo is None:
            lo = max(0, pos - LOOKBACK)
        return [m for m in self.between(lo, pos) if m.end <= pos]

    def between(self, lo: int, hi: int) -> list[Found]:
        """Mentions starting in [lo, hi)."""
        return self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def starting_at(self, pos: int) -> list[Found]:
        return self.between(pos, pos + 1)

    def pronoun(self, word: str, pos: int, sent_start: int) -> str | None:
        w = word.lower()
        if w in ("he", "she", "his", "her"):
            people = [m for m in self.before(pos) if self.kind(m.key) == "person"]
            return people[-1].key if people else None
        if w in ("we", "i"):
            return self.last_speaker
        prev = re.search(r"(\w+)\W*$", self.text[sent_start:pos])
        after_sub = bool(prev and prev.group(1).lower() in SUBORDINATORS)
        same = [m for m in self.before(pos, sent_start) if self.kind(m.key) != "person"]
        if w in ("its", "their") and self.last_speaker and not same:
            return self.last_speaker
        if same:
            return same[-1].key if after_sub else same[0].key
        earlier = [m for m in self.before(sent_start) if self.kind(m.key) != "person"]
        if not earlier:
            return None
        if after_sub:
            return earlier[-1].key
        # The subject of the closest earlier sentence that names a body.
        last_start = max(self._sentence_start(m.start) for m in earlier)
        return next(m.key for m in earlier if self._sentence_start(m.start) == last_start)

    def _sentence_start(self, pos: int) -> int:
        cut = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos))
        return cut + 1

    def description(self, noun: str, pos: int) -> str | None:
        """ "the statement" -> whoever issued the last one; "the envoy" -> who is called so;
        "the agency", "the two countries" -> the latest body of that kind."""
        noun = noun.lower()
        if noun in STATEMENT_NOUNS:
            if self.last_speaker or noun not in ISSUED_NOUNS:
                return self.last_speaker
            # "The resolution demands that ...": the body that adopted it, named before
            bodies = [m for m in self.before(pos) if self.kind(m.key) == "organization"]
            return bodies[-1].key if bodies else None
        singular = re.sub(r"ies$", "y", noun) if noun.endswith("ies") else noun.rstrip("s")
        kind = GENERIC_KINDS.get(singular)
        earlier = self.before(pos)
        for m in reversed(earlier):
            info = self.doc.actors.get(m.key)
            if info is None:
                continue
            if info.kind == "person" and info.title and singular in info.title.lower():
                return m.key
            if info.kind != "person" and singular in info.name.lower().split():
                return m.key
        for m in reversed(earlier):
            info = self.doc.actors.get(m.key)
            # "The group says ...": a named group, not the "militants" the text mentioned
            if info is not None and kind is not None and info.kind == kind and m.how != "agent":
                return m.key
        return None


GENERIC_KINDS = {
    **dict.fromkeys(
        (
            "agency",
            "organization",
            "organisation",
            "body",
            "institution",
            "department",
            "ministry",
            "office",
            "company",
            "firm",
            "bank",
            "alliance",
            "bloc",
            "union",
            "court",
            "council",
            "committee",
            "commission",
            "party",
            "watchdog",
            "regulator",
            "army",
            "military",
            "junta",
            "embassy",
            "mission",
            "delegation",
        ),
        "organization",
    ),
    **dict.fromkeys(
        (
            "country",
            "nation",
            "state",
            "kingdom",
            "republic",
            "side",
            "government",
            "regime",
            "administration",
            "authority",
            "leadership",
        ),
        "country",
    ),
    **dict.fromkeys(
        ("group", "militant", "militia", "rebel", "insurgent", "movement", "faction"), "group"
    ),
}
