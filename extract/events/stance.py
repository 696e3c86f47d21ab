"""Acts a statement performs in its own voice, with no verb naming them: "This is
unacceptable" (the speaker accuses), "X must withdraw" / "those responsible must be held
accountable" (the speaker asks), "there will be serious consequences" (the speaker threatens).
The speaker is the quote's, else the brief's author (see Context.speaker_at)."""

from __future__ import annotations

from .. import syntax as S
from .lexicon import Lexicon
from .triggers import Trigger

FIRST_PERSON = frozenset({"i", "we"})
THREAT_NOUNS = frozenset({"consequence", "repercussion", "price", "response"})


def stance_triggers(sent, lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    for tok in sent:
        head = tok.head
        if (
            tok.pos_ == "ADJ"
            and tok.dep_ in (S.ACOMP, S.ATTR)
            and head.lemma_ == "be"
            and tok.lemma_.lower() in lex.condemning
            and not _negated(head)
        ):
            subj = S.first_child(head, S.NSUBJ)
            if subj is not None and subj.lower_ not in FIRST_PERSON:
                out.append(_voiced(tok, head, "ACCUSE", "111", "disapprove", subj, head.i))
        elif (
            tok.pos_ == "ADJ"
            and tok.dep_ == S.ACOMP
            and head.lemma_ in ("be", "remain", "feel")
            and (low := tok.lemma_.lower()) in lex.accusing_feelings | lex.supporting_feelings
            and not _negated(head)
            and (
                any(p.lower_ in lex.feeling_preps for p in S.preps(tok))
                or S.first_child(tok, S.CCOMP) is not None
            )
        ):
            # "Ireland is deeply concerned at the removal of ...", "we are grateful to ..."
            label, cameo, mode = (
                ("ACCUSE", "111", "disapprove")
                if low in lex.accusing_feelings
                else ("SUPPORT", "051", None)
            )
            out.append(
                Trigger(tok, head, min(head.i, tok.i), tok.i, label, mode, cameo, feeling=True)
            )
        elif _judged(tok, lex):
            subj = S.first_child(head, S.NSUBJ)
            if subj is not None and subj.lower_ not in FIRST_PERSON:
                out.append(_voiced(tok, head, "ACCUSE", "111", "disapprove", subj, head.i))
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "be":
            modal = next(
                (c for c in tok.children if c.dep_ == S.AUX and c.lower_ in lex.modal_requests),
                None,
            )
            subj = S.first_child(tok, S.NSUBJ) or S.first_child(tok, S.NSUBJPASS)
            if modal is not None and subj is not None and subj.lower_ not in FIRST_PERSON:
                if subj.lower_ not in ("it", "this", "that", "there") and not _negated(tok):
                    out.append(_voiced(tok, tok, "REQUEST", "020", None, subj, modal.i))
        elif (
            tok.lemma_.lower() in THREAT_NOUNS
            and tok.dep_ == S.ATTR
            and head.lemma_ == "be"
            and any(c.dep_ == S.EXPL for c in head.children)
            and any(c.dep_ == S.AUX and c.lower_ in ("will", "would") for c in head.children)
        ):
            out.append(_voiced(tok, head, "THREATEN", "130", None, None, head.i))
    return out


def _judged(tok, lex: Lexicon) -> bool:
    """ "is a violation of", "was a criminal act", "is a source of alarm", "were neither free
    nor fair": a statement judging something done, in its own voice."""
    if tok.head.lemma_ != "be" or tok.head.i == tok.i:
        return False
    low = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and tok.dep_ == S.ATTR and not _negated(tok.head):
        if low in lex.condemning_nouns or any(
            c.dep_ == S.AMOD and c.lemma_.lower() in lex.condemning for c in tok.children
        ):
            return True
        if low in ("source", "cause", "example", "case", "sign"):  # "a source of alarm"
            for prep in S.children(tok, S.PREP):
                for obj in S.prep_objects(prep):
                    if obj.lemma_.lower() in lex.concern_nouns | lex.condemning_nouns:
                        return True
        return False
    if tok.pos_ == "ADJ" and tok.dep_ == S.ACOMP and low in lex.fair_words:
        # "were not free", "were neither free nor fair"
        return _negated(tok.head) or any(
            c.dep_ == S.PRECONJ and c.lower_ == "neither" for c in tok.children
        )
    return False


def _negated(verb) -> bool:
    return any(c.dep_ == S.NEG for c in verb.children)


def _voiced(tok, clause, label, cameo, mode, subject, first) -> Trigger:
    return Trigger(
        tok, clause, min(first, tok.i), max(first, tok.i), label, mode, cameo,
        voice=True, subject=subject,
    )  # fmt: skip
