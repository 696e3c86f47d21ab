"""Bulk ingest: extraction in worker processes stores exactly what serial ingest stores; a
second run resumes (skips stored texts); one bad file fails alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import empty_tables, get_all

TESTS = Path(__file__).resolve().parent
FOLDERS = [TESTS / "gold", TESTS / "gold_holdout", TESTS / "gold_holdout2"]


@pytest.fixture
def briefs(tmp_path) -> Path:
    for folder in FOLDERS:
        for path in folder.glob("*.txt"):
            shutil.copy(path, tmp_path / path.name)
            meta = path.with_name(path.stem + ".meta.json")
            if meta.exists():
                shutil.copy(meta, tmp_path / meta.name)
    return tmp_path


def snapshot(client) -> list:
    """Everything extracted, keyed by content rather than by ids."""
    docs = {d["id"]: d["title"] for d in get_all(client, "/api/v1/documents")}
    names = lambda refs: sorted(a["name"] for a in refs)  # noqa: E731
    events = sorted(
        (docs[e["document_id"]], e["start"], e["type"], e["status"], e["date"])
        + (tuple(names(e["sources"])), tuple(names(e["targets"])))
        for e in get_all(client, "/api/v1/events")
    )
    quotes = sorted(
        (docs[q["document_id"]], q["start"], q["text"], (q["speaker"] or {}).get("name"))
        for q in get_all(client, "/api/v1/quotes")
    )
    actors = sorted((a["name"], a["kind"]) for a in get_all(client, "/api/v1/actors"))
    return [sorted(docs.values()), events, quotes, actors]


def counts(output: str) -> tuple[int, int, int]:
    m = re.search(r"\((\d+) new, (\d+) already stored, (\d+) failed\)", output)
    assert m, output
    return tuple(map(int, m.groups()))


def test_parallel_ingest_stores_what_serial_ingest_stores(app, runner, client, briefs):
    files = len(list(briefs.glob("*.txt")))
    parallel = runner.invoke(args=["ingest", str(briefs), "--workers", "2"])
    assert parallel.exit_code == 0, parallel.output
    assert counts(parallel.output) == (files, 0, 0)
    in_parallel = snapshot(client)
    empty_tables(app)
    serial = runner.invoke(args=["ingest", str(briefs), "--workers", "1"])
    assert serial.exit_code == 0, serial.output
    assert snapshot(client) == in_parallel
    assert len(in_parallel[1]) > 50 and len(in_parallel[2]) > 30


def test_second_run_resumes(runner, client, briefs, tmp_path_factory):
    first = tmp_path_factory.mktemp("first")
    names = sorted(p.name for p in briefs.glob("*.txt"))[:6]
    for name in names:
        shutil.copy(briefs / name, first / name)
    assert counts(runner.invoke(args=["ingest", str(first)]).output) == (6, 0, 0)
    again = runner.invoke(args=["ingest", str(briefs), "--workers", "2"])
    files = len(list(briefs.glob("*.txt")))
    assert again.exit_code == 0 and counts(again.output) == (files - 6, 6, 0)
    assert len(get_all(client, "/api/v1/documents")) == files


def test_a_bad_file_fails_alone(runner, client, briefs):
    (briefs / "blank.txt").write_text(" \n\t\n")
    (briefs / "latin1.txt").write_bytes("Caf\xe9\n\nA body.".encode("latin-1"))
    files = len(list(briefs.glob("*.txt")))
    result = runner.invoke(args=["ingest", str(briefs), "--workers", "2"])
    assert result.exit_code == 1
    assert counts(result.output) == (files - 2, 0, 2)
    assert "FAILED" in result.output and "blank.txt" in result.output
    assert "latin1.txt" in result.output
    assert len(get_all(client, "/api/v1/documents")) == files - 2
