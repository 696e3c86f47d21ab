"""Places shared across documents: found by key or created once, inside the ingest transaction.

Unlike actors, places are never pruned (a document's deletion removes its mentions; the place
stays, as a gazetteer entry would), so no lock has to keep a delete from taking a place an
ingest is about to name: an insert that skips rows a concurrent ingest made, then a lookup, is
enough on both engines. The keys go in one sorted order, so two ingests inserting overlapping
places wait on each other's unique-index entries in the same order and never deadlock.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from extract.records import Place as PlaceRecord

from .db import NAME_MAX, fit, fit_key, insert_for
from .models import Place

# What a stored place says, refreshed when a later gazetteer says otherwise (reextract).
ATTRIBUTES = (
    "name",
    "feature",
    "country_code",
    "admin1_code",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "source",
)


def _values(record: PlaceRecord) -> dict:
    return {
        "key": fit_key(record.key),
        "geonames_id": record.geonames_id,
        "name": fit(record.name, NAME_MAX),
        "feature": record.feature,
        "country_code": record.country_code,
        "admin1_code": record.admin1_code,
        "admin1": fit(record.admin1, NAME_MAX),
        "latitude": record.latitude,
        "longitude": record.longitude,
        "population": record.population,
        "source": record.source,
    }


def resolve_places(session: Session, records: tuple[PlaceRecord, ...]) -> dict[str, int]:
    """{place key: places.id} for the extraction's places, created where missing."""
    wanted = {r.key: _values(r) for r in sorted(records, key=lambda r: r.key)}
    if not wanted:
        return {}
    stored = {k: v["key"] for k, v in wanted.items()}

    def found() -> dict[str, tuple]:
        rows = session.execute(
            select(Place.id, Place.key, Place.geonames_id, *(getattr(Place, a) for a in ATTRIBUTES))
            .where(Place.key.in_(list(stored.values())))
            .order_by(Place.key)
        )
        return {r.key: r for r in rows}

    rows = found()
    missing = [v for k, v in wanted.items() if stored[k] not in rows]
    if missing:
        # Made meanwhile by a concurrent ingest: theirs is the row.
        session.execute(insert_for(session, Place).values(missing).on_conflict_do_nothing())
        rows = found()
    ids = {}
    for key, values in wanted.items():
        row = rows.get(stored[key])
        if row is None:
            # The key is new but its GeoNames id is stored under another key (a curated
            # entry carrying a verified id): that row is the place.
            gid = values["geonames_id"]
            ids[key] = session.scalar(select(Place.id).where(Place.geonames_id == gid))
            continue
        ids[key] = row.id
        changed = {a: values[a] for a in ATTRIBUTES if getattr(row, a) != values[a]}
        if changed:
            session.execute(update(Place).where(Place.id == row.id).values(**changed))
    return {k: v for k, v in ids.items() if v is not None}
