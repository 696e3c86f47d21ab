"""A Python SDK generated from openapi.yaml with openapi-python-client, used against the live
service: ingest, filter, walk a cursor, read an actor and its network, typed errors."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import typing
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sdk(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdk") / "brief_client"
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "openapi.yaml"),
            "--output-path",
            str(out),
            "--meta",
            "none",
            "--config",
            str(ROOT / "tests" / "sdk" / "openapi-python-client.yaml"),
        ],
        check=True,
        capture_output=True,
        text=True,
        # The generator formats its output with ruff, found on PATH: the venv's.
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    # The README's command generates a client without a single warning (issue 19).
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert "not in PATH" not in result.stdout + result.stderr
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
    from brief_client.models import DocumentDetail, DocumentIn, Error, EventType, Network

    writer = AuthenticatedClient(base_url=base, token=token, raise_on_unexpected_status=True)
    reader = Client(base_url=base, raise_on_unexpected_status=True)

    body = DocumentIn(
        text="SDK brief\n\nRussia bombed Ukraine on Monday and France condemned Russia, officials said.",
        published=date(2024, 3, 5),
        source="SDK",
    )
    doc = ingest_document.sync(client=writer, body=body)
    assert isinstance(doc, DocumentDetail) and doc.title == "SDK brief"

    assaults = list_events.sync(client=reader, document_id=[doc.id], type_=[EventType.ASSAULT])
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
    assert russia.id in {node.id for node in network.nodes}  # the actor itself is a node
    assert {edge.relation.value for edge in network.edges} <= {"acted_on", "co_source", "co_target"}

    # Where: a document's places, events by country and by a box around the town.
    from brief_client.api.places import list_places
    from brief_client.models import GeoPrecision, PlaceFeature

    body = DocumentIn(
        text="SDK places\n\nRussian forces shelled Ukrainian positions near Bakhmut on Friday.",
        published=date(2024, 3, 8),
        source="SDK",
    )
    placed = ingest_document.sync(client=writer, body=body)
    places = list_places.sync(client=reader, document_id=[placed.id])
    bakhmut = next(p for p in places if p.name == "Bakhmut")
    assert (bakhmut.country_code, bakhmut.feature) == ("UA", PlaceFeature.CITY)
    in_ukraine = list_events.sync(client=reader, country=["UA"], document_id=[placed.id])
    assert in_ukraine and all(e.country_code == "UA" for e in in_ukraine)
    shelled = in_ukraine[0]
    assert shelled.place.id == bakhmut.id and shelled.geo_precision is GeoPrecision.NEAR_CITY
    boxed = list_events.sync(client=reader, bbox="37.5,48.0,38.5,49.0")
    assert shelled.id in {e.id for e in boxed}
    bad = list_events.sync(client=reader, bbox="38.5,48.0,37.5,49.0")  # west > east
    assert isinstance(bad, Error) and "bbox" in {e.field for e in bad.errors}

    missing = get_event.sync(client=reader, event_id=2_000_000_000)
    assert isinstance(missing, Error) and missing.code == 404
    invalid = list_events.sync(client=reader, date_from=date(2024, 2, 1), date_to=date(2024, 1, 1))
    assert isinstance(invalid, Error) and invalid.status == invalid.code == 422
    assert "date_from" in {e.field for e in invalid.errors}  # the one problem shape (issue 24)


def test_generated_models_are_typed_as_the_service_answers(sdk):
    """Issue 19: fields always present are typed without `Unset`, nullable references are
    `ActorRef | None`, each enum is one named type."""
    from brief_client import models

    def hints(model) -> dict:
        return typing.get_type_hints(model, {**vars(sys.modules[model.__module__]), **vars(models)})

    unset = models.Event.__module__.rsplit(".", 2)[0] + ".types"
    Unset = importlib.import_module(unset).Unset  # noqa: N806 - the generated class's name
    for model, optional in [
        (models.Event, {"search"}),
        (models.Quote, {"search"}),
        (models.Actor, set()),
        (models.Document, {"search"}),
        (models.DocumentDetail, {"search"}),
        (models.Network, set()),
        (models.Edge, set()),
        (models.Unpaired, set()),
        (models.StatsRow, {"date", "precision", "actor", "source", "target", "place"}),
        (models.Place, set()),
        (models.Deletion, set()),
        (models.Error, set()),
        (models.FieldError, set()),
    ]:
        for name, hint in hints(model).items():
            if name == "additional_properties":
                continue
            has_unset = Unset in typing.get_args(hint)
            assert has_unset == (name in optional), (model.__name__, name, hint)
    assert hints(models.Actor)["affiliation"] == models.ActorRef | None
    assert hints(models.Quote)["speaker"] == models.ActorRef | None
    assert hints(models.Event)["date_precision"] == models.DatePrecision | None
    assert hints(models.Event)["place"] == models.PlaceRef | None
    assert hints(models.Event)["geo_precision"] == models.GeoPrecision | None
    assert hints(models.Place)["feature"] is models.PlaceFeature
    assert hints(models.Event)["type_"] is models.EventType
    assert hints(models.Event)["status"] is models.EventStatus
    assert hints(models.ActorRef)["kind"] is models.ActorKind
    assert hints(models.Quote)["kind"] is models.QuoteKind
    assert hints(models.Edge)["relation"] is models.EdgeRelation
    assert hints(models.Unpaired)["role"] is models.Role
    assert hints(models.StatsRow)["precision"] == models.StatsInterval | Unset


def test_generated_client_reads_references_and_pages(sdk, live_server):
    """`affiliation` and `speaker` usable as objects, paging through plain headers."""
    base, _ = live_server
    from brief_client import Client
    from brief_client.api.actors import get_actor, list_actors
    from brief_client.api.quotes import list_quotes
    from brief_client.models import ActorKind, ActorRef, DatePrecision

    reader = Client(base_url=base, raise_on_unexpected_status=True)
    people = list_actors.sync(client=reader, kind=[ActorKind.PERSON], page_size=100)
    affiliated = [a for a in people if a.affiliation is not None]
    assert affiliated, "the gold briefs name people with an affiliation"
    actor = get_actor.sync(client=reader, actor_id=affiliated[0].id)
    assert isinstance(actor.affiliation, ActorRef) and actor.affiliation.name

    quotes, cursor, pages = [], "", 0
    while True:
        resp = list_quotes.sync_detailed(client=reader, cursor=cursor, page_size=5)
        quotes += resp.parsed
        pages += 1
        cursor = resp.headers.get("X-Next-Cursor")
        if not cursor:
            break
    assert pages > 1 and len({q.id for q in quotes}) == len(quotes)
    assert any(isinstance(q.speaker, ActorRef) and q.speaker.name for q in quotes)

    from brief_client.api.events import list_events

    page = list_events.sync_detailed(client=reader, page=1, page_size=5)
    assert int(page.headers["X-Total-Count"]) >= len(page.parsed) > 0
    assert all(isinstance(e.date_precision, DatePrecision | None) for e in page.parsed)
