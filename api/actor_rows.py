"""Actors shared across documents: found by key or created once, aliases growing, and
pruned when nothing refers to them any more. Part of the ingest or delete transaction.

Pruning must never take an actor another transaction is about to name. On PostgreSQL an
ingest locks the actors it found FOR KEY SHARE (inserting rows that reference them would too,
but later); a delete locks the actors it may prune FOR UPDATE before it changes anything and
decides which nothing names only afterwards, in a statement of its own — so it waits for any
ingest naming them to commit and then counts that ingest's references. An ingest that comes
second waits for the delete, finds the pruned actor gone, and makes it again. SQLite runs one
writer at a time, and both transactions begin with a write, so each reads the actors under the
database's write lock: the same guarantee, without row locks.
"""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select, union
from sqlalchemy.orm import Session, aliased, selectinload

from extract.dictionary import load as load_dictionary
from extract.records import ActorInfo

from .db import NAME_MAX, fit, fit_key, insert_for, utcnow
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
                for a in dict.fromkeys(fit(a, NAME_MAX) for a in info.aliases)
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
    stored = {k: fit_key(k) for k in keys}  # a key as the column holds it

    def found(keys: list[str]) -> dict[str, Actor]:
        # FOR KEY SHARE, in id order (the order deletes lock in): a delete that means to prune
        # one of these waits for this transaction. Key-share locks do not conflict with each
        # other, nor with updating an actor's title or aliases: ingests never wait on them.
        stmt = (
            select(Actor)
            .where(Actor.key.in_([stored[k] for k in keys]))
            .order_by(Actor.id)
            .with_for_update(read=True, key_share=True)
            .options(selectinload(Actor.alias_rows))
        )
        by_key = {a.key: a for a in session.scalars(stmt)} if keys else {}
        return {k: by_key[stored[k]] for k in keys if stored[k] in by_key}

    rows = found(keys)
    # Twice: an actor a concurrent ingest made (so our insert skipped it) can be pruned by a
    # delete before we look it up; the second round makes it anew.
    for _ in range(2):
        missing = [k for k in keys if k not in rows]
        if not missing:
            break
        now = utcnow()
        values = [
            {
                "key": stored[k],
                "name": fit(wanted[k].name, NAME_MAX),
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


def _referenced(actor):
    return or_(
        exists().where(Mention.actor_id == actor.id),
        exists().where(EventParticipant.actor_id == actor.id),
        exists().where(Quote.speaker_id == actor.id),
    )


def _unreferenced():
    """Actors nothing names and that are no named actor's affiliation."""
    member = aliased(Actor)
    affiliate = exists().where(member.affiliation_id == Actor.id, _referenced(member))
    return ~_referenced(Actor) & ~affiliate


def hold_actors(session: Session, document_id: int) -> list[int]:
    """Lock FOR UPDATE, in id order, every actor that may be named by nothing once the
    document's rows are gone: the ones it names, their affiliations, and any nothing names
    already. Called before the transaction changes anything, so a delete takes its row locks
    in the order ingests do (actors, then rollups). The ids still there."""
    named = union(
        select(Mention.actor_id).where(Mention.document_id == document_id),
        select(EventParticipant.actor_id).where(EventParticipant.document_id == document_id),
        select(Quote.speaker_id).where(Quote.document_id == document_id),
    ).subquery()
    ids = select(named.c[0]).where(named.c[0].is_not(None))
    affiliations = select(Actor.affiliation_id).where(Actor.id.in_(ids))
    stmt = (
        select(Actor.id)
        .where(Actor.id.in_(ids) | Actor.id.in_(affiliations) | _unreferenced())
        .order_by(Actor.id)
        .with_for_update()
    )
    return list(session.scalars(stmt))


def prune_actors(session: Session, held: list[int]) -> int:
    """Delete those of the `held` actors (locked by `hold_actors`) that nothing refers to any
    more. A statement of its own: it sees every reference committed while we waited for the
    locks, and none can be added now (naming an actor needs a lock ours excludes)."""
    if not held:
        return 0
    doomed = select(Actor.id).where(Actor.id.in_(held), _unreferenced())
    ids = list(session.scalars(doomed))
    if not ids:
        return 0
    session.add_all(Deletion(resource="actors", resource_id=i) for i in ids)
    session.execute(delete(Actor).where(Actor.id.in_(ids)))
    return len(ids)
