"""Actors a brief names: dictionary matches, titled and appositive people, offices, agents and
unknown bodies, resolved within the document (surnames, offices) into one record per real
actor, each with its title as written, its affiliation and its CAMEO code where known."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from . import affiliations as aff
from .agents import Pending, find_agents, settle
from .appositives import (
    appositive_people,
    described_bodies,
    named_bodies,
    reverse_appositive_people,
)
from .dictionary import Dictionary, load
from .found import DocActors, Found, State, norm_key
from .infos import actor_infos
from .letters import fold
from .mentions import (
    bodies,
    credit_mentions,
    dictionary_hits,
    national_bodies,
    national_branches,
    resolve_name,
    surname_mentions,
    surname_of,
)
from .names import Candidate, capitalized_runs
from .nlp import Sentence
from .offices import Office, offices, resolve_offices
from .records import Layout
from .speech import Tokens
from .titles import bylines, titled_people

__all__ = ["DocActors", "Found", "find_actors", "norm_key"]

PRIORITY = {"name": 0, "title": 1, "appositive": 1, "run": 2}
POSSESSIVE_AFTER_RE = re.compile(r"['’]s\b")
LOCATIVE_RE = re.compile(
    r"\b(?:in|at|near|across|throughout|inside|within|around|into)\s+"
    r"(?:(?:the|northern|southern|eastern|western|central|north|south|east|west|"
    r"north-eastern|north-western|south-eastern|south-western|[A-Z][\w’'-]*,?|and)\s+)*$"
)


def find_actors(
    text: str,
    sents: list[Sentence],
    layout: Layout,
    published: date | None = None,
    tokens: Tokens | None = None,
    source: str | None = None,
) -> DocActors:
    """`tokens` reads the brief's parse (`speech.Tokens`); without it the rules that check a
    word's part of speech trust the word."""
    d = load()
    st = State(published=published, publisher=_publisher_country(source, d))
    st.home = _dateline_country(layout, d)
    tokens = tokens if tokens is not None else Tokens(None)
    headline = None
    if layout.title_span:
        s, e = layout.title_span
        headline = Sentence(s, e, text[s:e], -1)
    # The headline is read last: its capitals say little, what the body named says more.
    read = sents + ([headline] if headline else [])
    per_sentence: list[list[Found]] = []
    pending: list[Pending] = []
    unnamed: list[tuple[Found, Office]] = []
    placed: list[tuple[str, int, int]] = []  # (key, title start, end): affiliation inside
    for sent in read:
        head = sent is headline
        found = _sentence(text, sent, d, st, placed, head, tokens)
        agents, waiting = find_agents(text, sent, found, d, st, tokens, head)
        pending += waiting
        found += agents
        spans = _body_spans(sent, found, st, d)
        for o in offices(sent.text, d, spans):
            s, e = sent.start + o.start, sent.start + o.end
            if all(e <= f.start or s >= f.end for f in found):
                holder = next((k for k, ts, te in placed if ts <= s and e <= te), None)
                if holder is not None:
                    # "The Minister for Foreign Affairs and Trade, Charlie Flanagan TD,": the
                    # office is the title the sentence gives the person it names.
                    found.append(Found(s, e, holder, text[s:e], "office"))
                    continue
                body = (sent.start + o.body[0], sent.start + o.body[1]) if o.body else None
                unnamed.append((Found(s, e, "", text[s:e], "office"), replace(o, body=body)))
        per_sentence.append(sorted(found, key=lambda f: f.start))
        st.last_body = aff.last_body_in(per_sentence[-1], st, d) or st.last_body

    mentions = surname_mentions(text, read, per_sentence, d, st)
    mentions += credit_mentions(text, layout, d, st)
    st.author = _author_country(text, sents, mentions, d)
    aff.dated_roles(list(dict.fromkeys(m.key for m in mentions)), d, st)
    _affiliations_inside(placed, mentions, st, d)
    main = aff.main_country(mentions, d, st)
    mentions += settle(pending, mentions, main, d, st)
    national_bodies(mentions, main, d, st)
    mentions += resolve_offices(unnamed, mentions, main, d, st)
    aff.title_bodies(mentions, d, st)
    aff.national(mentions, main, d, st)
    mentions = _drop_places(text, mentions, d, st)
    mentions.sort(key=lambda f: (f.start, f.end))
    infos = actor_infos(mentions, d, st)
    return DocActors(infos, mentions)


def _sentence(
    text: str,
    sent: Sentence,
    d: Dictionary,
    st: State,
    placed: list[tuple[str, int, int]],
    headline: bool,
    tokens: Tokens,
) -> list[Found]:
    """The mentions of one sentence: dictionary matches, then what the name finders add. A
    headline gets only the sure finders (its capitals say nothing)."""
    hits = dictionary_hits(sent, d, st)
    dict_found = [f for f, _ in hits]
    dict_found += national_branches(text, dict_found, d, st)
    spans = _body_spans(sent, dict_found, st, d)
    cands: list[tuple[Candidate, str]] = []
    cands += [(c, "title") for c in titled_people(sent.text, d, spans)]
    bylines_found = bylines(sent.text, d)
    cands += [(c, "appositive") for c in bylines_found]
    cands += [(c, "appositive") for c in appositive_people(sent.text, d)]
    cands += [(c, "appositive") for c in reverse_appositive_people(sent.text, d)]
    if not headline:
        cands += [(c, "run") for c in capitalized_runs(sent.text, d)]
        cands += [(c, "run") for c in named_bodies(sent.text, d)]
        cands += [(c, "run") for c in described_bodies(sent.text, d)]
    found = list(dict_found)
    resolved = []
    # A byline's title lists portfolios, not bodies ("Commissioner for International
    # Cooperation, Humanitarian Aid and Crisis Response").
    portfolios = [c.title_span for c in bylines_found if c.title_span]
    for c, how in cands:
        if how == "run" and any(ts <= c.start and c.end <= te for ts, te in portfolios):
            continue
        if headline and c.kind == "person":
            c = _known_prefix(c, st)  # "Administrator Samantha Power Speaks with ..."
            if not _headline_name(c.name, d, st):
                continue  # "Opposition Leader Arrested as ...": a headline's verb
        s, e, name = sent.start + c.start, sent.start + c.end, c.name
        prefix = next((f for f in dict_found if f.start == s or f.end in (s - 1, s - 3)), None)
        if (
            how == "run"
            and c.kind != "person"
            and prefix
            and prefix.end == s - 1
            and prefix.how in ("name", "demonym")
        ):
            # "Syrian Health Ministry": the country belongs to the body's name.
            s, name = prefix.start, text[prefix.start : e]
            if prefix in found:
                found.remove(prefix)
        inner = next(
            (
                f.key
                for f in dict_found
                if c.kind == "person"
                and f.start == s
                and f.end <= e
                and f.how == "name"
                and aff.kind_of(f.key, st, d) == "person"
            ),
            None,
        )  # "President Salva Kiir Mayardit" holds the known "Salva Kiir"
        when = st.published if c.title else None
        key = c.key or inner or resolve_name(name, c.kind, d, st.surnames, when)
        if c.kind == "person" and key.startswith("person:"):
            st.surnames.setdefault(surname_of(name), key)
        st.learn(key, name, c.kind, c.title)
        if c.how == "party":
            st.domestic.add(key)  # a party is its country's, the brief's main one
        head = aff.title_head(c.title)
        if head:
            st.title_heads.setdefault(key, head)
        if c.title_span:
            placed.append((key, sent.start + c.title_span[0], sent.start + c.title_span[1]))
        f = Found(s, e, key, text[s:e], how)
        found.append(f)
        resolved.append((c, how, f, prefix))
    accepted = _accept(found)
    for c, how, f, prefix in resolved:
        a = aff.of_candidate(c, how, sent, accepted, prefix, st, d)
        if a and a != f.key:
            st.affiliations.setdefault(f.key, a)
    return accepted + bodies(text, sent, accepted, d, st, tokens)


def _known_prefix(c: Candidate, st: State) -> Candidate:
    """A headline's title-cased words run on after a name: keep the longest start of it the
    brief has named."""
    known = {fold(n) for n in st.names.values()}
    words = c.name.split(" ")
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if fold(head) in known:
            return replace(c, end=c.start + len(head), name=head)
    return c


def _headline_name(name: str, d: Dictionary, st: State) -> bool:
    """A headline capitalizes its verbs: a one-word name there must be one the brief or the
    dictionaries know, or not read like a verb ("Arrested", "Speaks")."""
    if " " in name or name in st.surnames or name in d.words("given_names"):
        return True
    return not re.search(r"(?:ed|ing|s)$", name)


def _body_spans(sent: Sentence, found: list[Found], st: State, d: Dictionary):
    """Where the sentence names a body or country (which may stand inside a title)."""
    return [
        (f.start - sent.start, f.end - sent.start)
        for f in found
        if f.how in ("name", "demonym", "body", "agent", "national")
        and aff.kind_of(f.key, st, d) != "person"
    ]


def _accept(found: list[Found]) -> list[Found]:
    """Longest first, then by how sure the finder is; overlapping losers are dropped."""
    found.sort(key=lambda f: (-(f.end - f.start), PRIORITY.get(f.how, 0), f.start))
    taken: list[Found] = []
    for f in found:
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def _dateline_country(layout: Layout, d: Dictionary) -> str | None:
    if not layout.dateline:
        return None
    home = [
        m
        for m in d.regex.finditer(fold(layout.dateline))
        if d.patterns[m.group()][0].label == "country"
    ]
    return d.patterns[home[-1].group()][0].id if home else None


def _publisher_country(source: str | None, d: Dictionary) -> str | None:
    """The country a publisher speaks for ("The White House", "U.S. Department of State",
    "Prime Minister's Office, 10 Downing Street"): a country it names, else the country of a
    body it names."""
    if not source:
        return None
    for m in d.regex.finditer(source):
        for p in d.patterns[m.group()]:
            info = d.actors.get(p.id)
            if info is None:
                continue
            if info.kind == "country":
                return p.id
            if info.affiliation in d.actors and d.actors[info.affiliation].kind == "country":
                return info.affiliation
    return None


def _author_country(
    text: str, sents: list[Sentence], mentions: list[Found], d: Dictionary
) -> str | None:
    """The country a brief speaks for when it opens in its voice: "The United States condemns
    in the strongest terms ..."."""
    for sent in sents[:2]:
        first = next((m for m in mentions if sent.start <= m.start < sent.end), None)
        if first is None or first.key not in d.actors or d.actors[first.key].kind != "country":
            continue
        lead = text[sent.start : first.start]
        rest = text[first.end : first.end + 40]
        if lead in ("", "The ") and re.match(r" (?:[a-z]+ly )?[a-z]+s\b", rest):
            return first.key
    return None


def _affiliations_inside(placed, mentions: list[Found], st: State, d: Dictionary) -> None:
    """An appositive that names a body only by the short name the brief gave it ("the founder
    of HURPES"): found once every mention is known."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for key, ts, te in placed:
        if key in st.affiliations:
            continue
        inside = []
        for m in ordered[bisect_left(starts, ts) :]:
            if m.start >= te:
                break
            if m.end <= te and m.key != key:
                inside.append(m)
        inside.sort(key=lambda m: aff.kind_of(m.key, st, d) not in ("organization", "group"))
        if inside:
            st.affiliations[key] = inside[0].key


def _drop_places(text: str, mentions: list[Found], d: Dictionary, st: State) -> list[Found]:
    """A country the brief only locates things in ("a meeting in Laos", "the Halifax forum
    last month in Canada") is a place there, not an actor."""
    by_key: dict[str, list[Found]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    needed = set(st.affiliations.values())
    drop = set()
    for key, ms in by_key.items():
        info = d.actors.get(key)
        if info is None or info.kind != "country" or key in needed:
            continue
        if all(
            m.how in ("name", "metonym")
            and LOCATIVE_RE.search(text[max(0, m.start - 80) : m.start])
            and not POSSESSIVE_AFTER_RE.match(text, m.end)  # "..., Mali's government said"
            for m in ms
        ):
            drop.add(key)
    return [m for m in mentions if m.key not in drop]
