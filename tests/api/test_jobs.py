"""Ingest jobs on the embedded pool (no broker), on every backend: a batch validated item by
item, each brief through the one ingest path, outcomes by index, visibility by token."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import api.ingest
import api.queue
from api import dispatch
from api.auth import create_token
from api.db import db
from api.job_models import IngestJob, IngestJobItem
from tests.conftest import get_all

JOBS = "/api/v1/ingest-jobs"


def brief(n: int, **fields) -> dict:
    return {
        "text": f"Talks {n}\n\nRussia and Ukraine met in Istanbul on Monday, officials said.",
        **fields,
    }


def finished(client, resp) -> dict:
    """The job once every brief is settled (the embedded pool drained)."""
    assert resp.status_code == 202, resp.get_json()
    client.application.extensions["ingest_queue"].drain()
    job = client.get(resp.headers["Location"])
    assert job.status_code == 200, job.get_json()
    return job.get_json()


def results(client, job: dict) -> dict[int, dict]:
    return {r["index"]: r for r in get_all(client, job["results_url"])}


def rows(app) -> tuple[int, int, int]:
    """(jobs, job items, documents) stored."""
    with app.app_context():
        count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        from api.models import Document

        return count(IngestJob), count(IngestJobItem), count(Document)


def test_batch_with_bad_items_stores_the_good_and_reports_the_bad_by_index(client, app):
    batch = [brief(0, source="Wire", published="2022-03-29"), {"text": ""}, 7, brief(3)]
    batch.append({"text": "Fine\n\nBody.", "url": "ftp://nope"})
    resp = client.post(JOBS, json=batch)
    body = resp.get_json()
    assert resp.headers["Location"] == f"{JOBS}/{body['id']}"
    assert [r["index"] for r in body["rejected"]] == [1, 2, 4]
    assert "url" in body["rejected"][2]["errors"]
    job = finished(client, resp)
    assert job["status"] == "done"
    assert job["counts"] == {
        "total": 5,
        "queued": 0,
        "running": 0,
        "stored": 2,
        "duplicate": 0,
        "failed": 3,
    }
    outcome = results(client, job)
    assert [outcome[i]["state"] for i in range(5)] == [
        "stored",
        "failed",
        "failed",
        "stored",
        "failed",
    ]
    assert all(outcome[i]["error"] for i in (1, 2, 4))
    docs = get_all(client, "/api/v1/documents")
    assert sorted(d["id"] for d in docs) == sorted(outcome[i]["document_id"] for i in (0, 3))
    first = client.get(f"/api/v1/documents/{outcome[0]['document_id']}").get_json()
    assert first["source"] == "Wire" and first["published_at"] == "2022-03-29"


def test_ndjson_batch(client):
    body = "\n".join(json.dumps(brief(n)) for n in range(3)) + "\n"
    resp = client.post(JOBS, data=body, content_type="application/x-ndjson")
    job = finished(client, resp)
    assert job["counts"]["stored"] == 3 and job["status"] == "done"


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("[", "application/json", 400),
        ('{"text": "x"}', "application/json", 422),
        ("[]", "application/json", 422),
        ('[{"text": ""}, 5]', "application/json", 422),
        ('[{"text": "a", "published": "yesterday"}]', "application/json", 422),
        ('[{"n": NaN}]', "application/json", 422),
        ('{"text": "ok"}\n{', "application/x-ndjson", 400),
        ("Talks\n\nBody.", "text/plain", 415),
    ],
)
def test_bad_batches_are_refused_and_change_nothing(client, app, body, content_type, status):
    resp = client.post(JOBS, data=body, content_type=content_type)
    assert resp.status_code == status, resp.get_json()
    assert resp.get_json()["code"] == status
    assert rows(app) == (0, 0, 0)


def test_too_many_briefs(client, app, monkeypatch):
    monkeypatch.setattr("api.jobs.MAX_BATCH", 2)
    resp = client.post(JOBS, json=[brief(n) for n in range(3)])
    assert resp.status_code == 422 and rows(app) == (0, 0, 0)


def test_same_batch_twice_stores_each_brief_once(client, app):
    batch = [brief(n) for n in range(4)] + [brief(0)]  # the same text twice in one batch too
    first = finished(client, client.post(JOBS, json=batch))
    second = finished(client, client.post(JOBS, json=batch))
    assert first["counts"]["stored"] == 4 and first["counts"]["duplicate"] == 1
    assert second["counts"]["duplicate"] == 5 and second["status"] == "done"
    by_first, by_second = results(client, first), results(client, second)
    assert by_first[4]["duplicate_of"] == by_first[0]["document_id"]
    assert all(by_second[i]["duplicate_of"] == by_first[i]["document_id"] for i in range(4))
    assert rows(app)[2] == 4


def test_a_job_is_its_tokens_and_admins(client, app, anonymous):
    job = finished(client, client.post(JOBS, json=[brief(1)]))
    with app.app_context():
        other, admin = create_token("other-writer"), create_token("root", "admin")
    as_other = {"Authorization": f"Bearer {other}"}
    as_admin = {"Authorization": f"Bearer {admin}"}
    assert anonymous.get(f"{JOBS}/{job['id']}").status_code == 401
    assert anonymous.get(JOBS).status_code == 401
    assert anonymous.get(f"{JOBS}/{job['id']}", headers=as_other).status_code == 404
    assert anonymous.get(job["results_url"], headers=as_other).status_code == 404
    assert anonymous.get(JOBS, headers=as_other).get_json() == []
    assert anonymous.get(f"{JOBS}/{job['id']}", headers=as_admin).status_code == 200
    assert [j["id"] for j in anonymous.get(JOBS, headers=as_admin).get_json()] == [job["id"]]
    mine = client.get(JOBS)
    assert [j["id"] for j in mine.get_json()] == [job["id"]]
    assert "private" in mine.headers["Cache-Control"] and "Authorization" in mine.headers["Vary"]


def test_results_page_and_filter_by_state(client):
    job = finished(client, client.post(JOBS, json=[brief(n) for n in range(5)] + [{}]))
    page = client.get(job["results_url"], query_string={"page_size": 2, "page": 3})
    assert [r["index"] for r in page.get_json()] == [4, 5]
    assert json.loads(page.headers["X-Pagination"])["total"] == 6
    failed = client.get(job["results_url"], query_string={"state": "failed"}).get_json()
    assert [r["index"] for r in failed] == [5]
    walk = client.get(job["results_url"], query_string={"page_size": 4, "cursor": ""})
    assert [r["index"] for r in walk.get_json()] == [0, 1, 2, 3]


def test_prefer_respond_async_on_documents(client, app):
    resp = client.post(
        "/api/v1/documents", json=brief(9, source="Wire"), headers={"Prefer": "respond-async"}
    )
    assert resp.headers["Preference-Applied"] == "respond-async"
    job = finished(client, resp)
    doc_id = results(client, job)[0]["document_id"]
    assert client.get(f"/api/v1/documents/{doc_id}").get_json()["source"] == "Wire"
    again = client.post("/api/v1/documents", json=brief(9), headers={"Prefer": "wait=5"})
    assert again.status_code == 200 and again.get_json()["id"] == doc_id


def test_a_brief_that_fails_extraction_fails_alone(client, monkeypatch):
    real = api.ingest.extract

    def extract(text, *args, **kwargs):
        if "Talks 2" in text:
            raise RuntimeError("the parser broke")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(api.ingest, "extract", extract)
    job = finished(client, client.post(JOBS, json=[brief(n) for n in range(4)]))
    outcome = results(client, job)
    assert [outcome[i]["state"] for i in range(4)] == ["stored", "stored", "failed", "stored"]
    assert outcome[2]["error"] == "RuntimeError: the parser broke"


def test_transient_database_errors_are_retried(client, monkeypatch):
    real, calls = api.queue.ingest, []

    def flaky(session, brief, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return real(session, brief, **kwargs)

    monkeypatch.setattr(api.queue, "ingest", flaky)
    monkeypatch.setattr(dispatch, "backoff", lambda attempt: 0)
    job = finished(client, client.post(JOBS, json=[brief(1)]))
    outcome = results(client, job)[0]
    assert outcome["state"] == "stored" and outcome["attempts"] == 2


def test_broker_down_is_a_503_and_reads_go_on(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "INGEST_BROKER_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setitem(app.extensions, "ingest_queue", dispatch.Broker(app))
    resp = client.post(JOBS, json=[brief(1)])
    assert resp.status_code == 503 and int(resp.headers["Retry-After"]) > 0
    assert rows(app) == (0, 0, 0)
    asynchronous = client.post(
        "/api/v1/documents", json=brief(1), headers={"Prefer": "respond-async"}
    )
    assert asynchronous.status_code == 503 and rows(app) == (0, 0, 0)
    assert client.get(JOBS).status_code == 200
    assert client.get("/api/v1/documents").status_code == 200
    assert client.post("/api/v1/documents", json=brief(1)).status_code == 201
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["broker"].startswith("unavailable")


def test_metrics(client):
    finished(client, client.post(JOBS, json=[brief(1), brief(2), {"text": " "}]))
    metrics = client.get(f"{JOBS}/metrics").get_json()
    assert metrics["backend"] == "embedded" and metrics["jobs_unfinished"] == 0
    assert metrics["briefs"] == {
        "queued": 0,
        "running": 0,
        "stored": 2,
        "duplicate": 0,
        "failed": 1,
    }
    assert metrics["briefs_per_second"] == pytest.approx(3 / 60, abs=0.01)
    assert "broker" not in client.get("/readyz").get_json()


def test_requeue_sends_lost_briefs_again(client, runner, monkeypatch):
    monkeypatch.setattr(dispatch.Embedded, "send", lambda self, ids: None)  # the tasks are lost
    resp = client.post(JOBS, json=[brief(1), brief(2)])
    assert client.get(resp.headers["Location"]).get_json()["status"] == "queued"
    monkeypatch.undo()
    assert runner.invoke(args=["requeue"]).output == "0 briefs sent again\n"  # too young
    result = runner.invoke(args=["requeue", "--older-than", "0"])
    assert result.exit_code == 0 and result.output == "2 briefs sent again\n", result.output
    job = client.get(resp.headers["Location"]).get_json()
    assert job["status"] == "done" and job["counts"]["stored"] == 2
    again = runner.invoke(args=["requeue", "--older-than", "0"])
    assert again.output == "0 briefs sent again\n"
