"""Normalized tables: documents and their parts, shared actors and places, mentions, events,
quotes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import NAME_MAX, TITLE_MAX, UTCDateTime, db, unbounded, utcnow

CASCADE = "all, delete-orphan"


# Ids a client has seen are never handed out again, even after a delete (SQLite would reuse the
# largest; PostgreSQL's sequences never do): migration f8a2c6e1d4b9.
NEVER_REUSED = {"sqlite_autoincrement": True}


class Document(db.Model):
    __tablename__ = "documents"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    subtitle: Mapped[str | None] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(unbounded(100))
    section: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(10), default="en")
    text: Mapped[str] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )

    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", cascade=CASCADE, order_by="Paragraph.index"
    )
    media: Mapped[list[Media]] = relationship(cascade=CASCADE, order_by="Media.id")
    mentions: Mapped[list[Mention]] = relationship(cascade=CASCADE, back_populates="document")
    events: Mapped[list[Event]] = relationship(cascade=CASCADE, back_populates="document")
    quotes: Mapped[list[Quote]] = relationship(cascade=CASCADE, back_populates="document")
    place_mentions: Mapped[list[PlaceMention]] = relationship(
        cascade=CASCADE, order_by="PlaceMention.start"
    )


class Paragraph(db.Model):
    __tablename__ = "paragraphs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="paragraphs")


class Media(db.Model):
    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    caption: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(unbounded(500))
    photographer: Mapped[str | None] = mapped_column(unbounded(200))
    agency: Mapped[str | None] = mapped_column(unbounded(200))


class Actor(db.Model):
    __tablename__ = "actors"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str | None] = mapped_column(unbounded(300))
    code: Mapped[str | None] = mapped_column(String(20))
    affiliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )

    affiliation: Mapped[Actor | None] = relationship(remote_side="Actor.id")
    alias_rows: Mapped[list[ActorAlias]] = relationship(cascade=CASCADE, order_by="ActorAlias.id")

    @property
    def aliases(self) -> list[str]:
        return [a.alias for a in self.alias_rows]


class ActorAlias(db.Model):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(NAME_MAX), index=True)


class Mention(db.Model):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_actor_document", "actor_id", "document_id"),
        Index("ix_mentions_document_start", "document_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(unbounded(300))

    document: Mapped[Document] = relationship(back_populates="mentions")
    actor: Mapped[Actor] = relationship()


class Event(db.Model):
    __tablename__ = "events"
    # The default list order and the keyset a cursor walks it by.
    __table_args__ = (
        Index("ix_events_document_start", "document_id", "start", "id"),
        Index("ix_events_date_id", "date", "id"),
        # Timelines count days off this index alone (index-only scan, no heap visits).
        Index("ix_events_date_status", "date", "status"),
        # A type over a date range, listed or counted, without visiting other types' rows.
        Index("ix_events_type_date", "type", "date", "status"),
        # A country's or a place's events in list order (document, start, id): a page walks
        # the index from the filter's key and stops after its rows.
        Index("ix_events_country_order", "country_code", "document_id", "start", "id"),
        Index("ix_events_place_order", "place_id", "document_id", "start", "id"),
        # `bbox` and `near`: a range on latitude, longitude checked in the index. Partial:
        # country- and region-level events (no coordinates) take no room in it.
        Index(
            "ix_events_lat_lon",
            "latitude",
            "longitude",
            postgresql_where=sql_text("latitude IS NOT NULL"),
            sqlite_where=sql_text("latitude IS NOT NULL"),
        ),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(20))  # indexed by ix_events_type_date
    mode: Mapped[str | None] = mapped_column(String(40))
    cameo: Mapped[str | None] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    trigger: Mapped[str] = mapped_column(String(500))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)  # indexed by the two composites above
    date_precision: Mapped[str | None] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(unbounded(100))
    location: Mapped[str | None] = mapped_column(unbounded(200))
    confidence: Mapped[float] = mapped_column(Float, index=True)
    sentence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Where: the place, how precisely (city, near_city, admin1, region, country), the place's
    # country, and coordinates only when the place is a town or an admin1 (never a country's
    # or a region's representative point, which a map would draw as if it were a town).
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))  # places stay
    geo_precision: Mapped[str | None] = mapped_column(String(10))
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="events")
    place: Mapped[Place | None] = relationship()
    participants: Mapped[list[EventParticipant]] = relationship(
        cascade=CASCADE, order_by="EventParticipant.id"
    )

    def _role(self, role: str) -> list[Actor]:
        return [p.actor for p in self.participants if p.role == role]

    @property
    def sources(self) -> list[Actor]:
        return self._role("source")

    @property
    def targets(self) -> list[Actor]:
        return self._role("target")


class EventParticipant(db.Model):
    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id", "role"),
        Index("ix_event_participants_actor_role", "actor_id", "role"),
        # An actor's events in list order: a page walks this index and stops after 21 rows,
        # instead of fetching and sorting every event the actor is in (~1,000 at 1M events).
        Index("ix_event_participants_actor_order", "actor_id", "document_id", "start", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    # Copies of the event's list-order keys (events never change once stored).
    document_id: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)

    actor: Mapped[Actor] = relationship()


class Place(db.Model):
    """A gazetteer place (GeoNames, or the project's curated seas, regions and landmarks),
    shared across documents like actors; created at ingest, never pruned."""

    __tablename__ = "places"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)  # geonames:… or curated:…
    geonames_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    feature: Mapped[str] = mapped_column(String(20), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1_code: Mapped[str | None] = mapped_column(String(20))
    admin1: Mapped[str | None] = mapped_column(String(NAME_MAX))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    population: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(20))


class PlaceMention(db.Model):
    __tablename__ = "place_mentions"
    __table_args__ = (
        Index("ix_place_mentions_document_start", "document_id", "start"),
        # A place's documents, and the places of some documents (`/places?document_id=`).
        Index("ix_place_mentions_place_document", "place_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))  # ner | actor | dateline | locative
    confidence: Mapped[float] = mapped_column(Float)


class Quote(db.Model):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_document_start", "document_id", "start", "id"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), index=True)
    cue: Mapped[str | None] = mapped_column(unbounded(50))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    document: Mapped[Document] = relationship(back_populates="quotes")
    speaker: Mapped[Actor | None] = relationship()


class EventDay(db.Model):
    """Events per day, type, status and date precision, kept by the ingest transaction
    (api/rollup.py): a timeline reads a few hundred of these rows instead of a million events,
    and counts in its buckets only events dated at least as finely."""

    __tablename__ = "event_days"
    # Every column: a year's timeline is an index-only scan, no heap visits.
    __table_args__ = (
        Index("ix_event_days_cover", "day", "type", "status", "date_precision", "count"),
        # Type first: a year of one type is ~1,800 entries side by side, not picked out of
        # the year's ~17,000 (a list's total, counts by type).
        Index("ix_event_days_type_cover", "type", "day", "status", "date_precision", "count"),
    )

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    date_precision: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class EventMonth(db.Model):
    """Events per month (its first day), type and status, kept beside `event_days` by the
    same transaction: a monthly or yearly timeline, or a total over whole months, reads a
    dozen rows a year and type instead of ~365 per type (~17,000 a year at a million)."""

    __tablename__ = "event_months"
    __table_args__ = (
        Index("ix_event_months_cover", "type", "month", "status", "date_precision", "count"),
    )

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    date_precision: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class EventTotal(db.Model):
    """Events per type and status, dated or not, kept beside `event_days` by the same
    transaction: an events list filtered by type and status at most (the unfiltered list
    too) takes its exact total from a few rows instead of counting a million events."""

    __tablename__ = "event_totals"

    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class Deletion(db.Model):
    """What was deleted and when, so clients can sync incrementally (`/deletions?since=`)."""

    __tablename__ = "deletions"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    resource: Mapped[str] = mapped_column(String(20))
    resource_id: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ApiToken(db.Model):
    """A bearer token, stored only as its SHA-256; `write` may ingest and delete."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10), default="write")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DataVersion(db.Model):
    """One row whose number every writing transaction raises as it commits (api/cache.py):
    a response computed at version N is valid for as long as the version is N."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
