"""The operator commands: ingest files and folders with sidecars, reextract."""

from __future__ import annotations

import json
import shutil

from tests.conftest import DATA, SEED, get_all


def test_ingest_folder_with_sidecar_and_a_bad_file(runner, client, tmp_path):
    shutil.copy(DATA / f"{SEED}.txt", tmp_path)
    shutil.copy(DATA / f"{SEED}.meta.json", tmp_path)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "second.txt").write_text("Second\n\nGermany criticized Turkey on Monday.\n")
    (tmp_path / "second.meta.json").write_text(
        json.dumps({"published": "2020-01-06", "desk": "EU"})
    )
    result = runner.invoke(args=["ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "empty.txt" in result.output
    assert "2 of 3 briefs stored" in result.output
    docs = {d["title"]: d for d in get_all(client, "/api/v1/documents")}
    assert set(docs) == {"The Suspension of U.S.-Russian Cooperation in Syria", "Second"}
    seed = client.get(
        f"/api/v1/documents/{docs['The Suspension of U.S.-Russian Cooperation in Syria']['id']}"
    ).get_json()
    assert seed["source"] == "The Atlantic" and seed["metadata"]["note"].startswith(
        "Publication date"
    )
    second = client.get(f"/api/v1/documents/{docs['Second']['id']}").get_json()
    assert second["published_at"] == "2020-01-06" and second["metadata"] == {"desk": "EU"}


def test_ingest_is_idempotent(runner, client):
    path = str(DATA / f"{SEED}.txt")
    assert runner.invoke(args=["ingest", path]).exit_code == 0
    again = runner.invoke(args=["ingest", path])
    assert again.exit_code == 0 and "already stored" in again.output
    assert len(get_all(client, "/api/v1/documents")) == 1


def test_bad_sidecar_is_reported(runner, tmp_path):
    (tmp_path / "a.txt").write_text("A\n\nBody.\n")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "last Tuesday"}))
    result = runner.invoke(args=["ingest", str(tmp_path / "a.txt")])
    assert result.exit_code == 1 and "published" in result.output


def test_reextract_in_place(runner, client, seed_doc):
    before = get_all(client, "/api/v1/events", document_id=seed_doc["id"])
    result = runner.invoke(args=["reextract", "--document", str(seed_doc["id"])])
    assert result.exit_code == 0, result.output
    after = get_all(client, "/api/v1/events", document_id=seed_doc["id"])
    volatile = {"id", "updated_at"}
    strip = [{k: v for k, v in e.items() if k not in volatile} for e in before]
    assert strip == [{k: v for k, v in e.items() if k not in volatile} for e in after]
    assert runner.invoke(args=["reextract", "--document", "9999"]).exit_code != 0
    assert runner.invoke(args=["reextract"]).exit_code == 0


def test_sidecars_the_api_would_refuse_are_refused_here_too(runner, client, tmp_path):
    """One ingest path: a sidecar past the HTTP contract fails its brief, on every engine
    alike (a 300-character source was stored on SQLite and a database error on PostgreSQL;
    a deep one stopped the whole run)."""
    bad = {
        "long": '{"source": "' + "x" * 300 + '"}',
        "script": '{"url": "javascript:alert(1)"}',
        "nan": '{"score": NaN}',
        "deep": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "surrogate": '{"source": "\\ud800"}',
    }
    for name, meta in bad.items():
        (tmp_path / f"{name}.txt").write_text(f"{name}\n\nRussia said so about {name}.\n")
        (tmp_path / f"{name}.meta.json").write_text(meta)
    (tmp_path / "good.txt").write_text("Good\n\nFrance said so on Monday.\n")
    result = runner.invoke(args=["ingest", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.output.count("FAILED") == len(bad), result.output
    assert [d["title"] for d in get_all(client, "/api/v1/documents")] == ["Good"]


def test_ingest_queued_follows_the_job(runner, client, tmp_path):
    shutil.copy(DATA / f"{SEED}.txt", tmp_path)
    shutil.copy(DATA / f"{SEED}.meta.json", tmp_path)
    (tmp_path / "blank.txt").write_text("  \n")
    (tmp_path / "second.txt").write_text("Second\n\nGermany criticized Turkey on Monday.\n")
    result = runner.invoke(args=["ingest", str(tmp_path), "--queue"])
    assert result.exit_code == 1, result.output
    assert "2 of 3 briefs stored (2 new, 0 already stored, 1 failed)" in result.output
    assert "FAILED" in result.output and "blank.txt" in result.output
    docs = {d["title"]: d for d in get_all(client, "/api/v1/documents")}
    assert docs["The Suspension of U.S.-Russian Cooperation in Syria"]["source"] == "The Atlantic"
    again = runner.invoke(args=["ingest", str(tmp_path / "second.txt"), "--queue"])
    assert again.exit_code == 0 and "(0 new, 1 already stored, 0 failed)" in again.output
