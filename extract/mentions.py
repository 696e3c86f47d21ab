"""Mentions the dictionaries find: our curated patterns (countries, their demonyms and capitals,
bodies, groups, people), the field's known names, a country's institutions, photo credits."""

from __future__ import annotations

import re
from datetime import date

from .dictionary import Dictionary, Pattern
from .found import Found, State, norm_key
from .known import index_key
from .letters import CAP, CAPS, NAME_CHAR, fold
from .names import known_names
from .nlp import Sentence
from .records import Layout
from .speech import Tokens
from .titles import vocabulary as title_vocabulary

SURNAME_RE = re.compile(
    rf"(?<![\w-])(?:al-|el-)?({CAP}{NAME_CHAR}+(?:-{CAP}{NAME_CHAR}+)?)(?!{NAME_CHAR})"
)
ACRONYM_INTRO_RE = re.compile(
    rf"(?:,? (?:known as|called|also known as) | \()({CAP}[A-Za-z0-9/]{{1,12}})(?![\w/])"
)
ACRONYM_RE = re.compile(r"[A-Z][A-Z.]+")
NEXT_WORD_RE = re.compile(rf" ({CAP}[\w-]+)")
PREV_WORD_RE = re.compile(r"(\w+)\W*$")
SEAT_PLACE_RE = re.compile(
    r"\b(?:to|in|at|from|outside|inside|into|near|toward|towards)(?: the)? $"
)
CALLED_ON_RE = re.compile(r"\bcall(?:s|ed|ing)? on\s*$")
# "the Iranian Government", "Government of Serbia": the country itself.
GOVERNMENT_RE = re.compile(
    r"^(?:[Tt]he )?(?:Government of (?:the )?(?P<of>.+)|(?P<adj>.+?)(?:['’]s)? Government)$"
)


def starts_with_word(s: str, words: frozenset[str]) -> int:
    """Length of the longest listed word (or phrase) `s` starts with, whole words only."""
    best = 0
    low = s.lower()
    for w in words:
        if (
            len(w) > best
            and low.startswith(w)
            and (len(low) == len(w) or not low[len(w)].isalnum())
        ):
            best = len(w)
    return best


def dictionary_hits(sent: Sentence, d: Dictionary, st: State) -> list[tuple[Found, Pattern | None]]:
    """Our patterns, matched without diacritics, then the known names where ours found none."""
    text = sent.text
    hits: list[tuple[Found, Pattern | None]] = []
    for m in d.regex.finditer(fold(text)):
        p = d.patterns[m.group()][0]
        s, e = m.start(), m.end()
        if p.use == "place":
            continue  # "Northern Ireland", "Niger Delta": the words are taken, no actor
        if p.label != "person" and ACRONYM_RE.fullmatch(m.group()) and _inside_name(text, e, d):
            continue  # "ASEAN Regional Forum", "Office of U.S. Foreign Disaster Assistance"
        if p.use == "demonym":
            extra = demonym_extent(text, e, d)
            if extra is None:
                continue
            e += extra
        elif p.use == "seat":
            # "Downing Street said", not "welcomed him to Downing Street": a seat of
            # government stands for it where it is not a place.
            if SEAT_PLACE_RE.search(text[:s]):
                continue
        elif p.use == "metonym":
            pw = PREV_WORD_RE.search(text[:s])
            locative = pw and pw.group(1).lower() in d.words("locative_preps") | {"the"}
            if locative and not CALLED_ON_RE.search(text[:s]):
                continue
            if re.match(rf", [{CAPS}]| [{CAPS}]", text[e:]):
                continue  # "Moscow, Russia": a place; "Warsaw Summit": part of a name
        how = "national" if p.use == "national" else p.use
        hits.append((Found(sent.start + s, sent.start + e, p.id, text[s:e], how), p))
    taken = [(f.start, f.end) for f, _ in hits]
    for c in known_names(text, d, st.published):
        s, e = sent.start + c.start, sent.start + c.end
        if any(s < te and ts < e for ts, te in taken):
            continue
        if c.kind != "person" and ACRONYM_RE.fullmatch(c.name) and _inside_name(text, c.end, d):
            continue  # "ASEAN Regional Forum"
        hits.append((Found(s, e, c.key, c.name, "name"), None))
        if c.kind == "person":
            st.surnames.setdefault(surname_of(c.name), c.key)
            st.names.setdefault(c.key, c.name)
    for _, p in hits:
        if p is not None and p.label == "person" and p.use == "name":
            st.surnames.setdefault(surname_of(d.actors[p.id].name), p.id)
    return [(f, p) for f, p in hits if p is None or p.use != "surname"]


def _inside_name(text: str, end: int, d: Dictionary) -> bool:
    """An acronym that opens a longer name: capitalized words after it, not a title, up to a
    word that heads names of bodies and gatherings ("ASEAN Regional Forum", "U.S. Foreign
    Disaster Assistance")."""
    _, titles = title_vocabulary()
    heads = d.words("org_heads") | d.words("name_heads")
    pos = end
    for _ in range(5):
        m = NEXT_WORD_RE.match(text, pos)
        if m is None:
            return False
        word = m.group(1)
        if word in d.patterns or word.lower() in titles or word in d.words("stop_caps"):
            return False
        if word in heads:
            return True
        pos = m.end()
    return False


NEXT_AGENT_RE = re.compile(r" ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")
ARMED = frozenset({"UAF", "REB", "INS"})  # armed groups: their nationality names a side


def demonym_extent(text: str, end: int, d: Dictionary) -> int | None:
    """A demonym names its country only before an agent ("Syrian regime", "Russian forces")
    or in a compound ("U.S.-Russian"); returns how far the mention extends, None to skip."""
    if text[end : end + 1] == "-":
        return 0
    rest = text[end:]
    chain = re.match(r"(?:,? (?:and|or) |, )", rest)
    if chain:  # "the Chinese and Hong Kong authorities", "Russian and Syrian forces"
        other = d.regex.match(fold(rest), chain.end())
        if other and d.patterns[other.group()][0].label == "country":
            rest = rest[other.end() :]
    if not rest.startswith(" "):
        return None
    if d.titles_regex.match(rest, 1):
        return 0  # "German Finance Minister ...", "Saudi Energy Minister ..."
    n = starts_with_word(rest[1:], d.words("agent_nouns"))
    if not n:
        # "Palestinian militants", "Somali gunmen": the field's agent words too
        m = NEXT_AGENT_RE.match(rest)
        agent = m and (
            d.known.agents.get(m.group(1)) or d.known.agents.get(f"{m.group(1)} {m.group(2)}")
        )
        if agent is None or agent.code not in ARMED:
            return None
    state = starts_with_word(rest[1:], d.words("state_nouns"))
    return 1 + state if state and rest is text[end:] else 0


def resolve_name(
    name: str, kind: str, d: Dictionary, surnames: dict[str, str], when: date | None = None
) -> str:
    """The key of a name: ours, the field's, a surname this brief has named, else its own.
    With a date, a lone surname after a title is the one person of that name the
    dictionaries have in office then ("President Bush", "Foreign Minister Lavrov")."""
    for p in d.patterns.get(name, []):
        if kind == "person" and p.label == "person":
            return p.id
        if kind != "person" and p.use == "name":
            return p.id
    if " " in name:
        for key in d.known.index.get(index_key(name), ()):
            if (d.actors[key].kind == "person") == (kind == "person"):
                return key
    if kind == "person":
        last = name.split(" ")[-1]
        if last in surnames:
            return surnames[last]
        if when is not None and " " not in name:
            key = d.known.by_surname(name, when)
            if key is not None:
                return key
    if kind != "person":
        gov = GOVERNMENT_RE.match(name)
        country = gov and (gov.group("of") or gov.group("adj"))
        if country and country in d.patterns:
            p = d.patterns[country][0]
            if p.label == "country":
                return p.id
    return f"{kind}:{norm_key(name)}"


def surname_of(name: str) -> str:
    last = name.split(" ")[-1]
    return re.sub(r"^(?:al|el)-", "", last)


BODY_RE = re.compile(r"^(?:['’]s)? ")


def bodies(
    text: str,
    sent: Sentence,
    accepted: list[Found],
    d: Dictionary,
    st: State,
    tokens: Tokens | None = None,
) -> list[Found]:
    """ "China's foreign ministry", "Sudan's army": a country's institution is an actor too,
    named after the country's demonym, beside the country's own mention."""
    out = []
    nouns = d.lexicon_map("body_nouns")
    for f in accepted:
        info = d.actors.get(f.key)
        if info is None or info.kind != "country" or f.how not in ("name", "demonym", "metonym"):
            continue
        rest = text[f.end : sent.end]
        m = BODY_RE.match(rest)
        if not m:
            continue
        n = starts_with_word(rest[m.end() :], frozenset(nouns))
        if not n or not rest[m.end()].islower():
            continue
        phrase = rest[m.end() : m.end() + n].lower()
        last = f.end + m.end() + n - len(phrase.split(" ")[-1])
        if tokens and tokens.get(last, ("NOUN", ""))[1] in ("compound", "amod"):
            continue  # "Niger's military rulers": an adjective, not the body
        name = f"{d.demonyms.get(f.key, info.name)} {nouns[phrase]}"
        key = resolve_name(name, "organization", d, {})
        st.learn(key, name, "organization")
        st.affiliations.setdefault(key, f.key)
        e = f.end + m.end() + n
        out.append(Found(f.start, e, key, text[f.start : e], "body"))
    return out


def credit_mentions(text: str, layout: Layout, d: Dictionary, st: State) -> list[Found]:
    """ "Jane Doe / Reuters": the photographer and the agency."""
    out = []
    for media in layout.media:
        if not media.credit:
            continue
        cs = text.find(media.credit, media.start)
        agency_key = None
        if media.agency:
            agency_key = resolve_name(media.agency, "organization", d, {})
            st.learn(agency_key, media.agency, "organization")
            a = cs + media.credit.rfind(media.agency)
            out.append(Found(a, a + len(media.agency), agency_key, media.agency, "credit"))
        if media.photographer and len(media.photographer.split()) >= 2:
            key = resolve_name(media.photographer, "person", d, {})
            st.learn(key, media.photographer, "person", "photographer")
            if agency_key:
                st.affiliations.setdefault(key, agency_key)
            p = cs + media.credit.find(media.photographer)
            out.append(Found(p, p + len(media.photographer), key, media.photographer, "credit"))
    return out


def surname_mentions(
    text: str, sents: list[Sentence], per_sentence: list[list[Found]], d: Dictionary, st: State
) -> list[Found]:
    """Bare surnames of people this brief has named ("Kerry", "Power"), and short names it
    introduced ("..., known as ECOWAS", "(ECOWAS)", "(GoS)")."""
    for found in per_sentence:
        for f in found:
            intro = ACRONYM_INTRO_RE.match(text, f.end)
            if not intro or f.how not in ("run", "name", "agent"):
                continue
            short = intro.group(1)
            ours = d.patterns.get(short)
            theirs = [k for k in d.known.index.get(index_key(short), ()) if k in d.actors]
            body = (
                ours[0].id
                if ours and ours[0].label in ("organization", "group")
                else next((k for k in theirs if d.actors[k].kind != "person"), None)
            )
            if body is not None and f.how == "run":
                # "the Economic Community of West African States, known as ECOWAS": the body
                # the dictionaries know by its short name.
                f.key = body
            elif ours is None and not theirs:
                st.surnames.setdefault(short, f.key)
    mentions: list[Found] = []
    for sent, found in zip(sents, per_sentence, strict=True):
        extra = []
        for m in SURNAME_RE.finditer(sent.text):
            key = st.surnames.get(m.group(1))
            s, e = sent.start + m.start(), sent.start + m.end()
            if key and all(e <= f.start or s >= f.end for f in found):
                extra.append(Found(s, e, key, m.group(), "surname"))
        mentions += sorted(found + extra, key=lambda f: f.start)
    return mentions


def national_branches(text: str, found: list[Found], d: Dictionary, st: State) -> list[Found]:
    """ "the Red Cross of Serbia": a known body followed by "of" and a country is that
    country's branch, an actor of its own."""
    out = []
    for f in found:
        info = d.actors.get(f.key)
        if info is None or info.kind != "organization" or f.how != "name":
            continue
        m = re.match(r" of (?:the )?", text[f.end : f.end + 9])
        if not m:
            continue
        at = f.end + m.end()
        country = next((g for g in found if g.start == at and g.how == "name"), None)
        if country is None or d.actors.get(country.key, info).kind != "country":
            continue
        name = text[f.start : country.end]
        key = resolve_name(name, "organization", d, {})
        st.learn(key, name, "organization")
        st.affiliations.setdefault(key, country.key)
        out.append(Found(f.start, country.end, key, name, "run"))
    return out


def national_bodies(mentions: list[Found], main: str | None, d: Dictionary, st: State) -> None:
    """ "Congress", "the Senate" alone are the main country's ("Bolivia's voters also chose a
    new Congress"); ours (the U.S. ones) only in a brief about no other country."""
    if main is None:
        return
    for f in mentions:
        if f.how != "national" or f.key not in d.actors:
            continue
        owner = d.actors[f.key].affiliation
        if owner == main:
            continue
        info = d.actors[main]
        demonym = d.demonyms.get(main)
        lead = demonym if demonym and not demonym.endswith("er") else info.name
        name = f"{lead} {f.text.removeprefix('the ').removeprefix('The ')}"
        f.key = resolve_name(name, "organization", d, {})
        st.learn(f.key, name, "organization")
        st.affiliations.setdefault(f.key, main)
