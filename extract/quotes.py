"""Who said what: block statements, direct quotes and reported speech, each with its speaker."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .actors import DocActors
from .dictionary import load
from .nlp import Sentence
from .records import Layout, Quote
from .refs import STATEMENT_NOUNS, Resolver

CUE_WORDS = (
    "said|says|say|told|tells|added|adds|warned|warns|stated|states|noted|notes|claimed|claims|"
    "insisted|insists|argued|argues|explained|explains|announced|announces|acknowledged|"
    "acknowledges|admitted|admits|confirmed|confirms|denied|denies|wrote|writes|stressed|"
    "stresses|emphasized|emphasised|emphasizes|maintained|maintains|asserted|asserts|declared|"
    "declares|contended|predicted|cautioned|complained|conceded|estimated|tweeted|posted|"
    "reported|recalled|observed|replied|responded|countered|believes|concluded|suggested"
)
CUE_RE = re.compile(rf"\b(?:{CUE_WORDS})\b")
# Verbs that report speech only with a that-clause ("announced that ...", not "announced a plan").
THAT_CUES = frozenset(
    "announced announces acknowledged acknowledges admitted admits confirmed confirms denied denies "
    "declared declares reported recalled observed warned warns noted notes".split()
)
AUX_TAIL_RE = re.compile(
    r"(?:\s+(?:has|have|had|will|would|also|then|again|later|earlier|separately|repeatedly|"
    r"publicly|privately|recently|further|previously|once|has also|had also|did))*\s*$"
)
ADVERBIAL = (
    r"(?:that|on \w+day|\w+day|last \w+|this \w+|earlier|later|yesterday|today|tonight|"
    r"in (?:a|an|its|his|her|their|the|a joint) [\w ]{0,30}?(?:statement|interview|release|"
    r"speech|briefing|letter|post|tweet|conference|address|report|note)|"
    r"on (?:Twitter|X|Facebook|Telegram|television|TV|state television|social media)|"
    r"to (?:reporters|journalists)|(?:late|early) \w+|in full|at \w+ \w+ conference)"
)
LEAD_SKIP_RE = re.compile(rf"^(?:\s*,?\s*{ADVERBIAL}\b)*\s*,?\s*", re.I)
TAIL_ONLY_RE = re.compile(
    rf"^(?:\s*,?\s*(?:{ADVERBIAL}|in \w+(?: \w+)?|on \w+(?: \w+)?))*\s*[.!?]?[”\"’]?\s*$"
)
# What reported speech starts with; "said in a statement read on TV" continues no clause.
CLAUSE_OPENER_RE = re.compile(
    r"(?:that\b|the\b|a\b|an\b|this\b|these\b|those\b|it\b|he\b|she\b|they\b|we\b|i\b|there\b|its\b|"
    r"his\b|her\b|their\b|our\b|no\b|all\b|some\b|many\b|most\b|[A-Z“\"'‘$\d])"
)
PARTICIPLE_TAIL_RE = re.compile(rf"^(?:\s*,?\s*{ADVERBIAL}\b)*\s*,\s*[a-z]+ing\b")
AGENT_TAIL_RE = re.compile(r"(?: [a-z][\w-]*){1,2}$")
DIRECT_RE = re.compile(r"“([^”]{2,3000})”|\"([^\"\n]{2,3000})\"")
DESCRIPTION_RE = re.compile(
    r"\b(?:the|its|his|her|their|a|both)\s+(?:two\s+|[a-z]+\s+)?([a-z]+)\s*$", re.I
)
SPOKESPERSON_RE = re.compile(
    r"(?:a|an|the|one) (?:[a-z]+ )?(?:spokesman|spokeswoman|spokesperson|official|aide|source)\b"
)
DESCRIPTIVE_RE = re.compile(
    r"^(?:the|a|an|its|his|her|their|who|which|whose|now|then|once|also)\b", re.I
)
PRONOUN_END_RE = re.compile(r"\b(he|she|it|they|we|i)\s*$", re.I)
DETERMINER_END_RE = re.compile(r"\b(?:the|The|a|A|an|An)\s*$")
TOLD_OBJECT_RE = re.compile(r"^\s+(?:(?:the|a|an|[A-Z][\w.]*)\s+){0,3}?[\w.]+(?:\s+that\b)?")


@dataclass
class Subject:
    key: str | None
    start: int  # absolute offset where the subject phrase begins
    how: str  # mention | pronoun | description | unknown


def _subject(text: str, sent: Sentence, cue_start: int, r: Resolver) -> Subject | None:
    """The speaker phrase ending right before a cue verb, if the words there can be one."""
    pre = AUX_TAIL_RE.sub("", text[sent.start : cue_start])
    if pre.endswith(","):
        head, _, app = pre[:-1].rpartition(",")
        if head and not DESCRIPTIVE_RE.match(app.strip()):
            # "Its director, Jean Kaseya, said": the name in commas is the speaker.
            found = _subject_at(text, sent, sent.start + len(pre) - 1, r)
            if found:
                return found
        # "Samantha Power, the U.S. ambassador to the UN, said": the speaker precedes.
        pre = head if head else pre[:-1]
    found = _subject_at(text, sent, sent.start + len(pre), r)
    if found or not re.search(r"\b(?:and|but)\s*$", pre):
        return found
    # "X welcomed the talks but warned that ...": the clause's own subject speaks.
    first = _sentence_subject(text, sent, r)
    return Subject(first.key, first.start, "mention") if first else None


def _sentence_subject(text: str, sent: Sentence, r: Resolver):
    """The actor a sentence opens with ("Taiwan's foreign ministry welcomed ...")."""
    ms = r.before(sent.end, sent.start)
    if not ms or not re.fullmatch(
        r"(?:[Tt]he\s+)?(?:[a-z]+\s+){0,3}(?:[A-Z][a-z]+ )?", text[sent.start : ms[0].start]
    ):
        return None
    head = max((m for m in ms if m.start == ms[0].start), key=lambda m: m.end - m.start)
    # "Ukrainian President Volodymyr Zelensky": the name at the end of the title chain.
    for m in ms:
        if m.start >= head.end and _title_lead(text[head.end : m.start].strip() or "X"):
            head = m
        elif m.start >= head.end:
            break
    return head


def _subject_at(text: str, sent: Sentence, end: int, r: Resolver) -> Subject | None:
    pre = text[sent.start : end]
    for m in reversed(r.before(end, sent.start)):
        gap = text[m.end : end]
        if gap == "" or AGENT_TAIL_RE.fullmatch(gap):
            return Subject(m.key, m.start, "mention")
        break
    pm = PRONOUN_END_RE.search(pre)
    if pm:
        return Subject(
            r.pronoun(pm.group(1), sent.start + pm.start(1), sent.start),
            sent.start + pm.start(),
            "pronoun",
        )
    dm = DESCRIPTION_RE.search(pre)
    if dm:
        noun = dm.group(1)
        key = r.description(noun, sent.start + dm.start())
        if key is None and dm.group(0).lower().startswith(("its", "his", "her", "their")):
            key = r.pronoun(dm.group(0).split()[0], sent.start + dm.start(), sent.start)
        if key or noun.lower() in STATEMENT_NOUNS:
            return Subject(key, sent.start + dm.start(), "description")
    return None


def _span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,;:—–-":
        s += 1
    while e > s and text[e - 1] in " ,;:.—–-":
        e -= 1
    return s, e


def _according(text: str, sent: Sentence, r: Resolver):
    """ "..., according to the Israel Defense Forces." / "According to the statement, ..." """
    acc = re.search(
        r"\b[Aa]ccording to (?:(?:a|the|an) (?:joint |written )?(?:statement|report|release|readout|letter|transcript)"
        r" (?:from|by|of|issued by) )?(?:the |a )?",
        sent.text,
    )
    if not acc:
        return None
    at = sent.start + acc.end()
    named = [m for m in r.between(at, at + 41) if "," not in text[at : m.start]]
    if named:
        subj = Subject(named[0].key, named[0].start, "mention")
    else:
        noun = re.match(r"(?:[a-z]+ )?([a-z]+)", text[at : at + 40])
        key = r.description(noun.group(1), at) if noun else None
        if key is None:
            return None
        subj = Subject(key, at, "description")
    if acc.start() == 0:
        comma = sent.text.find(",", acc.end())
        return (subj, "according to", sent.start + comma + 1, sent.end) if comma > 0 else None
    return subj, "according to", sent.start, sent.start + acc.start()


def _title_lead(lead: str) -> bool:
    """ "Kremlin spokesman" before "Dmitry Peskov said": part of the subject, not a clause."""
    roles = (
        load().words("role_titles") | load().words("role_modifiers") | load().words("title_nouns")
    )
    words = lead.split()
    return 0 < len(words) <= 5 and all(
        w[0].isupper() or w.lower() in roles or w in ("of", "the", "for") for w in words
    )


def _reported(text: str, sent: Sentence, r: Resolver) -> tuple[Subject, str, int, int] | None:
    st = sent.text
    found = _according(text, sent, r)
    if found:
        return found
    rel = re.search(r"\b(?:which|what|that) (\w+) (called) ([^,.;]+)", st)
    if rel:
        key = (
            r.pronoun(rel.group(1), sent.start + rel.start(1), sent.start)
            if PRONOUN_END_RE.match(rel.group(1))
            else None
        )
        if key:
            return (
                Subject(key, sent.start + rel.start(1), "pronoun"),
                "called",
                sent.start + rel.start(3),
                sent.start + rel.end(3),
            )
    for m in CUE_RE.finditer(st):
        cs, ce = sent.start + m.start(), sent.start + m.end()
        subj = _subject(text, sent, cs, r)
        if subj is not None:
            lead = DETERMINER_END_RE.sub("", text[sent.start : subj.start]).rstrip()
            rest = text[ce : sent.end]
            told = TOLD_OBJECT_RE.match(rest) if m.group() in ("told", "tells") else None
            after_skip = rest[told.end() :] if told else rest
            after_skip = after_skip[LEAD_SKIP_RE.match(after_skip).end() :]
            tail = (
                TAIL_ONLY_RE.match(rest)
                or PARTICIPLE_TAIL_RE.match(rest)
                or not CLAUSE_OPENER_RE.match(after_skip)
            )
            adverbial_only = LEAD_SKIP_RE.fullmatch(lead[:-1] + " ") is not None
            titled = _title_lead(lead[:-1])  # "Nigeria's health minister, Muhammad Ali Pate, told"
            if (
                tail
                and lead.endswith(",")
                and len(lead.split()) >= 2
                and not (adverbial_only or titled)
                and not rest.strip().startswith(":")
            ):
                return subj, m.group(), sent.start, sent.start + len(lead) - 1
            if m.group() in ("told", "tells"):
                tm = TOLD_OBJECT_RE.match(rest)
                rest = rest[tm.end() :] if tm else rest
            skip = LEAD_SKIP_RE.match(rest).end()
            if m.group() in THAT_CUES and not re.match(r"\s*(?:,\s*)?that\b", rest):
                continue
            s = sent.end - len(rest) + skip
            clause_start = (
                lead == ""
                or (lead.endswith(",") and _title_lead(lead[:-1]))
                or re.search(r"(?:[,;]|\band|\bbut)$", lead)
                or _title_lead(lead)
                or re.fullmatch(
                    r"(?:[A-Za-z]+ ){0,2}(?:at|from|of|with|for)", lead
                )  # "Economists at"
            )
            if len(text[s : sent.end].split()) >= 3 and clause_start:
                return subj, m.group(), s, sent.end
            continue
        # "..., said Kerry."
        after = r.starting_at(ce + 1)
        lead = text[sent.start : cs].rstrip()
        if after and lead.endswith(",") and TAIL_ONLY_RE.match(text[after[0].end : sent.end]):
            return (
                Subject(after[0].key, after[0].start, "mention"),
                m.group(),
                sent.start,
                sent.start + len(lead) - 1,
            )
    return None


PARTICIPLE_CUE_RE = re.compile(
    r",\s*(saying|adding|warning|noting|arguing|insisting|stressing|claiming)\s+(?:that\s+)?"
)


def _participial(text: str, sent: Sentence, r: Resolver):
    """ "The bank kept rates on hold, saying inflation was still too high": the subject says."""
    m = PARTICIPLE_CUE_RE.search(sent.text)
    if not m or len(sent.text[m.end() :].split()) < 3:
        return None
    subj = _sentence_subject(text, sent, r)
    if subj is None:
        return None
    return Subject(subj.key, subj.start, "mention"), m.group(1), sent.start + m.end(), sent.end


def find_quotes(text: str, sents: list[Sentence], layout: Layout, doc: DocActors) -> list[Quote]:
    r = Resolver(text, doc)
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
        found = _reported(text, sent, r) or _participial(text, sent, r)
        if found is None:
            continue
        subj, cue, s, e = found
        s, e = _span(text, s, e)
        if e - s < 2:
            continue
        conf = {"mention": 0.9, "pronoun": 0.75, "description": 0.8}.get(subj.how, 0.4)
        quotes.append(Quote(subj.key, "indirect", cue, text[s:e], s, e, conf if subj.key else 0.3))
        if subj.key:
            r.last_speaker = subj.key
    quotes += _direct(text, layout, quotes, r)
    quotes.sort(key=lambda q: q.start)
    return _fold_direct(text, quotes)


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
        subj = _subject(text, sent, cue.start(), r)
        key = subj.key if subj and subj.key else key
    elif intro is not None:
        named = r.before(intro.end, intro.start)
        pm = re.search(r"\b(its|his|her|their)\s+(?:full\s+)?(\w+)", intro.text)
        dm = re.search(r"\bthe\s+(\w+)['’]s\b", intro.text)
        if named:
            key = named[-1].key
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
            s, e = _span(text, m.start(g), m.end(g))
            # Scare quotes are not quotes; a whole sentence in marks is, however short.
            sentence = re.search(r"[.!?,]\W*$", m.group(g))
            if len(text[s:e].split()) < (2 if sentence else 4):
                continue
            if any(q.start <= s and e <= q.end for q in reported):
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


def _enclosing_subject(text: str, pos: int, zone_start: int, r: Resolver) -> str | None:
    """A quotation inside a sentence with no cue of its own ("X accused Y of “…”") is X's."""
    start = max(
        zone_start,
        text.rfind(". ", zone_start, pos) + 2
        if text.rfind(". ", zone_start, pos) >= 0
        else zone_start,
    )
    subj = _sentence_subject(text, Sentence(start, pos, text[start:pos], 0), r)
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
                prev = _sentence_subject(
                    text, Sentence(prev_start, prev_end, text[prev_start:prev_end], 0), r
                )
                if prev:
                    return prev.key, cue
    before = text[max(zone_start, m.start() - 160) : m.start()]
    bm = re.search(rf"\b({CUE_WORDS})(?:\s+\w+){{0,3}}\s*[,:]\s*$", before)
    if bm:
        cs = m.start() - len(before) + bm.start(1)
        sent_start = max(zone_start, text.rfind(". ", zone_start, cs) + 2)
        subj = _subject(text, Sentence(sent_start, cs, text[sent_start:cs], 0), cs, r)
        if subj:
            return subj.key, bm.group(1)
    return None, None


def _fold_direct(text: str, quotes: list[Quote]) -> list[Quote]:
    """A reported quote that is one quotation in marks is a direct quote of those words."""
    out = []
    for q in quotes:
        inner = re.fullmatch(r"[“\"](.+?)[,.!?]?[”\"]", q.text, re.S)
        if q.kind == "indirect" and inner:
            s, e = _span(text, q.start + 1, q.start + 1 + len(inner.group(1)))
            q = Quote(q.speaker, "direct", q.cue, text[s:e], s, e, q.confidence)
        out.append(q)
    return out
