"""spaCy's blank English pipeline, loaded once and lazily, and the sentences it finds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

OPENERS = "“‘\"'("
CLOSERS = "”’\"')"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    zone: int  # index of the layout zone it came from


MAX_SENTENCE = 1500  # characters; longer runs are cut so rule work stays linear


def _bounded(text: str, start: int, end: int):
    """A sentence, or a runaway one cut at clause marks (else spaces) into bounded pieces."""
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" — "))
        if cut < MAX_SENTENCE // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE - 1
        yield start, start + cut + 1
        start += cut + 1
    yield start, end


@cache
def pipeline():
    # Imported here: spaCy costs most of a second, and web requests that only read never need it.
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000  # the blank pipeline's memory is linear; the default guards parsers
    return nlp


def sentences(text: str, zones: tuple[tuple[int, int], ...]) -> list[Sentence]:
    """Sentences of every zone, with offsets into `text`."""
    out: list[Sentence] = []
    nlp = pipeline()
    # A memory zone frees the strings each brief adds to the vocabulary: a server that
    # ingests for months keeps a flat footprint.
    with nlp.memory_zone():
        docs = [
            (zs, [[x.start_char, x.end_char] for x in doc.sents], doc.text)
            for (zs, _), doc in zip(zones, nlp.pipe(text[s:e] for s, e in zones), strict=True)
        ]
    for zi, (zs, spans, zt) in enumerate(docs):
        # The sentencizer leaves a closing quote at the start of the next sentence and an
        # opening one at the end of the previous: give each back to its own sentence.
        for i in range(1, len(spans)):
            s = spans[i][0]
            while s < spans[i][1] and zt[s] in CLOSERS and (s == 0 or zt[s - 1] in ".?!,"):
                s += 1
            spans[i - 1][1] = max(spans[i - 1][1], s)
            spans[i][0] = s
            e = spans[i - 1][1]
            while e > spans[i - 1][0] and zt[e - 1] in OPENERS + " ":
                e -= 1
            if e < spans[i - 1][1]:
                spans[i][0] = min(spans[i][0], e)
                while spans[i][0] < len(zt) and zt[spans[i][0]] == " ":
                    spans[i][0] += 1
                spans[i - 1][1] = e
        merged: list[list[int]] = []
        for span in spans:
            # '“Fine?” she asked.' is one sentence: a lowercase start continues the last one.
            if merged and zt[span[0] : span[0] + 1].islower():
                merged[-1][1] = span[1]
            else:
                merged.append(span)
        for s, e in (piece for span in merged for piece in _bounded(zt, *span)):
            seg = zt[s:e]
            stripped = seg.strip()
            if not stripped:
                continue
            s += len(seg) - len(seg.lstrip())
            out.append(Sentence(zs + s, zs + s + len(stripped), stripped, zi))
    return out
