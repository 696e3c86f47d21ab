"""scripts/convert_phoenix.py on an excerpt of the Phoenix dictionaries (tests/data/phoenix):
dated roles, titles unglued from names, roles and places left out, kinds, agent words; and the
shipped conversion is what the script makes of the dictionaries it names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "phoenix"


def converter():
    spec = importlib.util.spec_from_file_location(
        "convert_phoenix", ROOT / "scripts" / "convert_phoenix.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("phoenix")
    converter().convert(FIXTURE, out)
    actors = {r["id"]: r for r in rows(out / "phoenix_actors.jsonl")}
    agents = {r["pattern"]: r for r in rows(out / "phoenix_agents.jsonl")}
    return actors, agents, (out / "NOTICE-phoenix.md").read_text(encoding="utf-8")


def test_people_keep_their_dated_roles_and_lose_glued_titles(converted):
    actors, _, _ = converted
    lavrov = actors["sergey-lavrov"]
    assert lavrov["kind"] == "person"
    assert lavrov["roles"] == [
        {"code": "RUSGOV", "from": "1994-09-22", "to": "2004-07-12", "note": "Amb. to UN"},
        {"code": "RUSGOV", "from": "2004-03-09", "to": None, "note": "Foreign Minister"},
    ]
    # "FOREIGN_MINISTER_SERGEY_V._LAVROV" is a title and a name; "LAVROV" a surname alone
    assert lavrov["aliases"] == ["Sergey Viktorovich Lavrov", "Sergey V. Lavrov", "Sergei Lavrov"]
    panetta = actors["leon-panetta"]
    assert panetta["code"] == "USAELI"  # the undated default
    assert [r["code"] for r in panetta["roles"]] == ["USAELI", "USASPY", "USAGOVMIL"]
    assert panetta["aliases"] == ["Leon E. Panetta"]
    # a title before the primary name: "SECRETARY-GENERAL_BAN_KI-MOON"
    assert actors["ban-ki-moon"]["name"] == "Ban Ki-Moon"


@pytest.mark.parametrize(
    ("key", "kind", "code", "aliases"),
    [
        ("world-food-program", "organization", "IGOUNOWFP", ["WFP", "World Food Programme"]),
        ("afghan-national-security-forces", "organization", "AFGMIL", ["ANSF"]),
        ("exxon", "organization", "MNC", None),
        # a group's leader listed as its alias is no name of the group
        ("hezbollah", "group", "LBNREB", ["HIZBULLAH", "Party of God"]),
    ],
)
def test_bodies_and_groups(converted, key, kind, code, aliases):
    actors, _, _ = converted
    row = actors[key]
    assert (row["kind"], row["code"], row.get("aliases")) == (kind, code, aliases)


def test_countries_territories_and_roles_are_no_entries(converted):
    actors, _, _ = converted
    names = " ".join(actors)
    assert "russia" not in names  # the project's own country rows cover countries
    assert "virgin" not in names  # a territory (USAVIR) is a place
    assert "secretary-of-defense" not in names and "envoy" not in names  # roles, no actors


def test_agent_words(converted):
    _, agents, _ = converted
    assert agents["police"] == {"pattern": "police", "plural": None, "code": "COP", "after": True}
    assert agents["rebel"]["plural"] == "rebels"  # a regular plural
    assert agents["rebel"]["code"] == "REB"
    assert agents["spokeswoman"]["plural"] is None  # !PERSON! lists its own forms
    assert agents["human rights body"]["after"] is False  # "NGO~": the code comes first


def test_notice_ships_the_attribution_and_the_license(converted):
    _, _, notice = converted
    assert "Open Event Data Alliance" in notice and "MIT License" in notice
    assert "Permission is hereby granted" in notice


def test_shipped_data_carries_its_notice():
    data = ROOT / "extract" / "data"
    notice = (data / "NOTICE-phoenix.md").read_text(encoding="utf-8")
    assert "phoenix_actors.jsonl" in notice and "Permission is hereby granted" in notice
    with (data / "phoenix_actors.jsonl").open(encoding="utf-8") as f:
        first = json.loads(f.readline())
    assert {"id", "name", "kind", "code", "source"} <= set(first)
