"""Score extraction against gold files (format: GOLD-FORMAT in the shared tools), in process.

The matching follows the team's black-box scorer: loose names, one-to-one actors, quotes found
by a phrase inside a predicted quote (a predicted quote answers for two gold quotes at most),
events one-to-one by type, participants and trigger overlap; places (gold files with `places`)
as `tests/gold_places.py` says. `python -m tests.gold_scoring`
prints a per-file report over `tests/gold/`.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tests.gold_places import score_places

GOLD = Path(__file__).parent / "gold"
FIELDS = ("source", "url", "published", "section")


def norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", s).replace(".", "")
    s = re.sub(r"[-\u2010-\u2015_/]", " ", s)
    s = re.sub(r"[^\w' ]", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    s = re.sub(r"'s\b", "", s)
    return re.sub(r"\s+", " ", s).strip()


def names_of(obj) -> set[str]:
    if isinstance(obj, str):
        return {norm(obj)} - {""}
    names = {norm(obj.get("name"))} | {norm(a) for a in obj.get("aliases") or []}
    return names - {""}


@dataclass
class Tally:
    tp_gold: int = 0
    n_gold: int = 0
    tp_pred: int = 0
    n_pred: int = 0

    def add(self, tp_gold, n_gold, tp_pred, n_pred):
        self.tp_gold += tp_gold
        self.n_gold += n_gold
        self.tp_pred += tp_pred
        self.n_pred += n_pred

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class Report:
    actors: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    places: Tally = field(default_factory=Tally)
    has_places: bool = False
    checks: dict[str, list[bool]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, note: str = "") -> None:
        self.checks.setdefault(name, []).append(bool(ok))
        if not ok and note:
            self.notes.append(f"{name}: {note}")

    def ratio(self, name: str) -> float:
        got = self.checks.get(name, [])
        return sum(got) / len(got) if got else 1.0


class Refs:
    def __init__(self, pred_actors, gold):
        self.by_id = {a["id"]: names_of(a) for a in pred_actors}
        self.gold = {a["name"]: names_of(a) for a in gold.get("actors", [])}

    def names(self, ref) -> set[str]:
        if isinstance(ref, dict):
            return names_of(ref) | self.by_id.get(ref.get("id"), set())
        return set()

    def match(self, value, allowed) -> bool:
        want = set()
        for name in allowed:
            want |= self.gold.get(name, {norm(name)})
        refs = value if isinstance(value, list) else [value]
        return any(self.names(r) & want for r in refs if r)


def score_actors(gold, pred, refs, rep: Report):
    golds = gold.get("actors", [])
    pairs, used = {}, set()
    for exact in (True, False):
        for gi, g in enumerate(golds):
            if gi in pairs:
                continue
            for pi, p in enumerate(pred):
                if pi in used:
                    continue
                hit = norm(p["name"]) in names_of(g) if exact else bool(names_of(p) & names_of(g))
                if hit:
                    pairs[gi] = pi
                    used.add(pi)
                    break
    req = [i for i, g in enumerate(golds) if g.get("required", True)]
    rep.actors.add(sum(i in pairs for i in req), len(req), len(pairs), len(pred))
    rep.notes += [f"actor missed: {golds[i]['name']}" for i in req if i not in pairs]
    rep.notes += [
        f"actor extra: {p['name']} ({p['kind']})" for pi, p in enumerate(pred) if pi not in used
    ]
    for gi, pi in pairs.items():
        g, p = golds[gi], pred[pi]
        rep.check("kind", p["kind"] == g["kind"], f"{g['name']} is {p['kind']}")
        if g.get("title"):
            ok = bool(p.get("title")) and norm(g["title"]) in norm(p["title"])
            rep.check("title", ok, f"{g['name']} title {p.get('title')!r}, want {g['title']!r}")
        if g.get("affiliation"):
            ok = refs.match(p.get("affiliation"), [g["affiliation"]])
            rep.check(
                "affiliation",
                ok,
                f"{g['name']} affiliation {p.get('affiliation')}, want {g['affiliation']}",
            )


def score_quotes(gold, pred, refs, text, rep: Report):
    golds = gold.get("quotes", [])
    credits, hit, tp = {}, set(), 0
    for g in sorted(golds, key=lambda g: not g.get("required", True)):
        phrase = norm(g["contains"])
        found = [
            pi for pi, p in enumerate(pred) if phrase in norm(p["text"]) and credits.get(pi, 0) < 2
        ][:1]
        for pi in found:
            credits[pi] = credits.get(pi, 0) + 1
            hit.add(pi)
        if g.get("required", True):
            tp += bool(found)
            if not found:
                rep.notes.append(f"quote missed: {g['contains']!r}")
        if found:
            speakers = g.get("speakers") or [g.get("speaker")]
            sp = pred[found[0]].get("speaker")
            rep.check(
                "attribution",
                refs.match(sp, speakers),
                f"{g['contains'][:40]!r} by {sp and sp['name']}, want {speakers}",
            )
    rep.quotes.add(tp, sum(1 for g in golds if g.get("required", True)), len(hit), len(pred))
    rep.notes += [f"quote extra: {p['text'][:70]!r}" for pi, p in enumerate(pred) if pi not in hit]
    for p in pred:
        rep.check(
            "provenance", text[p["start"] : p["end"]] == p["text"], f"quote span {p['start']}"
        )


def event_matches(g, p, text, refs) -> bool:
    if g.get("types") and p["type"] not in g["types"]:
        return False
    if g.get("sources") and not refs.match(p["sources"], g["sources"]):
        return False
    if g.get("targets") and not refs.match(p["targets"], g["targets"]):
        return False
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(g["trigger"]), text)]
    return any(s < p["end"] and p["start"] < e for s, e in spans) and p["end"] - p["start"] <= 400


def score_events(gold, pred, refs, text, rep: Report) -> list[tuple[dict, dict]]:
    """Scores events; returns the matched (gold, predicted) pairs."""
    golds = gold.get("events", [])
    hit, tp, pairs = set(), 0, []
    for g in sorted(golds, key=lambda g: not g.get("required", True)):
        found = [
            pi for pi, p in enumerate(pred) if pi not in hit and event_matches(g, p, text, refs)
        ][:1]
        hit.update(found)
        pairs += [(g, pred[pi]) for pi in found]
        if g.get("required", True):
            tp += bool(found)
            if not found:
                rep.notes.append(f"event missed: {'/'.join(g['types']) or '*'} {g['trigger']!r}")
        if found and g.get("date"):
            got = pred[found[0]].get("date") or ""
            rep.check(
                "dates",
                got.startswith(g["date"]),
                f"{g['trigger']!r} dated {got}, want {g['date']}",
            )
    rep.events.add(tp, sum(1 for g in golds if g.get("required", True)), len(hit), len(pred))
    for pi, p in enumerate(pred):
        if pi not in hit:
            names = [a["name"] for a in p["sources"]], [a["name"] for a in p["targets"]]
            rep.notes.append(f"event extra: {p['type']} {p['trigger']!r} {names}")
        rep.check("provenance", 0 <= p["start"] < p["end"] <= len(text), f"event span {p['start']}")
    return pairs


def list_all(client, path, **params) -> list[dict]:
    out, page = [], 1
    while True:
        resp = client.get(path, query_string={**params, "page": page, "page_size": 100})
        if resp.status_code != 200:  # an endpoint that errors extracts nothing
            return out
        out += resp.get_json()
        if page >= json.loads(resp.headers["X-Pagination"]).get("total_pages", 1):
            return out
        page += 1


def score_folder(client, folder: Path = GOLD) -> tuple[Report, dict[str, Report]]:
    """Ingest every brief of the folder over HTTP and score it; (overall, per file)."""
    total, per_file = Report(), {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        meta_path = folder / f"{stem}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        body = {"text": text, **{k: meta[k] for k in FIELDS if meta.get(k) is not None}}
        doc = client.post("/api/v1/documents", json=body).get_json()
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        rep = Report()
        actors = list_all(client, "/api/v1/actors", document_id=doc["id"])
        refs = Refs(actors, gold)
        score_actors(gold, actors, refs, rep)
        score_quotes(
            gold, list_all(client, "/api/v1/quotes", document_id=doc["id"]), refs, doc["text"], rep
        )
        events = list_all(client, "/api/v1/events", document_id=doc["id"])
        pairs = score_events(gold, events, refs, doc["text"], rep)
        if isinstance(gold.get("places"), list):
            places = list_all(client, "/api/v1/places", document_id=doc["id"])
            score_places(gold, places, pairs, rep, names_of, norm)
            rep.has_places = total.has_places = True
        per_file[stem] = rep
        for key in ("actors", "quotes", "events", "places"):
            t = getattr(rep, key)
            getattr(total, key).add(t.tp_gold, t.n_gold, t.tp_pred, t.n_pred)
        for name, values in rep.checks.items():
            total.checks.setdefault(name, []).extend(values)
    return total, per_file


def summary(rep: Report) -> str:
    figures = [f"{k}_f1={getattr(rep, k).f1:.3f}" for k in ("actors", "quotes", "events")]
    figures += [
        f"{k}={rep.ratio(k):.3f}"
        for k in ("attribution", "dates", "provenance", "kind", "title", "affiliation")
    ]
    if rep.has_places:
        t = rep.places
        figures += [f"places_f1={t.f1:.3f} places_p={t.precision:.3f} places_r={t.recall:.3f}"]
        figures += [
            f"{k}={rep.ratio(k):.3f}" if k in rep.checks else f"{k}=n/a"
            for k in ("place_resolution", "place_country", "event_location", "wrong_place")
        ]
    return " ".join(figures)


def main() -> None:
    from flask_migrate import upgrade

    from api import create_app
    from api.auth import create_token

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/gold.db",
                "RATE_LIMIT_WRITES": "",
                "JSON_LOGS": False,
            }
        )
        with app.app_context():
            upgrade()
            token = create_token("gold")
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        total, per_file = score_folder(client, folder)
    for stem, rep in per_file.items():
        print(f"{stem}: {summary(rep)}")
        for note in rep.notes:
            print(f"    {note}")
    print(f"SUMMARY {summary(total)}")


if __name__ == "__main__":
    main()
