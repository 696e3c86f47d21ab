"""Whose an actor is: the body or country its title or appositive names, the field's role on
the brief's date, the body a title only hints at ("Department Spokesperson"), the office an
unnamed title stands for ("the Prime Minister"), and the brief's main and author countries."""

from __future__ import annotations

import re

from .dictionary import Dictionary
from .found import Found, State
from .names import Candidate
from .nlp import Sentence

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
    "secretary",
    "foreign secretary",
    "home secretary",
    "press secretary",
    "ambassador",
    "senator",
    "governor",
    "candidate",
)
TO_RE = re.compile(r"\bto(?: the)? $")
# Heads of body names a title may use alone: "Department Spokesperson", "Ministry official".
TITLE_BODY_HEADS = (
    "department",
    "ministry",
    "agency",
    "commission",
    "office",
    "council",
    "committee",
    "embassy",
    "mission",
)


def kind_of(key: str, st: State, d: Dictionary) -> str:
    return d.actors[key].kind if key in d.actors else st.kinds.get(key, "organization")


def of_candidate(
    c: Candidate,
    how: str,
    sent: Sentence,
    accepted: list[Found],
    prefix: Found | None,
    st: State,
    d: Dictionary,
) -> str | None:
    """The affiliation a finder's own context gives: a body or country inside the title or
    appositive (a body before a country: "Pentagon Press Secretary", "U.N. Secretary-General",
    "Japanese Minister of Defense"), right before it ("World Food Program (WFP) Executive
    Director"), or the body the previous sentences were about ("Its director, ...")."""
    if how == "run":
        if prefix:
            return prefix.key
        # "EU Foreign Affairs Council": a known body's acronym opens the name
        lead = c.name.split(" ")[0]
        pats = d.patterns.get(lead) if " " in c.name and lead.isupper() else None
        if pats and pats[0].label in ("organization", "country") and pats[0].use == "name":
            return pats[0].id
        return None
    if c.title_span is None:
        return None
    ts, te = sent.start + c.title_span[0], sent.start + c.title_span[1]

    def last_body() -> str | None:
        here = last_body_in([f for f in accepted if f.end <= ts], st, d)
        return here or st.last_body

    text = sent.text
    base = sent.start
    # What the title serves, not what it is sent to: "ambassador to UN", "envoy to Syria".
    inside = [
        f
        for f in accepted
        if ts <= f.start
        and f.end <= te
        and f.key != ""
        and not TO_RE.search(text[max(0, ts - base) : f.start - base])
    ]
    bodies = [f for f in inside if kind_of(f.key, st, d) in ("organization", "group")]
    if how == "title":
        if bodies or inside:
            return (bodies or inside)[-1].key
        # "World Food Program (WFP) Executive Director": the body right before the title.
        before = [f for f in accepted if text[f.end - base : ts - base] in (" ", ") ")]
        if before:
            return before[-1].key
        # A spokesman the text does not place speaks for the body it was just talking about.
        return last_body() if c.title and "spokes" in c.title.lower() else None
    if c.how in ("its", "their", "his", "her") and not inside:
        return last_body()  # "Its director, Jean Kaseya": the body the brief was about
    return (bodies or inside)[0].key if inside else None


def last_body_in(found: list[Found], st: State, d: Dictionary) -> str | None:
    """The last body or group these mentions name ("its director" speaks for it)."""
    for f in reversed(found):
        if f.how in ("name", "run", "body", "title") and kind_of(f.key, st, d) in (
            "organization",
            "group",
        ):
            return f.key
    return None


def title_head(title: str | None) -> str | None:
    """The body head a title names without its body: "Department Spokesperson" -> department."""
    if not title:
        return None
    for w in re.findall(r"[A-Za-z]+", title.lower()):
        if w in TITLE_BODY_HEADS:
            return w
        if w == "commissioner":
            return "commission"  # "European Commissioner for ...": the Commission's
    return None


def dated_roles(keys: list[str], d: Dictionary, st: State) -> None:
    """What the dictionaries say a known actor was on the brief's date: its code, and unless
    the text says otherwise, its title and affiliation ("a foreign minister coded RUSGOV from
    2004-03-09": Russia's)."""
    for key in keys:
        role = d.known.role_at(key, st.published)
        if role is None:
            continue
        if role.code:
            st.codes[key] = role.code
        aff = role.affiliation or d.known.affiliation_of(role.code)
        if aff and aff != key:
            st.affiliations.setdefault(key, aff)
        if role.title:
            st.titles.setdefault(key, role.title)


def main_country(mentions: list[Found], d: Dictionary, st: State) -> str | None:
    """The country the brief is about: its dateline's, else the one named most often, its
    bodies and people counted too, if named twice or more."""
    if st.home:
        return st.home
    counts: dict[str, int] = {}
    for m in mentions:
        info = d.actors.get(m.key)
        if info is not None and info.kind == "country":
            key = m.key
        else:
            key = st.affiliations.get(m.key) or (info.affiliation if info else None)
            if key is None or key not in d.actors or d.actors[key].kind != "country":
                continue
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    main, n = max(counts.items(), key=lambda kv: kv[1])
    # named twice or more, or the only country the brief names
    return main if n >= 2 or len(counts) == 1 else None


def national(mentions: list[Found], main: str | None, d: Dictionary, st: State) -> None:
    """A minister or ministry the text does not place belongs to the country speaking in the
    brief's voice, else to its main country."""
    country = st.author or main
    by_title = {t.lower(): c for t, c in d.lexicon_map("title_countries").items()}
    for key in {m.key for m in mentions}:
        if key in st.affiliations or (key in d.actors and d.actors[key].affiliation):
            continue
        title = (st.titles.get(key) or "").lower()
        own = next((c for t, c in by_title.items() if title.endswith(t)), None)
        if own is not None:  # "Secretary of Defense": only one country has one
            st.affiliations[key] = own
            continue
        if country is None:
            continue
        person = st.kinds.get(key) == "person" and (
            title.startswith(NATIONAL_TITLES) or title.endswith(NATIONAL_TITLES)
        )
        body = st.kinds.get(key) == "organization" and re.search(
            r"\b(?:Ministry|Parliament|Police|Army|Congress|Senate)\b", st.names.get(key, "")
        )
        if person or body:
            st.affiliations[key] = country
    for key in st.domestic:
        if main is not None:
            st.affiliations.setdefault(key, main)


def title_bodies(mentions: list[Found], d: Dictionary, st: State) -> None:
    """ "Matthew Miller, Department Spokesperson" in a brief that names the Department of
    State: the body of the brief whose name has the title's head word."""
    if not st.title_heads:
        return
    first: dict[str, str] = {}  # a word of a body's name -> the first body named so
    for m in mentions:
        if kind_of(m.key, st, d) != "organization":
            continue
        name = d.actors[m.key].name if m.key in d.actors else st.names.get(m.key, "")
        for word in name.lower().split():
            first.setdefault(word, m.key)
    for key, head in st.title_heads.items():
        if key not in st.affiliations and head in first:
            st.affiliations[key] = first[head]
