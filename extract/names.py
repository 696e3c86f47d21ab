"""Pattern finders for people and bodies the dictionary does not know.

Each finder reads one sentence and returns `Candidate`s; `actors.py` decides what they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from .dictionary import Dictionary
from .known import index_key
from .letters import APOSTROPHES, CAP, MARKS, NAME_CHAR, is_capital

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
        "Hon",
        "Hon.",
    }
)
# Names by Unicode category: a capital (or a letter of a caseless script), then letters and
# combining marks, hyphen or apostrophe parts ("Ki-moon", "O'Brien", "Chan-o-cha"); lowercase
# particles only before a capitalized part ("al-Assad", "von der Leyen", "da Silva", "bin
# Salman"); initials only inside a name ("Dana W. White", "A.K. Abdul Momen").
# Particles that stand apart ("da Silva", "von der Leyen") and those only hyphenated to the
# name ("ad-Din", "as-Sisi"): "at", "as" or "do" apart are English words.
PARTICLES = (
    "al|el|bin|bint|ibn|ben|abu|abd|ould|wa|de|da|das|dos|del|della|"
    "di|du|la|le|van|von|der|den|ter|ten|zu|af|av|ul"
)
HYPHEN_PARTICLES = "ad|ar|as|ash|at|az|ud|ul|do"
# An initial, or a transliterated digraph's ("Adamantios Th. Vassilakis", "Mikhail Kh. ...").
INITIAL = rf"(?:{CAP}|Th|Ch|Ph|Sh|Kh|Zh|Gh)\.(?:-?{CAP}\.)*"
WORD = rf"{CAP}{NAME_CHAR}*(?:[-{APOSTROPHES}]{NAME_CHAR}+)*"
LINKED = rf"(?:(?:{PARTICLES})(?:-| (?:(?:{PARTICLES}) )*)|(?:{HYPHEN_PARTICLES})-)?{WORD}"
# Only at a word's start: inside a long run of letters a name would be tried at every letter.
NAME_START = rf"(?<![\w{MARKS}{APOSTROPHES}.-])"
INITIAL_RE = re.compile(INITIAL)


@lru_cache(maxsize=64)
def words_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sentence's words as (start, end, text), shared by the finders that read it."""
    return tuple((m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text))


@cache
def title_words_lower() -> frozenset[str]:
    from .dictionary import load

    d = load()
    return frozenset({w.lower() for t in d.words("titles") for w in t.split()}) | d.words(
        "title_words"
    )


NAME = rf"{NAME_START}(?:(?:{INITIAL}|{LINKED}) ){{0,4}}{LINKED}"
WORD_RE = re.compile(
    rf"{INITIAL}(?= {CAP})|{NAME_CHAR}(?:[{NAME_CHAR[1:-1]}{APOSTROPHES}.-]*{NAME_CHAR})?"
)
POSSESSIVE_RE = re.compile(r"['’]s$|['’]$")
SPEECH_END_RE = re.compile(
    r"\b(?:said|says|told|added|stated|warned|noted|wrote|argued|insisted|explained|announced|"
    r"asked|replied|claimed|declared|urged)$"
)
# "…,” said Amadou Djossa": a name a speech verb introduces is a person's.
SPEECH_BEFORE_RE = re.compile(r"\b(?:said|says|added|stated|noted|wrote|explained|according to)\s$")
# "Amadou Djossa, WFP Country Director": a name with a title in apposition.
TITLED_AFTER_RE = re.compile(r", (?:the |a |an )?(?:[A-Z][\w.&-]* ){0,3}?(\w+)")


def verb_form(word: str) -> bool:
    """A third-person verb of the event lexicon ("Condemns", "Welcomes", "Urges")."""
    from .events.lexicon import load as load_lexicon  # here: events builds on this module

    low = word.lower()
    if not low.endswith("s") or len(low) < 4:
        return False
    verbs = load_lexicon().verbs
    stems = (low[:-1], low[:-2]) if low.endswith("es") else (low[:-1],)
    return any(stem in verbs for stem in stems)


def _titled_after(text: str, end: int, titles_lower: frozenset[str]) -> bool:
    m = TITLED_AFTER_RE.match(text, end, end + 60)
    return m is not None and m.group(1).lower() in titles_lower


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
    key: str | None = None  # the dictionary's actor, when a dictionary found it


POST_NOMINALS = frozenset("MP MEP MLA MSP TD QC KC OBE MBE CBE KBE CMG KCMG GCMG PC".split())


def _trim_name(name: str, stops: frozenset[str]) -> str:
    """Cut a name at a word that cannot belong to it ("Obama Tuesday", "Kerry’s")."""
    words = name.split(" ")
    kept: list[str] = []
    for w in words:
        bare = POSSESSIVE_RE.sub("", w)
        if bare in stops or not bare or (kept and bare in POST_NOMINALS):
            break  # "David Lammy MP": letters after a name are no part of it
        kept.append(bare)
        if bare != w:
            break
    return " ".join(kept)


PARTICLE_RE = re.compile(rf"^(?:{PARTICLES}|{HYPHEN_PARTICLES})-{CAP}")
CONNECTORS = frozenset({"of", "for", "the", "and", "on"}) | frozenset(PARTICLES.split("|"))


def _org_shaped(tokens: list[str], heads: frozenset[str], lead: frozenset[str]) -> bool:
    """ "Johnson Space Center", "Ministry of Foreign Affairs", "Centres for Disease Control"."""
    if tokens[-1] in heads or (tokens[0] in lead and len(tokens) > 2):
        return True
    return any(
        t in heads and nxt in ("of", "for", "on", "in")
        for t, nxt in zip(tokens, tokens[1:], strict=False)
    )


CONTINENTS = frozenset({"Europe", "Africa", "Asia", "the Americas", "Latin America"})


def _country(name: str, d: Dictionary) -> bool:
    return name in d.patterns and d.patterns[name][0].label == "country"


def capitalized_runs(text: str, d: Dictionary) -> list[Candidate]:
    """Unknown organizations (by their head word) and people (by first name or speech verb)."""
    out = []
    words = words_of(text)
    connectors = CONNECTORS
    heads, lead = d.words("org_heads"), d.words("org_lead")
    titles = d.words("titles") | {"Prince", "Sheikh", "Sir", "Dame", "Lord", "Lady"}
    stops, places = d.words("stop_caps"), d.words("places")
    titles_lower = title_words_lower()
    title_nouns = d.words("title_nouns")

    def capital(w: str) -> bool:
        return is_capital(w) or bool(PARTICLE_RE.match(w))

    i = 0
    while i < len(words):
        if not capital(words[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            nxt = words[j + 1]
            gap = text[words[j][1] : nxt[0]]
            if gap == " & " and capital(nxt[2]) and capital(words[j][2]):
                j += 1  # "Foreign & Commonwealth Office"
                continue
            if gap != " ":
                break
            if nxt[2] in TIME_WORDS:
                break  # "the Organization on Wednesday": a weekday or month ends a name
            if POSSESSIVE_RE.search(words[j][2]) and (
                POSSESSIVE_RE.sub("", text[words[i][0] : words[j][1]]) in d.patterns
                or POSSESSIVE_RE.sub("", words[j][2]) in d.patterns
            ):
                break  # "North Korea's United Nations ambassador": two names
            if capital(nxt[2]):
                j += 1
                continue
            if nxt[2] == "in" and j + 2 < len(words):
                # "UN Mission in South Sudan", "Organisation for Security and Co-operation in
                # Europe": a body's name takes in the country or continent it serves.
                k = j + 2
                if k + 1 < len(words) and _country(text[words[k][0] : words[k + 1][1]], d):
                    k += 1
                where = text[words[j + 2][0] : words[k][1]]
                if (_country(where, d) or where in CONTINENTS) and _org_shaped(
                    [w for _, _, w in words[i : j + 1]], heads, lead
                ):
                    j = k
                break
            # "Movement for the Emancipation", "Ursula von der Leyen": connectors between
            # capitals, each a single space apart.
            k = j + 1
            while k < len(words) and k - j <= 3 and words[k][2] in connectors:
                if text[words[k - 1][1] : words[k][0]] != " ":
                    break
                k += 1
            if k - j > 2 and words[j + 1][2] == "and":
                break  # "NATO and the World Food Programme": two names
            if (
                j + 1 < k < len(words)
                and k - j <= 3
                and text[words[k - 1][1] : words[k][0]] == " "
                and capital(words[k][2])
                and words[k][2] not in TIME_WORDS
            ):
                j = k
            else:
                break
        run = words[i : j + 1]
        i = j + 1
        while len(run) >= 2 and run[0][2] in connectors | stops:
            first_two = text[run[0][0] : run[1][1]]
            if first_two in places or _country(first_two, d):
                break  # "New Zealand Electoral Commission", "the West Bank and Gaza"
            run = run[1:]
        if len(run) >= 2 and text[run[0][0] : run[1][1]] in places:
            continue  # a place, however it goes on ("West Bank and Gaza")
        # "New Zealand Electoral Commission": a country's name starts a body's name
        kept = (
            len(run) >= 3
            and run[0][2] in stops
            and _country(text[run[0][0] : run[1][1]], d)
            and _org_shaped([w for _, _, w in run], heads, lead)
        )
        while (
            run
            and not kept
            and (
                run[0][2] in stops
                or run[0][2] in connectors
                or run[0][2] in titles
                or (INITIAL_RE.fullmatch(run[0][2]) and run[0][2] in d.patterns)
            )
        ):
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
        if len(tokens) > 2 and tokens[0] in ("Members", "Member") and tokens[1] == "of":
            continue  # "Members of the Security Council": the body itself, named after "of"
        nouns = [t for t, w in enumerate(tokens[:-2]) if w.lower() in title_nouns]
        if nouns and not any(w in heads for w in tokens[nouns[-1] + 1 :]):
            continue  # "Council President Adamantios Th. Vassilakis": a title and a name
        if len(tokens) >= 2 and _org_shaped(tokens, heads, lead):
            out.append(Candidate(s, e, name, "organization"))
            continue
        party = re.match(r" (?:party|movement|alliance|coalition)\b", text[e:])
        if party and len(tokens) >= 2:
            # "the president's Movement Toward Socialism party": the name, not the noun
            out.append(Candidate(s, e, name, "organization", how="party"))
            continue
        skip = 0  # "Trade Representative Robert Lighthizer said": the name after the title
        while skip < len(tokens) - 1 and tokens[skip].lower() in titles_lower:
            s += len(tokens[skip]) + 1
            skip += 1
        tokens = tokens[skip:]
        name = " ".join(tokens)
        if not 2 <= len(tokens) <= 4 or any(
            t in stops or t in places or (t.isupper() and not INITIAL_RE.fullmatch(t))
            for t in tokens
        ):
            continue
        if all(t.lower() in titles_lower for t in tokens):
            continue  # "the Prime Minister said": an office, not a name
        if tokens[0] in d.patterns and d.patterns[tokens[0]][0].label == "country":
            continue  # "Ukrainian Air ..." is a body of a country, never a person
        if "and" in tokens or "&" in tokens:
            continue  # "the United States and Colombia": two names, no person
        if verb_form(tokens[0]):
            continue  # "Secretary-General Condemns Deadly Attack": a Title Case headline
        if (
            tokens[0] in d.words("given_names")
            or SPEECH_AFTER_RE.match(text[e:])
            or SPEECH_BEFORE_RE.search(text, max(0, s - 24), s)
            or _titled_after(text, e, titles_lower)
        ):
            out.append(Candidate(s, e, name, "person"))
    return out


MAX_KNOWN_TOKENS = 8


def known_names(text: str, d: Dictionary, when: date | None) -> list[Candidate]:
    """Names the field's dictionaries know (Phoenix office holders, bodies, armed groups),
    looked up without case, diacritics, periods or hyphens over runs of capitalized words:
    "Sergei Lavrov", "Leon E. Panetta", "Movement for the Emancipation of the Niger Delta".
    A name of one word must be written in capitals ("MEND"): one capitalized word is too often
    an ordinary one. Among namesakes, the one holding a role on the brief's date."""
    known = d.known
    words = words_of(text)
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        first = words[i][2]
        named = is_capital(first) or PARTICLE_RE.match(first)  # "al-Qaida"
        if not named or index_key(first).split(" ", 1)[0] not in known.firsts:
            i += 1  # no known name starts with this word: most words stop here
            continue
        best = None
        keys: list[str] = []
        j = i
        while j < len(words) and j - i < MAX_KNOWN_TOKENS:
            w = words[j][2]
            if j > i and (
                text[words[j - 1][1] : words[j][0]] != " " or not (is_capital(w) or w in CONNECTORS)
            ):
                break
            keys.append(index_key(w))
            if is_capital(w) and (j > i or (w.isupper() and len(w) >= 3)):
                ids = known.index.get(" ".join(k for k in keys if k))
                if ids:
                    best = (j, ids)
            j += 1
        if best is None:
            i += 1
            continue
        j, ids = best
        key = next((k for k in ids if when and _holds(known, k, when)), ids[0])
        info = d.actors[key]
        s, e = words[i][0], words[j][1]
        out.append(Candidate(s, e, text[s:e], info.kind, how="known", key=key))
        i = j + 1
    return out


def _holds(known, key: str, when: date) -> bool:
    return any(r.holds(when) for r in known.roles.get(key, ()) if r.start or r.end)
