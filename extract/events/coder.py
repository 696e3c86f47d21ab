"""Coding one trigger into an event: its roles, status, date and span."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import syntax as S
from ..context import Context
from ..records import Event
from . import status as st
from . import where
from .lexicon import Lexicon
from .roles import Roles
from .triggers import Trigger

MAX_TRIGGER = 80  # characters: a trigger names the act, not its whole clause
# Dependencies from an asked-for act up to the request: "urged X to [show] restraint and
# [renew] efforts to [negotiate]".
ASKED_PATH = frozenset({S.XCOMP, S.CCOMP, S.ADVCL, S.CONJ, S.ACL, S.PCOMP, S.POBJ, S.PREP, S.DOBJ})


@dataclass
class Sentence:
    """One parsed sentence being coded: where it is, its dates, its triggers by token."""

    ctx: Context
    lex: Lexicon
    roles: Roles
    base: int  # offset of the parsed piece in the brief
    start: int  # of the sentence, in the brief
    text: str
    dates: list  # (start, end, DateRef), offsets in the brief
    labels: dict[int, str]  # token index of each trigger -> its type

    def reporting(self, tok):
        """The speech verb whose complement holds this clause ("said Russia had failed")."""
        t, hops = tok, 0
        while t.head.i != t.i and hops < 5:
            if t.dep_ in (S.CCOMP, S.PARATAXIS) and t.head.lemma_.lower() in self.lex.speech_verbs:
                return t.head
            if t.dep_ not in (S.CONJ, S.XCOMP, S.CCOMP, S.ADVCL):
                return None
            t, hops = t.head, hops + 1
        return None

    def speaker(self, speech, verb) -> tuple[str, ...]:
        """Who voices a clause: the subject of the verb reporting it, else the speaker of the
        quote it stands in, else the brief's author."""
        if speech is not None:
            found = self.roles.subject(speech)[0]
            if found:
                return found
        key = self.ctx.speaker_at(self.roles.pos(verb))
        return (key,) if key else ()

    def code(self, trig: Trigger) -> Event | None:
        lex, roles = self.lex, self.roles
        clause = trig.clause
        how = "none"
        preps = frozenset(lex.target_preps.get(trig.label, ()))
        speech = self.reporting(clause)
        alleged = False
        if trig.feeling:
            sources, how = roles.subject(trig.clause)
            targets = roles.judged(trig.head, lex.feeling_preps, roles.own_side(sources))
            if not sources or not targets:
                return None
        elif trig.voice:
            sources = self.speaker(speech, trig.clause)
            targets = roles.in_phrase(trig.subject, sources) if trig.subject is not None else ()
            if not sources:
                return None
        elif trig.verb is not None:
            found = self.verb_roles(trig, preps, speech)
            if found is None:
                alt = trig.fallback
                if alt is None:
                    return None
                return self.code(
                    replace(trig, label=alt.label, mode=alt.mode, cameo=alt.cameo, verb=alt,
                            object=None, last=trig.head.i, fallback=None)
                )  # fmt: skip
            sources, targets, how, alleged = found
            if not sources and trig.label == "COERCE" and S.agentless_passive(trig.head):
                # "at least 200 monks were arrested": the security body named last arrested
                # them; the text leaves it to the reader, as it does.
                found_by = self.ctx.enforcer_before(roles.pos(trig.head))
                sources = (found_by,) if found_by else ()
        else:
            sources, targets, how = self.noun_roles(trig, preps)
            if not targets and trig.label in lex.aim_targets:
                targets = roles.aim_objects(trig.clause, preps)
            if not targets and trig.label in lex.place_targets:  # "assistance in Fiji"
                targets = roles.recipient_countries(trig.clause, roles.own_side(sources))
        if not targets and len(sources) > 1 and trig.label in lex.reciprocal:
            targets = tuple(reversed(sources))  # "A and B met": each met the other
        else:
            targets = tuple(k for k in targets if k not in sources)
        if not sources and not targets and not self.bare_act(trig):
            return None
        if not sources and trig.label not in lex.sourceless:
            return None
        if not targets and trig.label in lex.focus_targets and self.act_told(trig)[1] is None:
            # "condemned the attack" with no attacker named: who is condemned stays unknown.
            # No one named in the clause: the reader takes the one the brief is about.
            exclude = roles.own_side(
                sources + tuple(k for k in (self.ctx.author, self.ctx.publisher) if k)
            )
            found = self.ctx.focus(exclude)
            if found:
                targets, how = (found,), "focus"
        return self.event(trig, sources, targets, how, speech, alleged)

    def verb_roles(self, trig: Trigger, preps: frozenset[str], speech):
        lex, roles, verb, entry = self.lex, self.roles, trig.head, trig.verb
        if any(c.dep_ == S.AUX and c.lower_ in lex.modal_requests for c in verb.children):
            return None  # "Russia must withdraw": a request (see stance), not a withdrawal
        first = verb
        while first.dep_ == S.CONJ and first.head.i != first.i:
            first = first.head  # "to release X and initiate dialogue": both are the content
        if first.dep_ in (S.XCOMP, S.CCOMP) and self.labels.get(first.head.i) in lex.content_of:
            return None  # "threatened to cut off talks": the threat's content, not an act
        if S.infinitive(first) and self.asked(first):
            # "call on all parties to show restraint and renew efforts to negotiate": what is
            # asked for, however deep in the request, is not done yet
            return None
        if (
            trig.label == "CONSULT"
            and first.dep_ in (S.XCOMP, S.ADVCL)
            and self.labels.get(first.head.i) == "CONSULT"
        ):
            return None  # "spoke with X to discuss Y": one conversation, told once
        if S.purpose(verb, lex.purpose_heads):
            return None  # "an arrangement aimed at providing access": an aim, not an act
        if (
            first.dep_ in (S.ADVCL, S.ACL, S.XCOMP)
            and S.infinitive(first)
            and self.labels.get(S.clause_head(first.head).i) in lex.aid_aims
        ):
            return None  # "provided $1 million to help the people of Ecuador": one act
        sources, how = roles.subject(verb)
        if not sources and self.hazard(verb):
            return None  # "the earthquake that hit Indonesia": no one attacked
        if entry.source_prep:
            sources = roles.prep_keys(verb, entry.source_prep) or sources
        if entry.target_prep:
            preps = frozenset({entry.target_prep})
        if entry.place_target:  # "travelled to Ankara": a visit is to the place's country
            found = roles.place_countries(verb, entry.target_prep)
            if found:
                return sources, found, how, False
        targets = self.act_doers(trig) or roles.objects(
            verb, preps, skip=trig.object, possessor=trig.label in lex.object_targets
        )
        if not targets and trig.label in lex.object_targets:
            targets = roles.in_object(verb, sources)
        if not targets and trig.label in lex.content_targets:
            targets = roles.in_complement(verb, sources)
        if not targets:
            targets = roles.purpose_target(verb) or roles.complement_target(verb, preps)
        if not targets and trig.label in lex.aim_targets:
            targets = roles.aim_objects(verb, preps)
        if not targets and trig.label in lex.place_targets:
            targets = roles.recipient_countries(verb, roles.own_side(sources))
        if not targets and (not entry.curated or "target" in entry.needs):
            # A converted pattern, or a verb as general as "help", codes an act only on a
            # named actor: coding every dictionary verb floods the events with noise.
            return None
        if entry.role == "speaker":
            # "said Russia failed to live up": the speaker accuses the failing subject.
            speaker = self.speaker(speech, verb)
            if not speaker:
                return None
            sources, targets = speaker, sources
            if not targets:
                return None  # "an act that undermines security": no one is accused
        alleged = False
        if verb.dep_ == S.PCOMP and verb.head.lower_ == "of":
            alleged = verb.head.head.lemma_.lower() in lex.accusing_verbs
        return sources, targets, how, alleged

    def asked(self, verb) -> bool:
        """Whether an infinitive clause hangs, within a few steps, from a request or threat."""
        t = verb
        for _ in range(5):
            if t.head.i == t.i or t.dep_ not in ASKED_PATH:
                return False
            t = t.head
            if self.labels.get(t.i) in self.lex.content_of:
                return True
        return False

    def hazard(self, verb) -> bool:
        """Whether a natural force does what the verb says ("a tsunami hit the coast")."""
        subj = S.first_child(verb, S.NSUBJ)
        if subj is not None and subj.lower_ in ("that", "which") and verb.dep_ == S.RELCL:
            subj = verb.head
        return subj is not None and subj.lemma_.lower() in self.lex.hazard_nouns

    def act_told(self, trig: Trigger):
        """(object, noun entry) when a verb talks about an act its object names ("condemned
        the attack"), else (None, None)."""
        obj = S.first_child(trig.head, S.DOBJ) if trig.verb is not None else None
        if trig.label not in self.lex.talking or trig.label == "CONSULT" or obj is None:
            return None, None
        n = self.lex.nouns.get(obj.lemma_.lower()) or self.lex.nouns.get(obj.lower_)
        if n is None or n.label not in self.lex.material:
            return None, None
        return obj, n

    def act_doers(self, trig: Trigger) -> tuple[str, ...]:
        """ "condemned the Iranian rocket attacks on Israeli forces", "condemned the beating of
        Tsvangirai by police": who is condemned is who did the act, not whom it hit."""
        obj, n = self.act_told(trig)
        if n is None:
            return ()
        inner = Trigger(obj, trig.clause, obj.i, obj.i, n.label, n.mode, n.cameo, noun=n)
        found = self.noun_roles(inner, frozenset())[0]
        if not found and S.definite(obj):
            # "Gunmen attacked the embassy. France condemned the attack": who did it then
            earlier = self.ctx.told.get((n.label, obj.lemma_.lower()))
            found = earlier[-1].sources if earlier else ()
        return found

    def noun_roles(self, trig: Trigger, preps: frozenset[str]):
        roles, noun, n = self.roles, trig.head, trig.noun
        sources: list[str] = []
        targets: list[str] = []
        side = {"source": sources, "target": targets}
        for c in noun.children:
            if c.dep_ == S.POSS:
                side[n.poss] += roles.keys(c)  # "Russia's strikes", "Navalny's arrest"
            elif c.dep_ in (S.COMPOUND, S.AMOD, S.NMOD) and c.i < noun.i:
                # "U.S. sanctions", "Houthi detentions", "Iranian rocket attacks": who acts
                sources += roles.keys(c) or roles.national_in(c)
            elif c.dep_ in (S.PREP, S.AGENT):
                p = c.lower_
                objs = [k for pobj in S.prep_objects(c) for k in roles.keys(pobj)]
                if p in ("between", "among"):
                    sources += objs
                    targets += objs
                elif p == "of" and n.of:
                    side[n.of] += objs
                elif p in n.source_preps:
                    sources += objs
                elif p in n.target_preps or p in preps:
                    # "duties on Australian barley": the barley's country
                    targets += objs or [k for o in S.prep_objects(c) for k in roles.national_in(o)]
            elif c.dep_ == S.ACL and c.tag_ == "VBN":
                # "the attack perpetrated by Al-Shabaab militants against AMISOM personnel"
                for g in c.children:
                    objs = [k for o in S.prep_objects(g) for k in roles.keys(o)]
                    if g.dep_ == S.AGENT:
                        sources += objs
                    elif g.dep_ == S.PREP and (g.lower_ in n.target_preps or g.lower_ in preps):
                        targets += objs
        how = "noun"
        if n.as_subject:  # "the blast killed Tagme Na Waie": whom the device's verb hit
            targets += roles.objects(trig.clause, preps)
        elif not sources and trig.first != noun.i:
            sources += roles.subject(trig.clause)[0]  # "held talks with": the light verb's subject
            how = "light verb"
        return tuple(dict.fromkeys(sources)), tuple(dict.fromkeys(targets)), how

    def bare_act(self, trig: Trigger) -> bool:
        """An act no one is named in can still be the news: "the horrific attack today", "the
        bombing in Kabul". A nominal trigger counts when the text pins it down by a date or a
        place, or when another act is about it ("condemns the attack")."""
        n = trig.noun
        if n is None:
            # A verb with no one named is an act only for a protest ("thousands marched"):
            # "the fire that killed dozens" is no attack.
            if trig.verb is None or trig.label != "PROTEST":
                return False
            own = S.own_clause(trig.head)  # "thousands protested in the capital on Sunday"
        elif n.as_subject:
            return True  # a device that exploded, killed or tore through is the news
        elif n.needs_actor:
            return False
        else:
            own = list(trig.head.subtree)
        span = {self.base + t.idx for t in own}
        if any(s in span for s, _, _ in self.dates):
            return True
        for c in own:  # "the bombing in Kabul": a named place pins it down
            if c.dep_ == S.PREP and c.lower_ in ("in", "at", "near", "outside"):
                if any(p.pos_ == "PROPN" for p in S.prep_objects(c)):
                    return True
        noun = trig.head
        return noun.dep_ == S.DOBJ and noun.head.lemma_.lower() in self.lex.accusing_verbs

    def event(self, trig: Trigger, sources, targets, how, speech, alleged) -> Event:
        ctx, base = self.ctx, self.base
        pos = base + trig.head.idx
        reported = speech is not None or ctx.quote_at(pos) is not None
        # A statement's own act (a request, a condemnation) is told as it is made: the modal
        # in "must withdraw" belongs to what is asked, not to the asking.
        state = (
            ("reported" if reported else "asserted")
            if trig.voice
            else st.status(trig.clause, reported, alleged)
        )
        label = trig.label
        if state == "negated" and label in self.lex.refusals:
            label, state = self.lex.refusals[label], "reported" if reported else "asserted"
        ahead = state in ("future", "threatened")
        d = st.pick_date(trig.head if trig.verb else trig.clause, self.dates, base, ahead)
        date_value, precision, date_text = st.date_value(d, ahead, ctx.published)
        doc = trig.head.doc
        start = base + doc[trig.first].idx
        last = doc[trig.last]
        end = base + last.idx + len(last.text)
        if end - start > MAX_TRIGGER:
            start, end = pos, pos + len(trig.head.text)
        location, place, geo = where.location(self, trig)
        confidence = 0.8 - (0.15 if how in ("conjunct", "control", "adverbial") else 0)
        confidence -= 0.1 if not targets else 0.2 if how == "focus" else 0
        return Event(
            type=label,
            mode=trig.mode,
            cameo=trig.cameo,
            status=state,
            start=start,
            end=end,
            sentence_start=self.start,
            sentence_end=self.start + len(self.text),
            trigger=ctx.text[start:end],
            sources=sources,
            targets=targets,
            date=date_value,
            date_precision=precision,
            date_text=date_text,
            location=location,
            confidence=round(confidence, 2),
            place=place,
            geo_precision=geo,
        )
