"""Collective actors named by an agent word: "Iraqi forces", "Zimbabwe police", "Hong Kong
authorities", "the Maduro regime", "the authorities in Bangladesh", "police", "protesters".

The words and what they become are data (`agent_actors.jsonl`: kind, canonical word, whether
the word may stand alone); their CAMEO agent codes come from the Phoenix agents dictionary.
An agent belongs to a country: the one the text puts before or after it, else (for the words
that may stand alone) the brief's main country, decided once the whole brief is read. One
country's police is one actor however the text calls it ("Zimbabwe police", "Police").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .dictionary import Dictionary, load
from .found import Found, State
from .mentions import resolve_name
from .nlp import Sentence
from .speech import Tokens

NOUN_POS = ("NOUN", "PROPN")
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
NAME_AFTER_RE = re.compile(r" (?:[A-Z][\w’'-]+ )*[A-Z][\w’'-]+")
PRO_RE = re.compile(r"\b(?:pro|anti)-[A-Z][\w-]* $")
THE_RE = re.compile(r"\b[Tt]he (?:[a-z-]+ ){0,2}$")


@dataclass(frozen=True)
class AgentWord:
    kind: str  # organization | group
    canonical: str  # "police", "authorities", "security forces"
    bare: bool  # may stand without a country ("police", not "forces")
    code: str | None
    article: bool = False  # alone, only after "the" ("the military", "the army")


@dataclass
class Pending:
    """An agent mention waiting for its country: the brief's main one."""

    found: Found
    word: AgentWord


@cache
def agent_words() -> tuple[dict[str, AgentWord], re.Pattern]:
    d = load()
    raw = resources.files(__package__).joinpath("data", "agent_actors.jsonl")
    words: dict[str, AgentWord] = {}
    for line in raw.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        agent = d.known.agent(row["pattern"]) or d.known.agent(row["id"])
        code = row.get("code") or (agent.code if agent else None)
        words[row["pattern"]] = AgentWord(
            row["label"], row["id"], row["bare"], code, row.get("article", False)
        )
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)


def agent_key(country: str, word: AgentWord, d: Dictionary, st: State) -> str:
    """One country's police is one actor: its key comes from the country and the word."""
    info = d.actors[country]
    demonym = d.demonyms.get(country)
    lead = demonym if demonym and not demonym.endswith("er") else info.name  # not "Hong Konger"
    name = f"{lead} {word.canonical}"
    key = resolve_name(name, word.kind, d, {})
    st.learn(key, name, word.kind)
    st.affiliations.setdefault(key, country)
    code = d.actors[country].code
    if code and word.code:
        st.codes.setdefault(key, code + word.code)
    return key


def find_agents(
    text: str,
    sent: Sentence,
    accepted: list[Found],
    d: Dictionary,
    st: State,
    tokens: Tokens,
    headline: bool = False,
) -> tuple[list[Found], list[Pending]]:
    """Agent mentions of one sentence: placed ones (a country before or after the word) and
    bare ones, whose country is the brief's main one. `tokens` gives the parse's (POS,
    dependency) by start offset: the word must head its noun phrase ("police said", not "a
    police station", "the military coup")."""
    words, regex = agent_words()
    out: list[Found] = []
    pending: list[Pending] = []
    by_end = {f.end: f for f in accepted}
    for m in regex.finditer(sent.text):
        s, e = sent.start + m.start(), sent.start + m.end()
        word = words[m.group().lower()]
        if any(f.start <= s < f.end or f.start < e <= f.end for f in accepted):
            continue  # inside a name ("Hong Kong Police Force")
        last = text.rfind(" ", s, e) + 1 if " " in m.group() else s
        pos, dep = tokens.get(last, ("NOUN", ""))
        if pos not in NOUN_POS or dep in MODIFIER_DEPS:
            continue
        lead = _leader(text, s, by_end, d, tokens) or _ruler(text, s, word, d, st, out)
        if lead is not None:
            f, country = lead
            if country is not None and word.canonical == "regime":
                continue  # "the Syrian regime" is Syria (its demonym's mention says so)
            if country is not None:
                key = agent_key(country, word, d, st)
            else:  # "the Maduro regime": the person's
                name = f"{f.text.removesuffix('’s').removesuffix(chr(39) + 's')} {m.group()}"
                key = resolve_name(name, "organization", d, {})
                st.learn(key, name, "organization")
                aff = st.affiliations.get(f.key) or d.actors.get(f.key, f).affiliation
                if aff:
                    st.affiliations.setdefault(key, aff)
            out.append(Found(f.start, e, key, text[f.start : e], "agent"))
            continue
        after = _country_after(text, e, accepted, d)
        if after is not None:  # "the authorities in Bangladesh": the agent word is the mention
            out.append(Found(s, e, agent_key(after, word, d, st), text[s:e], "agent"))
            continue
        if not word.bare or headline:
            continue
        named = _named_before(text, s, accepted)
        if named is not None:  # "the M23 rebels ... the rebels": that group
            st.group_agents.setdefault(word.canonical, named.key)
            continue
        if NAME_AFTER_RE.match(text, e):
            continue  # "the main opposition Republican People's Party": a modifier
        if word.article and not THE_RE.search(text[max(0, s - 30) : s]) and text[s].islower():
            continue  # "place military on the streets": no article, no actor
        pro = PRO_RE.search(text, max(0, s - 40), s)
        if pro:  # "pro-Russian separatists": the modifier names no country of theirs
            s = pro.start()
        pending.append(Pending(Found(s, e, "", text[s:e], "agent"), word))
    return out, pending


MODIFIERS_RE = re.compile(r"(?:['’]s)?((?: [a-z][a-z-]+){0,2}) $")
FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at by for from with said says that which who as its "
    "their his her our".split()
)


def _named_before(text: str, start: int, accepted: list[Found]) -> Found | None:
    """An actor's name right before the agent word, over adjectives at most."""
    m = MODIFIERS_RE.search(text[max(0, start - 40) : start])
    if m is None or set(m.group(1).split()) & FUNCTION_WORDS:
        return None
    end = start - len(m.group())
    return next((f for f in accepted if f.end == end), None)


def _leader(text: str, start: int, by_end: dict[int, Found], d: Dictionary, tokens: Tokens):
    """The country (or ruler, for "regime") right before an agent word, over a possessive and
    up to two lowercase modifiers: "Iraqi forces", "Russia's forces", "Afghan security
    forces"; (found, country key or None for a person)."""
    window = text[max(0, start - 40) : start]
    m = MODIFIERS_RE.search(window)
    if m is None or set(m.group(1).split()) & FUNCTION_WORDS:
        return None  # "the United States said the army": not the United States' army
    at = start - len(m.group(1)) - 1
    for w in m.group(1).split():
        at += 1
        if tokens.get(at, ("ADJ", ""))[0] not in ("ADJ", "NOUN", "PROPN"):
            return None  # "Saudi Arabia leading opposition": a verb between
        at += len(w)
    end = start - len(m.group())
    f = by_end.get(end)
    if f is None:
        return None
    info = d.actors.get(f.key)
    kind = info.kind if info else None
    if kind == "country" and f.how in ("name", "demonym", "metonym"):
        return f, f.key
    if text[start:].lower().startswith(("regime", "junta")) and f.how in ("name", "surname"):
        if kind in (None, "person"):
            return f, None
    return None


def _ruler(text: str, start: int, word: AgentWord, d: Dictionary, st: State, out: list[Found]):
    """ "the Maduro regime" where the brief never names Maduro in full: the one person of that
    name the dictionaries have in office on the brief's date."""
    if word.canonical not in ("regime", "junta") or st.published is None:
        return None
    m = re.search(r"(?<=[a-z] )([A-Z][\w-]+) $", text[max(0, start - 40) : start])
    if m is None:
        return None
    key = d.known.by_surname(m.group(1), st.published)
    if key is None:
        return None
    s = start - len(m.group())
    f = Found(s, s + len(m.group(1)), key, m.group(1), "surname")
    out.append(f)
    return f, None


def _country_after(text: str, end: int, accepted: list[Found], d: Dictionary):
    """ "the authorities in Bangladesh", "the police of Zimbabwe"."""
    m = re.match(r" (?:in|of) (?:the )?", text[end:])
    if not m:
        return None
    at = end + m.end()
    for f in accepted:
        info = d.actors.get(f.key)
        if f.start == at and info is not None and info.kind == "country" and f.how == "name":
            return f.key
    return None


def settle(
    pending: list[Pending], mentions: list[Found], main: str | None, d: Dictionary, st: State
) -> list[Found]:
    """A bare agent is the one of its kind the brief placed ("Sudan's army ... the army"),
    else the main country's; without either it is no actor."""
    placed: dict[str, set[str]] = {}
    for m in mentions:
        if m.how in ("agent", "body") and m.key in st.names:
            placed.setdefault(st.names[m.key].split(" ")[-1].lower(), set()).add(m.key)
    out = []
    for p in pending:
        same = placed.get(p.word.canonical.split(" ")[-1], set())
        if p.word.canonical in st.group_agents:
            p.found.key = st.group_agents[p.word.canonical]
        elif len(same) == 1:
            p.found.key = next(iter(same))
        elif main is not None:
            p.found.key = agent_key(main, p.word, d, st)
        else:
            continue
        out.append(p.found)
    return out
