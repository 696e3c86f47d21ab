"""The curated data the extractors read: actors, their patterns and the word lists.

Loaded once per process. Patterns follow spaCy's SpanRuler shape (`label`, `pattern`, `id`):
every alias of an actor shares the actor's id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .known import Known, index_key, load_known
from .letters import fold
from .records import ActorInfo


@dataclass(frozen=True)
class Pattern:
    id: str
    label: str
    text: str
    use: str  # name | demonym | metonym | surname


class Folded(dict):
    """Patterns by surface text, looked up without diacritics: "Élysée" and "Elysee" are one
    pattern, so is "Çavuşoğlu" and "Cavusoglu". Keys are stored folded (`letters.fold`)."""

    def __getitem__(self, key: str):
        return super().__getitem__(fold(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(fold(key))

    def get(self, key: str, default=None):
        return super().get(fold(key), default)

    def setdefault(self, key: str, default=None):
        return super().setdefault(fold(key), default)


def _lines(name: str) -> list[dict]:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def trie_regex(words: list[str]) -> str:
    """One regex alternation shaped as a trie, so matching cost grows with text, not word count."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@dataclass(frozen=True)
class Dictionary:
    actors: dict[str, ActorInfo]
    patterns: Folded  # surface text (folded) -> patterns

    regex: re.Pattern
    lexicon: dict[str, frozenset[str]]
    titles_regex: re.Pattern
    acronyms: frozenset[str]

    demonyms: dict[str, str]
    maps: dict[str, dict[str, str]]
    known: Known  # Phoenix: names, dated roles and codes, agent words

    def words(self, key: str) -> frozenset[str]:
        return self.lexicon[key]

    def lexicon_map(self, key: str) -> dict[str, str]:
        return self.maps[key]


@cache
def load() -> Dictionary:
    actors = {}
    for row in _lines("actors.jsonl"):
        actors[row["id"]] = ActorInfo(
            key=row["id"],
            name=row["name"],
            kind=row["kind"],
            title=row.get("title"),
            affiliation=row.get("affiliation"),
            code=row.get("code"),
        )
    patterns: Folded = Folded()
    for row in _lines("actor_patterns.jsonl"):
        p = Pattern(row["id"], row["label"], row["pattern"], row.get("use", "name"))
        patterns.setdefault(p.text, []).append(p)
        # "U.S-Russia": the last period of an acronym is often dropped before a hyphen.
        if re.fullmatch(r"(?:[A-Z]\.){2,}", p.text):
            patterns.setdefault(p.text[:-1], []).append(p)
    body = trie_regex(sorted(patterns, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w.])(?<![a-z]-)(?:{body})(?![\w]|\.\w)")
    raw = json.loads(
        resources.files(__package__).joinpath("data", "lexicon.json").read_text(encoding="utf-8")
    )
    lexicon = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    maps = {k: v for k, v in raw.items() if isinstance(v, dict)}
    demonyms: dict[str, str] = {}
    for plist in patterns.values():
        for p in plist:
            if p.use == "demonym" and not p.text.endswith("s"):
                demonyms.setdefault(p.id, p.text)
    titles = sorted(raw["titles"], key=len, reverse=True)
    titles_regex = re.compile(r"(?:" + "|".join(re.escape(t) for t in titles) + r")")
    acronyms = frozenset(t for t in patterns if re.fullmatch(r"[A-Z][A-Z.]+", t))
    ours: dict[str, list[str]] = {}
    for plist in patterns.values():
        for p in plist:
            if p.use == "name" and p.id in actors:
                ids = ours.setdefault(index_key(p.text), [])
                if p.id not in ids:
                    ids.append(p.id)
    known = load_known(actors, ours)
    actors.update(known.actors)
    return Dictionary(
        actors, patterns, regex, lexicon, titles_regex, acronyms, demonyms, maps, known
    )
