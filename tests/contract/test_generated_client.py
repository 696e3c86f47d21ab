"""A Python SDK generated from openapi.yaml with openapi-python-client, used against the live
service: ingest, filter, walk a cursor, read an actor and its network, typed errors."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sdk(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdk") / "brief_client"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "openapi.yaml"),
            "--output-path",
            str(out),
            "--meta",
            "none",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    sys.path.insert(0, str(out.parent))
    try:
        yield importlib.import_module("brief_client")
    finally:
        sys.path.remove(str(out.parent))


def test_generated_client_against_live_service(sdk, live_server):
    base, token = live_server
    from brief_client import AuthenticatedClient, Client
    from brief_client.api.actors import get_actor, get_actor_network, list_actors
    from brief_client.api.documents import ingest_document
    from brief_client.api.events import get_event, list_events
    from brief_client.api.quotes import list_quotes
    from brief_client.models import DocumentDetail, DocumentIn, Error, ListEventsTypeItem, Network

    writer = AuthenticatedClient(base_url=base, token=token, raise_on_unexpected_status=True)
    reader = Client(base_url=base, raise_on_unexpected_status=True)

    body = DocumentIn(
        text="SDK brief\n\nRussia bombed Ukraine on Monday and France condemned Russia, officials said.",
        published=date(2024, 3, 5),
        source="SDK",
    )
    doc = ingest_document.sync(client=writer, body=body)
    assert isinstance(doc, DocumentDetail) and doc.title == "SDK brief"

    assaults = list_events.sync(
        client=reader, document_id=[doc.id], type_=[ListEventsTypeItem.ASSAULT]
    )
    assert assaults and all(e.type_.value == "ASSAULT" for e in assaults)
    assert assaults[0].sources[0].name == "Russia"

    seen, cursor = [], ""
    while True:
        resp = list_quotes.sync_detailed(client=reader, cursor=cursor, page_size=3)
        assert resp.status_code == 200
        seen += [q.id for q in resp.parsed]
        meta = json.loads(resp.headers["X-Pagination"])
        if "next_cursor" not in meta:
            break
        cursor = meta["next_cursor"]
    assert len(seen) == len(set(seen)) > 3

    russia = next(a for a in list_actors.sync(client=reader, q="Russia") if a.name == "Russia")
    assert get_actor.sync(client=reader, actor_id=russia.id).name == "Russia"
    network = get_actor_network.sync(client=reader, actor_id=russia.id)
    assert isinstance(network, Network) and network.edges

    missing = get_event.sync(client=reader, event_id=2_000_000_000)
    assert isinstance(missing, Error) and missing.code == 404
    invalid = list_events.sync(client=reader, date_from=date(2024, 2, 1), date_to=date(2024, 1, 1))
    assert isinstance(invalid, Error) and invalid.code == 422
    assert "date_from" in json.dumps(invalid.errors.to_dict())
