"""Reported speech read from patterns of words, where the parse finds none: "..., the Prime
Minister said.", "according to the statement", "..., saying that ...", and the speaker phrase
before a cue verb (a mention, a pronoun, a description such as "the ministry")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import load
from .nlp import Sentence
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


def subject(text: str, sent: Sentence, cue_start: int, r: Resolver) -> Subject | None:
    """The speaker phrase ending right before a cue verb, if the words there can be one."""
    pre = AUX_TAIL_RE.sub("", text[sent.start : cue_start])
    if pre.endswith(","):
        head, _, app = pre[:-1].rpartition(",")
        if head and not DESCRIPTIVE_RE.match(app.strip()):
            # "Its director, Jean Kaseya, said": the name in commas is the speaker.
            found = subject_at(text, sent, sent.start + len(pre) - 1, r)
            if found:
                return found
        # "Samantha Power, the U.S. ambassador to the UN, said": the speaker precedes.
        pre = head if head else pre[:-1]
    found = subject_at(text, sent, sent.start + len(pre), r)
    if found or not re.search(r"\b(?:and|but)\s*$", pre):
        return found
    # "X welcomed the talks but warned that ...": the clause's own subject speaks.
    first = sentence_subject(text, sent, r)
    return Subject(first.key, first.start, "mention") if first else None


def sentence_subject(text: str, sent: Sentence, r: Resolver):
    """The actor a sentence opens with ("Taiwan's foreign ministry welcomed ...")."""
    ms = r.before(sent.end, sent.start)
    if not ms or not re.fullmatch(
        r"(?:[Tt]he\s+)?(?:[a-z]+\s+){0,3}(?:[A-Z][a-z]+ )?", text[sent.start : ms[0].start]
    ):
        return None
    head = max((m for m in ms if m.start == ms[0].start), key=lambda m: m.end - m.start)
    # "Ukrainian President Volodymyr Zelensky": the name at the end of the title chain.
    for m in ms:
        if m.start >= head.end and title_lead(text[head.end : m.start].strip() or "X"):
            head = m
        elif m.start >= head.end:
            break
    return head


def subject_at(text: str, sent: Sentence, end: int, r: Resolver) -> Subject | None:
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


def span_of(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,;:—–-":
        s += 1
    while e > s and text[e - 1] in " ,;:.—–-":
        e -= 1
    return s, e


def according(text: str, sent: Sentence, r: Resolver):
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


def title_lead(lead: str) -> bool:
    """ "Kremlin spokesman" before "Dmitry Peskov said": part of the subject, not a clause."""
    roles = (
        load().words("role_titles") | load().words("role_modifiers") | load().words("title_nouns")
    )
    words = lead.split()
    return 0 < len(words) <= 5 and all(
        w[0].isupper() or w.lower() in roles or w in ("of", "the", "for") for w in words
    )


def reported_by_pattern(
    text: str, sent: Sentence, r: Resolver
) -> tuple[Subject, str, int, int] | None:
    st = sent.text
    found = according(text, sent, r)
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
        subj = subject(text, sent, cs, r)
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
            titled = title_lead(lead[:-1])  # "Nigeria's health minister, Muhammad Ali Pate, told"
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
                or (lead.endswith(",") and title_lead(lead[:-1]))
                or re.search(r"(?:[,;]|\band|\bbut)$", lead)
                or title_lead(lead)
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


def participial(text: str, sent: Sentence, r: Resolver):
    """ "The bank kept rates on hold, saying inflation was still too high": the subject says."""
    m = PARTICIPLE_CUE_RE.search(sent.text)
    if not m or len(sent.text[m.end() :].split()) < 3:
        return None
    subj = sentence_subject(text, sent, r)
    if subj is None:
        return None
    return Subject(subj.key, subj.start, "mention"), m.group(1), sent.start + m.end(), sent.end
