"""Convert the Phoenix actor and agent dictionaries (PETRARCH2) into the project's data format.

    python scripts/convert_phoenix.py ../shared/third_party/petrarch2 extract/data

Reads (Open Event Data Alliance, MIT; see that folder's README and LICENSE):

    Phoenix.Countries.actors.txt      office holders and national institutions per country
    Phoenix.International.actors.txt  international bodies and their people
    Phoenix.MilNonState.actors.txt    armed non-state groups
    Phoenix.agents.txt                role words -> agent codes (minister -> GOV, rebels -> REB)

Writes into the output folder:

    phoenix_actors.jsonl   one actor a line: {"id", "name", "kind", "code", "roles", "aliases",
                           "source"}; `roles` are the dated codes, [{"code", "from", "to",
                           "note"}] with ISO dates (either end may be null), `code` the undated
                           default. Country entries themselves are left out (the project's
                           own country rows and patterns cover them), and so are entries that
                           only name a role ("UN envoy", "US Secretary of Defense").
    phoenix_agents.jsonl   one agent word a line: {"pattern", "plural", "code", "after"}
                           (`after`: the code follows the actor's, "~GOV"; else it precedes
                           it, "NGO~").
    NOTICE-phoenix.md      where the data comes from and its MIT notice.

Names are title-cased from the dictionaries' capitals ("SERGEY_V._LAVROV" -> "Sergey V.
Lavrov"); aliases lose the titles the dictionaries glue to them ("FOREIGN_MINISTER_SERGEY_
LAVROV"). Curated changes never go here: they live in `extract/data/phoenix_overrides.jsonl`,
applied when the dictionary loads, so a re-conversion never loses them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SOURCES = {
    "Countries": "Phoenix.Countries.actors.txt",
    "International": "Phoenix.International.actors.txt",
    "MilNonState": "Phoenix.MilNonState.actors.txt",
}
AGENTS = "Phoenix.agents.txt"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
LOWER = {
    "of", "the", "and", "for", "in", "on", "to", "at", "de", "del", "da", "das", "dos", "do",
    "di", "du", "la", "le", "van", "von", "der", "den", "al", "el", "bin", "ibn", "bint", "y",
    "e", "des", "ul", "ud",
}  # fmt: skip
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}
# Words of an organization's name: an entry with one is a body, not a person.
ORG_WORDS = {
    "army", "forces", "force", "party", "council", "congress", "ministry", "committee",
    "commission", "front", "movement", "brigade", "brigades", "organization", "organisation",
    "union", "league", "assembly", "parliament", "court", "agency", "bank", "fund", "group",
    "alliance", "association", "federation", "government", "office", "department", "police",
    "guard", "guards", "corps", "service", "services", "institute", "foundation", "program",
    "programme", "secretariat", "tribunal", "authority", "senate", "bureau", "mission",
    "coalition", "cabinet", "society", "network", "nuclei", "cells", "faction", "militia",
    "jihad", "jamaat", "hezbollah", "taliban", "navy", "command", "center", "centre",
    "conference", "community", "board", "forum", "panel", "initiative", "company", "corporation",
    "junta", "legion", "regiment", "battalion", "division", "squad", "unit", "units",
}  # fmt: skip
# CAMEO's role and sector codes: "AFGMIL" is a body of Afghanistan, "USAVIR" a territory.
CAMEO_TYPES = set(
    "GOV MIL REB OPP COP JUD LEG SPY MED BUS CVL EDU ELI HLH HRI LAB REF AGR DEV MOD RAD UAF "
    "IGO NGO NGM IMG INS SEP PTY ENV CRM AMN ".split()
)
GROUP_CODES = ("REB", "UAF", "INS", "SEP", "OPP", "RAD", "IMG")
ACRONYM_RE = re.compile(r"(?:[a-z]\.){2,}")  # "u.s.", "c.i.a."
DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")
RESTRICTION_RE = re.compile(r"\[([^\]\s]*)\s*([^\]]*)\]")


def iso(d: str) -> str | None:
    """A PETRARCH date (YYMMDD or YYYYMMDD) as ISO; two-digit years pivot at 2020."""
    if not DATE_RE.match(d):
        return None
    if len(d) == 6:
        yy = int(d[:2])
        d = ("20" if yy <= 20 else "19") + d
    y, m, dd = int(d[:4]), int(d[4:6]), int(d[6:])
    if not (1 <= m <= 12 and 1 <= dd <= 31):
        return None
    return f"{y:04d}-{m:02d}-{dd:02d}"


def role(code: str, restriction: str, note: str | None) -> dict | None:
    """One `[CODE restriction]` as {"code", "from", "to", "note"}; None if unreadable."""
    code = code.strip()
    if not code or code == "---" or not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    r = restriction.strip()
    start = end = None
    if r.startswith(">"):
        start = iso(r[1:].strip())
        if start is None:
            return None
    elif r.startswith("<"):
        end = iso(r[1:].strip())
        if end is None:
            return None
    elif "-" in r:
        a, _, b = r.partition("-")
        start, end = iso(a.strip()), iso(b.strip())
        if start is None or end is None:
            return None
    elif r:
        return None
    return {"code": code, "from": start, "to": end, "note": note}


def words(phrase: str) -> list[str]:
    phrase = phrase.replace("_", " ").replace("+", " ")
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    return [w for w in phrase.split() if w]


def acronyms_in(phrase: str) -> list[str]:
    return [a for a in re.findall(r"\(([A-Z][A-Z0-9.&-]{1,11})\)", phrase.replace("_", " "))]


def cased(tokens: list[str], kind: str) -> str:
    """Title case for a name the dictionary wrote in capitals."""
    out = []
    for i, t in enumerate(tokens):
        low = t.lower()
        if i and low in LOWER:
            out.append(low)
        elif low in ROMAN:
            out.append(t.upper())
        elif kind != "person" and len(tokens) == 1:
            out.append(t)  # "NATO", "IAEA"
        else:
            parts = re.split(r"([-'’])", low)
            word = "".join(
                p if p in "-'’" else (p if j and p in LOWER else p[:1].upper() + p[1:])
                for j, p in enumerate(parts)
            )
            if low.startswith("al-") or low.startswith("el-"):
                word = low[:3] + word[3:]
            out.append(re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), word))
    return " ".join(out)


def person_like(tokens: list[str]) -> bool:
    """Two or three plain words, none an organization's: "KHALED_MESHAAL" under HAMAS."""
    low = [t.lower() for t in tokens]
    return (
        2 <= len(tokens) <= 3
        and not set(low) & ORG_WORDS
        and not any(len(t) <= 5 and t.isupper() and not re.search(r"[AEIOU]", t) for t in tokens)
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Vocabulary:
    """Words that only name roles, places and peoples: an entry made of nothing else ("UN
    envoy", "US Secretary of Defense") is a role, and such words open an alias's title
    ("FOREIGN_MINISTER_SERGEY_LAVROV")."""

    def __init__(self, agents: list[dict], countries: set[str]):
        self.places = set(countries)
        self.words = set(countries) | {
            "the", "of", "and", "for", "in", "on", "to", "at", "a", "former", "acting", "deputy",
            "chief", "senior", "top", "vice", "head", "new", "interim", "us", "u.s.", "un",
            "u.n.", "president", "prime", "minister", "secretary", "general", "senator",
            "ambassador", "state", "defense", "defence", "foreign", "national", "mr", "mr.",
            "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "col", "col.", "lt", "lt.",
            "sen", "sen.", "rep", "rep.", "gov", "gov.", "king", "queen", "prince", "sheikh",
            "president-elect", "leader", "chairman", "speaker", "representative", "commander",
            "secretary-general", "director", "director-general", "envoy", "spokesman",
        }  # fmt: skip
        for a in agents:
            for p in (a["pattern"], a["plural"]):
                self.words |= set((p or "").split())

    def only_roles(self, tokens: list[str]) -> bool:
        return all(t.lower().strip(".,") in self.words for t in tokens)

    def is_role(self, token: str, places: bool = True) -> bool:
        t = token.lower()
        words = self.words if places else self.words - self.places
        return t in words or t.strip(".,") in words or bool(ACRONYM_RE.fullmatch(t))

    def strip_title(self, tokens: list[str], places: bool = True) -> list[str]:
        """A person's name without the title glued before it ("CIA_DIRECTOR_LEON_PANETTA"):
        what follows the last role word, when at least two words follow it. A primary name
        keeps words that are also places ("GEORGE_W._BUSH")."""
        cut = 0
        for i, t in enumerate(tokens[:-2]):
            if self.is_role(t, places):
                cut = i + 1
        return tokens[cut:]


def read_agents(path: Path) -> list[dict]:
    subs: dict[str, list[str]] = {}
    out: list[dict] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        sm = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sm:
            subs[sm.group(1)] = [w.strip() for w in sm.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if "~" not in code or not re.fullmatch(r"~?[A-Z]{3,12}~?", code):
            continue
        after = code.startswith("~")
        code = code.strip("~")
        for expanded in expand(phrase, subs):
            ws = words(expanded)
            if not ws or not all(re.fullmatch(r"[A-Z][A-Z'.-]*", w) for w in ws):
                continue
            sing = " ".join(ws).lower()
            if plural is None:
                # No plural of a substitution (!PERSON! lists MEN beside MAN) or of "WORD_".
                marked = "!" in phrase or expanded.endswith("_")
                pl = None if marked else plural_of(sing)
            else:
                inner = plural.strip("{} ")
                pl = " ".join(words(inner)).lower() or None
            out.append({"pattern": sing, "plural": pl, "code": code, "after": after})
    seen, rows = set(), []
    for a in out:
        if a["pattern"] not in seen:
            seen.add(a["pattern"])
            rows.append(a)
    return rows


def expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", phrase)
    if not m or m.group() not in subs:
        return [phrase] if not m else []
    return [x for s in subs[m.group()] for x in expand(phrase.replace(m.group(), s, 1), subs)]


def plural_of(phrase: str) -> str:
    """PETRARCH's regular plural of the last word."""
    *head, last = phrase.split(" ")
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy", "uy")):
        last = last[:-1] + "ies"
    elif last.endswith(("ss", "sh", "ch", "x")):
        last += "es"
    elif not last.endswith("s"):
        last += "s"
    return " ".join([*head, last])


def read_actors(path: Path, source: str) -> list[dict]:
    """Entries as {"primary", "aliases", "restrictions": [(code, restriction, note)]}."""
    entries: list[dict] = []
    current = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        note = comment.strip() or None
        if note and ("CountryInfo" in note or "NGO_Actors" in note or "IGOrulers" in note):
            note = None
        if raw[0] in " \t":
            if current is not None:
                for code, restr in RESTRICTION_RE.findall(body):
                    current["restrictions"].append((code, restr, note))
            continue
        text = body.strip()
        if not text:
            continue
        restrictions = [(c, r, note) for c, r in RESTRICTION_RE.findall(text)]
        phrase = RESTRICTION_RE.sub("", text).strip()
        if text.startswith("+"):
            if current is not None:
                current["aliases"].append(phrase[1:].strip())
                current["restrictions"] += restrictions
            continue
        current = {"primary": phrase, "aliases": [], "restrictions": restrictions}
        current["source"] = source
        entries.append(current)
    return entries


def convert(folder: Path, out: Path) -> tuple[int, int]:
    agents = read_agents(folder / AGENTS)
    raw = {name: read_actors(folder / f, name) for name, f in SOURCES.items()}
    # A country's own entry is the one whose default code is its bare three-letter code.
    countries: set[str] = set()
    agent_codes = CAMEO_TYPES | {a["code"][:3] for a in agents}
    for e in raw["Countries"]:
        codes = [c for c, r, _ in e["restrictions"] if not r.strip()]
        dated = any(r.strip() for _, r, _ in e["restrictions"])
        # a country ("AFG") or a territory ("USAVIR", "GBRVGB"), not a body ("AFGMIL")
        territory = (
            codes and re.fullmatch(r"[A-Z]{6}", codes[0]) and codes[0][3:] not in agent_codes
        )
        if codes and not dated and (re.fullmatch(r"[A-Z]{3}", codes[0]) or territory):
            e["country"] = True
            for p in [e["primary"], *e["aliases"]]:
                countries |= {w.lower() for w in words(p)}
    vocab = Vocabulary(agents, countries)
    actors: list[dict] = []
    ids: dict[tuple[str, bool], int] = {}
    for source, entries in raw.items():
        for e in entries:
            if e.get("country"):
                continue
            row = actor_row(e, source, vocab)
            if row is None:
                continue
            same = ids.get((row["id"], row["kind"] == "person"))
            if same is not None:
                merge(actors[same], row)  # one name, one actor: its roles side by side
                continue
            ids[(row["id"], row["kind"] == "person")] = len(actors)
            actors.append(row)
    taken: dict[str, int] = {}
    for row in actors:  # a person and a body of one name ("Hezbollah"): two ids
        n = taken[row["id"]] = taken.get(row["id"], 0) + 1
        if n > 1:
            row["id"] = f"{row['id']}-{n}"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "phoenix_actors.jsonl").open("w", encoding="utf-8") as f:
        for row in actors:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (out / "phoenix_agents.jsonl").open("w", encoding="utf-8") as f:
        for row in agents:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "NOTICE-phoenix.md").write_text(notice(folder), encoding="utf-8")
    return len(actors), len(agents)


def actor_row(e: dict, source: str, vocab: Vocabulary) -> dict | None:
    tokens = words(e["primary"])
    if tokens and tokens[0] == "THE":
        tokens = tokens[1:]
    if not tokens or any(not re.fullmatch(r"[A-Z0-9][A-Z0-9'.&-]*", t) for t in tokens):
        return None
    roles, default = [], None
    for code, restr, note in e["restrictions"]:
        r = role(code, restr, note)
        if r is None:
            continue
        if r["from"] is None and r["to"] is None:
            default = default or r["code"]
        else:
            roles.append(r)
    roles = [r for i, r in enumerate(roles) if r not in roles[:i]]
    if default is None and not roles:
        return None
    codes = [r["code"] for r in roles] + ([default] if default else [])
    low = {t.lower().strip(".,") for t in tokens}
    if low & ORG_WORDS or len(tokens) == 1 or codes[0].startswith(("MNC", "MED")):
        armed = any(g in c[3:] or c.startswith(g) for c in codes for g in GROUP_CODES)
        kind = "group" if armed else "organization"
    elif source == "MilNonState":
        kind = "group"
    elif source == "International" and not roles and not codes[0].startswith("IGO"):
        kind = "organization"  # companies, NGOs and media are listed without dates
    else:
        kind = "person"
    if vocab.only_roles(tokens):
        return None  # "UN envoy", "US Secretary of Defense": a role, not an actor
    if kind == "person":
        tokens = vocab.strip_title(tokens, places=False)  # "SECRETARY-GENERAL_BAN_KI-MOON"
        if len(tokens) < 2:
            return None
    name = cased(tokens, kind)
    aliases: list[str] = []
    for a in [*e["aliases"], *acronyms_in(e["primary"])]:
        at = words(a)
        if kind == "person":
            at = vocab.strip_title(at)
            first_role = vocab.is_role(at[0], places=False)
            if len(at) < 2 or first_role or {t.lower() for t in at} & ORG_WORDS:
                continue  # "SENATOR_HAGEL": a title and a surname; "BUSH_ADMINISTRATION"
        if not at or any(not re.fullmatch(r"[A-Z0-9][A-Za-z0-9'.&-]*", t) for t in at):
            continue
        if kind != "person" and (vocab.only_roles(at) or person_like(at)):
            continue  # the groups' files list some leaders as aliases of their group
        alias = cased(at, kind)
        if alias != name and alias not in aliases:
            aliases.append(alias)
    row = {"id": slug(name), "name": name, "kind": kind, "code": default}
    if roles:
        row["roles"] = roles
    if aliases:
        row["aliases"] = aliases
    row["source"] = source
    return row


def merge(into: dict, row: dict) -> None:
    into["code"] = into["code"] or row["code"]
    if row.get("roles"):
        into["roles"] = into.get("roles", []) + row["roles"]
    aliases = into.get("aliases", [])
    for a in [row["name"], *row.get("aliases", [])]:
        if a != into["name"] and a not in aliases:
            aliases.append(a)
    if aliases:
        into["aliases"] = aliases


def notice(folder: Path) -> str:
    license_text = (folder / "LICENSE").read_text(encoding="utf-8").strip()
    return f"""# Phoenix actor and agent dictionaries (PETRARCH2)

`phoenix_actors.jsonl` and `phoenix_agents.jsonl` are converted by `scripts/convert_phoenix.py`
from the Open Event Data Alliance's Phoenix dictionaries as published in the PETRARCH2 coder
(repository `openeventdata/petrarch2`, commit `{COMMIT}`, folder
`petrarch2/data/dictionaries/`: `Phoenix.Countries.actors.txt`,
`Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`, `Phoenix.agents.txt`).
The country file is generated from CountryInfo (Computational Event Data System Project,
http://eventdata.parusanalytics.com; funded by the National Science Foundation, SES-1004414 and
SES-1259190). Names were re-cased and aliases stripped of glued titles; nothing else was
changed. Curated corrections live apart, in `phoenix_overrides.jsonl`.

The dictionaries are distributed under the MIT License:

{license_text}
"""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n_actors, n_agents = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n_actors} actors, {n_agents} agent words")


if __name__ == "__main__":
    main()
