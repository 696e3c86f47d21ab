"""The event verb dictionary (data/event_verbs.jsonl), indexed by inflected form."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class VerbEntry:
    id: str
    label: str
    cameo: str
    mode: str | None
    verb: str
    particle: str | None
    objects: frozenset[str] | None


def inflections(lemma: str) -> list[str]:
    """Regular English forms; irregular verbs list theirs in the data file."""
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return [lemma, lemma + "s", stem + "ed", stem + "ing"]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        return [lemma, stem + "ies", stem + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    cvc = (
        len(lemma) <= 4
        and lemma[-1] not in "aeiouwxy"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
    )
    last = lemma + lemma[-1] if cvc else lemma
    return [lemma, lemma + "s", last + "ed", last + "ing"]


@cache
def forms() -> dict[str, list[VerbEntry]]:
    raw = resources.files(__package__).joinpath("data", "event_verbs.jsonl").read_text("utf-8")
    index: dict[str, list[VerbEntry]] = {}
    for line in raw.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        head, _, particle = row["pattern"].partition(" ")
        objects = row.get("objects")
        entry = VerbEntry(
            row["id"],
            row["label"],
            row["cameo"],
            row.get("mode"),
            head,
            particle or None,
            frozenset(objects) if objects else None,
        )
        for form in row.get("forms") or inflections(head):
            index.setdefault(form, []).append(entry)
    return index
