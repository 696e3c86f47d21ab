"""Ids are never reused on SQLite: documents, actors, events, quotes and deletions become
AUTOINCREMENT tables

Without AUTOINCREMENT SQLite gives a new row the largest id in the table plus one: delete the
newest document and the next one ingested gets its id, while `/deletions` still lists that id,
so a client syncing incrementally deletes the new document. PostgreSQL's sequences never hand
an id out twice: nothing changes there.

SQLite cannot add AUTOINCREMENT to a table, and the usual way round (copy into a new table,
drop the old) is unsafe here: dropping a table that other tables reference runs their ON DELETE
CASCADE with foreign keys on (they are, per connection), and the FTS triggers on documents,
events and quotes would go with it. AUTOINCREMENT does not change how a table is stored (an
INTEGER PRIMARY KEY is the rowid either way; only how the next rowid is chosen differs), so the
table's declaration is rewritten in place, the procedure SQLite documents for changes that
leave the stored content as it is (ALTER TABLE, "Making Other Kinds Of Table Schema Changes"),
followed by an integrity check. Each table's counter starts past every id it has had that is
still known: its largest id and, for documents and actors, the largest id `/deletions` lists.

Revision ID: f8a2c6e1d4b9
Revises: 9f4b2c7e1d35 (after the ingest jobs tables; both branches began at 7c1e4b9d2f30)
Create Date: 2026-12-06 15:00:00

"""

from alembic import op

revision = "f8a2c6e1d4b9"
down_revision = "9f4b2c7e1d35"
branch_labels = None
depends_on = None

TABLES = ("documents", "actors", "events", "quotes", "deletions")
PLAIN = "id INTEGER NOT NULL, "


def _counted(table: str) -> str:
    return f"id INTEGER NOT NULL CONSTRAINT pk_{table} PRIMARY KEY AUTOINCREMENT, "


def _declaration(table: str, sql: str, forward: bool) -> str:
    """The table's CREATE TABLE with its primary key as a column constraint with
    AUTOINCREMENT (forward) or as the table constraint Alembic made (back)."""
    key = f"CONSTRAINT pk_{table} PRIMARY KEY (id)"
    if forward and PLAIN in sql:
        sql = sql.replace(PLAIN, _counted(table), 1)
        for form in (f"\n\t{key}, ", f", \n\t{key}\n)"):
            if form in sql:
                return sql.replace(form, "" if form.endswith(", ") else "\n)", 1)
    elif not forward and _counted(table) in sql:
        head, tail = sql.replace(_counted(table), PLAIN, 1).rsplit("\n)", 1)
        return f"{head}, \n\t{key}\n){tail}"
    raise RuntimeError(f"{table}: unexpected declaration, not rewritten: {sql!r}")


def _redeclare(forward: bool) -> None:
    conn = op.get_bind()
    # sqlite_sequence (the counters) exists once any AUTOINCREMENT table has been made.
    conn.exec_driver_sql("CREATE TABLE _ids_never_reused (id INTEGER PRIMARY KEY AUTOINCREMENT)")
    conn.exec_driver_sql("DROP TABLE _ids_never_reused")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    for table in TABLES:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).scalar()
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            (_declaration(table, sql, forward), table),
        )
    # A new schema version makes every connection, this one included, read the schema again.
    conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"integrity check after the rewrite: {problems}")


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _redeclare(forward=True)
    conn = op.get_bind()
    for table in TABLES:
        highest = f"SELECT max(id) AS n FROM {table}"
        if table in ("documents", "actors"):
            highest = (
                f"SELECT max(n) FROM ({highest} UNION ALL SELECT max(resource_id) "
                f"FROM deletions WHERE resource = '{table}')"
            )
        conn.exec_driver_sql(f"DELETE FROM sqlite_sequence WHERE name = '{table}'")
        conn.exec_driver_sql(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT '{table}', coalesce(({highest}), 0)"
        )


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _redeclare(forward=False)
    names = ", ".join(f"'{t}'" for t in TABLES)
    op.get_bind().exec_driver_sql(f"DELETE FROM sqlite_sequence WHERE name IN ({names})")
