"""Dependency labels of spaCy's English models (ClearNLP style) as named constants, and the
few tree walks every extractor shares. Tokens are spaCy Tokens of the brief's parse."""

from __future__ import annotations

# Arguments
NSUBJ = "nsubj"
NSUBJPASS = "nsubjpass"
CSUBJ = "csubj"
EXPL = "expl"
DOBJ = "dobj"
DATIVE = "dative"
ATTR = "attr"
OPRD = "oprd"
ACOMP = "acomp"
PRECONJ = "preconj"  # "neither" of "neither free nor fair"
AGENT = "agent"  # "by" of a passive
POBJ = "pobj"
PCOMP = "pcomp"
PREP = "prep"
PRT = "prt"
# Clauses
XCOMP = "xcomp"
CCOMP = "ccomp"
ADVCL = "advcl"
RELCL = "relcl"
ACL = "acl"
CONJ = "conj"
CC = "cc"
ROOT = "ROOT"
PARATAXIS = "parataxis"
# Modifiers
AUX = "aux"
AUXPASS = "auxpass"
NEG = "neg"
MARK = "mark"
ADVMOD = "advmod"
NPADVMOD = "npadvmod"
POSS = "poss"
COMPOUND = "compound"
AMOD = "amod"
NMOD = "nmod"
APPOS = "appos"
DET = "det"
CASE = "case"
NUMMOD = "nummod"
PREDET = "predet"

SUBJECTS = frozenset({NSUBJ, CSUBJ})
OBJECTS = frozenset({DOBJ, DATIVE, ATTR, OPRD})
CLAUSES = frozenset({XCOMP, CCOMP, ADVCL, RELCL, ACL, PARATAXIS})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
VERB_POS = frozenset({"VERB", "AUX"})


def children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok, *deps: str):
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def preps(tok) -> list:
    """A word's prepositions, coordinated ones included: "condolences to the families and to
    the Government of Chad" hangs the second "to" on the first."""
    out = []
    for c in tok.children:
        if c.dep_ == PREP:
            out += [c, *(t for t in c.conjuncts if t.pos_ == "ADP")]
    return out


ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such"})


def definite(noun) -> bool:
    """ "the attack", "this despicable attack": a noun pointing back at something told."""
    return any(c.dep_ in (DET, POSS) and c.lower_ in ANAPHORIC for c in noun.children)


def with_conjuncts(tok) -> list:
    """A token and the tokens coordinated with it ("Russia and Syria", "met and urged")."""
    return [tok, *tok.conjuncts] if tok is not None else []


def clause_head(tok):
    """The verb whose clause a token belongs to (itself when it is one)."""
    while tok.pos_ not in VERB_POS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def own_clause(tok, limit: int = 400) -> list:
    """Tokens of a verb's own clause: its subtree without nested clauses headed by another verb
    (a relative clause, a complement, an adverbial clause). Bounded: linear in sentence size."""
    out, stack = [], [tok]
    while stack and len(out) < limit:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in CLAUSES or (c.dep_ == CONJ and c.pos_ in VERB_POS):
                continue
            stack.append(c)
    return out


# spaCy makes a new Token object on every access: compare tokens by index (`.i`), never `is`.


def infinitive(verb) -> bool:
    return any(c.dep_ == AUX and c.lower_ == "to" for c in verb.children)


def infinitive_peer(verb):
    """ "to convey his condolences on the fire that killed dozens, and to reiterate ...": a
    coordinated infinitive the parser hung on a verb inside the first one belongs beside it."""
    if verb.dep_ != CONJ or not infinitive(verb) or infinitive(verb.head):
        return None
    t = verb.head
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in VERB_POS and infinitive(t):
            return t
    return None


def purpose(verb, heads: frozenset[str]) -> bool:
    """A gerund that states an aim: "aimed at reducing violence (and providing access)"."""
    while verb.dep_ == CONJ and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != PCOMP:
        return False
    prep = verb.head
    return prep.lower_ in ("at", "toward", "towards") and prep.head.lemma_.lower() in heads


def prep_objects(prep) -> list:
    """The objects of a preposition; when the parser hung a clause on it instead ("with X to
    reiterate" read as "with [X to reiterate]"), that clause's subject."""
    objs = [c for c in prep.children if c.dep_ == POBJ]
    if objs:
        return objs
    for c in prep.children:
        if c.dep_ == PCOMP:
            subj = first_child(c, NSUBJ)
            return [subj] if subj is not None else []
    if not any(True for _ in prep.children) and prep.i + 1 < len(prep.doc):
        # "call on Hong Kong authorities to release": a bare preposition whose object the
        # parser made the subject of the next clause; that subject starts right after it.
        for c in prep.head.children:
            if c.dep_ in (CCOMP, XCOMP) and c.i > prep.i:
                subj = first_child(c, NSUBJ)
                if subj is not None and subj.left_edge.i == prep.i + 1:
                    return [subj]
    return []


def agentless_passive(verb) -> bool:
    """ "were detained", "had been arrested": a passive whose doer the sentence leaves out."""
    kids = list(verb.children)
    return any(c.dep_ in (NSUBJPASS, AUXPASS) for c in kids) and not any(
        c.dep_ == AGENT for c in kids
    )
