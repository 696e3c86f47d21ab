"""Places (issue 23): gazetteer places shared across documents, each document's place mentions,
and on every event its place, how precisely it is placed, its country and its coordinates

The events' new columns are added in place on both engines (no batch copy on SQLite: `events`
is referenced by participants and carries the search triggers; recreating it would drop them).
SQLite adds a column with its REFERENCES clause (no ON DELETE: places are never deleted, and
SQLite reflects no options of a column's own constraint), and (3.35+) drops it again once the indexes
naming it are gone. The (latitude, longitude) index is partial on both engines: events without
coordinates (most of them, country- and region-level) take no room in it.

Revision ID: c8d4f1a6e2b9
Revises: b6e2d9f4c1a8
Create Date: 2026-12-06 20:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c8d4f1a6e2b9"
down_revision = "b6e2d9f4c1a8"
branch_labels = None
depends_on = None

EVENT_COLUMNS = (
    ("geo_precision", "VARCHAR(10)"),
    ("country_code", "VARCHAR(2)"),
    ("latitude", "FLOAT"),
    ("longitude", "FLOAT"),
)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("feature", sa.String(length=20), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("admin1_code", sa.String(length=20), nullable=True),
        sa.Column("admin1", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("population", sa.BigInteger(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("key", name=op.f("uq_places_key")),
        sa.UniqueConstraint("geonames_id", name=op.f("uq_places_geonames_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_places_country_code", "places", ["country_code"])
    op.create_index("ix_places_feature", "places", ["feature"])
    op.create_index("ix_places_name", "places", ["name"])
    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_place_mentions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_place_mentions_place_id_places"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_mentions")),
    )
    op.create_index(
        "ix_place_mentions_document_start", "place_mentions", ["document_id", "start"]
    )
    op.create_index("ix_place_mentions_place_document", "place_mentions", ["place_id", "document_id"])

    if sqlite:
        conn = op.get_bind()
        conn.exec_driver_sql(
            "ALTER TABLE events ADD COLUMN place_id INTEGER CONSTRAINT "
            "fk_events_place_id_places REFERENCES places (id)"
        )
        for name, sql_type in EVENT_COLUMNS:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
    else:
        op.add_column("events", sa.Column("place_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_events_place_id_places"),
            "events",
            "places",
            ["place_id"],
            ["id"],
        )
        op.add_column("events", sa.Column("geo_precision", sa.String(length=10), nullable=True))
        op.add_column("events", sa.Column("country_code", sa.String(length=2), nullable=True))
        op.add_column("events", sa.Column("latitude", sa.Float(), nullable=True))
        op.add_column("events", sa.Column("longitude", sa.Float(), nullable=True))
    # The events list's order (document, start, id) after each filter's key: a page of one
    # country or place walks its index and stops after a page.
    op.create_index(
        "ix_events_country_order", "events", ["country_code", "document_id", "start", "id"]
    )
    op.create_index("ix_events_place_order", "events", ["place_id", "document_id", "start", "id"])
    where = sa.text("latitude IS NOT NULL")
    op.create_index(
        "ix_events_lat_lon",
        "events",
        ["latitude", "longitude"],
        postgresql_where=where,
        sqlite_where=where,
    )


def downgrade():
    op.drop_index("ix_events_lat_lon", table_name="events")
    op.drop_index("ix_events_place_order", table_name="events")
    op.drop_index("ix_events_country_order", table_name="events")
    if op.get_bind().dialect.name == "sqlite":
        conn = op.get_bind()
        for name, _ in reversed(EVENT_COLUMNS):
            conn.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {name}")
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN place_id")
    else:
        for name, _ in reversed(EVENT_COLUMNS):
            op.drop_column("events", name)
        op.drop_constraint(op.f("fk_events_place_id_places"), "events", type_="foreignkey")
        op.drop_column("events", "place_id")
    op.drop_index("ix_place_mentions_place_document", table_name="place_mentions")
    op.drop_index("ix_place_mentions_document_start", table_name="place_mentions")
    op.drop_table("place_mentions")
    op.drop_index("ix_places_name", table_name="places")
    op.drop_index("ix_places_feature", table_name="places")
    op.drop_index("ix_places_country_code", table_name="places")
    op.drop_table("places")
