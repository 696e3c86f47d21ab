"""Actors shared across documents: found by key or created once, aliases growing, and
pruned when nothing refers to them any more. Part of the ingest transaction."""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from extract.dictionary import load as load_dictionary
from extract.records import ActorInfo

from .db import insert_for, utcnow
from .models import Actor, ActorAlias, Deletion, EventParticipant, Mention, Quote


def resolve_actors(session: Session, infos: dict[str, ActorInfo]) -> dict[str, Actor]:
    """One row per real actor across documents: found by key, created once, aliases growing."""
    dictionary = load_dictionary().actors
    wanted: dict[str, ActorInfo] = {}

    def want(key: str) -> None:
        info = infos.get(key) or dictionary.get(key)
        if info is None or key in wanted:
            return
        wanted[key] = info
        if info.affiliation and info.affiliation != key:
            want(info.affiliation)

    for key in infos:
        want(key)
    rows = _actor_rows(session, wanted)
    new_aliases = []
    for key, actor in rows.items():
        info = wanted[key]
        if key in infos:
            if info.title:
                actor.title = info.title
            known = set(actor.aliases)
            new_aliases += [
                {"actor_id": actor.id, "alias": a}
                for a in dict.fromkeys(info.aliases)
                if a not in known
            ]
        if info.affiliation in rows and info.affiliation != key:
            actor.affiliation = rows[info.affiliation]
    if new_aliases:
        # A concurrent ingest may add the same alias: theirs stands, ours is skipped.
        session.execute(
            insert_for(session, ActorAlias).values(new_aliases).on_conflict_do_nothing()
        )
        for actor in rows.values():
            session.expire(actor, ["alias_rows"])
    return rows


def _actor_rows(session: Session, wanted: dict[str, ActorInfo]) -> dict[str, Actor]:
    """The actors for these keys, created where missing: a few statements for the whole
    document, not a few per actor."""
    keys = sorted(wanted)  # one order for every ingest: concurrent ingests cannot deadlock

    def found(keys: list[str]) -> dict[str, Actor]:
        stmt = select(Actor).where(Actor.key.in_(keys)).options(selectinload(Actor.alias_rows))
        return {a.key: a for a in session.scalars(stmt)} if keys else {}

    rows = found(keys)
    missing = [k for k in keys if k not in rows]
    if missing:
        now = utcnow()
        values = [
            {
                "key": k,
                "name": wanted[k].name,
                "kind": wanted[k].kind,
                "code": wanted[k].code,
                "created_at": now,
                "updated_at": now,
            }
            for k in missing
        ]
        # Created meanwhile by a concurrent ingest: theirs is the row.
        session.execute(insert_for(session, Actor).values(values).on_conflict_do_nothing())
        rows.update(found(missing))
    return {k: rows[k] for k in keys}


def prune_actors(session: Session) -> int:
    """Delete actors nothing refers to any more (no mention, event, quote or affiliate)."""
    referenced = or_(
        exists().where(Mention.actor_id == Actor.id),
        exists().where(EventParticipant.actor_id == Actor.id),
        exists().where(Quote.speaker_id == Actor.id),
    )
    keep = select(Actor.id).where(referenced)
    affiliates = select(Actor.affiliation_id).where(referenced, Actor.affiliation_id.is_not(None))
    doomed = select(Actor.id).where(Actor.id.not_in(keep), Actor.id.not_in(affiliates))
    ids = list(session.scalars(doomed))
    if not ids:
        return 0
    session.add_all(Deletion(resource="actors", resource_id=i) for i in ids)
    session.execute(delete(Actor).where(Actor.id.in_(ids)))
    return len(ids)
