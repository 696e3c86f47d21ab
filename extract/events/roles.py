"""Who acts and who is acted on, read off the dependency parse: subjects (the agent of a
passive), objects, datives, prepositional objects by verb, coordination, control, relative
clauses and appositions, each resolved to the document's actors through their mentions, or
through pronouns, titles and descriptions the way a reader resolves them."""

from __future__ import annotations

from bisect import bisect_right

from .. import syntax as S
from ..context import Context
from .lexicon import Lexicon

PERSONAL = frozenset({"he", "she", "him", "her", "his", "it", "its", "they", "them", "their"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
PAIR_NOUNS = frozenset({"side", "country", "nation", "government", "state", "party"})
PAIR_PEOPLE = frozenset({"leader", "minister", "secretary", "president", "official", "diplomat"})
# Nouns that stand for an actor named in their of-phrase ("the government of Syria").
OF_HEADS = frozenset(
    {"government", "forces", "force", "army", "military", "leader", "president", "people",
     "authorities", "ministry", "minister", "regime", "troops", "representatives", "delegation",
     "foreign minister", "head", "member", "members", "embassy", "part", "officials", "envoy"}
)  # fmt: skip
LEFT_MODIFIERS = (S.COMPOUND, S.AMOD, S.POSS, S.NMOD)
OTHER_SIDE = frozenset({"with", "on", "against", "to"})


class Roles:
    """Actor keys for argument tokens of one parsed piece (`base`: its offset in the text)."""

    def __init__(self, ctx: Context, base: int, lex: Lexicon | None = None):
        self.ctx = ctx
        # Group actors are made only while coding events (`lex` given), never when a role
        # is only looked up (the author of a statement, a previous subject).
        self.group_nouns = lex.group_nouns if lex else frozenset()
        self.whole_groups = lex.whole_group_nouns if lex else frozenset()
        self.quantifiers = lex.group_quantifiers if lex else frozenset()
        self.base = base
        self.mentions = ctx.mentions_by_start
        self.starts = [m.start for m in self.mentions]

    # ---------------------------------------------------------------- tokens to actors

    def pos(self, tok) -> int:
        return self.base + tok.idx

    def mention_at(self, tok):
        """The actor mention covering this token, if any."""
        s = self.pos(tok)
        e = s + len(tok.text)
        i = bisect_right(self.starts, e - 1) - 1
        while i >= 0 and self.mentions[i].start > s - 200:  # mentions are short
            if self.mentions[i].end > s:
                return self.mentions[i]
            i -= 1
        return None

    def mentions_in(self, tok) -> list:
        """Every actor mention overlapping a token ("U.S.-Russian" holds two)."""
        s = self.pos(tok)
        e = s + len(tok.text)
        i = bisect_right(self.starts, e - 1) - 1
        out = []
        while i >= 0 and self.mentions[i].start > s - 200:
            if self.mentions[i].end > s:
                out.append(self.mentions[i])
            i -= 1
        return out[::-1]

    def keys(self, tok, depth: int = 0) -> tuple[str, ...]:
        """Actors a noun phrase names, its coordinated phrases included; a group of people
        named only by what they are ("killed 19 civilians") becomes an actor here, where it
        takes part in an act."""
        out: list[str] = []
        for t in S.with_conjuncts(tok):
            for k in self._keys_of(t, depth) or self.group(t):
                if k not in out:
                    out.append(k)
        return tuple(out)

    def group(self, tok) -> tuple[str, ...]:
        low = tok.lower_
        whole = low in self.whole_groups and any(
            c.lower_ in ("all", "member") for c in tok.children if c.i < tok.i
        )  # "urged all States", "Member States"
        if not (low in self.group_nouns or whole) or (
            tok.tag_ not in ("NNS", "NNPS") and low != "community"
        ):
            return ()
        if (
            self.ctx.quote_at(self.pos(tok)) is None
            and tok.dep_ == S.POBJ
            and tok.head.lower_ == "of"
        ):
            return ()  # "a group of students": the group's head word is the argument
        # "all parties", "Congolese civilians", "law enforcement officers": the words before
        # the noun that say which group, not how many ("19", "at least", "these").
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in (S.AMOD, S.COMPOUND, S.PREDET)]
        mods += [c for c in tok.children if c.i < tok.i and c.dep_ == S.DET and c.lower_ == "all"]
        start = min(
            [c.left_edge.i for c in mods if c.dep_ != S.DET] + [c.i for c in mods] + [tok.i]
        )
        words = tok.doc[start : tok.i + 1]
        if any(t.pos_ in ("NUM", "PRON") or t.tag_ == "DT" and t.lower_ != "all" for t in words):
            words = tok.doc[tok.i : tok.i + 1]
        while len(words) > 1 and words[0].lower_ in self.quantifiers:  # "other donors"
            words = words[1:]
        country = None
        for t in words[:-1]:
            country = country or self.ctx.country_of(t.text, self.pos(t))
        phrase = self.ctx.text[self.pos(words[0]) : self.pos(tok) + len(tok.text)]
        return (self.ctx.group_of(phrase, tok.text, self.pos(words[0]), country),)

    def _keys_of(self, tok, depth: int) -> tuple[str, ...]:
        if depth > 4:
            return ()
        found = self.mentions_in(tok)
        if found:
            return tuple(dict.fromkeys(m.key for m in found))
        low = tok.lower_
        if low in RELATIVE and tok.head.dep_ in (S.RELCL, S.ACL) and tok.head.head.i != tok.i:
            # ", which": a non-restrictive clause is about the phrase right before the comma,
            # whatever noun the parser hung it on ("sanctions on Iran, which it accused").
            if tok.i >= 2 and tok.nbor(-1).text == ",":
                before = self.mentions_in(tok.nbor(-2))
                if before:
                    return (before[-1].key,)
            return self.keys(tok.head.head, depth + 1)
        if low in FIRST_PERSON:
            speaker = self.ctx.speaker_at(self.pos(tok))
            return (speaker,) if speaker else ()
        if low in PERSONAL:
            if low in ("they", "them") and self.ctx.pair_near(self.pos(tok)):
                # "X spoke with Y ... They agreed": the two of the last conversation
                return self.ctx.last_pair
            if tok.dep_ in (S.NSUBJ, S.NSUBJPASS):
                found = self.previous_subject(tok, low)
                if found:
                    return found
            if tok.dep_ == S.POSS:
                # "Russia failed to live up to its agreement": a possessive is bound by the
                # subject of its clause when that subject is an actor.
                bound = self.clause_subject(tok)
                if bound:
                    return bound
            key = self.ctx.resolver.pronoun(low, self.pos(tok), self.sentence_start(tok))
            return (key,) if key else ()
        pair = self.pair(tok)
        if pair:
            return pair
        if low == "two" and tok.dep_ == S.NSUBJ and self.ctx.pair_near(self.pos(tok)):
            return self.ctx.last_pair  # "The two agreed"
        for c in S.children(tok, S.APPOS):  # "the Secretary of State, John Kerry,"
            found = self.keys(c, depth + 1)
            if found:
                return found
        mods: list[str] = []
        for c in tok.children:
            if c.dep_ in LEFT_MODIFIERS and c.i < tok.i:
                # "a joint U.S-Russia center": every actor the modifier chain names
                chain = [m.key for t in c.subtree for m in self.mentions_in(t)]
                mods += chain or self._keys_of(c, depth + 1) or self.agent_word(c)
        if mods:
            return tuple(dict.fromkeys(mods))
        for prep in S.children(tok, S.PREP):  # "several people, including Hussain,"
            if prep.lower_ == "including":
                found = tuple(k for p in S.prep_objects(prep) for k in self.keys(p, depth + 1))
                if found:
                    return found
        if tok.lemma_.lower() in OF_HEADS or tok.lower_ in OF_HEADS:
            for prep in S.children(tok, S.PREP):
                if prep.lower_ == "of":
                    for pobj in S.prep_objects(prep):
                        found = self.keys(pobj, depth + 1)
                        if found:
                            return found
        if tok.tag_ in ("NNS", "NNPS") and tok.text[:1].isupper():
            found = self.national_in(tok, limit=1)  # "killed five Palestinians"
            if found:
                return found
        if tok.pos_ == "NOUN" and self.describes(tok):
            key = self.ctx.resolver.description(tok.lower_, self.pos(tok))
            return (key,) if key else ()
        return ()

    def clause_subject(self, tok) -> tuple[str, ...]:
        verb = S.clause_head(tok)
        for _ in range(3):
            subj = S.first_child(verb, S.NSUBJ)
            if subj is not None and subj.i != tok.i and subj.lower_ not in PERSONAL:
                return tuple(
                    k for t in S.with_conjuncts(subj) for m in self.mentions_in(t) for k in [m.key]
                )
            if verb.dep_ not in (S.XCOMP, S.CONJ) or verb.head.i == verb.i:
                return ()
            verb = verb.head
        return ()

    def agent_word(self, tok) -> tuple[str, ...]:
        """ "the military coup", "a police crackdown": a bare agent word names the latest
        actor of its kind the brief has named."""
        if tok.pos_ != "NOUN" or tok.lower_ not in self.ctx.agent_words():
            return ()
        key = self.ctx.resolver.description(tok.lower_, self.pos(tok))
        return (key,) if key else ()

    def describes(self, tok) -> bool:
        """A definite or possessed common noun can point back at an actor: "the minister"."""
        return any(
            c.dep_ in (S.DET, S.POSS) and c.lower_ in ("the", "its", "their", "his", "her")
            for c in tok.children
        )

    def previous_subject(self, tok, pronoun: str) -> tuple[str, ...]:
        """A subject pronoun names the subject of the sentence before when that one is an
        actor of the right kind ("The government has confronted protesters ... It has
        imprisoned students"); the parse's subject, not the first name in the sentence."""
        if any(t.i < tok.i and t.dep_ == S.NSUBJ for t in tok.sent):
            return ()
        roles = self
        if tok.sent.start == 0:  # the last sentence of the paragraph before
            before = self.ctx.piece_before(self.base)
            if before is None:
                return ()
            roles = Roles(self.ctx, before[0])
            prev = list(before[1].sents)[-1]
        else:
            prev = tok.doc[tok.sent.start - 1].sent
        subj = S.first_child(prev.root, S.NSUBJ)
        if subj is None or subj.lower_ in PERSONAL | FIRST_PERSON:
            return ()
        keys = roles.keys(subj, 3)
        want_person = pronoun in ("he", "she")
        kinds = [self.ctx.actors.actors.get(k) for k in keys]
        if not keys or any(i is None or (i.kind == "person") != want_person for i in kinds):
            return ()
        if pronoun == "it" and len(keys) > 1:
            return ()
        return keys

    def pair(self, tok) -> tuple[str, ...]:
        """ "both sides", "the two countries": the last two countries or groups named."""
        lemma = tok.lemma_.lower()
        if lemma not in PAIR_NOUNS | PAIR_PEOPLE or tok.tag_ not in ("NNS", "NNPS"):
            return ()
        if lemma in PAIR_PEOPLE and self.ctx.pair_near(self.pos(tok)) and tok.dep_ != S.POBJ:
            return self.ctx.last_pair  # "the (two) leaders agreed": who just spoke together
        if not any(c.lower_ in ("both", "two") for c in tok.children):
            return ()
        kinds = ("person",) if lemma in PAIR_PEOPLE else ("country", "group")
        # "Egypt ... urged both sides": the sides are others than who speaks of them.
        subj = S.first_child(tok.sent.root, S.NSUBJ)
        speaker = {m.key for m in self.mentions_in(subj)} if subj is not None else set()
        keys: list[str] = []
        for m in reversed(self.ctx.resolver.before(self.pos(tok))):
            info = self.ctx.actors.actors.get(m.key)
            if info and info.kind in kinds and m.key not in keys and m.key not in speaker:
                keys.append(m.key)
            if len(keys) == 2:
                break
        return tuple(reversed(keys)) if len(keys) == 2 else ()

    def sentence_start(self, tok) -> int:
        return self.base + tok.sent.start_char

    # ---------------------------------------------------------------- a verb's arguments

    def subject(self, verb, depth: int = 0) -> tuple[tuple[str, ...], str]:
        """(actors, how) of whoever does what the verb says."""
        if depth > 6:
            return (), "none"
        subj = S.first_child(verb, S.NSUBJ)
        if subj is not None:
            return self.keys(subj), "subject"
        agent = S.first_child(verb, S.AGENT)
        if agent is not None:
            pobj = S.first_child(agent, S.POBJ)
            return (self.keys(pobj) if pobj is not None else ()), "agent"
        if S.first_child(verb, S.NSUBJPASS) is not None:
            return (), "passive"
        head, dep = verb.head, verb.dep_
        if head.i == verb.i:
            return (), "none"
        if dep == S.CONJ:
            peer = S.infinitive_peer(verb)
            return self.subject(peer if peer is not None else head, depth + 1)[0], "conjunct"
        if head.pos_ == "ADJ" and head.head.i != head.i:
            head, dep = head.head, head.dep_  # "proud to partner with": who is proud
        if dep == S.XCOMP:
            # Object control ("urged Iran to halt": Iran halts), else subject control.
            obj = S.first_child(head, S.DOBJ)
            if obj is not None and self.keys(obj):
                return self.keys(obj), "control"
            return self.subject(head, depth + 1)[0], "control"
        if dep in (S.RELCL, S.ACL):
            found = self.keys(head) if head.pos_ in S.NOUN_POS else ()
            if not found and dep == S.ACL and head.dep_ in (S.DOBJ, S.NSUBJPASS):
                # "passed a resolution imposing sanctions": who passed it imposes them
                found = self.subject(head.head, depth + 1)[0]
            return found, "relative"
        if dep == S.ADVCL:
            return self.subject(head, depth + 1)[0], "adverbial"
        if dep == S.PCOMP:
            # "accused Russia of bombing": the accused; "after meeting X": the main subject.
            prep = head
            holder = prep.head
            if prep.lower_ == "of" and holder.pos_ == "VERB":
                obj = S.first_child(holder, S.DOBJ)
                if obj is not None:
                    return self.keys(obj), "accused"
            if holder.pos_ in S.VERB_POS:
                return self.subject(holder, depth + 1)[0], "adverbial"
        return (), "none"

    def objects(self, verb, preps: frozenset[str], skip=None, possessor=False) -> tuple[str, ...]:
        """Actors a verb acts on: its object (or passive subject), dative, and the objects of
        the prepositions its event type takes, also when they hang off the object noun."""
        out: list[str] = []
        heads = [verb]
        for c in verb.children:
            if c.dep_ in (S.DOBJ, S.DATIVE, S.NSUBJPASS, S.ATTR, S.OPRD) and (
                skip is None or c.i != skip.i
            ):
                out += self.keys(c)
                if c.pos_ == "NOUN":
                    heads.append(c)
                    if not out and possessor:
                        # "condemned Russia's attack": the possessor is who is condemned.
                        for m in c.children:
                            if m.dep_ in (S.POSS, S.COMPOUND, S.AMOD) and m.i < c.i:
                                out += self.keys(m)
            elif c.dep_ == S.PRT:
                heads.append(c)
        if skip is not None:
            heads.append(skip)
        if skip is not None:  # "sanctions related to weapons on North Korea"
            heads += [t for t in skip.subtree if t.pos_ in ("NOUN", "VERB") and t.i != skip.i][:6]
        for k, h in enumerate(heads):
            for prep in S.preps(h):
                # "suspending talks with Russia": with-phrases of the object name the other side
                # "arrested 100 people, including Tsvangirai": those named are among them
                if prep.lower_ in preps or (k and prep.lower_ in ("with", "between", "including")):
                    for pobj in S.prep_objects(prep):
                        # "tariffs on $60 billion of American goods": the goods' country
                        out += self.keys(pobj) or self.national_in(pobj)
        return tuple(dict.fromkeys(out))

    def in_object(self, verb, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The first actor named anywhere inside a verb's object phrase ("commends the way in
        which Iraqi forces worked together"): who is praised or condemned — never the
        source's own side ("Austin reiterated the U.S. commitment")."""
        obj = S.first_child(verb, S.DOBJ)
        return self.in_phrase(obj, self.own_side(exclude)) if obj is not None else ()

    def own_side(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        out = list(keys)
        for k in keys:
            info = self.ctx.actors.actors.get(k)
            if info is not None and info.affiliation:
                out.append(info.affiliation)
        return tuple(out)

    def in_phrase(self, tok, exclude: tuple[str, ...] = (), limit: int = 40) -> tuple[str, ...]:
        """The first actor a phrase names, however deep ("The government's use of force")."""
        for t in sorted(tok.subtree, key=lambda t: t.i)[:limit]:
            found = self._keys_of(t, 3) if t.pos_ in ("PRON", "NOUN", "PROPN") else ()
            found = tuple(k for k in found if k not in exclude)
            if found:
                return found[:1]
        return ()

    def in_complement(self, verb, sources: tuple[str, ...], limit: int = 40) -> tuple[str, ...]:
        """ "agreed that this launch undermines ...", "reaffirmed that the U.S. commitments to
        Japan remain": the first actor the complement clause names who is not the source."""
        comp = S.first_child(verb, S.CCOMP)
        if comp is None:
            return ()
        for t in sorted(comp.subtree, key=lambda t: t.i)[:limit]:
            m = self.mention_at(t)
            if m is not None and m.key not in sources:
                return (m.key,)
        return ()

    def purpose_target(self, verb) -> tuple[str, ...]:
        """ "called President Putin to convey his condolences": a purpose or complement clause
        acts on whom its governing verb acts."""
        peer = S.infinitive_peer(verb)
        if peer is not None:
            verb = peer
        while verb.dep_ == S.CONJ and S.infinitive(verb.head):
            verb = verb.head
        if verb.dep_ not in (S.XCOMP, S.ADVCL) or verb.head.i == verb.i:
            return ()
        if not S.infinitive(verb):
            return ()
        for c in verb.head.children:
            if c.dep_ in (S.DOBJ, S.DATIVE):
                return self.keys(c)
            if c.dep_ == S.PREP and c.lower_ in ("with", "to"):
                return tuple(k for p in S.prep_objects(c) for k in self.keys(p))
        return ()

    def judged(self, adj, preps: frozenset[str], exclude: tuple[str, ...]) -> tuple[str, ...]:
        """Who a feeling is about: the first actor of what its preposition or clause names
        ("concerned at the removal of the elected Government of Myanmar": Myanmar; "grateful
        to our Czech counterparts": Czechia), never the one who feels it."""
        for c in adj.children:
            if c.dep_ == S.CCOMP or (c.dep_ == S.PREP and c.lower_ in preps):
                heads = [c]
                if c.dep_ == S.PREP:  # "committed to supporting Mali": the gerund's phrase
                    heads = S.prep_objects(c) or S.children(c, S.PCOMP)
                for h in heads:
                    found = self.in_phrase(h, exclude) or self.national_in(h)
                    found = tuple(k for k in found if k not in exclude)
                    if found:
                        return found
        return ()

    def aim_objects(self, verb, preps: frozenset[str]) -> tuple[str, ...]:
        """ "provided $1.3 million to help the people of Ecuador", "announced £22.8 million to
        enable the UN and our NGO partners": whom the act's purpose clause acts on."""
        for t in sorted(verb.subtree, key=lambda t: t.i)[:60]:
            if (
                t.i != verb.i
                and t.pos_ == "VERB"
                and t.dep_ in (S.ADVCL, S.ACL, S.XCOMP)
                and S.infinitive(t)
                and S.clause_head(t.head).i == verb.i
            ):
                found = self.objects(t, preps | OTHER_SIDE)
                if found:
                    return found
        return ()

    def recipient_countries(self, verb, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        """ "support to half a million people across Somalia", "assistance in Fiji", "pounded
        targets in southern Lebanon": the country where an act is done is acted on, when it is
        not the doer's own."""
        own = S.own_clause(verb)
        for t in sorted(own, key=lambda t: t.i):
            if t.dep_ == S.PREP and t.lower_ in ("in", "across", "to", "for", "into"):
                for p in S.prep_objects(t):
                    found = [
                        k
                        for k in self.keys(p) or self.place_of(p)
                        if getattr(self.ctx.actors.actors.get(k), "kind", None) == "country"
                        and k not in exclude
                    ]
                    if found:
                        return tuple(found)
        return ()

    def prep_keys(self, head, prep: str) -> tuple[str, ...]:
        out: list[str] = []
        for c in S.children(head, S.PREP, S.AGENT):
            if c.lower_ == prep:
                for pobj in S.prep_objects(c):
                    out += self.keys(pobj)
        return tuple(dict.fromkeys(out))

    def complement_target(self, verb, preps: frozenset[str]) -> tuple[str, ...]:
        """ "threatened to cut off talks with Russia": a verb whose act is told in its
        infinitive complement acts on whom the complement acts."""
        comp = S.first_child(verb, S.XCOMP)
        if comp is None:
            return ()
        return self.objects(comp, preps | OTHER_SIDE)

    def national_in(self, tok, limit: int = 12) -> tuple[str, ...]:
        """The country a phrase's national adjective names ("American goods", "Syrian
        positions"), made an actor of the brief when it is what an act is aimed at."""
        for t in sorted(tok.subtree, key=lambda t: t.i)[:limit]:
            if (t.dep_ in (S.AMOD, S.COMPOUND) or t.i == tok.i) and t.text[:1].isupper():
                key = self.ctx.country_of(t.text, self.pos(t))  # also "for Venezuelans"
                if key:
                    return (key,)
        return ()

    def place_countries(self, verb, prep: str | None) -> tuple[str, ...]:
        """The countries of the places a preposition names ("travelled to Ankara": Turkey)."""
        out: list[str] = []
        for c in S.children(verb, S.PREP):
            if c.lower_ == prep:
                for p in S.prep_objects(c):
                    out += self.keys(p) or self.place_of(p)
        return tuple(dict.fromkeys(out))

    def place_of(self, tok) -> tuple[str, ...]:
        words = [t for t in tok.subtree if t.dep_ == S.COMPOUND or t.i == tok.i]
        start, end = words[0], words[-1]
        name = self.ctx.text[self.pos(start) : self.pos(end) + len(end.text)]
        key = self.ctx.country_of(name, self.pos(start), ("metonym", "name"))
        return (key,) if key else ()
