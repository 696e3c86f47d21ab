"""The spec as generated clients read it, finished once every blueprint is registered
(apispec has no hook that sees a whole operation): nullable references a generator turns into
`ActorRef | None`, `required` on what every response carries, one named schema per enum,
security per operation, every parameter described with an example, and the errors every
operation can answer with. The marshmallow schemas stay the single source of the shapes."""

from __future__ import annotations

import re

from schemas.actors import EDGE_RELATIONS, ROLES
from schemas.common import (
    ACTOR_KINDS,
    DATE_PRECISIONS,
    EVENT_STATUSES,
    EVENT_TYPES,
    PARAGRAPH_KINDS,
    QUOTE_KINDS,
)
from schemas.listing import FIELDS_DESCRIPTION
from schemas.places import ATTRIBUTION, GEO_PRECISIONS, NEAR_MAX_KM, PLACE_FEATURES
from schemas.stats import STATS_GROUPS, STATS_INTERVALS

from . import geojson
from .args import EXPORT_MIMETYPES
from .problems import document_errors
from .ratelimit import document_limits

# Each enum once, by name: a generator makes one type of each, not one per field using it.
ENUMS = {
    "ActorKind": ACTOR_KINDS,
    "EventType": EVENT_TYPES,
    "EventStatus": EVENT_STATUSES,
    "DatePrecision": DATE_PRECISIONS,
    "QuoteKind": QUOTE_KINDS,
    "ParagraphKind": PARAGRAPH_KINDS,
    "DeletedResource": ("documents", "actors"),
    "ExportFormat": tuple(EXPORT_MIMETYPES),
    "StatsGroup": STATS_GROUPS,
    "StatsInterval": STATS_INTERVALS,
    "EdgeRelation": EDGE_RELATIONS,
    "Role": ROLES,
    "PlaceFeature": PLACE_FEATURES,
    "GeoPrecision": GEO_PRECISIONS,
    "GeoExportFormat": (*EXPORT_MIMETYPES, "geojson"),
}

# Response fields that are not always there: `search` only answers `q`, a stats row names
# the actors or the date its grouping has, `errors` only details a 422.
OPTIONAL = {
    "Document": {"search"},
    "DocumentDetail": {"search"},
    "Event": {"search"},
    "Quote": {"search"},
    "StatsRow": {"date", "precision", "actor", "source", "target", "place"},
}
# Request bodies and flask-smorest's own schemas: not response shapes.
NOT_RESPONSES = {"DocumentIn", "PaginationMetadata"}

BEARER = "bearerAuth"

DESCRIPTION = (
    """News briefs in; documents, actors, events and quotes out, each item pointing back
to the characters it came from.

**Auth.** Writes (`POST /documents`, `DELETE /documents/{id}`) need a bearer token
(`Authorization: Bearer ...`, from `make token NAME=...`); reads are public unless the service
runs with `READ_TOKEN_REQUIRED=1`. Missing or bad token: 401 with `WWW-Authenticate: Bearer`;
a read-only token writing: 403.

**Paging.** Every list takes `page` and `page_size` (offset paging, at most 100 a page) or
`cursor` (keyset paging: empty to start). Each page says where to go next in plain headers:
`X-Total-Count` (offset paging), `X-Next-Cursor` (when there is more), and an RFC 8288 `Link`
with `first`, `prev`, `next` and `last` where they exist; `X-Pagination` carries all of it as
one JSON object for clients that prefer that.

**Rate limits.** Writes are limited per token (default 60 a minute), wrong tokens per client
address, reads optionally. Every limited response says where the caller stands:
`RateLimit-Limit` (requests per window), `RateLimit-Remaining` (left after this one) and
`RateLimit-Reset` (seconds until one more is allowed; the window moves, freeing one request at
a time); past a limit the answer is a 429 with `Retry-After` (seconds) too.

**Errors.** Every 4xx and 5xx is one shape, RFC 9457 problem details
(`application/problem+json`, the `Error` schema): `type` (`about:blank`), `title` (the status's
phrase), `status`, `detail` (what went wrong, e.g. "No actor 0."), `instance` (the path) and
`errors`, a list of `{location, field, index, message}` naming each bad parameter or field
(empty when none is to blame). `code` and `message` repeat `status` and `detail` for earlier
clients. An unknown parameter is a 422 naming it; an `Accept` an operation cannot serve is a
406 listing what it can.

**Browsers.** Tokens are never ambient credentials (no cookies), so reads and writes alike are
open to pages on other origins by default (`CORS_ORIGINS=*`, methods `GET, HEAD, OPTIONS,
POST, DELETE`); with an allow-list (`CORS_ORIGINS`, `CORS_METHODS`) the service itself refuses
a browser request from another origin or with another method (403). Search snippets are
HTML-escaped text whose only markup is `<mark>`, and come as plain text with offsets too.

**Formats.** JSON everywhere; each list's every match streams as CSV or NDJSON from its own
`.../export?format=csv|ndjson` operation, with the list's filters. CSV gives every reference to
an actor by name and by id, in columns side by side (`sources` and `source_ids`, `speaker` and
`speaker_id`, ...) and starts a text cell that a spreadsheet would run as a formula with `'`;
each NDJSON line is the JSON item, identical. Event lists also export a map
(`format=geojson`, or `Accept: application/geo+json` on the list): an RFC 7946
FeatureCollection, a Point per event placed at a town or an admin1 and `geometry: null` for
the others.

**Places.** Events carry the gazetteer place they happened at and how precisely
(`geo_precision`: city, near_city, admin1, region, country); only town- and admin1-level events
have coordinates. Filter events by `country`, `place_id`, `precision`, `bbox` or `near`; list
places with `/places`. """
    + ATTRIBUTION
    + "."
)

# Parameters every list shares, and what they mean, with an example each.
PARAMETERS = {
    "page": ("Page number, from 1 (offset paging; `total` in `X-Total-Count`).", 1),
    "page_size": ("Items per page, at most 100.", 20),
    "cursor": (
        "Keyset paging: empty for the first page, then `X-Next-Cursor` (or the `Link` "
        "`rel=next` URL) of the previous page.",
        "",
    ),
    "format": ("`csv` or `ndjson`.", "csv"),
    "updated_since": (
        "Only items created or changed at or after this instant.",
        "2016-10-01T00:00:00Z",
    ),
    "sort": ("Comma-separated sort keys, `-` for descending.", "-id"),
    "fields": (FIELDS_DESCRIPTION, "id"),
    "q": ("Full-text search (the syntax is in each operation's description of `q`).", "talks"),
    "document_id": ("Only items of this document; repeat for any of several.", 1),
    "actor_id": ("An actor's id; repeated, every one of them.", 1),
    "source_id": ("Events with this actor as a source; repeat for any of several.", 1),
    "target_id": ("Events with this actor as a target; repeat for any of several.", 1),
    "speaker_id": ("Quotes by this actor; repeat for any of several.", 1),
    "affiliation_id": ("Actors affiliated with this actor (a country, a body).", 1),
    "type": ("PLOVER event type; repeat for any of several.", "SANCTION"),
    "mode": ("PLOVER mode; repeat for any of several.", "withdraw"),
    "status": ("Event status; repeat for any of several.", "asserted"),
    "cameo": ("CAMEO code or prefix; repeat for any of several.", "16"),
    "kind": ("Kind; repeat for any of several.", None),
    "cue": ("The speech verb introducing the quote; repeat for any of several.", "said"),
    "date_from": ("On or after this day (ISO 8601 date).", "2016-01-01"),
    "date_to": ("On or before this day (ISO 8601 date).", "2016-12-31"),
    "published_at_from": ("Published on or after this day.", "2016-01-01"),
    "published_at_to": ("Published on or before this day.", "2016-12-31"),
    "published_from": ("Published on or after this day.", "2016-01-01"),
    "published_to": ("Published on or before this day.", "2016-12-31"),
    "source": ("The publication; repeat for any of several.", "The Atlantic"),
    "location": ("Part of the event's location, any case.", "Aleppo"),
    "min_confidence": ("Only events coded with at least this confidence (0 to 1).", 0.5),
    "group_by": (
        "What to count by: type, source, target, pair, date, country or place.",
        "type",
    ),
    "country": ("ISO 3166-1 alpha-2 country code; repeat for any of several.", "SY"),
    "place_id": ("A place's id (`/places`); repeat for any of several.", 1),
    "precision": ("How precisely events are placed; repeat for any of several.", "city"),
    "feature": ("Kind of place; repeat for any of several.", "city"),
    "bbox": ("A box, `west,south,east,north` in WGS84 degrees.", "36.0,35.5,38.0,37.0"),
    "near": (
        f"`lat,lon,km`: within `km` (at most {NEAR_MAX_KM}) of the point.",
        "36.2,37.16,50",
    ),
    "interval": ("With `group_by=date`: the period each bucket covers.", "month"),
    "limit": ("At most this many groups, largest first.", 10),
    "since": ("Deletions at or after this instant (ISO 8601).", "2016-10-01T00:00:00Z"),
    "resource": ("Only deletions of this resource.", "documents"),
    "published_at": ("Publication date, with a `text/plain` body.", "2016-10-03"),
    "published": ("With a `text/plain` body.", "2016-10-03"),
    "url": (
        "Where the brief was published, with a `text/plain` body.",
        "https://example.org/brief",
    ),
    "section": ("Section label, with a `text/plain` body.", "NEWS BRIEF"),
}
PATH_PARAMETERS = {
    "document_id": "The document's id.",
    "actor_id": "The actor's id.",
    "event_id": "The event's id.",
    "quote_id": "The quote's id.",
    "place_id": "The place's id.",
}
KIND_EXAMPLES = {"actors": "country", "quotes": "direct"}


def _named_enums(spec) -> None:
    """Every inline enum of a known set of values becomes a reference to its named schema."""
    schemas = spec.components.schemas
    by_values = {tuple(values): name for name, values in ENUMS.items()}

    def named(node: dict) -> dict | None:
        # marshmallow lists None among the values of a nullable field's enum.
        values = tuple(v for v in node.get("enum") or () if v is not None)
        name = by_values.get(values)
        if name is None or node.get("type") != "string":
            return None
        ref = {"$ref": f"#/components/schemas/{name}"}
        rest = {k: v for k, v in node.items() if k not in ("enum", "type", "nullable")}
        if not node.get("nullable") and not rest:
            return ref
        # Siblings of a $ref are ignored in OpenAPI 3.0: a description or nullable wraps it.
        return {"allOf": [ref], **({"nullable": True} if node.get("nullable") else {}), **rest}

    def visit(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict) and (replaced := named(value)) is not None:
                    node[key] = replaced
                else:
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(spec._paths)
    for name, schema in schemas.items():
        if name not in ENUMS:
            visit(schema)
    for name, values in ENUMS.items():
        schemas[name] = {"type": "string", "enum": list(values)}


def _nullable(ref: dict) -> dict:
    """A reference that may be null, in the OpenAPI 3.0 form generators read as `T | None`."""
    return {"allOf": [ref], "nullable": True}


def _nullable_refs(schemas: dict) -> None:
    """apispec writes a nullable nested schema as `anyOf: [{type: object, nullable}, $ref]`,
    which generators turn into an empty type beside the reference."""
    for schema in schemas.values():
        for name, prop in schema.get("properties", {}).items():
            variants = prop.get("anyOf") or []
            refs = [v for v in variants if "$ref" in v]
            if len(variants) == 2 and len(refs) == 1:
                description = prop.get("description")
                schema["properties"][name] = _nullable(refs[0])
                if description:
                    schema["properties"][name]["description"] = description


def _required(schemas: dict) -> None:
    for name, schema in schemas.items():
        if name in NOT_RESPONSES or name in ENUMS or "properties" not in schema:
            continue
        always = sorted(set(schema["properties"]) - OPTIONAL.get(name, set()))
        schema["required"] = always


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete") and isinstance(operation, dict):
                yield path, method, operation


def _parameters(path: str, operation: dict) -> None:
    for param in operation.get("parameters", []):
        if "$ref" in param:
            continue
        name = param["name"]
        if param["in"] == "path":
            param.setdefault("description", PATH_PARAMETERS.get(name, "An id."))
            param.setdefault("example", 1)
            continue
        description, example = PARAMETERS.get(name, (None, None))
        if name == "kind":
            example = KIND_EXAMPLES.get(path.split("/")[3], "person")
        given = param.get("description", "")
        if description and (not given or given.startswith("At most")):
            param["description"] = f"{description} {given}".strip()
        schema = param.get("schema", {})
        if (
            example is not None
            and "example" not in param
            and _fits(example, schema.get("items", schema))
        ):
            param["example"] = [example] if schema.get("type") == "array" else example


def _fits(example, schema: dict) -> bool:
    """Whether an example obeys the parameter's pattern and enum (a wrong one is left out)."""
    if "$ref" in schema or "allOf" in schema:
        ref = schema.get("$ref") or schema["allOf"][0]["$ref"]
        return example in ENUMS.get(ref.rsplit("/", 1)[1], (example,))
    if "enum" in schema and example not in schema["enum"]:
        return False
    pattern = schema.get("pattern")
    return pattern is None or re.search(pattern, str(example)) is not None


def finish(api) -> None:
    """Everything above, applied to the registered API's spec."""

    spec = api.spec
    spec.components.security_scheme(
        BEARER,
        {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `make token NAME=...` (`flask --app api tokens create`).",
        },
    )
    schemas = spec.components.schemas
    _nullable_refs(schemas)
    _required(schemas)
    _named_enums(spec)
    schemas["FeatureCollection"] = geojson.SCHEMA
    for path, item in spec._paths.items():
        _parameters(path, item)  # path parameters are the path's, not each operation's
    spec.options.setdefault("info", {})["description"] = DESCRIPTION
    for path, method, operation in _operations_of(spec):
        _parameters(path, operation)
        responses = operation.setdefault("responses", {})
        if method in ("post", "delete"):
            operation["security"] = [{BEARER: []}]
        else:
            # Public unless READ_TOKEN_REQUIRED=1: a token is optional.
            operation["security"] = [{}, {BEARER: []}]
        document_errors(spec, path, method, responses)
        if "X-Pagination" in responses.get("200", {}).get("headers", {}):
            # Lists still take `format` (and `Accept`) for CSV or NDJSON, as before the export
            # operations; the spec leaves it out so that a list's 200 is JSON alone.
            params = operation.get("parameters", [])
            operation["parameters"] = [p for p in params if p.get("name") != "format"]
    document_limits(spec, _operations_of(spec))


def _operations_of(spec):
    return list(_operations({"paths": spec._paths}))
