"""Event lists as a map: an RFC 7946 FeatureCollection, streamed in constant memory like the
CSV and NDJSON exports (api/exports.py).

One Feature per event, its JSON item as the properties; a Point at `[longitude, latitude]`
(RFC 7946 order, WGS84, so no `crs` member) for events placed at a town or an admin1, and
`geometry: null` for the others (a country's or a region's representative point is no place
to draw an event). The GeoNames credit rides in an `attribution` member, a foreign member as
RFC 7946 section 6.1 allows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from schemas.places import ATTRIBUTION

MIMETYPE = "application/geo+json"
# The coordinates a feature's geometry is made of: read even when `fields` leaves them out.
COORDINATES = ("latitude", "longitude")


# The GeoJSON export's shape (RFC 7946), loosely: the event's item is each feature's properties.
SCHEMA = {
    "type": "object",
    "description": (
        "An RFC 7946 FeatureCollection: one Feature per event, its JSON item as `properties`, "
        "a Point at `[longitude, latitude]` (WGS84) for events placed at a town or an admin1 "
        "(`geo_precision` city, near_city or admin1), `geometry: null` for the others. "
        f"{ATTRIBUTION} (the `attribution` member)."
    ),
    "required": ["type", "features", "attribution"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "attribution": {"type": "string", "example": ATTRIBUTION},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "integer"},
                    "geometry": {
                        "type": "object",
                        "nullable": True,
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"type": "string", "enum": ["Point"]},
                            "coordinates": {
                                "type": "array",
                                "items": {"type": "number"},
                                "minItems": 2,
                                "maxItems": 2,
                            },
                        },
                    },
                    "properties": {"$ref": "#/components/schemas/Event"},
                },
            },
        },
    },
}


def feature(item: dict, drop: frozenset[str] = frozenset()) -> dict:
    lat, lon = item.get("latitude"), item.get("longitude")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    properties = {k: v for k, v in item.items() if k not in drop}
    return {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": properties}


def collection(batches: Iterable[list[dict]], drop: frozenset[str] = frozenset()) -> Iterator[str]:
    """The FeatureCollection's text, a chunk per batch (a write per feature would cost a
    syscall each)."""
    head = {"type": "FeatureCollection", "attribution": ATTRIBUTION}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "features": ['
    first = True
    for batch in batches:
        if not batch:
            continue
        chunk = ",\n".join(json.dumps(feature(i, drop), ensure_ascii=False) for i in batch)
        yield ("\n" if first else ",\n") + chunk
        first = False
    yield "\n]}\n"
