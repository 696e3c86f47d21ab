"""The field's actor dictionaries: Phoenix office holders, bodies and armed groups with their
CAMEO codes per date range, and the agent words (minister -> GOV, rebels -> REB).

Converted once by `scripts/convert_phoenix.py` (`phoenix_actors.jsonl`, `phoenix_agents.jsonl`),
corrected by hand in `phoenix_overrides.jsonl`, and merged here with the project's own actors
(`actors.jsonl`, whose rows may carry dated `roles` too): a Phoenix entry that shares a name
with one of ours adds its codes and dates to our row instead of making a second actor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from .letters import fold
from .records import ActorInfo

IGO_PREFIXES = ("IGO", "NGO", "MNC", "NGM")  # codes of bodies, not of a country


@dataclass(frozen=True)
class Role:
    """What an actor was between two dates: its CAMEO code, and where the project's own data
    says so, its title and affiliation."""

    code: str | None
    start: date | None = None
    end: date | None = None
    title: str | None = None
    affiliation: str | None = None

    def holds(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Agent:
    """An agent word: its code (GOV, COP, REB) and whether it follows the actor's ("~GOV":
    RUSGOV) or precedes it ("NGO~")."""

    code: str
    after: bool = True


@dataclass
class Known:
    actors: dict[str, ActorInfo]  # the Phoenix actors none of ours stands for
    roles: dict[str, tuple[Role, ...]]  # by actor id, ours and Phoenix's
    index: dict[str, tuple[str, ...]]  # `index_key` of a name -> actor ids
    max_tokens: int
    code_bodies: dict[str, str]  # a body's CAMEO code -> its actor id ("IGOUNOWFP" -> WFP)
    agents: dict[str, Agent]  # agent word, singular and plural -> agent
    country_ids: frozenset[str] = field(default_factory=frozenset)
    surnames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # people, by last name
    firsts: frozenset[str] = frozenset()  # the first word of every name in `index`
    _offices: dict | None = field(default=None, repr=False, compare=False)

    def holder(self, title: str, body: str | None, when: date | None) -> str | None:
        """Who held an office of a body on a date, by the roles the project's own data dates
        ("President" of USA on 2012-03-26: Barack Obama); None when none or several did."""
        if when is None or body is None:
            return None
        held = {key for key, r in self.offices().get((title.lower(), body), ()) if r.holds(when)}
        return held.pop() if len(held) == 1 else None

    def offices(self) -> dict[tuple[str, str], list[tuple[str, Role]]]:
        """Dated titled roles by (title, body), made once: a brief's offices look up here."""
        if self._offices is None:
            index: dict[tuple[str, str], list[tuple[str, Role]]] = {}
            for key, roles in self.roles.items():
                for r in roles:
                    if r.title and r.affiliation and (r.start or r.end):
                        index.setdefault((r.title.lower(), r.affiliation), []).append((key, r))
            self._offices = index
        return self._offices

    def role_at(self, key: str, when: date | None) -> Role | None:
        """The role an actor held on a date: the latest begun of those that hold then; without
        a date, the one still open (else the last begun); an undated role otherwise."""
        roles = self.roles.get(key, ())
        dated = [r for r in roles if r.start or r.end]
        undated = [r for r in roles if not (r.start or r.end)]
        if when is not None:
            holding = [r for r in dated if r.holds(when)]
            if not holding:
                return None  # dated roles, none that day: no undated fallback either
        else:
            holding = [r for r in dated if r.end is None] or dated
        if holding:
            return max(holding, key=lambda r: r.start or date.min)
        return undated[0] if undated else None

    def affiliation_of(self, code: str | None) -> str | None:
        """The actor a CAMEO code belongs to: its country ("RUSGOV" -> RUS), else the body with
        the longest code it starts with ("IGOUNOWFP" -> WFP, "IGOUNOXYZ" -> UN)."""
        if not code:
            return None
        if code[:3] in self.country_ids:
            return code[:3]
        if not code.startswith(IGO_PREFIXES):
            return None
        for n in range(len(code), 5, -3):
            if code[:n] in self.code_bodies:
                return self.code_bodies[code[:n]]
        return None

    def agent(self, phrase: str) -> Agent | None:
        return self.agents.get(phrase.lower())

    def by_surname(self, surname: str, when: date) -> str | None:
        """The one person of this surname the dictionaries have in office on a date ("President
        Bush" in 2006, "Secretary Kerry" in 2013); None when none or several are."""
        holding = [
            k
            for k in self.surnames.get(index_key(surname), ())
            if any(
                r.holds(when) and not (r.code or "").endswith("ELI")  # elites hold no office
                for r in self.roles.get(k, ())
                if r.start or r.end
            )
        ]
        return holding[0] if len(holding) == 1 else None


KEY_TABLE = str.maketrans({".": " ", "-": " ", "'": None, "\n": " ", "\t": " "})


@lru_cache(maxsize=65536)
def index_key(name: str) -> str:
    """How a name is looked up: no diacritics, case, periods or hyphens ("Ban Ki-moon" is
    "Ban Ki Moon", "Sergey V. Lavrov" is "Sergey V Lavrov")."""
    return " ".join(fold(name).lower().translate(KEY_TABLE).split())


def _lines(name: str) -> list[dict]:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def _day(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _role(r: dict) -> Role:
    return Role(
        r.get("code"), _day(r.get("from")), _day(r.get("to")), r.get("title"), r.get("affiliation")
    )


def _compatible(a: str, b: str) -> bool:
    return (a == "person") == (b == "person")


def load_known(actors: dict[str, ActorInfo], ours: dict[str, list[str]]) -> Known:
    """Phoenix merged into our actors. `ours` maps a folded name of ours to our actor ids."""
    explicit = {oid: info.code for oid, info in actors.items() if info.code}
    roles: dict[str, list[Role]] = {}
    for row in _lines("actors.jsonl"):
        if row.get("roles"):
            roles[row["id"]] = [_role(r) for r in row["roles"]]
    overrides = {row["id"]: row for row in _lines("phoenix_overrides.jsonl")}
    extra: dict[str, ActorInfo] = {}
    index: dict[str, list[str]] = {}
    code_bodies: dict[str, str] = {}
    for row in _lines("phoenix_actors.jsonl"):
        fix = overrides.get(row["id"], {})
        if fix.get("drop"):
            continue
        row = {**row, **fix.get("set", {})}
        names = [row["name"], *row.get("aliases", [])]
        names = [n for n in names if n not in fix.get("drop_aliases", ())]
        target = next(
            (
                oid
                for n in names
                for oid in ours.get(index_key(n), ())
                if _compatible(actors[oid].kind, row["kind"])
            ),
            None,
        )
        phoenix_roles = [_role(r) for r in row.get("roles", [])]
        if target is not None:
            base = actors[target]
            if not base.code and row.get("code"):
                actors[target] = replace(base, code=row["code"])
            if target not in roles:  # our own dates, where we keep them, stand
                roles[target] = phoenix_roles
        else:
            target = row["id"] if row["id"] not in actors else f"phoenix:{row['id']}"
            extra[target] = ActorInfo(
                key=target, name=row["name"], kind=row["kind"], code=row.get("code")
            )
            roles[target] = phoenix_roles
        if row.get("code") and row["kind"] != "person":
            code_bodies.setdefault(row["code"], target)
        for n in names:
            ids = index.setdefault(index_key(n), [])
            if target not in ids:
                ids.append(target)
    for key, ids in ours.items():
        for oid in ids:
            if key.count(" ") >= 1 or actors[oid].kind != "person":
                slot = index.setdefault(key, [])
                if oid not in slot:
                    slot.insert(0, oid)
    for oid, code in reversed(explicit.items()):
        if actors[oid].kind not in ("person", "country"):
            code_bodies[code] = oid  # a code our own rows give goes to the first that gives it
    agents: dict[str, Agent] = {}
    for row in _lines("phoenix_agents.jsonl"):
        a = Agent(row["code"], row["after"])
        agents.setdefault(row["pattern"], a)
        if row.get("plural"):
            agents.setdefault(row["plural"], a)
    countries = frozenset(k for k, v in actors.items() if v.kind == "country")
    surnames: dict[str, list[str]] = {}
    for key, ids in index.items():
        last = key.rsplit(" ", 1)[-1]
        for oid in ids:
            kind = actors[oid].kind if oid in actors else extra[oid].kind
            if kind == "person" and " " in key and oid not in surnames.setdefault(last, []):
                surnames[last].append(oid)
    return Known(
        extra,
        {k: tuple(v) for k, v in roles.items()},
        {k: tuple(v) for k, v in index.items()},
        max((k.count(" ") + 1 for k in index), default=1),
        code_bodies,
        agents,
        countries,
        {k: tuple(v) for k, v in surnames.items()},
        frozenset(k.split(" ", 1)[0] for k in index),
    )
