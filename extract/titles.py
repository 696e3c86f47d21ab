"""Titles as the text writes them, and the people and offices they name.

"Pentagon Press Secretary Rear Admiral John Kirby", "Acting Minister of Defense X", "U.S.
Ambassador Michael D. Kirby", "former governor Manfred Reyes", "ministry spokesman Gao Feng":
the title is every title word, portfolio, body or country before the name. "The Prime Minister
welcomed ...", "the High Representative": an office the text names without its holder.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from .dictionary import Dictionary, load
from .letters import is_capital
from .names import NAME, Candidate, _trim_name, verb_form, words_of

CONNECTORS = frozenset({"of", "for", "to", "the", "and"})
LOWER_LEADS = frozenset({"former", "acting", "interim", "then", "late", "outgoing", "incoming"})
COMPLEMENT = frozenset({"of", "for", "to"})  # "Minister of Defense", "Ambassador to the UN"
# Abbreviations written with a period that stand before a name but are no title; and
# "Senator the Hon Murray Watt", "the Rt Hon David Lammy": the Commonwealth's style for
# ministers and members, between a title and the name.
HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "sir", "dame", "lord", "lady", "sheikh", "hon", "honourable"}
)
ABBREVIATIONS = frozenset(
    "gen lt col maj capt sgt adm brig cmdr gov sen rep amb pres supt insp rev fr sr jr".split()
)
RANKS = frozenset(
    "rear vice admiral general lieutenant major brigadier colonel commander captain gen lt maj "
    "col capt adm brig sgt sergeant marshal".split()
)
ARTICLE_RE = re.compile(r"(?:^|(?<=\s))(?:[Tt]he|[Hh]is [Mm]ajesty|[Hh]er [Mm]ajesty)\s+$")
POSSESSIVE = ("'s", "’s")
NAME_RE = re.compile(NAME)
PARTICLE_START_RE = re.compile(r"^(?:al|el|as|ad|ash|bin|ibn|abu|van|von|de|da|di|du)[- ]")


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(title words, title nouns), lower case. Title words may stand in a title ("press",
    "acting", "defense", "admiral"); a title needs one title noun ("secretary", "minister")."""
    d = load()
    nouns = d.words("title_nouns") | d.words("role_titles") | d.words("title_head_words")
    words = {
        w.lower().strip(".") for t in d.words("titles") for w in t.split() if w not in d.patterns
    }
    words |= nouns | d.words("role_modifiers") | d.words("title_words")
    return frozenset(words - HONORIFICS - {"the", "of", "and"}), frozenset(nouns)


@lru_cache(maxsize=4096)
def _is_title_word(w: str, words: frozenset[str]) -> bool:
    low = w.lower().strip(".")
    if low.endswith(POSSESSIVE):
        return False
    return low in words or all(p in words for p in low.split("-") if p)


class Sentence:
    """The tokens of one sentence, each marked: a title word, a connector, part of a known
    body or country, or anything else."""

    def __init__(self, text: str, d: Dictionary, bodies: list[tuple[int, int]]):
        self.text = text
        self.words = words_of(text)
        self.title_words, self.nouns = vocabulary()
        self.in_body = [False] * len(self.words)
        starts = [ws for ws, _, _ in self.words]
        for s, e in bodies:
            i = bisect_left(starts, s)
            while i < len(self.words) and self.words[i][1] <= e:
                self.in_body[i] = True
                i += 1
        # A portfolio may name a place: "Minister for the Middle East Alistair Burt".
        places = d.words("places")
        for i in range(len(self.words)):
            for n in (3, 2, 1):
                j = i + n - 1
                if j < len(self.words) and text[self.words[i][0] : self.words[j][1]] in places:
                    for x in range(i, j + 1):
                        self.in_body[x] = True
                    break
        self.titled = [_is_title_word(w, self.title_words) for _, _, w in self.words]
        self.stops = d.words("stop_caps")

    def gap(self, i: int) -> str:
        """What stands between word i-1 and word i."""
        return self.text[self.words[i - 1][1] : self.words[i][0]]

    def is_title(self, i: int) -> bool:
        return self.titled[i]

    def joined(self, i: int) -> bool:
        """Word i follows word i-1 in one phrase: a space, or an abbreviation's period ("Dr.
        A.K. Abdul Momen", "Gen. Abdourahamane Tchiani")."""
        g = self.gap(i)
        prev = self.words[i - 1][2].lower()
        return g == " " or (g == ". " and (prev in HONORIFICS or prev in ABBREVIATIONS))

    def title_before(self, k: int) -> tuple[int, int] | None:
        """The title phrase ending right before word k: (first word, last word) indices."""
        i = k - 1
        while i >= 0 and self.words[i][2].lower() in HONORIFICS and self.joined(i + 1):
            i -= 1  # "Dr. A.K. Abdul Momen": an honorific, not part of the title
        last = i
        first = None
        capital = False  # once a capitalized title word is in, lowercase words end it
        while i >= 0 and self.joined(i + 1):
            w = self.words[i][2]
            if capital and w.islower() and w not in LOWER_LEADS and w not in CONNECTORS:
                break  # "to press President Putin": not a title word there
            if w == "and" and self.words[i + 1][2].lower() in self.nouns:
                break  # "The Prime Minister and President Kenyatta": two people
            if self.is_title(i) or self.in_body[i]:
                first = i
                capital = capital or (not w.islower() and not self.in_body[i])
            elif (
                w in CONNECTORS
                and i > 0
                and (
                    self.is_title(i - 1)
                    or self.in_body[i - 1]
                    or (w == "the" and self.words[i - 1][2] in COMPLEMENT)  # "Minister for the"
                )
            ):
                pass
            elif w.endswith(POSSESSIVE) and self.in_body[i]:
                first = i
            else:
                break
            i -= 1
        if first is None or last < first:
            return None
        while first <= last and self.words[first][2] in CONNECTORS:
            first += 1
        if not self.is_title(last) and not self._complement(first, last):
            return None  # "Foreign Secretary on EU Sanctions": a body ends no title
        if not any(
            self.words[j][2].lower().strip(".") in self.nouns | ABBREVIATIONS
            or all(p in self.nouns for p in self.words[j][2].lower().split("-"))
            for j in range(first, last + 1)
        ):
            return None
        return first, last

    def _complement(self, first: int, last: int) -> bool:
        """The title ends with what its noun governs: "Ambassador to the UN"."""
        for j in range(last, first, -1):
            if self.words[j][2] in COMPLEMENT:
                return True
            if not (self.in_body[j] or self.words[j][2] == "the"):
                return False
        return False


def titled_people(text: str, d: Dictionary, bodies: list[tuple[int, int]]) -> list[Candidate]:
    """People named after their title: "Secretary of Defense Jim Mattis", "Pentagon Chief
    Spokesperson Dana W. White", "ruling party candidate Felipe Calderon". `bodies` are the
    spans of known bodies and countries in the sentence, which may stand in a title."""
    s = Sentence(text, d, bodies)
    out: list[Candidate] = []
    stops = s.stops | d.words("org_heads")
    for k, (ws, _, w) in enumerate(s.words):
        named = is_capital(w) or PARTICLE_START_RE.match(w)  # "al-Jaber"
        if k == 0 or not named or s.is_title(k) or s.in_body[k] or w in stops:
            continue
        if w.lower() in HONORIFICS:
            continue
        span = s.title_before(k)
        honorific = k > 0 and s.words[k - 1][2].lower() in HONORIFICS and s.joined(k)
        if span is None and not honorific:
            continue
        m = NAME_RE.match(text, ws)
        if not m:
            continue
        name = _trim_name(m.group(), stops)
        if not name or name in d.words("places") or verb_form(name.split(" ")[0]):
            continue  # "Secretary-General Condemns Deadly Attack": a Title Case headline
        if " " not in name and re.match(r" \d", text[ws + len(name) :]):
            continue  # "Executive Order 14014", "Resolution 2231": a numbered document
        if span is not None and " " not in name and PARTICLE_START_RE.match(name):
            # "COP28 President Sultan al-Jaber": a family name needs the given name before it
            first, last = span
            if last > first and is_capital(s.words[last][2]):
                ws = s.words[last][0]
                name = text[ws : ws + len(s.words[last][2]) + 1 + len(name)]
                span = (first, last - 1)
        if span is None:  # "Dr. A.K. Abdul Momen", "Mr. Smith": a person, no title
            out.append(Candidate(ws, ws + len(name), name, "person"))
            continue
        first, last = span
        if s.words[last][2].lower() in COMPLEMENT:
            continue  # "Minister for Emergency Management": the portfolio, not a name
        # "Pentagon Press Secretary Rear Admiral John Kirby": the rank is his, not the title's
        rank = last
        while rank > first and s.words[rank][2].lower().strip(".") in RANKS:
            rank -= 1
        ranked = last - rank >= 2 or s.words[last][2].lower() in ("admiral", "colonel", "captain")
        if ranked and any(s.words[j][2].lower() in s.nouns for j in range(first, rank + 1)):
            last = rank  # but "Secretary General" is one title
        ts, te = s.words[first][0], s.words[last][1]
        if text[te : te + 1] == "." and s.words[last][2].lower() in ABBREVIATIONS:
            te += 1  # "Gen."
        title = text[ts:te]
        if title == title.lower() and " " not in name:
            continue  # "the minister Tuesday": a lowercase title needs a full name
        out.append(Candidate(ws, ws + len(name), name, "person", title, (ts, te)))
    return out


BYLINE_NAME_RE = re.compile(rf"(?:^|(?<=\bby )|(?P<mid>(?<=, )))({NAME}), ")
BYLINE_STOP = frozenset({"on", "in", "at", "who", "which", "said", "says"})


def bylines(text: str, d: Dictionary) -> list[Candidate]:
    """A name and its capitalized title after a comma, at a line's start or after "by":
    "John Kerry, Secretary of State", "Statement by Kristalina Georgieva, European
    Commissioner for International Cooperation, Humanitarian Aid and Crisis Response, on ..."."""
    out: list[Candidate] = []
    _, nouns = vocabulary()
    for m in BYLINE_NAME_RE.finditer(text):
        name = _trim_name(m.group(2), d.words("stop_caps"))
        if not name or name != m.group(2) or name in d.patterns:
            continue
        pos, end, has_noun = m.end(), m.end(), False
        for w in re.finditer(r"[^\s,]+|,", text[m.end() :]):
            word = w.group()
            low = word.lower().strip(".")
            if word == ",":
                continue
            if low in BYLINE_STOP or not (is_capital(word) or low in ("of", "for", "and", "the")):
                break
            has_noun = has_noun or low in nouns
            end = m.end() + w.end()
        title = text[pos:end].rstrip(" ,")
        words = title.split(" ")
        while words and words[-1] in ("of", "for", "and", "the"):
            words.pop()
        title = " ".join(words).rstrip(" ,")
        if not has_noun or not title:
            continue
        if m.group("mid") is not None and (" " not in name or text[pos + len(title) :][:1] != ","):
            # "Commenting on ..., Alistair Burt, Foreign Office Minister, said": mid-sentence,
            # only a full name whose title closes with a comma (not a list of places).
            continue
        s = m.start(2)
        out.append(Candidate(s, s + len(name), name, "person", title, (pos, pos + len(title))))
    return out
