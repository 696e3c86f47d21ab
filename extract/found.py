"""What the actor finders share: a mention found, the brief's actors, and what is learnt about
them while the brief is read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .dictionary import Folded
from .letters import translit
from .records import ActorInfo, Mention


def norm_key(name: str) -> str:
    """One key for a name however it is spelled: "Mevlüt Çavuşoğlu" and "Mevlut Cavusoglu"
    are one actor, in this brief and across briefs."""
    s = translit(unicodedata.normalize("NFKC", name)).lower()
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^\w]+", "-", s).strip("-")


@dataclass
class Found:
    start: int
    end: int
    key: str
    text: str
    how: str  # name | demonym | metonym | surname | title | appositive | run | credit | agent
    # | office | body

    def to_record(self) -> Mention:
        return Mention(self.key, self.start, self.end, self.text)


@dataclass
class DocActors:
    actors: dict[str, ActorInfo]
    mentions: list[Found]
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class State:
    """What the brief has said so far about the actors it names, by key."""

    titles: dict[str, str] = field(default_factory=dict)
    affiliations: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    surnames: Folded = field(default_factory=Folded)  # "Cavusoglu" finds "Çavuşoğlu"
    home: str | None = None  # the dateline's country
    author: str | None = None  # the country speaking in the brief's own voice
    publisher: str | None = None  # the country of the brief's publisher ("The White House")
    published: date | None = None
    # Bodies a title names without saying which ("Department Spokesperson"): key -> head word.
    title_heads: dict[str, str] = field(default_factory=dict)
    domestic: set[str] = field(default_factory=set)  # bodies of the brief's main country
    group_agents: dict[str, str] = field(default_factory=dict)  # "rebels" -> the M23's key
    last_body: str | None = None  # the body the sentences read so far named last

    def learn(self, key: str, name: str, kind: str, title: str | None = None) -> None:
        """The fullest name and title the brief gives an actor: "Jim Mattis" over "Mattis",
        "Secretary of Defense" over "Secretary"."""
        if len(name.split()) > len(self.names.get(key, "").split()):
            self.names[key] = name
        self.kinds.setdefault(key, kind)
        if title and len(title.split()) > len(self.titles.get(key, "").split()):
            self.titles[key] = title
