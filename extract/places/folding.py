"""The key every gazetteer name is looked up by, and the columns of the gazetteer file.

Standard library only and no imports from `extract`: scripts/build_gazetteer.py loads this file
on its own, so the file it writes and the index built from it fold names the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# extract/data/gazetteer.tsv.gz, in this order, after a header line of these names.
COLUMNS = [
    "geonames_id", "feature", "name", "country_code", "admin1_code", "admin1_name",
    "latitude", "longitude", "population", "aliases",
]  # fmt: skip

_DELETE = dict.fromkeys(map(ord, "'’‘ʼʻ`´."), None)
# Letters NFKD does not decompose, spelled as English text spells them.
_LETTERS = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The lookup key of a name: casefolded, without diacritics, apostrophes or dots ("St." ->
    "st", "Côte d’Ivoire" -> "cote divoire"), other punctuation (hyphens, commas, brackets) as
    spaces, spaces collapsed, and without a leading "the"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_DELETE)
    out = []
    for ch in decomposed.translate(_LETTERS):
        if unicodedata.combining(ch):
            continue
        out.append(" " if unicodedata.category(ch)[0] in "PZC" else ch)
    key = " ".join("".join(out).split())
    return key[4:] if key.startswith("the ") else key
