"""Races between writers, on real concurrent connections: requests in threads released
together by a barrier. Where a race has a window, one side holds its transaction open at the
point that matters (a statement or the commit) so the other lands inside it every run, not
once in a while. After every race the database is checked whole (tests/consistency.py)."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from api.db import db
from tests.conftest import get_all
from tests.consistency import assert_consistent

URL = "/api/v1/documents"
# Macron is named, quoted and acts only in the brief that names him.
BRIEF = (
    "Brief {n}\n\n"
    '"We will not accept this," President Emmanuel Macron said on Monday. '
    "Macron accused Germany of spying. Ref {n}."
)
# Without events: deletes of these touch no rollup row, so nothing else orders them.
QUOTED = 'Quoted {n}\n\n"We will not accept this," President Emmanuel Macron said. Ref {n}.'
HOLD = 0.5  # seconds a transaction is held open: far longer than the other side needs


def _client(app):
    c = app.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {app.config['TEST_WRITE_TOKEN']}"
    return c


def _post(app, n: int, brief: str = BRIEF):
    # A week apart: the briefs' events count in different rollup rows, so writers do not
    # queue behind each other's rollup updates (which would hide a missing lock).
    published = date(2024, 1, 1) + timedelta(weeks=n % 52)
    return _client(app).post(URL, json={"text": brief.format(n=n), "published": str(published)})


def _together(*calls):
    """Run the calls in threads released at once by a barrier; their results, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


class Held:
    """Holds a thread's transaction open for HOLD seconds at one point — after a statement
    starting with `statement`, or just before COMMIT — and tells when it is there."""

    def __init__(self, app, statement: str | None = None) -> None:
        with app.app_context():
            self.engine = db.engine
        self.statement = statement
        self.thread: int | None = None
        self.reached = threading.Event()

    def _hold(self) -> None:
        if threading.get_ident() == self.thread and not self.reached.is_set():
            self.reached.set()
            time.sleep(HOLD)

    def _after(self, conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith(self.statement):
            self._hold()

    def _commit(self, session) -> None:
        self._hold()

    def __enter__(self):
        if self.statement:
            event.listen(self.engine, "after_cursor_execute", self._after)
        else:
            event.listen(Session, "before_commit", self._commit)
        return self

    def __exit__(self, *exc) -> None:
        if self.statement:
            event.remove(self.engine, "after_cursor_execute", self._after)
        else:
            event.remove(Session, "before_commit", self._commit)

    def mine(self, call):
        """`call`, marked as the thread to hold."""

        def run():
            self.thread = threading.get_ident()
            return call()

        return run

    def after_reached(self, call):
        """`call`, once the held thread is inside its transaction."""

        def run():
            assert self.reached.wait(timeout=30), "the held side never got there"
            return call()

        return run


def test_concurrent_deletes_of_one_document_delete_it_once(app, client):
    doc = _post(app, 1).get_json()
    _post(app, 2)
    before = client.get("/api/v1/stats/events?group_by=type").get_json()
    codes = _together(
        *[lambda: _client(app).delete(f"{URL}/{doc['id']}").status_code for _ in range(8)]
    )
    assert sorted(codes) == [204] + [404] * 7, codes
    feed = get_all(client, "/api/v1/deletions", resource="documents")
    assert [d["resource_id"] for d in feed] == [doc["id"]]
    after = client.get("/api/v1/stats/events?group_by=type").get_json()
    assert sum(r["count"] for r in after) == sum(r["count"] for r in before) / 2
    assert_consistent(app)


# With events, writers also meet on rollup rows; without, only on the actor.
BRIEFS = pytest.mark.parametrize("brief", [BRIEF, QUOTED], ids=["events", "quote-only"])


@BRIEFS
def test_a_delete_inside_an_ingest_that_names_its_actor_keeps_the_actor(app, client, brief):
    """The ingest has found Macron and written its mentions, uncommitted, when the delete of
    the only other document naming him decides which actors nothing names any more."""
    old = _post(app, 1, brief).get_json()
    with Held(app, "INSERT INTO MENTIONS") as held:
        ingest, delete = _together(
            held.mine(lambda: _post(app, 2, brief)),
            held.after_reached(lambda: _client(app).delete(f"{URL}/{old['id']}")),
        )
    assert (ingest.status_code, delete.status_code) == (201, 204), ingest.get_json()
    _assert_macron_intact(client, ingest.get_json()["id"])
    assert_consistent(app)


@BRIEFS
def test_an_ingest_inside_a_delete_that_prunes_its_actor_recreates_the_actor(app, client, brief):
    """The delete has pruned Macron, uncommitted, when the ingest naming him looks him up."""
    old = _post(app, 1, brief).get_json()
    with Held(app) as held:
        delete, ingest = _together(
            held.mine(lambda: _client(app).delete(f"{URL}/{old['id']}")),
            held.after_reached(lambda: _post(app, 2, brief)),
        )
    assert (ingest.status_code, delete.status_code) == (201, 204), ingest.get_json()
    _assert_macron_intact(client, ingest.get_json()["id"])
    assert_consistent(app)


def test_concurrent_deletes_of_the_last_documents_naming_an_actor_prune_it(app, client):
    """Each delete sees the other's document still naming the actor: without a lock on the
    actor both keep it, and it is left behind named by nothing."""
    first, second = _post(app, 1, QUOTED).get_json(), _post(app, 2, QUOTED).get_json()
    assert get_all(client, "/api/v1/events") == []
    with Held(app) as held:
        codes = _together(
            held.mine(lambda: _client(app).delete(f"{URL}/{first['id']}").status_code),
            held.after_reached(lambda: _client(app).delete(f"{URL}/{second['id']}").status_code),
        )
    assert codes == [204, 204]
    assert get_all(client, "/api/v1/actors") == []
    assert_consistent(app)


def _assert_macron_intact(client, document_id: int) -> None:
    macron = [a for a in get_all(client, "/api/v1/actors") if a["name"] == "Emmanuel Macron"]
    assert len(macron) == 1, macron
    mentions = get_all(client, f"/api/v1/actors/{macron[0]['id']}/mentions")
    assert {m["document_id"] for m in mentions} == {document_id}
    quotes = get_all(client, "/api/v1/quotes", document_id=document_id)
    assert quotes and all(q["speaker"] for q in quotes), quotes
    events = get_all(client, "/api/v1/events", document_id=document_id)
    assert all(e["sources"] for e in events), events
    meta = json.loads(client.get("/api/v1/events").headers["X-Pagination"])
    assert meta["total"] == len(events)


@pytest.mark.parametrize("n", [8])
def test_concurrent_ingests_and_deletes_leave_a_consistent_database(app, client, n):
    """A mix, released together: every write answers as it should and the whole database
    adds up afterwards."""
    docs = [_post(app, i).get_json() for i in range(n)]
    calls = [lambda d=d: _client(app).delete(f"{URL}/{d['id']}").status_code for d in docs]
    calls += [lambda i=i: _post(app, 100 + i).status_code for i in range(n)]
    codes = _together(*calls)
    assert codes == [204] * n + [201] * n, codes
    assert len(get_all(client, URL)) == n
    assert_consistent(app)
