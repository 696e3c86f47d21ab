"""Letters of any script: what can start a name, and one spelling for names written with and
without diacritics.

Names are recognised by Unicode category, never by `[A-Z]`: "Çavuşoğlu", "Đặng", "Wałęsa",
"Støre", "Mataʻafa", "Путин" and "محمد" are names as much as "Kerry". Scripts without case
(Arabic, Chinese, Devanagari, ...) have no capitals: any of their letters can start a name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Letters with no decomposition that still carry a base letter: "Wałęsa" is "Walesa".
BASE = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "t", "Þ": "T", "ß": "s", "æ": "a", "Æ": "A", "œ": "o", "Œ": "O", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ƒ": "f", "ɨ": "i",
    "ʻ": "'", "ʼ": "'", "ʽ": "'", "’": "'", "‘": "'", "´": "'", "`": "'", "ʿ": "'", "ʾ": "'",
    "‐": "-", "‑": "-", "‒": "-",
}  # fmt: skip
# Where a transliteration spells one letter as two: keys need not keep lengths.
SPELLED = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH"}


def _base(ch: str) -> str:
    if ch.isascii():
        return ch
    if ch in BASE:
        return BASE[ch]
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return bare[0] if bare else ch


class _FoldTable(dict):
    """`str.translate` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        out = _base(chr(code))
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(s: str) -> str:
    """The same text letter for letter without diacritics ("Çavuşoğlu" -> "Cavusoglu"),
    curly apostrophes made straight. Same length, same case: offsets into the folded text
    are offsets into the original, so a dictionary can match on it."""
    return s.translate(_FOLD)


def translit(s: str) -> str:
    """A plain Latin spelling for keys: `fold`, with two-letter spellings ("Straße" ->
    "Strasse")."""
    return fold("".join(SPELLED.get(c, c) for c in s) if not s.isascii() else s)


def _ranges(pred) -> str:
    """A regex character class body for every code point of the Basic Multilingual Plane
    `pred` accepts. The BMP holds every living script's letters; a class reaching beyond it
    is matched by a slow range list instead of a bitmap (7x slower on every word)."""
    out, start, prev = [], None, None
    for cp in range(0x10000):
        if pred(chr(cp)):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            out.append(_span(start, prev))
            start = None
    if start is not None:
        out.append(_span(start, prev))
    return "".join(out)


def _span(a: int, b: int) -> str:
    esc = lambda cp: re.escape(chr(cp))  # noqa: E731
    return esc(a) if a == b else f"{esc(a)}-{esc(b)}"


def _is_capital(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("Lu", "Lt") or (cat == "Lo")


@cache
def classes() -> tuple[str, str]:
    """(capitals, marks): class bodies for a letter that can start a name (an upper or title
    case letter, or a letter of a script without case) and for combining marks, which `\\w`
    leaves out ("Mevlu\u0308t" written decomposed, Devanagari vowel signs)."""
    caps = _ranges(_is_capital)
    marks = _ranges(lambda c: unicodedata.category(c) in ("Mn", "Mc", "Me"))
    return caps, marks


CAPS, MARKS = classes()
CAP = f"[{CAPS}]"
NAME_CHAR = rf"[\w{MARKS}]"
APOSTROPHES = "'’ʼ"


@lru_cache(maxsize=8192)
def is_capital(word: str) -> bool:
    """A word that starts like a name: a capital, or a letter of a caseless script."""
    return bool(word) and _is_capital(word[0])


def is_caseless(word: str) -> bool:
    """Written in a script without case, where capitals say nothing."""
    return bool(word) and unicodedata.category(word[0]) == "Lo"


def is_upper(word: str) -> bool:
    """All capitals ("NATO", "U.S.") in a cased script."""
    return word.isupper()
