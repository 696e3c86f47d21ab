"""Ids are never handed out twice (issue 19, item 5): after a delete, the next document,
event, quote and actor get new ids on both databases, so a client following `/deletions`
never deletes something it has not seen deleted."""

from __future__ import annotations

from tests.conftest import get_all

URL = "/api/v1/documents"
BRIEFS = (
    "First brief\n\nRussia bombed Ukraine on Monday, the Kremlin said.",
    "Second brief\n\nThe Zorblax Front attacked Gondwana on Tuesday, officials said.",
    "Third brief\n\nThe Quuxian Guard shelled Lemuria on Friday, Lemurian officials said.",
)


def _ids(client, doc_id: int) -> dict[str, set[int]]:
    return {
        "events": {e["id"] for e in get_all(client, "/api/v1/events", document_id=doc_id)},
        "quotes": {q["id"] for q in get_all(client, "/api/v1/quotes", document_id=doc_id)},
        "actors": {a["id"] for a in get_all(client, "/api/v1/actors", document_id=doc_id)},
    }


def test_deleted_ids_are_never_reused(client):
    first = client.post(URL, json={"text": BRIEFS[0]}).get_json()
    second = client.post(URL, json={"text": BRIEFS[1]}).get_json()
    before = _ids(client, second["id"])
    assert before["events"] and before["actors"]
    # The newest document: the one whose id SQLite without AUTOINCREMENT would hand out again.
    assert client.delete(f"{URL}/{second['id']}").status_code == 204
    feed = get_all(client, "/api/v1/deletions")
    deleted = {(d["resource"], d["resource_id"]) for d in feed}
    assert ("documents", second["id"]) in deleted

    third = client.post(URL, json={"text": BRIEFS[2]}).get_json()
    after = _ids(client, third["id"])
    assert third["id"] > second["id"] > first["id"]
    assert ("documents", third["id"]) not in deleted
    for kind in ("events", "quotes", "actors"):
        assert not after[kind] & before[kind], kind
        assert min(after[kind], default=10**9) > max(before[kind], default=0), kind
    # Actors the delete pruned are in the feed; none of the new document's actors is.
    pruned = {i for r, i in deleted if r == "actors"}
    assert pruned and not pruned & after["actors"]
    # The client's sync: every id in the feed is gone, and the new document is served.
    assert client.get(f"{URL}/{second['id']}").status_code == 404
    assert client.get(f"{URL}/{third['id']}").status_code == 200


def test_deletion_feed_ids_are_never_reused(client):
    doc = client.post(URL, json={"text": BRIEFS[0]}).get_json()
    assert client.delete(f"{URL}/{doc['id']}").status_code == 204
    first = {d["id"] for d in get_all(client, "/api/v1/deletions")}
    again = client.post(URL, json={"text": BRIEFS[0]}).get_json()
    assert again["id"] > doc["id"]
    assert client.delete(f"{URL}/{again['id']}").status_code == 204
    second = {d["id"] for d in get_all(client, "/api/v1/deletions")} - first
    assert second and min(second) > max(first)
