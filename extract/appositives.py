"""Names an appositive or a noun gives: "Samantha Power, the U.S. ambassador to the UN",
"The United Nations envoy for the Middle East, Tor Wennesland,", "the state news agency TASS",
"Gavi, the vaccine alliance"."""

from __future__ import annotations

import re

from .dictionary import Dictionary
from .letters import CAP, CAPS, NAME_CHAR, is_capital
from .names import (
    CONNECTORS,
    NAME,
    PARTICLE_RE,
    POST_NOMINALS,
    SPEECH_END_RE,
    Candidate,
    words_of,
)

REVERSE_APPOSITIVE_RE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<app>(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|{CAP}[\w.]*['’]s) [^,;:“”\"()]{{2,80}}?), "
    rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\. |(?:Senator )?(?:the )?Hon\.? |Senator )?(?P<name>{NAME})"
    # a comma closing the appositive, or (when the text leaves it out) the verb: "The
    # Chairperson of the African Union Commission, Moussa Faki Mahamat condemns ..."
    rf"(?=[,;]|\.?\s*$|\.\s| (?!and\b|or\b)[a-z]+(?:s|ed)\b)"
)
# At a line's start, a capitalized title: "Chief prosecutor of the War Crimes Court, Desmond
# De Silva, said", "Minister for Foreign Affairs, the Hon Julie Bishop MP".
LINE_TITLE_RE = re.compile(
    rf"(?m)^(?P<app>{CAP}[\w-]* [^,;:“”\"()\n]{{2,80}}?), "
    rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\. |(?:Senator )?(?:the )?Hon\.? |Senator )?(?P<name>{NAME})(?=[,;]|\.?\s*$|\.\s| [A-Z]{{2,4}}\b)"
)


def reverse_appositive_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "The United Nations envoy for the Middle East, Tor Wennesland, said", "Its director,
    Jean Kaseya, said"."""
    out = []
    nouns = d.words("title_nouns")
    seen: set[int] = set()
    found = [(m, False) for m in REVERSE_APPOSITIVE_RE.finditer(text)]
    found += [(m, True) for m in LINE_TITLE_RE.finditer(text)]
    for m, line in found:
        words = [w.lower().strip(".'’s") for w in m.group("app").split()]
        if not any(w in nouns for w in words[0 if line else 1 :]) or " " not in m.group("name"):
            continue
        if m.start("name") in seen:
            continue
        seen.add(m.start("name"))
        name = m.group("name")
        while name.rsplit(" ", 1)[-1] in POST_NOMINALS and " " in name:
            name = name.rsplit(" ", 1)[0]  # "Charlie Flanagan TD": letters after the name
        if name.split(" ")[0] in d.words("stop_caps") or " " not in name:
            continue
        head = m.group("app").split(" ", 1)
        title = (
            head[1] if head[0].lower() in ("the", "its", "his", "her", "their") else m.group("app")
        )
        out.append(
            Candidate(
                m.start("name"),
                m.start("name") + len(name),
                name,
                "person",
                title,
                (m.start("app"), m.end("app")),
                how="line" if line else m.group("app").split(" ")[0].lower(),
            )
        )
    return out


APPOSITIVE_RE = re.compile(
    rf"(?P<name>{NAME}), (?P<app>(?:(?:the|a|an|{CAP}[\w.]*['’]s) |(?=[a-z]+ (?:of|at|for) ))[^,;:“”\"()]{{2,90}}?)(?=[,;]|\.\s*$|\.\s+[{CAPS}“\"])"
)


def _anchored(regex: re.Pattern, text: str):
    """`regex.finditer` tried only where a name can start (a word that is capitalized or a
    particle): a name pattern tried at every letter costs the most of a sentence's time."""
    if ", " not in text:
        return
    end = 0
    for ws, _, w in words_of(text):
        if ws < end or not (is_capital(w) or PARTICLE_RE.match(w) or w in CONNECTORS):
            continue
        m = regex.match(text, ws)
        if m:
            end = m.end()
            yield m


def appositive_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "Samantha Power, the U.S. ambassador to the UN, said ..." """
    out = []
    nouns = d.words("title_nouns")
    stops = d.words("stop_caps")
    for m in _anchored(APPOSITIVE_RE, text):
        app = m.group("app")
        if SPEECH_END_RE.search(app):
            continue  # "the Amazon, the Prime Minister said": a clause, no appositive
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
        out.append(
            Candidate(s, m.end("name"), name, "person", title, (m.start("app"), m.end("app")))
        )
    return out


NAMED_BODY_RE = re.compile(
    r"\b(?:(?P<noun>news agency|agency|broadcaster|newspaper|group|gang|company|firm|militia|network|"
    rf"outfit|movement|party|faction)(?:,? (?:known as|called|named))? )(?P<name>{CAP}{NAME_CHAR}+(?:-{CAP}{NAME_CHAR}+)?)(?!{NAME_CHAR})"
)
GROUP_NOUNS = frozenset({"group", "gang", "militia", "outfit", "movement", "faction", "network"})


def named_bodies(text: str, d: Dictionary) -> list[Candidate]:
    """ "the state news agency TASS", "the group, known as Trickbot": a body named by its noun."""
    out = []
    stops, places = d.words("stop_caps"), d.words("places")
    for m in NAMED_BODY_RE.finditer(text):
        name = m.group("name")
        if (
            name in stops
            or name in places
            or name in d.patterns
            and d.patterns[name][0].label == "country"
        ):
            continue
        kind = "group" if m.group("noun") in GROUP_NOUNS else "organization"
        out.append(Candidate(m.start("name"), m.end("name"), name, kind))
    return out


BODY_APPOSITIVE_RE = re.compile(
    rf"(?<![\w-])(?P<name>{CAP}[\w-]*(?: {CAP}[\w-]*){{0,3}}), (?:the|an?) (?:[a-z-]+ ){{0,3}}?"
    r"(?P<noun>alliance|agency|organization|organisation|group|company|firm|charity|coalition|"
    r"union|bloc|network|militia|movement|party|watchdog|regulator|broadcaster|newspaper)\b"
)


def described_bodies(text: str, d: Dictionary) -> list[Candidate]:
    """ "Gavi, the vaccine alliance, pledged": a name its appositive calls a body."""
    out = []
    for m in BODY_APPOSITIVE_RE.finditer(text):
        name = m.group("name")
        first = name.split(" ")[0]
        if first in d.words("stop_caps") or name in d.words("places") or name in d.patterns:
            continue
        kind = "group" if m.group("noun") in GROUP_NOUNS else "organization"
        out.append(Candidate(m.start("name"), m.end("name"), name, kind))
    return out
