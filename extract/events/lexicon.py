"""The event lexicon: verb patterns converted from PETRARCH2's CAMEO dictionary
(`data/cameo_verbs.jsonl`, written by `scripts/convert_petrarch.py`), the project's curated
overrides on top (`data/event_overrides.jsonl`) and nominal triggers (`data/event_nouns.jsonl`).

Every row is `{"id", "label", "mode", "cameo", "pattern": {...}}` (label: the PLOVER type).
An override row with an existing id replaces that row; `{"id": ..., "disable": true}` removes
it; any other override row is added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class VerbEntry:
    id: str
    label: str
    mode: str | None
    cameo: str
    verb: str  # lemma
    words: tuple[str, ...]  # words the verb needs after it: a particle ("call off")
    objects: frozenset[str] | None  # the direct object's head lemma, any of these
    object_mods: tuple[str, ...]
    preps: tuple[tuple[str, frozenset[str] | None], ...]
    subjects: frozenset[str] | None
    target_prep: str | None
    source_prep: str | None
    # Curated: what an infinitive complement of this verb is ("agreed to provide aid").
    complement: str | None  # "event" (its own event) | "content" (part of this one) | None
    role: str | None  # "speaker": the reporting speaker acts on the subject ("failed to")
    curated: bool  # from the project's overrides: wins a tie with a converted row
    exclude: frozenset[str]  # dependents that rule the pattern out ("called it an accident")
    complements: frozenset[str] | None  # an infinitive complement's lemma ("vowed to retaliate")
    needs: frozenset[str]  # dependents the pattern needs: "xcomp", "ccomp", "object_actor"
    place_target: bool  # the target is the country of the place named ("travelled to Ankara")

    @property
    def specificity(self) -> int:
        return (
            len(self.words)
            + 2 * (self.objects is not None)
            + len(self.object_mods)
            + sum(1 + (o is not None) for _, o in self.preps)
            + 2 * (self.subjects is not None)
            + 2 * (self.complements is not None)
            + 2 * len(self.needs)
        )


@dataclass(frozen=True)
class NounEntry:
    id: str
    label: str
    mode: str | None
    cameo: str
    noun: str  # lemma
    poss: str  # what a possessor or a national modifier is: "source" | "target"
    of: str | None  # what an of-phrase names: "source" | "target" | None (neither)
    target_preps: frozenset[str]
    source_preps: frozenset[str]
    needs_actor: bool  # false: the noun alone can be an event ("the bombing killed ...")
    as_subject: bool = False  # only as the subject of a verb: "a bomb exploded", "the blast killed"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[VerbEntry, ...]]  # lemma -> entries, most specific first
    nouns: dict[str, NounEntry]
    light_verbs: frozenset[str]  # "held talks", "carried out strikes"
    speech_verbs: frozenset[str]
    accusing_verbs: frozenset[str]  # "accused X of bombing": the bombing is alleged
    target_preps: dict[str, frozenset[str]]  # PLOVER type -> prepositions naming its target
    sourceless: frozenset[str]  # types coded even when no one is named as acting
    condemning_nouns: frozenset[str]  # "is a violation of": the speaker accuses
    concern_nouns: frozenset[str]  # "is a source of alarm"
    fair_words: frozenset[str]  # "were not free and fair": the speaker accuses
    group_nouns: frozenset[str]  # "monks", "all parties": group actors as event arguments
    group_quantifiers: frozenset[str]  # "other donors": not part of the group's name
    whole_group_nouns: frozenset[str]  # "all States", "Member States": only when all are meant
    material: frozenset[str]  # types a noun names as its own event even inside another one
    object_targets: frozenset[str]  # types whose target may sit anywhere in the object phrase
    content_targets: frozenset[str]  # types whose target may be named in their that-clause
    reciprocal: frozenset[str]  # "A and B met": joint sources act on each other
    measures: frozenset[str]  # "a week of protests", "a package of sanctions"
    condemning: frozenset[str]  # "X is unacceptable": the speaker accuses X
    modal_requests: frozenset[str]  # "X must withdraw": the speaker asks X to
    refusals: dict[str, str]  # a negated concession is a refusal: "would not give up"
    content_of: frozenset[str]  # types whose infinitive complement is their content, no act
    purpose_heads: frozenset[str]  # "aimed at providing": what follows is an aim
    addressed: frozenset[str]  # types addressed to the counterpart of a call or meeting
    talking: frozenset[str]  # types whose verb talks about the act its object names
    aim_targets: frozenset[str]  # types whose purpose clause names the recipient
    accusing_feelings: frozenset[str]  # "is deeply concerned at": the subject accuses
    supporting_feelings: frozenset[str]  # "are grateful to": the subject supports
    feeling_preps: frozenset[str]  # "concerned at", "grateful to": what follows is judged
    aid_aims: frozenset[str]  # types whose purpose clause is part of the same act
    focus_targets: frozenset[str]  # types whose target, left out, is who the brief is about
    place_targets: frozenset[str]  # types acting on the country where they happen
    hazard_nouns: frozenset[str]  # natural forces: "the earthquake that hit" is no attack


def _rows(name: str) -> list[dict]:
    raw = resources.files("extract").joinpath("data", name).read_text("utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def _merged(base: list[dict], overrides: list[dict]) -> list[dict]:
    by_id = {r["id"]: r for r in base}
    for o in overrides:
        if o.get("disable"):
            by_id.pop(o["id"], None)
        else:
            by_id[o["id"]] = {**o, "curated": True}
    return list(by_id.values())


def _verb_entries(row: dict) -> list[VerbEntry]:
    p = row["pattern"]
    objects = frozenset(p["object"]) if p.get("object") else None
    preps = tuple(
        (q["prep"], frozenset(q["object"]) if q.get("object") else None) for q in p.get("preps", ())
    )
    out = []
    for verb in p["verbs"]:
        head, *rest = verb.split()
        words = tuple(rest) + ((p["particle"],) if p.get("particle") else ())
        out.append(
            VerbEntry(
                id=row["id"],
                label=row["label"],
                mode=row.get("mode"),
                cameo=row["cameo"],
                verb=head,
                words=words,
                objects=objects,
                object_mods=tuple(p.get("object_mods", ())),
                preps=preps,
                subjects=frozenset(p["subject"]) if p.get("subject") else None,
                target_prep=p.get("target_prep"),
                source_prep=p.get("source_prep"),
                complement=p.get("complement"),
                role=p.get("role"),
                curated=bool(row.get("curated")),
                exclude=frozenset(p.get("exclude", ())),
                complements=frozenset(p["complement_verbs"]) if p.get("complement_verbs") else None,
                needs=frozenset(
                    k for k in ("xcomp", "ccomp", "object_actor", "target") if p.get(k)
                ),
                place_target=bool(p.get("place_target")),
            )
        )
    return out


@cache
def load() -> Lexicon:
    verbs: dict[str, list[VerbEntry]] = {}
    for row in _merged(_rows("cameo_verbs.jsonl"), _rows("event_overrides.jsonl")):
        if "verbs" not in row.get("pattern", {}):
            continue
        for e in _verb_entries(row):
            verbs.setdefault(e.verb, []).append(e)
    nouns = {}
    for row in _rows("event_nouns.jsonl"):
        p = row["pattern"]
        for noun in p["nouns"]:
            nouns[noun] = NounEntry(
                id=row["id"],
                label=row["label"],
                mode=row.get("mode"),
                cameo=row["cameo"],
                noun=noun,
                poss=p.get("poss", "source"),
                of=p.get("of"),
                target_preps=frozenset(p.get("target_preps", ())),
                source_preps=frozenset(p.get("source_preps", ("by",))),
                needs_actor=p.get("needs_actor", True),
                as_subject=p.get("as_subject", False),
            )
    words = json.loads(resources.files("extract").joinpath("data", "event_words.json").read_text())
    return Lexicon(
        verbs={
            k: tuple(sorted(v, key=lambda e: (-e.specificity, not e.curated)))
            for k, v in verbs.items()
        },
        nouns=nouns,
        target_preps={k: frozenset(v) for k, v in words["target_preps"].items()},
        refusals=words["refusals"],
        # Every other word list is the event_words.json key of the field's own name: a new
        # list is a field and a key, nothing more.
        **{f.name: frozenset(words[f.name]) for f in fields(Lexicon) if f.type == "frozenset[str]"},
    )
