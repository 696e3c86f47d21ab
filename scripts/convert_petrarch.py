"""Convert PETRARCH2's CAMEO verb dictionary into the project's event lexicon.

    python scripts/convert_petrarch.py ../shared/third_party/petrarch2 extract/data

Reads `CAMEO.2.0.txt` (Open Event Data Alliance, MIT) and writes
`extract/data/cameo_verbs.jsonl`: one row per coded verb (its default code) and one per
pattern of a synonym block,
each `{"id", "label", "mode", "cameo", "pattern": {...}}` where `label`/`mode` are the PLOVER
type and mode of the CAMEO code (PLOVER's CAMEO2PLOVER table, in `cameo_plover.json`) and
`pattern` holds what the coder checks on the parse:

    verbs      the verbs of the synonym block, lemmas with their particle ("set up")
    particle   a particle the pattern adds after the verb ("TROOP * UP")
    object     head lemmas the direct object may have (any one), with `object_mods` words that
               must modify it ({FREE TRADE}: head "trade", modifier "free")
    preps      [{"prep": "against", "object": [...] or null}] prepositional phrases required
    subject    head lemmas the subject must have ("TROOP * UP")
    target_prep / source_prep   the preposition whose object is the target (`+`) or source (`$`)

Synonym sets (&MILITARY) are expanded. PETRARCH's verb-verb transformations and patterns that
use its compound-actor markers (%) are not converted. Curated changes never go here: they live
in `extract/data/event_overrides.jsonl`, applied on top when the lexicon loads, so a
re-conversion never loses them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PARTICLES = {"up", "off", "out", "down", "in", "on", "away", "back", "over", "forward", "aside"}
NULL = "---"


def words_of(token: str) -> list[str]:
    return [w for w in token.lower().strip("_").split("_") if w]


def singular(word: str) -> str:
    """The lemma spaCy gives a regular plural noun: enough to compare heads."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Reader:
    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.synsets: dict[str, list[list[str]]] = {}

    def nouns(self, token: str) -> tuple[list[str], list[str]] | None:
        """A pattern noun (WORD, &SET or {PHRASE}) as (alternative head lemmas, modifiers)."""
        token = token.strip()
        if token.startswith("{") and token.endswith("}"):
            parts = token[1:-1].split()
            if not parts:
                return None
            heads = self.nouns(parts[-1])
            if heads is None:
                return None
            mods = [m for p in parts[:-1] if not p.startswith("&") for m in words_of(p)]
            return heads[0], mods + heads[1]
        if token.startswith("&"):
            phrases = self.synsets.get(token)
            if phrases is None:
                return None  # used before it was defined: PETRARCH ignores the pattern too
            heads = sorted({singular(p[-1]) for p in phrases if p})
            return (heads, []) if heads else None
        if not re.fullmatch(r"[A-Z][A-Z0-9_'-]*", token):
            return None
        ws = words_of(token)
        return ([singular(ws[-1])], ws[:-1]) if ws else None

    def read(self):
        block_code = NULL
        verbs: list[tuple[str, str | None, str]] = []  # (lemma, particle, code)
        i = 0
        lines = self.lines
        while i < len(lines):
            raw = lines[i].split("#", 1)[0].rstrip()
            i += 1
            if raw.startswith("&"):
                name = raw.split()[0]
                phrases = []
                while i < len(lines) and lines[i].startswith(("+", "#")):
                    if lines[i].startswith("+"):
                        phrases.append(words_of(lines[i][1:].split("#")[0].strip()))
                    i += 1
                self.synsets[name] = phrases
                continue
            if raw.startswith("---"):
                m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", raw)
                block_code = m.group(2) if m else NULL
                verbs = []
                continue
            if raw.startswith("~") or raw.startswith("####") or not raw.strip():
                continue
            if raw.startswith("- "):
                row = self.pattern(raw[2:], [v if p is None else f"{v} {p}" for v, p, _ in verbs])
                if row:
                    yield row
                continue
            if raw.startswith("+") or re.match(r"[A-Z]", raw):
                verb = self.verb(raw, block_code)
                if verb:
                    verbs.append(verb)
                    lemma, particle, code = verb
                    if code and code != NULL:
                        yield (
                            {"verbs": [lemma if particle is None else f"{lemma} {particle}"]},
                            code,
                        )

    def verb(self, raw: str, block_code: str):
        code = re.search(r"\[([^\]]*)\]", raw)
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", raw).strip().split()
        if not head:
            return None
        token = head[0]
        parts = token.split("_")
        marked = [k for k, p in enumerate(parts) if p.startswith("+")]
        k = marked[0] if marked else 0
        lemma = parts[k].lstrip("+").lower()
        after = [p.lower() for p in parts[k + 1 :] if p]
        if parts[:k] or not lemma.isalpha():
            return None  # "WIRE_+TAP": a noun before the verb, which the parse calls a noun
        particle = " ".join(after) if after else None
        return lemma, particle, (code.group(1) if code else block_code)

    def pattern(self, body: str, verbs: list[str]):
        m = re.search(r"\[([^\]]*)\]", body)
        if not m:
            return None
        code = m.group(1)
        lhs = body[: m.start()]
        if "%" in lhs or "*" not in lhs:
            return None
        pre, post = lhs.split("*", 1)
        pat: dict = {"verbs": verbs}
        subject = [t for t in pre.split() if t not in ("$", "+", "^")]
        if subject:
            heads = self.nouns(subject[-1])
            if heads is None:
                return None
            pat["subject"] = heads[0]
        preps = []
        for pm in re.finditer(r"\(([A-Z_]+)\s*([^)]*)\)", post):
            prep, obj = pm.group(1).lower().replace("_", " "), pm.group(2).strip()
            if obj in ("+", "$"):
                pat["target_prep" if obj == "+" else "source_prep"] = prep
                preps.append({"prep": prep, "object": None})
            elif obj in ("", "^"):
                preps.append({"prep": prep, "object": None})
            else:
                heads = self.nouns(obj)
                if heads is None:
                    return None
                preps.append({"prep": prep, "object": heads[0]})
        rest = re.sub(r"\([^)]*\)", " ", post).split()
        rest = [t for t in rest if t not in ("$", "+", "^")]
        if rest and rest[0].lower() in PARTICLES:
            pat["particle"] = rest.pop(0).lower()
        if rest:
            heads = self.nouns(rest[-1] if rest[-1].startswith("{") else rest[0])
            if heads is None:
                return None
            pat["object"], mods = heads
            if mods:
                pat["object_mods"] = mods
        if preps:
            pat["preps"] = preps
        return pat, code


def main(src: str, out: str) -> int:
    src_dir, out_dir = Path(src), Path(out)
    plover = json.loads((out_dir / "cameo_plover.json").read_text("utf-8"))["codes"]
    reader = Reader((src_dir / "CAMEO.2.0.txt").read_text("latin-1"))
    rows, seen = [], set()
    for pat, code in reader.read():
        first = next((c for c in code.split(":") if c and c != NULL), None)
        if first is None:
            continue
        mapped = plover_of(first, plover)
        if mapped is None:
            continue  # public statements (01x): no event
        label, mode = mapped
        key = json.dumps(pat, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"label": label, "mode": mode, "cameo": first, "pattern": pat})
    counts: dict[str, int] = {}
    with (out_dir / "cameo_verbs.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            head = r["pattern"]["verbs"][0].replace(" ", "_")
            if len(r["pattern"]) == 1:  # a verb's own code: its id names the verb alone
                rid = f"cameo:{head}"
            else:
                n = counts[head] = counts.get(head, 0) + 1
                rid = f"cameo:{head}:{n}"
            f.write(json.dumps({"id": rid, **r}, ensure_ascii=False) + "\n")
    verbs = {v for r in rows for v in r["pattern"]["verbs"]}
    print(f"{len(rows)} rows, {len(verbs)} verbs -> {out_dir / 'cameo_verbs.jsonl'}")
    return 0


def plover_of(code: str, table: dict[str, list]) -> tuple[str, str | None] | None:
    """The PLOVER type and mode of a CAMEO code: its own row, else its nearest parent's."""
    for n in range(len(code), 1, -1):
        row = table.get(code[:n])
        if row is not None:
            return (row[0], row[1]) if row[0] else None
    return None


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
