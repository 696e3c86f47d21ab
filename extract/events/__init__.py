"""Who did what to whom, when: a syntactic event coder on the field's own dictionaries.

Triggers are verbs whose PETRARCH2/CAMEO pattern holds on the dependency parse and nominal
triggers ("talks", "strikes") with the light verb that carries them, plus acts a statement
performs in its own voice ("is unacceptable", "must withdraw"); roles come from the parse
(subject, passive agent, objects, prepositions by event type, coordination, control, relative
clauses, appositions) and resolve to the brief's actors; status from negation, tense and
modality; the date from the event's clause or the clause that reports it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import syntax as S
from ..context import Context
from ..dates import find_dates
from ..offices import AUTHORED
from ..records import Event
from . import where
from .coder import Sentence
from .lexicon import load
from .roles import Roles
from .stance import stance_triggers
from .triggers import find_triggers

AUTHOR_RE = re.compile(rf"\b{AUTHORED} (?:by|from)\b")
DISCOURSE_REACH = 1200  # characters back to the consultation a target is taken from


def find_events(ctx: Context) -> list[Event]:
    lex = load()
    ctx.author = _author(ctx)
    out: list[Event] = []
    for base, doc in ctx.parsed.pieces:
        roles = Roles(ctx, base, lex)
        for sent in doc.sents:
            ctx.clock.check()
            s0 = base + sent.start_char
            text = ctx.text[s0 : base + sent.end_char]
            dates = [(s0 + d.start, s0 + d.end, d) for d in find_dates(text, ctx.published)]
            triggers = find_triggers(sent, lex)
            labels = {t.head.i: t.label for t in triggers}
            coder = Sentence(ctx, lex, roles, base, s0, text, dates, labels)
            seen: set[tuple] = set()
            for trig in triggers + stance_triggers(sent, lex):
                ev = coder.code(trig)
                if ev is None:
                    continue
                if _told_before(trig, ev, ctx.told):
                    continue
                key = (ev.type, ev.sources, ev.targets, ev.start)
                if key not in seen:
                    seen.add(key)
                    out.append(ev)
                    if ev.type == "CONSULT" and len(ev.sources) == len(ev.targets) == 1:
                        ctx.last_pair = (ev.sources[0], ev.targets[0])
                        ctx.last_pair_at = ev.start
    return where.carry_places(ctx, _carry_dates(ctx, _counterparts(out, lex)))


def _told_before(trig, ev: Event, told: dict[tuple[str, str], list]) -> bool:
    """ "condemned the attack on the British Council ... the vicious and cowardly attack": a
    definite noun naming an act of the same type told before, with no one new in it, is that
    act again, not another one ("another attack" is new)."""
    noun = trig.head  # or the verb: "Gunmen attacked the embassy ... condemned the attack"
    key = (ev.type, noun.lemma_.lower())
    earlier = told.setdefault(key, [])
    definite = trig.noun is not None and S.definite(noun) and not _pinned(noun)
    again = definite and any(
        set(ev.sources) <= set(e.sources) and set(ev.targets) <= set(e.targets)
        for e in earlier[-8:]  # the last few: linear however often a brief repeats a noun
    )
    if not again:
        earlier.append(ev)
    return again


def _pinned(noun) -> bool:
    """ "the attack that took place in Giza", "the attack in Kabul": a noun that says which
    act it is may be another one than the last of its kind."""
    for c in noun.children:
        if c.dep_ in (S.RELCL, S.ACL):
            return True
        if c.dep_ == S.PREP and c.lower_ in ("in", "at", "near", "on", "against"):
            if any(p.pos_ == "PROPN" for p in S.prep_objects(c)):
                return True
    return False


def _carry_dates(ctx: Context, events: list[Event]) -> list[Event]:
    """A report dates an occasion once: "I spoke yesterday with Kiir ... I urged him to form a
    government" — the urging is that call's. An undated past act takes the day (or week) of
    the act just before it, when that one is at most two sentences back."""
    out: list[Event] = []
    last: Event | None = None
    for ev in events:
        if (
            last is not None
            and ev.date_precision == "reported"
            and ev.status in ("asserted", "reported")
            and last.date_precision in ("day", "week")
            and last.status in ("asserted", "reported")
            and _sentences_between(ctx, last.sentence_start, ev.sentence_start) <= 2
        ):
            ev = replace(ev, date=last.date, date_precision=last.date_precision)
        if ev.date_precision != "reported":
            last = ev
        out.append(ev)
    return out


def _sentences_between(ctx: Context, a: int, b: int) -> int:
    ia, ib = ctx.sentence_index(a), ctx.sentence_index(b)
    return abs(ib - ia) if ia is not None and ib is not None else 99


def _counterparts(events: list[Event], lex) -> list[Event]:
    """A readout names the other side of a call or meeting once: "Blinken spoke with Wang.
    The Secretary urged restraint" — the urging is addressed to Wang. An interpersonal act
    with no target takes the counterpart of the last consultation its source took part in,
    when that consultation had exactly one counterpart and is at most a few sentences back."""
    out: list[Event] = []
    partner: dict[str, tuple[str, int]] = {}  # source -> (counterpart, sentence start)
    for ev in events:
        if ev.type == "CONSULT" and len(ev.targets) == 1:
            for s in ev.sources:
                if s != ev.targets[0]:
                    partner[s] = (ev.targets[0], ev.sentence_start)
            for t in ev.targets:
                if len(ev.sources) == 1 and ev.sources[0] != t:
                    partner[t] = (ev.sources[0], ev.sentence_start)
        elif not ev.targets and len(ev.sources) == 1 and ev.type in lex.addressed:
            found = partner.get(ev.sources[0])
            if found and ev.sentence_start - found[1] <= DISCOURSE_REACH:
                ev = replace(ev, targets=(found[0],))
        out.append(ev)
    return out


def _author(ctx: Context) -> str | None:
    """Who speaks in the first person outside quotes: the headline's author ("Statement by
    the High Representative"), a byline ("John Kerry, Secretary of
    State" as a paragraph of its own), else the subject of the brief's first sentence when it
    is a body or country speaking in its own voice ("The United States condemns ..."), else
    the publisher when the brief names it."""
    if ctx.layout.title_span is not None:  # "Statement by the High Representative on ..."
        ts, te = ctx.layout.title_span
        by = AUTHOR_RE.search(ctx.text, ts, te)
        if by is not None:
            for m in ctx.resolver.between(by.end(), te):
                info = ctx.actors.actors.get(m.key)
                if info is not None and m.start - by.end() <= 6:
                    return m.key
    for para in ctx.layout.paragraphs[:2]:
        words = para.text.split()
        if len(words) <= 12 and not para.text.rstrip().endswith((".", ":")):
            for m in ctx.resolver.between(para.start, para.end):
                info = ctx.actors.actors.get(m.key)
                if info is not None and info.kind == "person":
                    return m.key
    for base, doc in ctx.parsed.pieces[:2]:
        for sent in doc.sents:
            root = sent.root
            subj = S.first_child(root, S.NSUBJ)
            if subj is None or root.lemma_.lower() in ("be", "have"):
                return ctx.publisher
            keys = Roles(ctx, base).keys(subj)
            info = ctx.actors.actors.get(keys[0]) if len(keys) == 1 else None
            if info is not None and info.kind in ("country", "organization"):
                return keys[0]
            return ctx.publisher
    return ctx.publisher
