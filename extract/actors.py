"""Actors a brief names: dictionary matches, titled and appositive people, unknown bodies,
resolved within the document (surnames) into one record per real actor."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .dictionary import Dictionary, Pattern, load
from .names import (
    Candidate,
    appositive_people,
    capitalized_runs,
    described_bodies,
    named_bodies,
    reverse_appositive_people,
    role_people,
    titled_people,
)
from .nlp import Sentence
from .records import ActorInfo, Layout, Mention

PRIORITY = {"name": 0, "title": 1, "appositive": 1, "run": 2}


def norm_key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^\w]+", "-", s).strip("-")


@dataclass
class Found:
    start: int
    end: int
    key: str
    text: str
    how: str  # name | demonym | metonym | surname | title | appositive | run | credit

    def to_record(self) -> Mention:
        return Mention(self.key, self.start, self.end, self.text)


@dataclass
class DocActors:
    actors: dict[str, ActorInfo]
    mentions: list[Found]
    titles: dict[str, str] = field(default_factory=dict)


def _starts_with_word(s: str, words: frozenset[str]) -> int:
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


def _dictionary_hits(sent: Sentence, d: Dictionary) -> list[tuple[Found, Pattern]]:
    text = sent.text
    hits: list[tuple[Found, Pattern]] = []
    prev_word_re = re.compile(r"(\w+)\W*$")
    for m in d.regex.finditer(text):
        pats = d.patterns[m.group()]
        p = pats[0]
        s, e = m.start(), m.end()
        if p.use == "demonym":
            extra = _demonym_extent(text, e, d)
            if extra is None:
                continue
            e += extra
        elif p.use == "metonym":
            pw = prev_word_re.search(text[:s])
            called_on = re.search(
                r"\bcall(?:s|ed|ing)? on\s*$", text[:s]
            )  # "called on Ankara to ..."
            if pw and pw.group(1).lower() in d.words("locative_preps") | {"the"} and not called_on:
                continue
            if re.match(r", [A-Z]", text[e:]):  # "Moscow, Russia": a place
                continue
        hits.append((Found(sent.start + s, sent.start + e, p.id, text[s:e], p.use), p))
    return hits


def _demonym_extent(text: str, end: int, d: Dictionary) -> int | None:
    """A demonym names its country only before an agent ("Syrian regime", "Russian forces")
    or in a compound ("U.S.-Russian"); returns how far the mention extends, None to skip."""
    if text[end : end + 1] == "-":
        return 0
    rest = text[end:]
    chain = re.match(r"(?:,? (?:and|or) |, )([A-Z][\w-]+)", rest)
    if chain and chain.group(1) in d.patterns and d.patterns[chain.group(1)][0].use == "demonym":
        rest = rest[chain.end() :]
    if not rest.startswith(" "):
        return None
    if d.titles_regex.match(rest, 1):
        return 0  # "German Finance Minister ...", "Saudi Energy Minister ..."
    n = _starts_with_word(rest[1:], d.words("agent_nouns"))
    if not n:
        return None
    state = _starts_with_word(rest[1:], d.words("state_nouns"))
    return 1 + state if state and rest is text[end:] else 0


def _resolve_name(name: str, kind: str, d: Dictionary, surnames: dict[str, str]) -> str:
    for p in d.patterns.get(name, []):
        if kind == "person" and p.label == "person":
            return p.id
        if kind != "person" and p.use == "name":
            return p.id
    if kind == "person":
        last = name.split(" ")[-1]
        if last in surnames:
            return surnames[last]
    return f"{kind}:{norm_key(name)}"


def _accept(found: list[Found]) -> list[Found]:
    """Longest first, then by how sure the finder is; overlapping losers are dropped."""
    found.sort(key=lambda f: (-(f.end - f.start), PRIORITY.get(f.how, 0), f.start))
    taken: list[Found] = []
    for f in found:
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def _surname_of(name: str) -> str:
    last = name.split(" ")[-1]
    return re.sub(r"^(?:al|el)-", "", last)


NATIONAL_TITLES = (
    "president",
    "prime minister",
    "minister",
    "chancellor",
    "king",
    "queen",
    "premier",
    "emir",
    "gen.",
    "general",
    "col.",
    "colonel",
    "lt.",
    "maj.",
    "admiral",
    "field marshal",
)
ACRONYM_INTRO_RE = re.compile(
    r"(?:,? (?:known as|called|also known as) | \()([A-Z][A-Za-z0-9]{1,12})\b"
)


def find_actors(text: str, sents: list[Sentence], layout: Layout) -> DocActors:
    d = load()
    st = _State()
    if layout.dateline:
        home = [
            m
            for m in d.regex.finditer(layout.dateline)
            if d.patterns[m.group()][0].label == "country"
        ]
        st.home = d.patterns[home[-1].group()][0].id if home else None
    per_sentence: list[list[Found]] = []
    for sent in sents:
        hits = _dictionary_hits(sent, d)
        dict_found = [f for f, p in hits if p.use != "surname"]
        for _, p in hits:
            if p.label == "person" and p.use == "name":
                st.surnames.setdefault(_surname_of(d.actors[p.id].name), p.id)
        cands: list[tuple[Candidate, str]] = []
        cands += [(c, "title") for c in titled_people(sent.text, d)]
        cands += [(c, "title") for c in role_people(sent.text, d)]
        cands += [(c, "appositive") for c in appositive_people(sent.text, d)]
        cands += [(c, "appositive") for c in reverse_appositive_people(sent.text, d)]
        cands += [(c, "run") for c in capitalized_runs(sent.text, d)]
        cands += [(c, "run") for c in named_bodies(sent.text, d)]
        cands += [(c, "run") for c in described_bodies(sent.text, d)]
        found = list(dict_found)
        resolved = []
        for c, how in cands:
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
            key = _resolve_name(name, c.kind, d, st.surnames)
            if c.kind == "person" and key.startswith("person:"):
                st.surnames.setdefault(_surname_of(name), key)
            st.names.setdefault(key, name)
            st.kinds.setdefault(key, c.kind)
            if c.title:
                st.titles.setdefault(key, c.title)
            f = Found(s, e, key, text[s:e], how)
            found.append(f)
            resolved.append((c, how, f, prefix))
        accepted = _accept(found)
        for c, how, f, prefix in resolved:
            aff = _affiliation(c, how, sent, accepted, prefix, per_sentence, st.kinds, d)
            if aff and aff != f.key:
                st.affiliations.setdefault(f.key, aff)
        accepted += _bodies(text, sent, accepted, d, st)
        per_sentence.append(sorted(accepted, key=lambda f: f.start))

    # Second pass: bare surnames of people this brief has named ("Kerry", "Power"), and
    # short names it introduced ("..., known as ECOWAS", "(ECOWAS)").
    for found in per_sentence:
        for f in found:
            intro = ACRONYM_INTRO_RE.match(text, f.end)
            if intro and f.how in ("run", "name") and intro.group(1) not in d.patterns:
                st.surnames.setdefault(intro.group(1), f.key)
    mentions: list[Found] = []
    for sent, found in zip(sents, per_sentence, strict=True):
        extra = []
        for m in re.finditer(r"(?<![\w-])(?:al-|el-)?([A-Z][\w]+)(?!\w)", sent.text):
            key = st.surnames.get(m.group(1))
            s, e = sent.start + m.start(), sent.start + m.end()
            if key and all(e <= f.start or s >= f.end for f in found):
                extra.append(Found(s, e, key, m.group(), "surname"))
        mentions += sorted(found + extra, key=lambda f: f.start)

    mentions += _credit_mentions(text, layout, d, st.titles, st.affiliations, st.names, st.kinds)
    _national_affiliations(mentions, d, st)
    infos = _actor_infos(mentions, d, st.titles, st.affiliations, st.names, st.kinds)
    return DocActors(infos, mentions)


@dataclass
class _State:
    titles: dict[str, str] = field(default_factory=dict)
    affiliations: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    home: str | None = None


BODY_RE = re.compile(r"^(?:['’]s)? ")


def _bodies(
    text: str, sent: Sentence, accepted: list[Found], d: Dictionary, st: _State
) -> list[Found]:
    """ "China's foreign ministry", "Sudan's army": a country's institution is an actor too,
    named after the country's demonym, beside the country's own mention."""
    out = []
    bodies = d.lexicon_map("body_nouns")
    for f in accepted:
        info = d.actors.get(f.key)
        if info is None or info.kind != "country" or f.how not in ("name", "demonym", "metonym"):
            continue
        rest = text[f.end : sent.end]
        m = BODY_RE.match(rest)
        if not m:
            continue
        n = _starts_with_word(rest[m.end() :], frozenset(bodies))
        if not n or not rest[m.end()].islower():
            continue
        phrase = rest[m.end() : m.end() + n].lower()
        name = f"{d.demonyms.get(f.key, info.name)} {bodies[phrase]}"
        key = _resolve_name(name, "organization", d, {})
        st.names.setdefault(key, name)
        st.kinds.setdefault(key, "organization")
        st.affiliations.setdefault(key, f.key)
        e = f.end + m.end() + n
        out.append(Found(f.start, e, key, text[f.start : e], "body"))
    return out


def _national_affiliations(mentions: list[Found], d: Dictionary, st: _State) -> None:
    """A president or ministry the text does not place belongs to the brief's main country."""
    counts: dict[str, int] = {}
    for m in mentions:
        info = d.actors.get(m.key)
        if info is not None and info.kind == "country":
            counts[m.key] = counts.get(m.key, 0) + 1
    main = st.home
    if main is None:
        if not counts:
            return
        main, n = max(counts.items(), key=lambda kv: kv[1])
        if n < 2:
            return
    for key in {m.key for m in mentions}:
        if key in st.affiliations or (key in d.actors and d.actors[key].affiliation):
            continue
        title = (st.titles.get(key) or "").lower()
        national = st.kinds.get(key) == "person" and title.startswith(NATIONAL_TITLES)
        body = st.kinds.get(key) == "organization" and re.search(
            r"\b(?:Ministry|Parliament|Police|Army)\b", st.names.get(key, "")
        )
        if national or body:
            st.affiliations[key] = main


def _affiliation(c: Candidate, how, sent, accepted, prefix, previous, kinds, d) -> str | None:
    if how == "run":
        return prefix.key if prefix else None
    if c.title_span is None:
        return None
    ts, te = sent.start + c.title_span[0], sent.start + c.title_span[1]

    def last_body() -> str | None:
        earlier = [f for fs in previous for f in fs] + [f for f in accepted if f.end <= ts]
        bodies = [
            f
            for f in earlier
            if f.how in ("name", "run", "body", "title")
            and _kind(f.key, kinds, d) in ("organization", "group")
        ]
        return bodies[-1].key if bodies else None

    if how == "title":
        before = [
            f for f in accepted if f.end in (ts - 1, ts, ts - 3) or (f.start >= ts and f.end <= te)
        ]
        if before:
            return before[0].key
        # A spokesman the text does not place speaks for the body it was just talking about.
        return last_body() if c.title and c.title.lower().startswith("spokes") else None
    if c.how in ("its", "their", "his", "her") or (
        how == "appositive" and c.title and "'" in c.title[:40] or "’" in (c.title or "")[:40]
    ):
        inside = [f for f in accepted if ts <= f.start and f.end <= te]
        if inside:
            return inside[0].key  # "Nigeria's health minister, Muhammad Ali Pate"
    if c.how in ("its", "their", "his", "her"):
        # "Its director, Jean Kaseya": the body the previous sentences were about.
        return last_body()
    inside = [f for f in accepted if ts <= f.start and f.end <= te]
    return inside[0].key if inside else None


def _kind(key: str, kinds: dict[str, str], d: Dictionary) -> str:
    return d.actors[key].kind if key in d.actors else kinds.get(key, "organization")


def _credit_mentions(text, layout, d, titles, affiliations, names, kinds) -> list[Found]:
    out = []
    for media in layout.media:
        if not media.credit:
            continue
        cs = text.find(media.credit, media.start)
        agency_key = photographer_key = None
        if media.agency:
            agency_key = _resolve_name(media.agency, "organization", d, {})
            names.setdefault(agency_key, media.agency)
            kinds.setdefault(agency_key, "organization")
            a = cs + media.credit.rfind(media.agency)
            out.append(Found(a, a + len(media.agency), agency_key, media.agency, "credit"))
        if media.photographer and len(media.photographer.split()) >= 2:
            photographer_key = _resolve_name(media.photographer, "person", d, {})
            names.setdefault(photographer_key, media.photographer)
            kinds.setdefault(photographer_key, "person")
            titles.setdefault(photographer_key, "photographer")
            if agency_key:
                affiliations.setdefault(photographer_key, agency_key)
            p = cs + media.credit.find(media.photographer)
            out.append(
                Found(
                    p, p + len(media.photographer), photographer_key, media.photographer, "credit"
                )
            )
    return out


def _actor_infos(
    mentions, d: Dictionary, titles, affiliations, names, kinds
) -> dict[str, ActorInfo]:
    aliases: dict[str, list[str]] = {}
    for m in mentions:
        aliases.setdefault(m.key, [])
        if m.text not in aliases[m.key]:
            aliases[m.key].append(m.text)
    out = {}
    for key, surface in aliases.items():
        base = d.actors.get(key)
        aff = affiliations.get(key) or (base.affiliation if base else None)
        out[key] = ActorInfo(
            key=key,
            name=base.name if base else names.get(key, surface[0]),
            kind=base.kind if base else kinds.get(key, "organization"),
            title=titles.get(key) or (base.title if base else None),
            affiliation=aff,
            code=base.code if base else None,
            aliases=tuple(surface),
        )
    # Affiliations named only through the dictionary still need their own record.
    for info in list(out.values()):
        if info.affiliation and info.affiliation not in out and info.affiliation in d.actors:
            base = d.actors[info.affiliation]
            out[base.key] = base
    return out
