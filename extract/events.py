"""Who did what to whom, when: PLOVER/CAMEO-coded events from the verbs of each sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from .actors import DocActors, Found
from .dates import find_dates
from .dictionary import load
from .event_lexicon import VerbEntry, forms
from .nlp import Sentence
from .records import Event, Quote
from .refs import GENERIC_KINDS, Resolver

WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
BE = {"is", "was", "were", "are", "been", "be", "being", "’s", "'s"}
DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "any",
    "no",
    "new",
    "further",
    "such",
    "fresh",
    "more",
    "deadly",
    "recent",
    "of",
}
ADJECTIVAL_BEFORE = DETERMINERS | {"from", "in", "on", "with", "by", "into", "at"}
AUX_TAIL_RE = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|be|been|being|will|would|could|should|might|may|must|"
    r"shall|also|then|again|later|now|reportedly|allegedly|still|not|never|did|does|do|already|"
    r"just|repeatedly|further|jointly|effectively|n’t|n't|itself|themselves|finally|formally|"
    r"officially|twice|first|once|no longer))*\s*$"
)
COORD_GAP_RE = re.compile(r"^(?:,? and |, |,? or |-| and the |, and the )$")
CLAUSE_END_RE = re.compile(
    r",|;|:|—|\(|\b(?:after|because|while|when|which|who|as|but|since|until|before|although)\b"
)
LOCATIVE = {"in", "at", "near", "inside", "outside", "into", "across", "around", "throughout"}
PAIR = r"\b(?:both|the two) (?:countries|nations|sides|governments|states|leaders|parties)\b"
PAIR_RE = re.compile(PAIR + r"\s*$", re.I)  # as a subject: "The two sides agreed"
POSSESSIVE_AGENT_RE = re.compile(r"\b(its|their|his|her) ([a-z]+)\s*$")
RELATIVE_RE = re.compile(r",\s*(?:which|who|known as|also|both|a|an|the|whose)\b[^,]*,\s*$")
TIME_TAIL_RE = re.compile(
    r"(?:\s+(?:on|last|this|early|late|earlier|later)\s+\w+(?:\s+(?:night|morning|evening|afternoon))?|\s+(?:yesterday|today|overnight|tonight))+\s*$"
)
PLACE_GAP_RE = re.compile(r"^\s*(?:in|at|from|of)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")
NP_COORD_RE = re.compile(r"^,?\s+(?:and|or)\s+(?:a|an|the|some|several|other)?\s*[a-z][a-z\s-]*$")
GENERIC_NP_RE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z-]+\s+)?([a-z]+)\s*$")
BOTH_RE = re.compile(PAIR)  # as an object: "urged both sides"
NEGATION_RE = re.compile(r"\b(?:not|n[’']t|never|no longer)\b")
FUTURE_RE = re.compile(
    r"\b(?:will|shall|’ll|'ll|going to|plans? to|planned to|intends? to|is to|are to)\b"
)
CONDITION_RE = re.compile(r"\b(?:if|unless|should (?:it|they|he|she))\b")
HYPOTHETICAL_RE = re.compile(r"\b(?:would|could|might|may|should)\b")
LOCATION_RE = re.compile(r"\b(?:in|near|outside) ((?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)")


def _quote_over(quotes: list[Quote], ends: list[int], sent: Sentence) -> Quote | None:
    """The quote this sentence lies in or that starts in it (quotes sorted, not nested)."""
    i = bisect_right(ends, sent.start)
    for q in quotes[i : i + 3]:
        if q.start <= sent.start < q.end or sent.start <= q.start < sent.end:
            return q
    return None


def _entry(words: list, i: int) -> tuple[VerbEntry, int] | None:
    """The lexicon entry the verb at `i` takes, and the index of the word its trigger ends on."""
    entries = forms().get(words[i][2].lower())
    if not entries:
        return None
    window = []
    for w in words[i + 1 : i + 7]:
        window.append(w)
        if w[3]:  # punctuation after this word ends the object
            break
    generic = None
    for e in entries:
        if e.particle and (len(words) <= i + 1 or words[i + 1][2].lower() != e.particle):
            continue
        if e.objects is None:
            generic = generic or (e, i + (1 if e.particle else 0))
            continue
        for k, w in enumerate(window):
            lw = w[2].lower().strip("’'")
            if lw in e.objects or lw.rstrip("s") in e.objects:
                return e, i + 1 + k
    return generic


def _is_verb_use(words: list, i: int, text: str) -> bool:
    w = words[i][2]
    if i and w[0].isupper():
        return False
    # Only a word right before counts ("in 2020, congratulated" has none).
    adjacent = i and text[words[i - 1][1] : words[i][0]].strip() == ""
    prev = words[i - 1][2].lower() if adjacent else ""
    if prev in DETERMINERS:
        return False  # "their attacks", "the bombing": a noun
    if prev == "to":
        return False  # an infinitive: a purpose or a complement, not an act of its own
    lw = w.lower()
    if lw.endswith("ing"):
        return prev in BE
    if lw.endswith("ed") and prev in ADJECTIVAL_BEFORE:
        nxt = words[i + 1][2] if i + 1 < len(words) else ""
        if nxt[:1].islower() and not words[i][3]:
            return False  # "from bombed buildings"
    return True


def find_events(
    text: str, sents: list[Sentence], doc: DocActors, quotes: list[Quote], published: date | None
) -> list[Event]:
    r = Resolver(text, doc)
    quotes = sorted(quotes, key=lambda q: q.end)
    quote_ends = [q.end for q in quotes]
    out: list[Event] = []
    for sent in sents:
        words = [
            (
                sent.start + m.start(),
                sent.start + m.end(),
                m.group(),
                bool(re.match(r"\s*[,;:.!?—()]", sent.text[m.end() :])),
            )
            for m in WORD_RE.finditer(sent.text)
        ]
        dates = find_dates(sent.text, published)
        quote = _quote_over(quotes, quote_ends, sent)
        prev_sources: tuple[str, ...] = ()
        consumed: set[int] = set()
        for i in range(len(words)):
            if i in consumed or not _is_verb_use(words, i, text):
                continue
            found = _entry(words, i)
            if not found:
                continue
            entry, last = found
            if (
                i
                and words[i - 1][2].lower() in BE | {"get", "got"}
                and words[i][2].lower().endswith(("ed", "en"))
            ):
                continue  # passive: who acted is not the subject (and is rarely named)
            if (
                entry.label == "ACCUSE"
                and last == i
                and i + 1 < len(words)
                and words[i + 1][2] in ("of", "with")
            ):
                continue  # "nationals accused of running": a reduced passive, no accuser named
            if entry.verb == "fail" and last + 1 < len(words):
                # "failed to live up": the trigger names the failed act, not just "failed to"
                last = min(last + (3 if words[last + 1][2] == "live" else 1), len(words) - 1)
            ts, te = words[i][0], words[last][1]
            in_quote = quote is not None and quote.start <= ts < quote.end
            if entry.verb == "fail":
                if not (in_quote and quote.speaker):
                    continue
                sources, how = (quote.speaker,), "speaker"
                targets = _subject(text, sent, ts, r, prev_sources, doc)[0]
            else:
                sources, how = _subject(text, sent, ts, r, prev_sources, doc)
                verb_end = words[i + 1][1] if entry.particle else words[i][1]
                targets = _objects(
                    text,
                    sent,
                    verb_end,
                    r,
                    sources,
                    doc,
                    stop_at=" of " if entry.label == "ACCUSE" else None,
                )
            if not sources and entry.label != "PROTEST":
                continue  # no one to code as acting: fewer, truer events
            prev_sources = sources if entry.verb != "fail" else prev_sources
            status = _status(text, sent, ts, in_quote and entry.verb != "fail")
            out.append(
                _event(text, sent, entry, ts, te, status, sources, targets, how, dates, published)
            )
            if entry.verb in ("accuse", "blame"):
                alleged = _alleged(text, sent, words, last, targets, r, doc, dates, published)
                if alleged:
                    consumed.add(alleged[1])
                    out.append(alleged[0])
    return out


def _subject(text, sent, pos, r: Resolver, prev_sources, doc) -> tuple[tuple[str, ...], str]:
    left = text[sent.start : pos]
    core = AUX_TAIL_RE.sub("", TIME_TAIL_RE.sub("", AUX_TAIL_RE.sub("", left)))
    rel = RELATIVE_RE.search(core)
    if rel:  # "Egypt, which has mediated ..., urged": the clause in commas is not the subject
        core = core[: rel.start()]
    end = sent.start + len(core)
    ms = r.before(end, sent.start)
    agents = load().words("agent_nouns")
    if ms:
        last = ms[-1]
        raw_gap = text[last.end : end]
        gap = raw_gap.strip().lower()
        if (
            gap == ""
            or (
                len(gap.split()) <= 3 and all(w in agents or w == "government" for w in gap.split())
            )
            or PLACE_GAP_RE.match(raw_gap)  # "Russia's embassy in Washington dismissed"
            or NP_COORD_RE.match(raw_gap)  # "The EU and a group of small island states backed"
        ):
            return _coordinated(text, ms), "mention"
    pair = PAIR_RE.search(core)
    if pair:
        return _latest_countries(r, sent.start + pair.start(), (), doc), "pair"
    pm = re.search(r"\b(he|she|it|they)\s*$", core, re.I) or POSSESSIVE_AGENT_RE.search(core)
    if pm and (pm.lastindex == 1 or pm.group(2) in agents):
        if pm.group(1).lower() in ("they", "their") and prev_sources:
            return prev_sources, "pronoun"
        key = r.pronoun(pm.group(1), sent.start + pm.start(1), sent.start)
        return ((key,) if key else ()), "pronoun"
    generic = GENERIC_NP_RE.search(core)
    if generic:  # "The regional bloc has imposed": the latest body of that kind
        key = r.description(generic.group(1), sent.start + generic.start())
        if key:
            return (key,), "description"
    if re.search(r"(?:,|\band|\bbut|\bor)\s*$", core):
        if prev_sources:
            return prev_sources, "inherited"
        clause = _clause_subject(text, sent, end, r)
        if clause:
            return (clause,), "inherited"
    return (), "none"


def _clause_subject(text, sent, end, r: Resolver) -> str | None:
    """ "the agency had released ... and called on donors": the subject of the first verb."""
    clause = text[sent.start : end]
    pronoun = list(
        re.finditer(
            r"\b(it|he|she|they) (?:had |has |have |was |were |is |will |would )?[a-z]+", clause
        )
    )
    matches = list(
        re.finditer(
            r"\b(?:the|its) ([a-z]+) (?:had |has |have |was |were |is |will |would )?[a-z]+(?:ed|s)\b",
            clause,
        )
    )
    if pronoun and (not matches or pronoun[-1].start() > matches[-1].start()):
        # "said it was deeply concerned and called on Ankara": the pronoun's referent acts.
        return r.pronoun(pronoun[-1].group(1), sent.start + pronoun[-1].start(), sent.start)
    if not matches:
        return None
    m = matches[-1]
    return r.description(m.group(1), sent.start + m.start())


def _latest_countries(r: Resolver, pos: int, exclude, doc) -> tuple[str, ...]:
    keys: list[str] = []
    for m in reversed(r.before(pos)):
        info = doc.actors.get(m.key)
        if (
            info
            and info.kind in ("country", "group")
            and m.key not in exclude
            and m.key not in keys
        ):
            keys.append(m.key)
        if len(keys) == 2:
            break
    return tuple(keys)


def _coordinated(text: str, ms: list[Found]) -> tuple[str, ...]:
    keys = [ms[-1].key]
    for a, b in zip(reversed(ms[:-1]), reversed(ms[1:]), strict=False):
        if not COORD_GAP_RE.match(text[a.end : b.start]):
            break
        if a.key not in keys:
            keys.insert(0, a.key)
    return tuple(keys)


def _objects(text, sent, pos, r: Resolver, sources, doc, stop_at=None) -> tuple[str, ...]:
    rest = text[pos : sent.end]
    cut = CLAUSE_END_RE.search(rest)
    end = pos + (cut.start() if cut else len(rest))
    purpose = [m.start() for m in re.finditer(r" to [a-z]+", text[pos:end])]
    if len(purpose) > 1:  # "to use force to restore X": X is the purpose's, not the act's
        end = pos + purpose[1]
    if stop_at and stop_at in text[pos:end]:
        end = text.index(stop_at, pos, end)
    keys: list[str] = []
    if BOTH_RE.search(text[pos:end]):
        keys += _latest_countries(r, pos, sources, doc)
    generic = re.match(r"\s+(?:the|its|their)\s+(?:[a-z-]+\s+)?([a-z]+)\b", text[pos:end])
    if generic and generic.group(1) in GENERIC_KINDS:
        key = r.description(generic.group(1), pos)
        if key and key not in sources:
            keys.append(key)
    for m in r.between(pos, end):
        if m.end <= end:
            prev = re.search(r"(\w+)\W*$", text[pos : m.start])
            if prev and prev.group(1).lower() in LOCATIVE:
                continue
            if m.key not in sources and m.key not in keys:
                keys.append(m.key)
    return tuple(keys)


def _status(text, sent, ts, reported: bool) -> str:
    before = text[max(sent.start, ts - 30) : ts].lower()
    before = before.split(",")[-1]
    if NEGATION_RE.search(before):
        return "negated"
    conditional = CONDITION_RE.search(text, ts, sent.end)
    if re.search(r"\bwould have\b|\bcould have\b|\bmight have\b", before) or CONDITION_RE.search(
        before
    ):
        return "hypothetical"  # "would have coordinated", "if it strikes"
    if (FUTURE_RE.search(before) or HYPOTHETICAL_RE.search(before)) and conditional:
        return "threatened"  # "will strike back if attacked": an act held over someone
    if HYPOTHETICAL_RE.search(before):
        return "hypothetical"
    if FUTURE_RE.search(before):
        return "future"
    if re.search(r"\ballegedly\b", before):
        return "alleged"
    return "reported" if reported else "asserted"


def _alleged(text, sent, words, after, accused, r, doc, dates, published):
    """ "accused X of bombing the convoy": the act inside the accusation, status alleged."""
    for k in range(after + 1, min(len(words), after + 10)):
        if words[k - 1][2].lower() == "of" and words[k][2].lower().endswith("ing"):
            found = _entry(words, k)
            if not found or not accused:
                return None
            entry, last = found
            ts, te = words[k][0], words[last][1]
            targets = _objects(text, sent, te, r, accused, doc)
            return _event(
                text, sent, entry, ts, te, "alleged", accused, targets, "mention", dates, published
            ), k
    return None


def _event(
    text, sent, entry: VerbEntry, ts, te, status, sources, targets, how, dates, published
) -> Event:
    date_value = precision = date_text = None
    rel = ts - sent.start
    seg_start = sent.text.rfind(",", 0, rel) + 1
    seg_end = sent.text.find(",", rel)
    seg_end = len(sent.text) if seg_end < 0 else seg_end
    same = [d for d in dates if seg_start <= d.start and d.end <= seg_end]
    # A date inside another clause ("JAXA, which returned samples in 2020,") dates that clause.
    other = [
        d
        for d in dates
        if not re.match(r"\s*(?:which|who)\b", sent.text[sent.text.rfind(",", 0, d.start) + 1 :])
    ]
    candidates = same or other
    if candidates:
        best = min(candidates, key=lambda d: min(abs(d.start - rel), abs(d.end - rel)))
        date_value, precision, date_text = best.value.isoformat(), best.precision, best.text
    elif published:
        date_value, precision = published.isoformat(), "reported"
    loc = None
    for m in LOCATION_RE.finditer(sent.text):
        if m.group(1) not in load().words("stop_caps"):
            loc = m.group(1)
            if sent.start + m.start() >= te:
                break
    confidence = (
        0.85 - (0.15 if how in ("pronoun", "inherited") else 0) - (0.1 if not targets else 0)
    )
    return Event(
        type=entry.label,
        mode=entry.mode,
        cameo=entry.cameo,
        status=status,
        start=ts,
        end=te,
        sentence_start=sent.start,
        sentence_end=sent.end,
        trigger=text[ts:te],
        sources=tuple(sources),
        targets=tuple(targets),
        date=date_value,
        date_precision=precision,
        date_text=date_text,
        location=loc,
        confidence=round(confidence, 2),
    )
