"""Fill a migrated database with realistic rows directly (no extraction), seeded and fast:
documents, paragraphs, actors, mentions, events with participants and places, quotes.

    DATABASE_URL=postgresql://... .venv/bin/python bench/generate.py --documents 100000 --events-per-document 10

PostgreSQL is filled with COPY; SQLite with batched executemany.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from api.cache import bump  # noqa: E402
from api.rollup import rebuild  # noqa: E402
from bench.places import Placer, places  # noqa: E402

TYPES = [
    "ASSAULT",
    "ACCUSE",
    "CONSULT",
    "SANCTION",
    "THREATEN",
    "REQUEST",
    "AGREE",
    "SUPPORT",
    "COERCE",
    "REJECT",
]
CAMEO = {
    "ASSAULT": "190",
    "ACCUSE": "112",
    "CONSULT": "040",
    "SANCTION": "163",
    "THREATEN": "130",
    "REQUEST": "020",
    "AGREE": "030",
    "SUPPORT": "051",
    "COERCE": "173",
    "REJECT": "120",
}
STATUSES = ["asserted"] * 6 + ["reported", "alleged", "future", "hypothetical"]
VERBS = {
    "ASSAULT": "attacked",
    "ACCUSE": "accused",
    "CONSULT": "met",
    "SANCTION": "imposed sanctions on",
    "THREATEN": "threatened",
    "REQUEST": "urged",
    "AGREE": "agreed with",
    "SUPPORT": "praised",
    "COERCE": "detained envoys of",
    "REJECT": "rejected the offer of",
}
PLACES = [
    "Geneva",
    "Kyiv",
    "Gaza",
    "Aleppo",
    "Khartoum",
    "Brussels",
    "Beijing",
    "Tehran",
    "Caracas",
    "Kabul",
]
SOURCES = [
    "Wire",
    "Reuters",
    "AP",
    "AFP",
    "BBC",
    "Al Jazeera",
    "The Atlantic",
    "DW",
    "NHK",
    "Le Monde",
]


def actors(rng: random.Random, n: int) -> list[tuple]:
    out = []
    kinds = ["country"] * 2 + ["organization"] * 3 + ["person"] * 4 + ["group"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        name = f"{kind.title()} {i:05d}"
        out.append((i + 1, f"bench:{kind}:{i}", name, kind))
    return out


def tsv(rows) -> io.StringIO:
    buf = io.StringIO()
    for row in rows:
        buf.write(
            "\t".join(
                "\\N"
                if v is None
                else str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")
                for v in row
            )
        )
        buf.write("\n")
    buf.seek(0)
    return buf


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--events-per-document", type=int, default=10)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--batch", type=int, default=5_000)
    args = ap.parse_args()
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    rng = random.Random(args.seed)
    now = datetime.now(UTC).isoformat()
    acts = actors(rng, args.actors)
    start = time.perf_counter()
    pg = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        base = {
            t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar()
            for t in ("documents", "events", "quotes", "actors", "places")
        }
        acts = [(a[0] + base["actors"], a[1] + f":{base['actors']}", a[2], a[3]) for a in acts]
        _write(
            conn,
            pg,
            "actors",
            ("id", "key", "name", "kind", "created_at", "updated_at"),
            [(*a, now, now) for a in acts],
        )
        place_rows = places(rng, base["places"])
        _write(conn, pg, "places", PLACE_COLUMNS, place_rows)
    placer = Placer(place_rows)
    actor_ids = [a[0] for a in acts]
    docs_done = events_done = 0
    for lo in range(0, args.documents, args.batch):
        hi = min(args.documents, lo + args.batch)
        docs, paras, mentions, events, parts, quotes = [], [], [], [], [], []
        place_mentions = []
        for i in range(lo, hi):
            doc_id = base["documents"] + i + 1
            published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
            cast = rng.sample(actor_ids, 6)
            sentences = []
            for k in range(args.events_per_document):
                t = rng.choice(TYPES)
                src, dst = rng.sample(cast, 2)
                sentences.append(
                    (
                        t,
                        src,
                        dst,
                        f"Actor {src} {VERBS[t]} actor {dst} in {rng.choice(PLACES)} on day {k} of talks {i}.",
                    )
                )
            body = " ".join(s[3] for s in sentences)
            title = f"Brief {i}: {sentences[0][0].title()} in {rng.choice(PLACES)}"
            doc_text = f"{title}\n\n{body}"
            digest = hashlib.sha256(f"{args.seed}:{doc_id}:{doc_text}".encode()).hexdigest()
            docs.append(
                (
                    doc_id,
                    title,
                    None,
                    None,
                    None,
                    rng.choice(SOURCES),
                    None,
                    published.isoformat(),
                    "en",
                    doc_text,
                    "{}",
                    digest,
                    now,
                    now,
                )
            )
            paras.append((doc_id, 0, "paragraph", body, len(title) + 2, len(doc_text)))
            pos = len(title) + 2
            for k, (t, src, dst, sentence) in enumerate(sentences):
                ev_id = base["events"] + i * args.events_per_document + k + 1
                d = published - timedelta(days=rng.randrange(30))
                events.append(
                    (
                        ev_id,
                        doc_id,
                        t,
                        None,
                        CAMEO[t],
                        rng.choice(STATUSES),
                        VERBS[t],
                        pos,
                        pos + len(sentence),
                        pos,
                        pos + len(sentence),
                        d.isoformat(),
                        "day",
                        None,
                        rng.choice(PLACES),
                        round(rng.uniform(0.5, 0.95), 2),
                        sentence,
                        now,
                        *(where := placer.columns(rng)),
                    )
                )
                if where[0] is not None:
                    place_mentions.append((doc_id, where[0], pos, pos + 5, "Place", "ner", 0.9))
                parts.append((ev_id, src, "source", doc_id, pos))
                parts.append((ev_id, dst, "target", doc_id, pos))
                mentions.append((src, doc_id, pos, pos + 5, f"Actor {src}"))
                pos += len(sentence) + 1
            for k in range(3):
                q_id = base["quotes"] + i * 3 + k + 1
                sentence = sentences[k % len(sentences)][3]
                quotes.append(
                    (
                        q_id,
                        doc_id,
                        rng.choice(cast),
                        "indirect",
                        "said",
                        sentence,
                        len(title) + 2,
                        len(title) + 2 + len(sentence),
                        0.85,
                        now,
                    )
                )
        with engine.begin() as conn:
            _write(
                conn,
                pg,
                "documents",
                (
                    "id",
                    "title",
                    "subtitle",
                    "kicker",
                    "section",
                    "source",
                    "url",
                    "published",
                    "language",
                    "text",
                    "metadata",
                    "content_hash",
                    "created_at",
                    "updated_at",
                ),
                docs,
            )
            _write(
                conn,
                pg,
                "paragraphs",
                ("document_id", "index", "kind", "text", "start", "end"),
                paras,
            )
            _write(
                conn, pg, "mentions", ("actor_id", "document_id", "start", "end", "text"), mentions
            )
            _write(
                conn,
                pg,
                "events",
                (
                    "id",
                    "document_id",
                    "type",
                    "mode",
                    "cameo",
                    "status",
                    "trigger",
                    "start",
                    "end",
                    "sentence_start",
                    "sentence_end",
                    "date",
                    "date_precision",
                    "date_text",
                    "location",
                    "confidence",
                    "sentence",
                    "updated_at",
                    "place_id",
                    "geo_precision",
                    "country_code",
                    "latitude",
                    "longitude",
                ),
                events,
            )
            _write(
                conn,
                pg,
                "place_mentions",
                ("document_id", "place_id", "start", "end", "text", "kind", "confidence"),
                place_mentions,
            )
            _write(
                conn,
                pg,
                "event_participants",
                ("event_id", "actor_id", "role", "document_id", "start"),
                parts,
            )
            _write(
                conn,
                pg,
                "quotes",
                (
                    "id",
                    "document_id",
                    "speaker_id",
                    "kind",
                    "cue",
                    "text",
                    "start",
                    "end",
                    "confidence",
                    "updated_at",
                ),
                quotes,
            )
        docs_done, events_done = hi, events_done + len(events)
        rate = events_done / (time.perf_counter() - start)
        print(
            f"\r{docs_done}/{args.documents} documents, {events_done} events ({rate:,.0f} events/s)",
            end="",
            flush=True,
        )
    with engine.begin() as conn:
        rebuild(conn)  # the rollups the ingest path keeps up to date
        bump(conn)  # written behind the app's back: running servers drop cached reads
        if pg:
            for t in (
                "documents",
                "events",
                "quotes",
                "actors",
                "paragraphs",
                "mentions",
                "event_participants",
                "places",
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    print(f"\ndone in {time.perf_counter() - start:.0f} s")


PLACE_COLUMNS = (
    "id",
    "key",
    "geonames_id",
    "name",
    "feature",
    "country_code",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "source",
)


def _write(conn, pg: bool, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    cols = ", ".join(f'"{c}"' for c in columns)
    if pg:
        raw = conn.connection.driver_connection
        with raw.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            copy.write(tsv(rows).read())
    else:
        marks = ", ".join(f":{i}" for i in range(len(columns)))
        conn.execute(
            text(f"INSERT INTO {table} ({cols}) VALUES ({marks})"),
            [dict(zip(map(str, range(len(columns))), r, strict=True)) for r in rows],
        )


if __name__ == "__main__":
    main()
