"""Aggregations over events: an actor's network and grouped counts (timelines, dyads)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from . import rollup
from .db import db
from .models import Actor, Event, EventParticipant
from .queries import filter_events


def _ref(actor: Actor) -> dict:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind}


def network(actor: Actor, args: dict) -> dict:
    """Edges between the actor and everyone it acted on or was acted on by, by event type."""
    me, other = aliased(EventParticipant), aliased(EventParticipant)
    stmt = (
        select(me.role, other.actor_id, Event.type, func.count(func.distinct(Event.id)))
        .join(other, (other.event_id == me.event_id) & (other.role != me.role))
        .join(Event, Event.id == me.event_id)
        .where(me.actor_id == actor.id, Event.status != "negated")
        .group_by(me.role, other.actor_id, Event.type)
    )
    if args.get("type"):
        stmt = stmt.where(Event.type.in_(args["type"]))
    if "date_from" in args:
        stmt = stmt.where(Event.date >= args["date_from"])
    if "date_to" in args:
        stmt = stmt.where(Event.date <= args["date_to"])
    edges, ids = [], set()
    for role, other_id, type_, count in db.session.execute(stmt):
        src, dst = (actor.id, other_id) if role == "source" else (other_id, actor.id)
        edges.append({"source": src, "target": dst, "type": type_, "count": count})
        ids.add(other_id)
    nodes = (
        db.session.scalars(select(Actor).where(Actor.id.in_(ids)).order_by(Actor.id)) if ids else []
    )
    edges.sort(key=lambda e: (-e["count"], e["type"], e["source"], e["target"]))
    return {"actor": _ref(actor), "nodes": [_ref(a) for a in nodes], "edges": edges}


def _timeline(args: dict):
    """Counts per day first (per whole month for monthly and yearly timelines), from the
    rollups or else straight off the (date, status) index; then into periods: truncating a
    year's 12 months or 365 days costs nothing, truncating 100,000 events' dates half the
    query."""
    interval = args.get("interval", "day")
    if rollup.usable(args):
        days = rollup.days(args, interval).subquery()
    else:
        days = filter_events(
            select(Event.date.label("day"), func.count().label("n"))
            .where(Event.date.is_not(None))
            .group_by(Event.date),
            args,
        ).subquery()
    dialect = db.session.get_bind().dialect.name
    period = rollup.period(interval, days.c.day, dialect).label("period")
    return select(period, func.sum(days.c.n).label("count")).group_by(period).order_by(period)


def event_stats(args: dict) -> list[dict]:
    group_by = args["group_by"]
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
    if group_by == "date":
        stmt = _timeline(args)
    elif group_by == "type" and (rolled := rollup.types(args)) is not None:
        stmt = rolled
    else:
        groups = list(stmt.selected_columns)[:-1]  # ties in the order of their groups
        stmt = filter_events(stmt.select_from(Event), args).order_by(count.desc(), *groups)
    rows = db.session.execute(stmt.limit(args.get("limit", 100))).all()
    actors = _actors(
        {a for r in rows for a in r[:-1]} if group_by in ("source", "target", "pair") else set()
    )
    out = []
    for row in rows:
        if group_by == "type":
            out.append({"group": row[0], "count": row[1]})
        elif group_by == "date":
            day = row[0].isoformat() if hasattr(row[0], "isoformat") else str(row[0])
            out.append({"group": day, "date": day, "count": int(row[1])})
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


def _actors(ids: set[int]) -> dict[int, dict]:
    if not ids:
        return {}
    return {a.id: _ref(a) for a in db.session.scalars(select(Actor).where(Actor.id.in_(ids)))}
