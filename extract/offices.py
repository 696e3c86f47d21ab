"""Offices a brief names without their holder ("The Prime Minister welcomed ...", "the High
Representative on behalf of the EU", "The Foreign Secretary and Home Secretary said"), and whom
they are: the person the brief gave that title, else an office actor placed in the body or
country it serves."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .affiliations import kind_of
from .dictionary import Dictionary
from .found import Found, State
from .letters import CAP, is_capital
from .titles import ARTICLE_RE, Sentence


@dataclass(frozen=True)
class Office:
    """A title standing for its holder: "the Prime Minister", "the High Representative"."""

    start: int
    end: int
    title: str
    body: tuple[int, int] | None  # a body or country named inside or right after it
    author: bool = False  # "Statement by the President": the publisher's own office


# The words a headline names its author after ("Statement by the High Representative"), shared
# with the event coder's author of a brief.
AUTHORED = r"(?:[Ss]tatement|[Rr]emarks|[Dd]eclaration|[Rr]eadout|[Mm]essage)"
AUTHOR_RE = re.compile(rf"\b(?:{AUTHORED}|[Aa]ddress) by (?:the )?$")


HONOURABLE_RE = re.compile(r" (?:[Tt]he )?(?:Rt\.? |Right )?Hon(?:\.|ourable)? [A-Z]")


def offices(text: str, d: Dictionary, bodies: list[tuple[int, int]]) -> list[Office]:
    """Capitalized titles with no name after them, after "the" ("The Prime Minister
    welcomed ...", "the High Representative on behalf of the EU"): their holder, unnamed."""
    s = Sentence(text, d, bodies)
    out: list[Office] = []
    i = 0
    n = len(s.words)
    while i < n:
        if not (s.is_title(i) and is_capital(s.words[i][2])):
            i += 1
            continue
        j = i
        while j + 1 < n and s.joined(j + 1):
            nxt = s.words[j + 1][2]
            if (s.is_title(j + 1) and is_capital(nxt)) or s.in_body[j + 1]:
                j += 1
            elif (
                nxt in ("of", "for")
                and j + 2 < n
                and s.joined(j + 2)
                and s.is_title(j + 2)
                and is_capital(s.words[j + 2][2])
            ):
                j += 2
            else:
                break
        start, end = s.words[i][0], s.words[j][1]
        after = text[end:]
        named = (
            re.match(rf" {CAP}", after) and not re.match(r" (?:On|In|At|Of|For)\b", after)
        ) or HONOURABLE_RE.match(after)  # "Senator the Hon Murray Watt": the title is his
        before = text[:start]
        led = (
            ARTICLE_RE.search(before)
            or re.search(r"(?:^|\bby )$", before)
            or (out and out[-1].end + 5 == start and before.endswith(" and "))
        )  # "The Foreign Secretary and Home Secretary"
        core = [w for _, _, w in s.words[i : j + 1]]
        has_noun = any(w.lower().strip(".") in s.nouns or w.lower() in s.nouns for w in core)
        if led and has_noun and not named and not any(s.in_body[i : j + 1]):
            body = _body_after(text, end, bodies)
            for a, b in _joined_offices(text, start, end, s.nouns):
                out.append(Office(a, b, text[a:b], body, bool(AUTHOR_RE.search(text[:a]))))
        i = j + 1
    return out


def _joined_offices(text: str, start: int, end: int, nouns: frozenset[str]):
    """ "Joint Foreign Secretary-Home Secretary statement": two offices one hyphen apart (but
    "Secretary-General" is one)."""
    phrase = text[start:end]
    m = re.match(r"^(?:Joint )?(\S+ \S+(?: \S+)*?)-(\S+ \S+(?: \S+)*)$", phrase)
    if not m or not all(p.split()[-1].lower() in nouns for p in m.groups()):
        lead = len("Joint ") if phrase.startswith("Joint ") else 0
        return [(start + lead, end)]
    a = start + m.start(1)
    b = start + m.start(2)
    return [(a, a + len(m.group(1))), (b, b + len(m.group(2)))]


def _body_after(text: str, end: int, bodies: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "the President of Russia", "the High Representative on behalf of the EU"."""
    m = re.match(r" (?:of|for|on behalf of|to)(?: the)? ", text[end:])
    if not m:
        return None
    at = end + m.end()
    return next(((s, e) for s, e in bodies if s == at), None)


def resolve_offices(
    offices: list[tuple[Found, Office]],
    mentions: list[Found],
    main: str | None,
    d: Dictionary,
    st: State,
) -> list[Found]:
    """An unnamed office is the person the brief gave that title ("the Foreign Secretary" after
    "Foreign Secretary William Hague"), else an actor of its own, named by the office and
    placed in the body or country it serves."""
    if not offices:
        return []
    holders: dict[str, list[tuple[int, str]]] = {}  # a title and its endings -> people
    for m in mentions:
        title = st.titles.get(m.key)
        if title and kind_of(m.key, st, d) == "person":
            words = title.lower().split(" ")
            for i in range(len(words)):
                holders.setdefault(" ".join(words[i:]), []).append((m.start, m.key))
            # "Secretary of State Antony Blinken ... The Secretary", "Minister for Foreign
            # Affairs and Trade ... the Minister for Foreign Affairs": the title's head, and
            # the portfolio before an "and"
            for i, w in enumerate(words[1:], 1):
                if w in ("of", "for", "and") and words[0] not in ("of", "for", "and"):
                    head = " ".join(words[:i])
                    if (m.start, m.key) not in holders.get(head, []):
                        holders.setdefault(head, []).append((m.start, m.key))
    spans = {(m.start, m.end): m.key for m in mentions}
    starts = sorted((m.start, m.end, m.key) for m in mentions)
    own: list[str | None] = []  # computed once, when an office needs it
    out = []
    for f, office in offices:
        core = _core(office.title, d)
        country = _office_country(f, office, spans, starts, d)
        if office.author and st.publisher:
            country = country or st.publisher  # the White House's "Statement by the President"
        holder = _holder(f, core, country, holders.get(core.lower(), []), st)
        if holder is not None:
            f.key = holder
            out.append(f)
            continue
        if office.title[:1].islower():
            continue  # "the president": only a person the brief has given that title
        body = (
            country
            or d.lexicon_map("office_bodies").get(core)
            or d.lexicon_map("title_countries").get(core)
            or st.author
            or st.publisher  # "Statement by the President" from the White House
        )
        if body is None:
            if not own:
                own.append(_own_country(mentions, main, d, st))
            body = own[0]
        if body is None:
            continue
        dated = d.known.holder(core, body, st.published)
        if dated is not None and dated in d.actors:
            # "Statement by the President" from the White House in 2012: Barack Obama
            f.key = dated
            st.learn(dated, d.actors[dated].name, "person", office.title)
            st.affiliations.setdefault(dated, body)
            out.append(f)
            continue
        f.key = f"office:{body.lower()}:{core.lower().replace(' ', '-')}"
        st.learn(f.key, core, "person", office.title)
        st.affiliations.setdefault(f.key, body)
        out.append(f)
    return out


def _own_country(mentions: list[Found], main: str | None, d: Dictionary, st: State):
    """Whose unnamed office a government's release means: the country it names most that is
    not the country of a leader it names ("The Prime Minister welcomed President Lula")."""
    foreign = {
        st.affiliations.get(m.key)
        for m in mentions
        if kind_of(m.key, st, d) == "person" and st.titles.get(m.key)
    }
    counts: dict[str, int] = {}
    for m in mentions:
        if m.key in d.actors and d.actors[m.key].kind == "country" and m.key not in foreign:
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return main
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _core(title: str, d: Dictionary) -> str:
    """The office without the country before it: "Israeli Defense Minister" -> "Defense
    Minister"."""
    words = title.split(" ")
    while len(words) > 1 and (words[0] in d.patterns or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words)


def _office_country(f: Found, office: Office, spans: dict, starts: list, d: Dictionary):
    if office.body is not None and office.body in spans:
        return spans[office.body]
    i = bisect_left(starts, (f.start,))
    while i < len(starts) and starts[i][0] < f.end:
        s, e, key = starts[i]
        if e <= f.end and key in d.actors:
            return key
        i += 1
    return None


def _holder(f: Found, core: str, country, people: list[tuple[int, str]], st: State):
    """The person of that title named last before the office, else first after it."""
    fits = [
        (s, key)
        for s, key in people
        if country is None or st.affiliations.get(key) in (None, country)
    ]
    before = [key for s, key in fits if s < f.start]
    if before:
        return before[-1]
    return fits[0][1] if fits else None
