"""Pattern finders for people and bodies the dictionary does not know.

Each finder reads one sentence and returns `Candidate`s; `actors.py` decides what they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import Dictionary

WORD_RE = re.compile(r"[\w][\w'’.-]*[\w]|[\w]")
NAME_TOKEN = r"(?:(?:al|el|bin|ibn|de|da|van|von|der|du|abu|Abu|Al|El)[- ])?[A-Z][\w]*(?:[-'’][A-Z]?[\w]+)*"
NAME = rf"{NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}}"
POSSESSIVE_RE = re.compile(r"['’]s$|['’]$")
SPEECH_AFTER_RE = re.compile(
    r"^,?\s*(?:said|says|told|added|stated|warned|noted|wrote|argued|insisted|explained|"
    r"announced|asked|replied|tweeted|posted|claimed|declared|urged|called)\b"
)


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets into the sentence
    end: int
    name: str
    kind: str
    title: str | None = None
    title_span: tuple[int, int] | None = None  # where the title or appositive stands
    how: str = "pattern"


def _trim_name(name: str, stops: frozenset[str]) -> str:
    """Cut a name at a word that cannot belong to it ("Obama Tuesday", "Kerry’s")."""
    words = name.split(" ")
    kept: list[str] = []
    for w in words:
        bare = POSSESSIVE_RE.sub("", w)
        if bare in stops or not bare:
            break
        kept.append(bare)
        if bare != w:
            break
    return " ".join(kept)


def titled_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "Secretary of State John Kerry", "President Bashar al-Assad", "spokesman John Kirby"."""
    out = []
    stops = d.words("stop_caps") | d.words("org_heads")
    for m in d.titles_regex.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        rest = text[m.end() :]
        nm = re.match(rf" ({NAME})", rest)
        if not nm:
            continue
        name = _trim_name(nm.group(1), stops)
        if not name or name in d.words("places"):
            continue
        s = m.end() + 1
        out.append(Candidate(s, s + len(name), name, "person", m.group(0), (m.start(), m.end())))
    return out


APPOSITIVE_RE = re.compile(
    rf"(?P<name>{NAME}), (?P<app>(?:the|a|an|[A-Z][\w.]*['’]s) [^,;:“”\"()]{{2,90}}?)(?=[,;]|\.\s*$|\.\s+[A-Z“\"])"
)


def appositive_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "Samantha Power, the U.S. ambassador to the UN, said ..." """
    out = []
    nouns = d.words("title_nouns")
    stops = d.words("stop_caps")
    for m in APPOSITIVE_RE.finditer(text):
        app = m.group("app")
        words = [w.lower().strip(".") for w in app.split()]
        if not any(w in nouns for w in words[:6]):
            continue
        name = m.group("name")
        first = name.split(" ")[0]
        while first in stops and " " in name:
            name = name.split(" ", 1)[1]
            first = name.split(" ")[0]
        if first in stops or name in d.words("places"):
            continue
        s = m.end("name") - len(name)
        title = re.sub(r"^(?:the|a|an) ", "", app)
        out.append(Candidate(s, m.end("name"), name, "person", title, (m.start("app"), m.end("app"))))
    return out


def capitalized_runs(text: str, d: Dictionary) -> list[Candidate]:
    """Unknown organizations (by their head word) and people (by first name or speech verb)."""
    out = []
    words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    connectors = {"of", "for", "the", "and", "on", "de", "al", "bin"}
    heads, lead = d.words("org_heads"), d.words("org_lead")
    stops, places = d.words("stop_caps"), d.words("places")
    i = 0
    while i < len(words):
        if not words[i][2][0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            nxt = words[j + 1]
            gap = text[words[j][1] : nxt[0]]
            if gap != " ":
                break
            if nxt[2][0].isupper():
                j += 1
            elif nxt[2] in connectors and j + 2 < len(words) and words[j + 2][2][0].isupper():
                j += 2
            else:
                break
        run = words[i : j + 1]
        i = j + 1
        while run and (run[0][2] in stops or run[0][2] in connectors):
            run = run[1:]
        while run and run[-1][2] in connectors:
            run = run[:-1]
        if not run:
            continue
        s, e = run[0][0], run[-1][1]
        name = POSSESSIVE_RE.sub("", text[s:e])
        e = s + len(name)
        tokens = name.split(" ")
        if name in places or any(t in places for t in tokens):
            continue
        if tokens[-1] in heads or (tokens[0] in lead and len(tokens) > 2):
            out.append(Candidate(s, e, name, "organization"))
            continue
        if not 2 <= len(tokens) <= 4 or any(t in stops or t.isupper() for t in tokens):
            continue
        if tokens[0] in d.words("given_names") or SPEECH_AFTER_RE.match(text[e:]):
            out.append(Candidate(s, e, name, "person"))
    return out
