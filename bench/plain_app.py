"""The references the API is measured against, served with the same gunicorn settings:

- `/plain`: a plain Flask JSON route (the ceiling the issue's targets are stated against);
- `/floor/events`: the least any Flask route can do to serve the API's mid-list events page
  from PostgreSQL: the same one query (participants as a JSON subquery) written by hand on
  psycopg, rows to dicts by hand, no validation, no hooks. What the API costs beyond it is
  the framework's and the product's (arguments, errors, caching headers, request ids, logs).
  With `plan=generic` the statement is prepared and PostgreSQL keeps one generic plan for it
  (no planning per request): the floor at its cheapest.
"""

import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)
ROWS = [{"id": i, "type": "ASSAULT", "trigger": "bombed", "date": "2016-10-03"} for i in range(20)]
COLUMNS = (
    "id document_id type mode cameo status trigger start end sentence_start sentence_end date "
    "date_precision date_text location confidence sentence updated_at"
).split()
PAGE = (
    "SELECT "
    + ", ".join(f'e."{c}"' for c in COLUMNS)
    + """, (SELECT json_agg(json_build_array(p.id, p.role, a.id, a.name, a.kind))
          FROM event_participants p JOIN actors a ON a.id = p.actor_id WHERE p.event_id = e.id)
    FROM events e
    WHERE e.status != 'negated' AND (e.document_id, e.start, e.id) > (%s, %s, %s)
    ORDER BY e.document_id, e.start, e.id LIMIT 21"""
)
_connections: dict[bool, psycopg.Connection] = {}


@app.get("/plain")
def plain():
    return jsonify(ROWS)


@app.get("/floor/events")
def floor_events():
    generic = request.args.get("plan") == "generic"
    connection = _connections.get(generic)
    if connection is None:  # one per worker, opened after the fork
        options = "-c jit=off" + (" -c plan_cache_mode=force_generic_plan" if generic else "")
        connection = _connections[generic] = psycopg.connect(
            os.environ["DATABASE_URL"], autocommit=True, options=options
        )
    after = [int(v) for v in request.args["after"].split(",")]
    page = []
    for row in connection.execute(PAGE, after, prepare=generic or None).fetchall()[:20]:
        item = dict(zip(COLUMNS, row, strict=False))
        item["date"] = item["date"] and item["date"].isoformat()
        item["updated_at"] = item["updated_at"].isoformat()
        item["sources"], item["targets"] = [], []
        for _, role, actor_id, name, kind in sorted(row[-1] or ()):
            item[f"{role}s"].append({"id": actor_id, "name": name, "kind": kind})
        page.append(item)
    return jsonify(page)
