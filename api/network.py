"""Aggregations over events: an actor's network and grouped counts (dyads, rankings; timelines
in api/timeline.py)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from . import rollup
from .db import db
from .models import Actor, Event, EventParticipant, Place
from .queries import filter_events
from .timeline import timeline


def _ref(actor: Actor) -> dict:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind}


# What an edge between the focal actor and another says, by the two sides they took.
RELATIONS = {
    ("source", "target"): "acted_on",  # the source acted on the target
    ("target", "source"): "acted_on",
    ("source", "source"): "co_source",  # both acted, in one event
    ("target", "target"): "co_target",  # both were acted on, in one event
}


def _network_filters(stmt, args: dict):
    stmt = stmt.where(Event.status != "negated")
    if args.get("type"):
        stmt = stmt.where(Event.type.in_(args["type"]))
    if "date_from" in args:
        stmt = stmt.where(Event.date >= args["date_from"])
    if "date_to" in args:
        stmt = stmt.where(Event.date <= args["date_to"])
    return stmt


def network(actor: Actor, args: dict) -> dict:
    """The actor's ego network: the actor itself and everyone it shares an event with as
    nodes; typed edges to each, by event type — `acted_on` (directed, source to target),
    `co_source` and `co_target` (undirected: acted together, were acted on together; the
    actor is `source`) — and, apart, its events with nobody on the other side (`unpaired`:
    no target where it acted, no source where it was acted on), so none is dropped."""
    me, other = aliased(EventParticipant), aliased(EventParticipant)
    events = func.count(func.distinct(Event.id))
    stmt = _network_filters(
        select(me.role, other.role, other.actor_id, Event.type, events)
        .join(other, (other.event_id == me.event_id) & (other.id != me.id))
        .join(Event, Event.id == me.event_id)
        .where(me.actor_id == actor.id)
        # An actor on both sides of an event acted on itself: one edge, seen from its source
        # side; named twice on one side, it is no pair with itself.
        .where((other.actor_id != actor.id) | ((me.role == "source") & (other.role == "target")))
        .group_by(me.role, other.role, other.actor_id, Event.type),
        args,
    )
    edges, ids = [], {actor.id}
    for role, other_role, other_id, type_, count in db.session.execute(stmt):
        relation = RELATIONS[(role, other_role)]
        src, dst = (
            (other_id, actor.id)
            if (role, other_role) == ("target", "source")
            else (actor.id, other_id)
        )
        edges.append(
            {"source": src, "target": dst, "type": type_, "relation": relation, "count": count}
        )
        ids.add(other_id)
    counterpart = aliased(EventParticipant)
    alone = _network_filters(
        select(me.role, Event.type, events)
        .join(Event, Event.id == me.event_id)
        .where(me.actor_id == actor.id)
        .where(
            ~select(counterpart.id)
            .where(counterpart.event_id == me.event_id, counterpart.role != me.role)
            .exists()
        )
        .group_by(me.role, Event.type),
        args,
    )
    unpaired = [
        {"role": role, "type": type_, "count": count}
        for role, type_, count in db.session.execute(alone)
    ]
    nodes = db.session.scalars(select(Actor).where(Actor.id.in_(ids)).order_by(Actor.id))
    edges.sort(key=lambda e: (-e["count"], e["relation"], e["type"], e["source"], e["target"]))
    unpaired.sort(key=lambda u: (-u["count"], u["role"], u["type"]))
    return {
        "actor": _ref(actor),
        "nodes": [_ref(a) for a in nodes],
        "edges": edges,
        "unpaired": unpaired,
    }


def event_stats(args: dict) -> list[dict]:
    group_by = args["group_by"]
    if group_by == "date":
        return timeline(args)
    # One row per event (per participant for actor groupings): a plain count is exact.
    count = func.count().label("count")
    if group_by == "type":
        stmt = select(Event.type, count).group_by(Event.type)
    elif group_by in ("source", "target"):
        p = aliased(EventParticipant)
        stmt = (
            select(p.actor_id, count)
            .join(p, (p.event_id == Event.id) & (p.role == group_by))
            .group_by(p.actor_id)
        )
    elif group_by == "pair":
        s, t = aliased(EventParticipant), aliased(EventParticipant)
        stmt = (
            select(s.actor_id, t.actor_id, count)
            .join(s, (s.event_id == Event.id) & (s.role == "source"))
            .join(t, (t.event_id == Event.id) & (t.role == "target"))
            .group_by(s.actor_id, t.actor_id)
        )
    elif group_by == "country":
        # Events placed nowhere, or at a sea, have no country to count under.
        stmt = (
            select(Event.country_code, count)
            .where(Event.country_code.is_not(None))
            .group_by(Event.country_code)
        )
    elif group_by == "place":
        stmt = (
            select(Event.place_id, count)
            .where(Event.place_id.is_not(None))
            .group_by(Event.place_id)
        )
    if group_by == "type" and (rolled := rollup.types(args)) is not None:
        stmt = rolled
    else:
        groups = list(stmt.selected_columns)[:-1]  # ties in the order of their groups
        stmt = filter_events(stmt.select_from(Event), args).order_by(count.desc(), *groups)
    rows = db.session.execute(stmt.limit(args.get("limit") or 100)).all()
    actors = _actors(
        {a for r in rows for a in r[:-1]} if group_by in ("source", "target", "pair") else set()
    )
    places = _places({r[0] for r in rows}) if group_by == "place" else {}
    out = []
    for row in rows:
        if group_by in ("type", "country"):
            out.append({"group": row[0], "count": row[1]})
        elif group_by == "place":
            out.append({"group": places[row[0]]["name"], "place": places[row[0]], "count": row[1]})
        elif group_by in ("source", "target"):
            out.append({"group": actors[row[0]]["name"], "actor": actors[row[0]], "count": row[1]})
        else:
            src, dst = actors[row[0]], actors[row[1]]
            out.append(
                {
                    "group": f"{src['name']} → {dst['name']}",
                    "source": src,
                    "target": dst,
                    "count": row[2],
                }
            )
    return out


def _places(ids: set[int]) -> dict[int, dict]:
    rows = db.session.execute(select(Place.id, Place.name).where(Place.id.in_(ids))) if ids else ()
    return {i: {"id": i, "name": name} for i, name in rows}


def _actors(ids: set[int]) -> dict[int, dict]:
    if not ids:
        return {}
    return {a.id: _ref(a) for a in db.session.scalars(select(Actor).where(Actor.id.in_(ids)))}
