"""Which words of a parsed sentence name an event, and which lexicon entry codes each: verbs
whose pattern (particle, object, prepositional phrases, subject) holds on the parse, and
nominal triggers ("talks", "strikes", "sanctions") with the light verb that carries them."""

from __future__ import annotations

from dataclasses import dataclass

from .. import syntax as S
from .lexicon import Lexicon, NounEntry, VerbEntry


@dataclass(frozen=True)
class Trigger:
    head: object  # the Token naming the act: a verb or a noun
    clause: object  # the verb whose clause the event is told in (a light verb for a noun)
    first: int  # token indices of the trigger span
    last: int
    label: str
    mode: str | None
    cameo: str
    verb: VerbEntry | None = None
    noun: NounEntry | None = None
    object: object = None  # the noun a verb pattern required ("imposed sanctions")
    voice: bool = False  # the speaker (or the brief's author) acts: "is unacceptable"
    fallback: object = None  # the next matching verb entry, tried when this one codes nothing
    subject: object = None  # for a voiced trigger: the phrase it is about
    feeling: bool = False  # "X is concerned at Y": the subject judges what follows


def _words_after(tok, words: tuple[str, ...]) -> bool:
    near = {c.lower_ for c in tok.children if c.dep_ in (S.PRT, S.PREP, S.DOBJ, S.ADVMOD)}
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    return all(w in near or w == nxt for w in words)


def _object(tok):
    for dep in (S.DOBJ, S.NSUBJPASS, S.ATTR, S.OPRD):
        c = S.first_child(tok, dep)
        if c is not None:
            return c
    for c in tok.children:  # "called for talks": the noun after a particle-like preposition
        if c.dep_ == S.PREP and c.lower_ in ("for", "to"):
            p = S.first_child(c, S.POBJ)
            if p is not None:
                return p
    return None


CURRENCY = frozenset("$€£¥")
RESTATING = frozenset({"take", "occur", "happen", "come"})


def _noun_matches(obj, heads: frozenset[str], mods: tuple[str, ...]) -> bool:
    for t in S.with_conjuncts(obj):
        if "$" in heads and t.pos_ == "NUM" and any(c.text in CURRENCY for c in t.children):
            return True  # "provided $100,000": money
        lemma = t.lemma_.lower()
        lower = t.lower_
        if lemma in heads or lower in heads:
            have = {c.lower_ for c in t.children} | {c.lemma_.lower() for c in t.children}
            if all(m in have for m in mods):
                return True
    return False


def _prep_matches(tok, obj, prep: str, heads: frozenset[str] | None) -> bool:
    holders = [tok] + ([obj] if obj is not None else [])
    for h in holders:
        for c in h.children:
            if c.dep_ in (S.PREP, S.AGENT, S.DATIVE) and c.lower_ == prep:
                if heads is None:
                    return True
                p = S.first_child(c, S.POBJ)
                if p is not None and _noun_matches(p, heads, ()):
                    return True
    return False


def match_verb(tok, entries: tuple[VerbEntry, ...]) -> tuple[VerbEntry, object] | None:
    """The most specific entry whose pattern holds, with the object noun it required."""
    found = next(matches(tok, entries), None)
    return found


def matches(tok, entries: tuple[VerbEntry, ...]):
    """Every entry whose pattern holds, most specific first, each with its object noun."""
    obj = _object(tok)
    for e in entries:
        if e.words and not _words_after(tok, e.words):
            continue
        if e.objects is not None and (
            obj is None or not _noun_matches(obj, e.objects, e.object_mods)
        ):
            continue
        if any(not _prep_matches(tok, obj, p, heads) for p, heads in e.preps):
            continue
        if e.exclude and any(c.dep_ in e.exclude or c.lower_ in e.exclude for c in tok.children):
            continue
        if "xcomp" in e.needs and S.first_child(tok, S.XCOMP) is None:
            continue
        if "ccomp" in e.needs and S.first_child(tok, S.CCOMP) is None:
            continue
        if "object_actor" in e.needs and (obj is None or obj.pos_ not in ("PROPN", "NOUN", "PRON")):
            continue
        if e.complements is not None and not any(
            c.dep_ == S.XCOMP and c.lemma_.lower() in e.complements for c in tok.children
        ):
            continue
        if e.subjects is not None:
            subj = S.first_child(tok, S.NSUBJ)
            if subj is None or subj.lemma_.lower() not in e.subjects:
                continue
        yield e, (obj if e.objects is not None else None)


def _entries(tok, lex: Lexicon):
    """A verb's entries by its lemma, else by a regular reading of its form: the lemmatizer
    errs on rare verbs ("cordoned" -> "cordone")."""
    found = lex.verbs.get(tok.lemma_.lower())
    if found:
        return found
    w = tok.lower_
    for suffix, add in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            found = lex.verbs.get(w[: -len(suffix)] + add)
            if found:
                return found
    return None


def _noun(tok, lex: Lexicon):
    return lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)


def _governed(clause, verbs: set[int]) -> bool:
    """Whether a clause is part of another event's content: it is, or hangs (through a
    complement, purpose or preposition) from, a verb that is itself a trigger."""
    t = clause
    for _ in range(4):
        if t.i in verbs:
            return True
        if t.head.i == t.i or t.dep_ not in (S.XCOMP, S.CCOMP, S.ADVCL, S.PCOMP, S.PREP, S.POBJ):
            return False
        t = t.head
    return False


def _carrier(noun, lex: Lexicon):
    """The light verb carrying a nominal trigger: "held talks", "launched a sixth week of
    protests", "put in place a package of sanctions"."""
    tok = noun
    if (
        tok.dep_ == S.POBJ
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in lex.measures
    ):
        tok = tok.head.head
    if tok.dep_ == S.DOBJ and tok.head.lemma_.lower() in lex.light_verbs:
        return tok.head
    return None


def find_triggers(sent, lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    covered: set[int] = set()  # nouns a verb pattern already coded
    for tok in sent:
        if tok.pos_ != "VERB" or tok.dep_ == S.AMOD:
            continue
        first = tok
        while first.dep_ == S.CONJ and first.head.i != first.i:
            first = first.head
        if first.dep_ == S.ACL and first.tag_ == "VBN" and S.first_child(tok, S.AGENT) is None:
            continue  # "those killed and injured", "civilians wounded in the strike": victims
        entries = _entries(tok, lex)
        if not entries:
            continue
        found = list(matches(tok, entries))
        if not found:
            continue
        e, obj = found[0]
        if obj is not None and tok.lemma_.lower() in lex.light_verbs and _noun(obj, lex):
            continue  # "intensified their attacks": the noun names the act, the verb carries it
        last = tok.i
        for c in tok.children:
            if c.dep_ == S.PRT and c.lower_ in e.words:
                last = max(last, c.i)
        if obj is not None:
            noun = _noun(obj, lex)
            if noun is None or noun.label not in lex.material or e.label not in lex.talking:
                covered.add(obj.i)  # but "condemned the attack": the attack is an act of its own
            if obj.i - tok.i <= 4:
                last = max(last, obj.i)
        # The verb's own curated sense, should a converted pattern code nothing here
        # ("condemned the attack" with no attacker named).
        # A curated entry of the same type first ("called for restraint" is a request, not
        # a phone call, when the converted "call for X" pattern wants a named X).
        alt = next((f for f, _ in found[1:] if f.curated and f.label == e.label), None)
        alt = alt or next((f for f, _ in found[1:] if f.curated and f.specificity == 0), None)
        out.append(
            Trigger(
                tok, tok, tok.i, last, e.label, e.mode, e.cameo, verb=e, object=obj, fallback=alt
            )
        )
    verbs = {t.head.i for t in out}
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in covered or tok.dep_ == S.COMPOUND:
            continue
        n = _noun(tok, lex)
        if n is None or (tok.text == "March" and tok.pos_ == "PROPN"):
            continue  # "March 25 Street", "on March 3": the month, not a march
        clause = S.clause_head(tok)
        first = tok.i
        if n.as_subject:
            # "a homemade bomb exploded", "an explosion tore through a market", "a bomb blast
            # that killed": a device that acts is the attack; the verb ends the trigger.
            verb = tok.head if tok.dep_ == S.NSUBJ else None
            for c in S.children(tok, S.RELCL):  # "a bomb blast that killed"
                if any(s.lower_ in ("that", "which") for s in S.children(c, S.NSUBJ)):
                    verb = c
            if verb is None or verb.pos_ != "VERB" or verb.lemma_ in RESTATING:
                continue  # "the blast took place at noon": told already, now placed in time
            if verb.i in verbs and S.first_child(verb, S.DOBJ) is not None:
                continue  # "the blast killed soldiers": the verb's own event tells it
            first = min(tok.left_edge.i, verb.i)
            out.append(
                Trigger(tok, verb, first, max(tok.i, verb.i), n.label, n.mode, n.cameo, noun=n)
            )
            continue
        carrier = _carrier(tok, lex)
        light = carrier is not None
        if light:
            first = carrier.i  # "held talks", "carried out strikes": the light verb's subject acts
            clause = carrier
        elif n.label not in lex.material and (
            _governed(clause, verbs)
            or not (
                tok.dep_ in (S.NSUBJ, S.ROOT)  # "the EU appeals to ..." misread as a noun
                or any(c.lower_ in ("with", "between") for c in tok.children)
            )
        ):
            # "reaffirmed its commitments", "commitments to Japan remain ironclad": a verbal
            # noun is an act of its own only when carried ("held talks"), between named
            # sides ("talks between X and Y") or the subject ("The talks ended")
            continue
        last = tok.i
        for rel in S.children(tok, S.RELCL):
            if rel.lemma_ in RESTATING:  # "the attack that took place in Giza": told with it
                last = max(last, max(t.i for t in rel.subtree))
        out.append(Trigger(tok, clause, first, last, n.label, n.mode, n.cameo, noun=n))
    return out
