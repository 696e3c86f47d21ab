"""The HTTP contract of places: gazetteer places the briefs name, and the spatial filters
events take (`country`, `place_id`, `precision`, `bbox`, `near`)."""

from __future__ import annotations

import math

from marshmallow import Schema, ValidationError, fields, validate

from .common import Id, Many
from .listing import list_args

PLACE_FEATURES = ("country", "admin1", "city", "continent", "region", "water", "landmark")
GEO_PRECISIONS = ("city", "near_city", "admin1", "region", "country")
NEAR_MAX_KM = 500

# GeoNames data are CC BY 4.0: the credit goes wherever place data are served.
ATTRIBUTION = "Place data: GeoNames (geonames.org), CC BY 4.0, selected and reduced by this project"


class PlaceRefSchema(Schema):
    class Meta:
        description = f"A place, by id and name. {ATTRIBUTION}."

    id = fields.Integer(required=True)
    name = fields.String(required=True)


class PlaceSchema(Schema):
    class Meta:
        description = (
            "A place the briefs name, resolved to the GeoNames gazetteer (towns, admin1 "
            "regions, countries, continents) or to the project's curated seas, regions and "
            f"landmarks; shared across documents. {ATTRIBUTION}; curated entries cite their "
            "own sources."
        )

    id = fields.Integer()
    name = fields.String()
    country_code = fields.String(
        allow_none=True,
        metadata={"description": "ISO 3166-1 alpha-2; null for a sea or a region of several."},
    )
    admin1 = fields.String(
        allow_none=True, metadata={"description": "First-level division (province, state)."}
    )
    latitude = fields.Float(
        allow_none=True,
        metadata={
            "description": "WGS84 degrees: a town's own point; for a country or an admin1 a "
            "representative point (its capital or its towns' population-weighted mean)."
        },
    )
    longitude = fields.Float(allow_none=True, metadata={"description": "WGS84 degrees."})
    feature = fields.String(validate=validate.OneOf(PLACE_FEATURES))
    geonames_id = fields.Integer(
        allow_none=True, metadata={"description": "GeoNames id; null for a curated place."}
    )
    aliases = fields.List(
        fields.String(),
        metadata={
            "description": 'The place\'s names as the briefs write them ("Kiev", "the Mopti '
            'region"), distinct, sorted.'
        },
    )


PLACE_QUERY_SORT = ("id", "name", "country_code", "feature")
PLACE_QUERY_FIELDS = tuple(PlaceSchema().fields)


def Country(**kwargs) -> fields.String:  # noqa: N802 - a field factory reads like a field class
    return fields.String(
        validate=validate.Regexp(r"^[A-Za-z]{2}$", error="An ISO 3166-1 alpha-2 code (UA)."),
        **kwargs,
    )


class PlaceQuerySchema(list_args(PLACE_QUERY_SORT, PLACE_QUERY_FIELDS)):
    document_id = Many(Id(), metadata={"description": "Places named in any of these documents."})
    country = Many(Country(), metadata={"description": "ISO 3166-1 alpha-2, any of these."})
    feature = Many(fields.String(validate=validate.OneOf(PLACE_FEATURES)))
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Part of the name, any case."},
    )


def _numbers(value: str, n: int, what: str) -> list[float]:
    parts = value.split(",")
    if len(parts) != n:
        raise ValidationError(f"Give {what}: {n} comma-separated numbers.")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise ValidationError(f"Give {what}: {n} comma-separated numbers.") from None
    if not all(math.isfinite(x) for x in numbers):
        raise ValidationError("Finite numbers only.")
    return numbers


class BBox(fields.String):
    """`west,south,east,north` in WGS84 degrees, as a tuple of four floats."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        west, south, east, north = _numbers(raw, 4, "west,south,east,north")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValidationError("Longitudes run from -180 to 180.")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise ValidationError("Latitudes run from -90 to 90.")
        if west > east:
            raise ValidationError("west is after east (a box across the antimeridian: ask twice).")
        if south > north:
            raise ValidationError("south is after north.")
        return (west, south, east, north)


class Near(fields.String):
    """`lat,lon,km` as a tuple of three floats, km at most NEAR_MAX_KM."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        lat, lon, km = _numbers(raw, 3, "lat,lon,km")
        if not -90 <= lat <= 90:
            raise ValidationError("Latitudes run from -90 to 90.")
        if not -180 <= lon <= 180:
            raise ValidationError("Longitudes run from -180 to 180.")
        if not 0 < km <= NEAR_MAX_KM:
            raise ValidationError(f"A radius above 0 and at most {NEAR_MAX_KM} km.")
        return (lat, lon, km)


class PlaceFilterMixin(Schema):
    """The spatial filters of event lists and counts."""

    country = Many(
        Country(),
        metadata={"description": "Events placed in any of these countries (ISO 3166-1 alpha-2)."},
    )
    place_id = Many(Id(), metadata={"description": "Events placed at any of these places."})
    precision = Many(
        fields.String(validate=validate.OneOf(GEO_PRECISIONS)),
        metadata={"description": "Events placed this precisely (`geo_precision`), any of these."},
    )
    bbox = BBox(
        metadata={
            "description": "`west,south,east,north` in WGS84 degrees: events whose coordinates "
            "fall in the box (only `city`, `near_city` and `admin1` events have coordinates).",
            "pattern": r"^[-+0-9.eE]+(,[-+0-9.eE]+){3}$",
            "example": "29.5,45.0,41.0,52.5",
        }
    )
    near = Near(
        metadata={
            "description": f"`lat,lon,km`: events within `km` (at most {NEAR_MAX_KM}) of the "
            "point by great-circle distance.",
            "pattern": r"^[-+0-9.eE]+(,[-+0-9.eE]+){2}$",
            "example": "36.2,37.16,50",
        }
    )
