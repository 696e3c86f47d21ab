"""Reported speech from the dependency parse: a speech verb's clausal complement is what was
said, its subject who said it.

"Bolton said some technical changes had been made", "the group says it released ...", "Russian
news agencies quote Ivanov as saying that ...", "..., adding that ...", "X has pledged to keep
up the protests", and the content before a parenthetical "..., Carl Woog said." The speaker is
resolved through the brief's actors: a mention in the subject, a pronoun, or a description
("the group", "the resolution").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from . import syntax as S
from .dictionary import load
from .nlp import Parse

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})


@dataclass(frozen=True)
class Report:
    cue: str  # the verb as written ("said", "as saying")
    cue_start: int
    span: tuple[int, int]  # the reported words
    subject: tuple[int, int] | None  # the speaker's phrase
    head: int | None  # start of the subject's head word
    pronoun: str | None  # the subject when it is a pronoun
    noun: str | None  # the subject's head noun ("group", "resolution")


class Tokens:
    """The brief's parsed tokens read by offset: one sentence's at a time, or the one that
    starts at a character. Valid only inside the parse's memory zone, like the tokens."""

    def __init__(self, parsed: Parse | None):
        self.pieces = list(parsed.pieces) if parsed is not None else []
        self.bases = [b for b, _ in self.pieces]
        # Each piece's length from its last token (Doc.text would join every token anew).
        self.sizes = {
            id(doc): doc[-1].idx + len(doc[-1].text) if len(doc) else 0 for _, doc in self.pieces
        }

    def _piece(self, pos: int):
        i = bisect_right(self.bases, pos) - 1
        return self.pieces[i] if i >= 0 else (0, None)

    def between(self, start: int, end: int) -> list[tuple[int, object]]:
        base, doc = self._piece(start)
        if doc is None:
            return []
        size = self.sizes[id(doc)]
        span = doc.char_span(start - base, min(end - base, size), alignment_mode="expand")
        return [(base + t.idx, t) for t in span] if span is not None else []

    def get(self, pos: int, default: tuple[str, str]) -> tuple[str, str]:
        """(POS, dependency) of the token starting at `pos`."""
        base, doc = self._piece(pos)
        if doc is None or pos - base >= self.sizes[id(doc)]:
            return default
        span = doc.char_span(pos - base, pos - base + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].idx != pos - base:
            return default
        return span[0].pos_, span[0].dep_

    def __bool__(self) -> bool:
        return bool(self.pieces)


def _offset(tok, base: int) -> int:
    return base + tok.idx


def reports(tokens: list[tuple[int, object]]) -> list[Report]:
    """The reported speech of one sentence's (start, token) pairs, none inside another."""
    lex = load()
    say = lex.words("speech_verbs")
    that_only = lex.words("that_speech_verbs")
    out: list[Report] = []
    for at, tok in tokens:
        if tok.pos_ not in S.VERB_POS:
            continue
        lemma = tok.lemma_.lower()
        if lemma not in say:
            continue
        comp = S.first_child(tok, S.CCOMP) or _that_clause(tok)
        if comp is None or len(list(comp.subtree)) < 3:
            continue
        if lemma in that_only and not _finite(comp):
            continue  # "declared the outbreak an emergency": no clause was reported
        base = at - tok.idx
        start = comp.left_edge
        that = next((c for c in comp.children if c.dep_ == S.MARK and c.lower_ == "that"), None)
        if that is not None and that.i > start.i:
            start = that  # "said in an e-mail that it seized": from "that" on
        if start.dep_ == S.MARK and start.lower_ in ("that", "whether"):
            start = start.doc[start.i + 1]
        end = comp.right_edge
        if end.i >= tok.i > comp.i:
            end = tok.doc[tok.i - 1]  # "..., he added, which took place": up to the cue
        span = (_offset(start, base), _offset(end, base) + len(end.text))
        cue, subj = tok.text, _subject(tok)
        if tok.dep_ == S.PCOMP and tok.head.lower_ == "as":
            quoter = tok.head.head
            obj = S.first_child(quoter, S.DOBJ)
            if obj is not None:  # "quote Ivanov as saying that ...": Ivanov says
                cue, subj = "as saying", obj
        out.append(_report(cue, _offset(tok, base), span, subj, base))
    kept: list[Report] = []
    for r in sorted(out, key=lambda r: r.span[0] - r.span[1]):
        if not any(k.span[0] <= r.cue_start < k.span[1] for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.span[0])


def _that_clause(verb):
    """A that-clause the parser hung elsewhere ("told supporters gathered outside the court
    that he would not give up"): the first one after the verb, if its clause has a subject."""
    for t in verb.doc[verb.i + 1 : verb.sent.end]:
        if t.dep_ == S.MARK and t.lower_ == "that" and t.head.pos_ in S.VERB_POS:
            if S.first_child(t.head, S.NSUBJ, S.NSUBJPASS) is not None:
                return t.head
            return None
        if t.dep_ == S.CCOMP or t.lower_ in (".", ";"):
            return None
    return None


def _finite(clause) -> bool:
    """A clause with its own subject and tense: "it had set off a nuclear device"."""
    if any(c.dep_ == S.MARK and c.lower_ == "that" for c in clause.children):
        return True
    has_subject = S.first_child(clause, S.NSUBJ, S.NSUBJPASS) is not None
    tensed = clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in (S.AUX, S.AUXPASS) for c in clause.children
    )
    return has_subject and tensed


def _subject(verb):
    """The verb's subject, or the subject of the verb it depends on ("..., adding that",
    "welcomed the talks but warned that")."""
    t, hops = verb, 0
    while hops < 3:
        subj = S.first_child(t, S.NSUBJ)
        if subj is not None:
            return subj
        if t.dep_ not in (S.ADVCL, S.CONJ, S.XCOMP) or t.head.i == t.i:
            return None
        t, hops = t.head, hops + 1
    return None


def _report(cue: str, cue_start: int, span, subj, base: int) -> Report:
    if subj is None:
        return Report(cue, cue_start, span, None, None, None, None)
    # The subject without its prepositional phrases and clauses: "Exit polls in Bolivia" do
    # not make Bolivia the speaker; "COP28 President Sultan al - Jaber" is one name.
    words = [subj] + [
        t
        for c in list(subj.children)
        + [x for x in subj.head.children if x.dep_ == S.NSUBJ and x.i != subj.i]
        if c.dep_ not in (S.PREP, S.RELCL, S.ACL, "advcl", "punct", "cc")
        for t in c.subtree
    ]
    left = min(words, key=lambda t: t.i)
    right = max(words, key=lambda t: t.i)
    phrase = (_offset(left, base), _offset(right, base) + len(right.text))
    pron = subj.lower_ if subj.lower_ in PRONOUNS else None
    noun = subj.lemma_.lower() if subj.pos_ == "NOUN" else None
    return Report(cue, cue_start, span, phrase, _offset(subj, base), pron, noun)
