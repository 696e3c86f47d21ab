"""Pattern finders for people and bodies the dictionary does not know.

Each finder reads one sentence and returns `Candidate`s; `actors.py` decides what they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import Dictionary

TIME_WORDS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
HONORIFICS = frozenset(
    {
        "Prince",
        "Princess",
        "Sheikh",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "King",
        "Queen",
        "Dr.",
        "Mr.",
        "Ms.",
        "Mrs.",
    }
)
WORD_RE = re.compile(r"[\w][\w'’.-]*[\w]|[\w]")
NAME_TOKEN = (
    r"(?:(?:al|el|bin|ibn|de|da|van|von|der|du|abu|Abu|Al|El)[- ])?[A-Z][\w]*(?:[-'’][A-Z]?[\w]+)*"
)
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
        s = m.end() + 1
        while " " in name and name.split(" ")[0] in HONORIFICS:
            s += len(name.split(" ")[0]) + 1
            name = name.split(" ", 1)[1]
        if not name or name in d.words("places"):
            continue
        out.append(Candidate(s, s + len(name), name, "person", m.group(0), (m.start(), m.end())))
    return out


def role_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "ministry spokesman Gao Feng", "army chief Abdel Fattah al-Burhan": a lowercase role
    (with one modifier word at most) right before a name of two words or more."""
    out = []
    roles = "|".join(sorted(d.words("role_titles"), key=len, reverse=True))
    mods = "|".join(sorted(d.words("role_modifiers"), key=len, reverse=True))
    stops = d.words("stop_caps") | d.words("org_heads")
    for m in re.finditer(rf"(?<![\w-])((?:(?:{mods}) )?(?:{roles})) ({NAME})", text):
        name = _trim_name(m.group(2), stops)
        if " " not in name or name in d.words("places"):
            continue
        s = m.start(2)
        out.append(Candidate(s, s + len(name), name, "person", m.group(1), (m.start(1), m.end(1))))
    return out


REVERSE_APPOSITIVE_RE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<app>(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.]*['’]s) [^,;:“”\"()]{{2,80}}?), (?P<name>{NAME}),"
)


def reverse_appositive_people(text: str, d: Dictionary) -> list[Candidate]:
    """ "The United Nations envoy for the Middle East, Tor Wennesland, said", "Its director,
    Jean Kaseya, said"."""
    out = []
    nouns = d.words("title_nouns")
    for m in REVERSE_APPOSITIVE_RE.finditer(text):
        words = [w.lower().strip(".'’s") for w in m.group("app").split()]
        if not any(w in nouns for w in words[1:]) or " " not in m.group("name"):
            continue
        name = m.group("name")
        if name.split(" ")[0] in d.words("stop_caps"):
            continue
        head = m.group("app").split(" ", 1)
        title = (
            head[1] if head[0].lower() in ("the", "its", "his", "her", "their") else m.group("app")
        )
        out.append(
            Candidate(
                m.start("name"),
                m.end("name"),
                name,
                "person",
                title,
                (m.start("app"), m.end("app")),
                how=m.group("app").split(" ")[0].lower(),
            )
        )
    return out


APPOSITIVE_RE = re.compile(
    rf"(?P<name>{NAME}), (?P<app>(?:(?:the|a|an|[A-Z][\w.]*['’]s) |(?=[a-z]+ (?:of|at|for) ))[^,;:“”\"()]{{2,90}}?)(?=[,;]|\.\s*$|\.\s+[A-Z“\"])"
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
        out.append(
            Candidate(s, m.end("name"), name, "person", title, (m.start("app"), m.end("app")))
        )
    return out


PARTICLE_RE = re.compile(r"^(?:al|el|bin|ibn|de|da|van|von|abu)-[A-Z]")


def _org_shaped(tokens: list[str], heads: frozenset[str], lead: frozenset[str]) -> bool:
    """ "Johnson Space Center", "Ministry of Foreign Affairs", "Centres for Disease Control"."""
    if tokens[-1] in heads or (tokens[0] in lead and len(tokens) > 2):
        return True
    return any(
        t in heads and nxt in ("of", "for", "on")
        for t, nxt in zip(tokens, tokens[1:], strict=False)
    )


def capitalized_runs(text: str, d: Dictionary) -> list[Candidate]:
    """Unknown organizations (by their head word) and people (by first name or speech verb)."""
    out = []
    words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    connectors = {"of", "for", "the", "and", "on", "de", "al", "bin"}
    heads, lead = d.words("org_heads"), d.words("org_lead")
    titles = d.words("titles") | {"Prince", "Sheikh", "Sir", "Dame", "Lord", "Lady"}
    stops, places = d.words("stop_caps"), d.words("places")

    def capital(w: str) -> bool:
        return w[0].isupper() or bool(PARTICLE_RE.match(w))

    i = 0
    while i < len(words):
        if not capital(words[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            nxt = words[j + 1]
            gap = text[words[j][1] : nxt[0]]
            if gap != " ":
                break
            if nxt[2] in TIME_WORDS:
                break  # "the Organization on Wednesday": a weekday or month ends a name
            if capital(nxt[2]):
                j += 1
            elif (
                nxt[2] in connectors
                and j + 2 < len(words)
                and capital(words[j + 2][2])
                and words[j + 2][2] not in TIME_WORDS
            ):
                j += 2
            else:
                break
        run = words[i : j + 1]
        i = j + 1
        while run and (run[0][2] in stops or run[0][2] in connectors or run[0][2] in titles):
            run = run[1:]
        while run and run[-1][2] in connectors:
            run = run[:-1]
        if not run:
            continue
        s, e = run[0][0], run[-1][1]
        name = POSSESSIVE_RE.sub("", text[s:e])
        e = s + len(name)
        tokens = name.split(" ")
        if name in places:
            continue
        if len(tokens) >= 2 and _org_shaped(tokens, heads, lead):
            out.append(Candidate(s, e, name, "organization"))
            continue
        party = re.match(r" (?:party|movement|alliance|coalition)\b", text[e:])
        if party and len(tokens) >= 2:
            out.append(Candidate(s, e + party.end(), text[s : e + party.end()], "organization"))
            continue
        if not 2 <= len(tokens) <= 4 or any(
            t in stops or t in places or t.isupper() for t in tokens
        ):
            continue
        if tokens[0] in d.patterns and d.patterns[tokens[0]][0].label == "country":
            continue  # "Ukrainian Air ..." is a body of a country, never a person
        if tokens[0] in d.words("given_names") or SPEECH_AFTER_RE.match(text[e:]):
            out.append(Candidate(s, e, name, "person"))
    return out


NAMED_BODY_RE = re.compile(
    r"\b(?:(?P<noun>news agency|agency|broadcaster|newspaper|group|gang|company|firm|militia|network|"
    r"outfit|movement|party|faction)(?:,? (?:known as|called|named))? )(?P<name>[A-Z][A-Za-z0-9]+(?:-[A-Z][A-Za-z0-9]+)?)\b"
)
GROUP_NOUNS = frozenset({"group", "gang", "militia", "outfit", "movement", "faction", "network"})


def named_bodies(text: str, d: Dictionary) -> list[Candidate]:
    """ "the state news agency TASS", "the group, known as Trickbot": a body named by its noun."""
    out = []
    stops, places = d.words("stop_caps"), d.words("places")
    for m in NAMED_BODY_RE.finditer(
        text.replace(", known as", " known as").replace(", called", " called")
    ):
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
    r"(?<![\w-])(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}), (?:the|an?) (?:[a-z-]+ ){0,3}?"
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
