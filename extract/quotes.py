"""Who said what: block statements, direct quotes and reported speech, each with its speaker."""

from __future__ import annotations

import re
from bisect import bisect_right

from .actors import DocActors
from .nlp import Sentence
from .records import Layout, Quote
from .refs import Resolver
from .reported import (
    CUE_RE,
    CUE_WORDS,
    DETERMINER_END_RE,
    SPOKESPERSON_RE,
    Subject,
    according,
    participial,
    reported_by_pattern,
    sentence_subject,
    span_of,
    subject,
)
from .speech import Report, Tokens, reports
from .statements import statement_quotes

RECENT = 400  # characters: "he added" is who just spoke, if they spoke this recently
DIRECT_RE = re.compile(r"“([^”]{2,3000})”|\"([^\"\n]{2,3000})\"")


def _parsed(text: str, sent: Sentence, tokens: Tokens, r: Resolver):
    """Reported speech the parse finds in a sentence, each with its speaker resolved; what no
    actor of the brief said is left out."""
    out = []
    for rep in reports(tokens.between(sent.start, sent.end)):
        subj = _speaker(text, rep, sent, r)
        if subj is None or subj.key is None:
            continue
        start, end = rep.span
        closing = re.match(r"[,.!?]?[”\"]", text[end : end + 2])
        if start > 0 and text[start - 1] in '“"' and closing:
            # '"We will not retreat," Zelensky said.': the quotation, marks and all
            start, end = start - 1, end + closing.end()
        out.append((subj, rep.cue, start, end))
    return out


def _speaker(text: str, rep: Report, sent: Sentence, r: Resolver) -> Subject | None:
    """Who a parsed subject is: the actor it names (its head word's, else a body's or a
    person's in it: "unnamed U.S. officials"), a pronoun's antecedent (the one who just spoke
    for "he added"), or what a description points back to ("the group", "the resolution")."""
    if rep.subject is None:
        return None
    s, e = rep.subject
    if rep.pronoun is not None:
        if rep.pronoun in ("he", "she") and r.last_speaker and r.kind(r.last_speaker) == "person":
            if 0 <= s - r.last_speaker_end < RECENT:
                return Subject(r.last_speaker, s, "pronoun")
        return Subject(r.pronoun(rep.pronoun, s, sent.start), s, "pronoun")
    # a mention in the subject's own words, or a name that runs on past them ("The Movement
    # for the Emancipation of the Niger Delta", whose prepositions the subject leaves out)
    inside = [m for m in r.between(max(0, s - 60), e) if m.end > s]
    if inside:
        head = [m for m in inside if m.start <= (rep.head or -1) < m.end]
        people = [m for m in inside if r.kind(m.key) == "person"]
        bodies = [m for m in inside if r.kind(m.key) != "country"]
        m = max(head, key=lambda m: m.end - m.start) if head else (people or bodies or inside)[0]
        return Subject(m.key, m.start, "mention")
    if rep.noun:
        key = r.description(rep.noun, s)
        return Subject(key, s, "description") if key else None
    return None


def find_quotes(
    text: str, sents: list[Sentence], layout: Layout, doc: DocActors, tokens: Tokens | None = None
) -> list[Quote]:
    r = Resolver(text, doc)
    tokens = tokens if tokens is not None else Tokens(None)
    quotes: list[Quote] = []
    paras = layout.paragraphs
    para_starts = [p.start for p in paras]
    done_blocks: set[int] = set()
    for sent in sents:
        i = bisect_right(para_starts, sent.start) - 1
        para = paras[i] if i >= 0 and sent.start < paras[i].end else None
        if para is not None and para.kind == "block_quote":
            if para.index not in done_blocks:
                done_blocks.add(para.index)
                quotes.append(_block(text, para, paras, r))
            continue
        found = according(text, sent, r)
        reported = [found] if found else _parsed(text, sent, tokens, r)
        if not reported:  # what the parser tangled: "..., the Prime Minister said."
            found = reported_by_pattern(text, sent, r) or participial(text, sent, r)
            reported = [found] if found else []
        for subj, cue, s, e in reported:
            s, e = span_of(text, s, e)
            if e - s < 2:
                continue
            conf = {"mention": 0.9, "pronoun": 0.75, "description": 0.8}.get(subj.how, 0.4)
            quote = Quote(subj.key, "indirect", cue, text[s:e], s, e, conf if subj.key else 0.3)
            quotes.append(quote)
            if subj.key:
                r.last_speaker = subj.key
                r.last_speaker_end = e
    quotes += _direct(text, layout, quotes, r)
    quotes = _continued(text, layout, quotes, r)
    quotes.sort(key=lambda q: q.start)
    quotes = _fold_direct(text, quotes)
    statement = statement_quotes(text, layout, doc)
    if statement:  # the body is its author's words: what it reports is said inside them
        inside = [(q.start, q.end) for q in statement]
        quotes = [q for q in quotes if not any(s <= q.start and q.end <= e for s, e in inside)]
        quotes = sorted(quotes + statement, key=lambda q: q.start)
    return quotes


def _block(text, para, paras, r: Resolver) -> Quote:
    intro = next((p for p in reversed(paras[: para.index]) if p.kind == "paragraph"), None)
    key = r.last_speaker
    cue = None
    if intro is not None:
        last = intro.text.rfind(". ", 0, len(intro.text) - 1)
        tail_start = intro.start + (last + 2 if last >= 0 else 0)
        cue = next(reversed(list(CUE_RE.finditer(text, tail_start, intro.end))), None)
    if cue is not None:
        sent = Sentence(tail_start, intro.end, text[tail_start : intro.end], 0)
        subj = subject(text, sent, cue.start(), r)
        key = subj.key if subj and subj.key else key
    elif intro is not None:
        named = r.before(intro.end, intro.start)
        pm = re.search(r"\b(its|his|her|their)\s+(?:full\s+)?(\w+)", intro.text)
        dm = re.search(r"\bthe\s+(\w+)['’]s\b", intro.text)
        if named:
            # "... issued today by Council President Joonkook Hwang (Republic of Korea):" the
            # person, not the country after the name
            people = [m for m in named if r.kind(m.key) == "person"]
            bodies = [m for m in named if r.kind(m.key) not in ("person", "country")]
            key = (people or bodies or named)[-1].key
        elif dm:
            key = r.description(dm.group(1), intro.start) or key
        elif pm:
            key = r.pronoun(pm.group(1), intro.start + pm.start(), intro.start) or key
    if key:
        r.last_speaker = key
    return Quote(key, "block", None, para.text, para.start, para.end, 0.9 if key else 0.3)


def _direct(text: str, layout: Layout, reported: list[Quote], r: Resolver) -> list[Quote]:
    out: list[Quote] = []
    for zs, ze in layout.zones:
        prev_speaker = None
        for m in DIRECT_RE.finditer(text, zs, ze):
            g = 1 if m.group(1) is not None else 2
            s, e = span_of(text, m.start(g), m.end(g))
            # Scare quotes are not quotes; a whole sentence in marks is, however short.
            sentence = re.search(r"[.!?,]\W*$", m.group(g))
            if len(text[s:e].split()) < (2 if sentence else 4):
                continue
            if not sentence and DETERMINER_END_RE.search(text[max(zs, m.start() - 6) : m.start()]):
                continue  # 'a "shoot on sight policy"': a phrase in marks, no one's words
            holder = next((q for q in reported if q.start <= s and e <= q.end), None)
            if holder is not None:
                prev_speaker = holder.speaker or prev_speaker
                continue
            key, cue = _direct_speaker(text, m, zs, ze, r)
            if key is None and cue is None:
                key = prev_speaker or _enclosing_subject(text, m.start(), zs, r)
            prev_speaker = key or prev_speaker
            if key:
                r.last_speaker = key
            out.append(
                Quote(key, "direct", cue, text[s:e], s, e, 0.95 if cue else (0.7 if key else 0.3))
            )
    return out


def _open(text: str) -> bool:
    t = text.lstrip()
    return t[:1] == "“" and t.count("“") > t.count("”")


def _continued(text: str, layout: Layout, quotes: list[Quote], r: Resolver) -> list[Quote]:
    """A quotation running over paragraphs, each opened with “ and only the last closed: the
    open paragraphs are quotes too, all of one speaker: the one the closing paragraph names,
    else who the paragraph before them introduced ("X has condemned the attack.")."""
    paras = [p for p in layout.paragraphs if p.kind == "paragraph"]
    out = list(quotes)
    i = 0
    while i < len(paras):
        if not (
            _open(paras[i].text) and i + 1 < len(paras) and paras[i + 1].text.lstrip()[:1] == "“"
        ):
            i += 1
            continue
        chain = [paras[i]]
        while _open(chain[-1].text) and len(chain) < 20 and i + len(chain) < len(paras):
            nxt = paras[i + len(chain)]
            if nxt.text.lstrip()[:1] != "“":
                break
            chain.append(nxt)
        i += len(chain)
        lo, hi = chain[0].start, chain[-1].end
        inside = [q for q in out if lo <= q.start and q.end <= hi]
        key = next((q.speaker for q in reversed(inside) if q.speaker and q.cue), None)
        if key is None:
            key = _introduced_by(text, paras, paras.index(chain[0]), r)
        for p in chain:
            if _open(p.text):
                s, e = span_of(text, p.start + p.text.index("“") + 1, p.end)
                if e - s >= 2 and not any(q.start <= s < q.end for q in out):
                    out.append(Quote(key, "direct", None, text[s:e], s, e, 0.8 if key else 0.3))
        out = [
            Quote(key, q.kind, q.cue, q.text, q.start, q.end, 0.8)
            if q.speaker is None and key and lo <= q.start and q.end <= hi
            else q
            for q in out
        ]
        if key:
            r.last_speaker = key
    return out


def _introduced_by(text: str, paras, index: int, r: Resolver) -> str | None:
    """Who the paragraph before a quotation is about: its last sentence's subject."""
    if index == 0:
        return None
    intro = paras[index - 1]
    last = intro.text.rstrip().rfind(". ", 0, len(intro.text.rstrip()) - 1)
    start = intro.start + (last + 2 if last >= 0 else 0)
    subj = sentence_subject(text, Sentence(start, intro.end, text[start : intro.end], 0), r)
    return subj.key if subj else None


def _enclosing_subject(text: str, pos: int, zone_start: int, r: Resolver) -> str | None:
    """A quotation inside a sentence with no cue of its own ("X accused Y of “…”") is X's."""
    start = max(
        zone_start,
        text.rfind(". ", zone_start, pos) + 2
        if text.rfind(". ", zone_start, pos) >= 0
        else zone_start,
    )
    subj = sentence_subject(text, Sentence(start, pos, text[start:pos], 0), r)
    return subj.key if subj else None


def _direct_speaker(text, m, zone_start, zone_end, r: Resolver):
    """Attribution right after the closing mark or right before the opening one."""
    after_end = min(zone_end, m.end() + 160)
    stop = re.search(r"[.!?](?:\s|$)|[“\"]", text[m.end() : after_end])
    after = text[m.end() : m.end() + stop.start() if stop else after_end]
    am = re.match(rf"\s*,?\s*(?:({CUE_WORDS})\s+(.+)|(.+?)\s+({CUE_WORDS})\b)", after)
    if am:
        cue = am.group(1) or am.group(4)
        lo = m.end() + (am.start(2) if am.group(1) else am.start(3))
        hi = m.end() + (am.end(2) if am.group(1) else am.end(3))
        inside = [x for x in r.between(lo, hi) if x.end <= hi]
        if inside:
            people = [x for x in inside if r.kind(x.key) == "person"]
            return (people or inside)[-1 if not am.group(1) else 0].key, cue
        pw = re.match(r"(he|she|it|they|we)\b", text[lo : lo + 5], re.I)
        if pw:
            return r.pronoun(pw.group(1), lo, zone_start), cue
        if SPOKESPERSON_RE.match(text[lo:hi]):
            # "a spokesman said": for whoever the sentence before was about
            prev_end = text.rfind(". ", zone_start, m.start())
            if prev_end > zone_start:
                prev_start = max(zone_start, text.rfind(". ", zone_start, prev_end) + 2)
                prev = sentence_subject(
                    text, Sentence(prev_start, prev_end, text[prev_start:prev_end], 0), r
                )
                if prev:
                    return prev.key, cue
    before = text[max(zone_start, m.start() - 160) : m.start()]
    bm = re.search(rf"\b({CUE_WORDS})(?:\s+\w+){{0,3}}\s*[,:]\s*$", before)
    if bm:
        cs = m.start() - len(before) + bm.start(1)
        sent_start = max(zone_start, text.rfind(". ", zone_start, cs) + 2)
        subj = subject(text, Sentence(sent_start, cs, text[sent_start:cs], 0), cs, r)
        if subj:
            return subj.key, bm.group(1)
    return None, None


def _fold_direct(text: str, quotes: list[Quote]) -> list[Quote]:
    """A reported quote that is one quotation in marks is a direct quote of those words."""
    out = []
    for q in quotes:
        inner = re.fullmatch(r"[“\"](.+?)[,.!?]?[”\"]", q.text, re.S)
        if q.kind == "indirect" and inner:
            s, e = span_of(text, q.start + 1, q.start + 1 + len(inner.group(1)))
            q = Quote(q.speaker, "direct", q.cue, text[s:e], s, e, q.confidence)
        out.append(q)
    return out
