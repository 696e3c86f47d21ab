"""Spatial conditions on plain latitude/longitude columns (no PostGIS): a box is a range on the
(latitude, longitude) index; a radius is that index's box around the circle, then the exact
great-circle distance on the few rows inside it.

SQLite evaluates the distance with its math functions (built in since 3.35 when compiled
with them); where they are missing, `register` adds Python ones to each connection."""

from __future__ import annotations

import math
import sqlite3

from sqlalchemy import Engine, Float, and_, event, func, literal, or_

EARTH_KM = 6371.0088  # mean radius (IUGG)
KM_PER_DEGREE = math.pi * EARTH_KM / 180  # along a meridian: ~111.2 km


def _inline(value: float):
    """A coordinate written into the SQL, not bound: the planner sees the box it plans for.
    Bound, a prepared statement's generic plan guessed some box, took the (latitude,
    longitude) index for a country-size one and sorted 200,000 rows for a page (0.9 s at a
    million events) where walking the list order and filtering reads a hundred (0.1 ms)."""
    return literal(float(value), Float, literal_execute=True)


def within_box(lat, lon, west: float, south: float, east: float, north: float):
    """Inside the box, edges included. `lat IS NOT NULL` first: the index is partial."""
    return and_(
        lat.is_not(None),
        lat.between(_inline(south), _inline(north)),
        lon.between(_inline(west), _inline(east)),
    )


def bounding_box(lat0: float, lon0: float, km: float) -> tuple[float, float, float, float, bool]:
    """(south, north, west, east, wraps) of a box holding every point within `km` of the
    centre; `wraps` when its longitudes cross the antimeridian (west > east then)."""
    dlat = km / KM_PER_DEGREE
    south, north = max(-90.0, lat0 - dlat), min(90.0, lat0 + dlat)
    # The circle's widest parallel is the one nearer a pole; past a pole, every longitude.
    widest = max(abs(south), abs(north))
    if widest >= 89.9:
        return south, north, -180.0, 180.0, False
    dlon = km / (KM_PER_DEGREE * math.cos(math.radians(widest)))
    if dlon >= 180:
        return south, north, -180.0, 180.0, False
    west, east = lon0 - dlon, lon0 + dlon
    if west < -180:
        return south, north, west + 360, east, True
    if east > 180:
        return south, north, west, east - 360, True
    return south, north, west, east, False


def distance_km(lat, lon, lat0: float, lon0: float):
    """Haversine distance in SQL from the column pair to a point (clamped: a rounding error
    never hands asin a value above 1)."""
    phi0, lam0 = math.radians(lat0), math.radians(lon0)
    phi, lam = func.radians(lat), func.radians(lon)
    h = func.power(func.sin((phi - _inline(phi0)) / 2), 2) + _inline(math.cos(phi0)) * func.cos(
        phi
    ) * func.power(func.sin((lam - _inline(lam0)) / 2), 2)
    root = func.sqrt(h)
    clamped = func.least(root, _inline(1.0))
    return 2 * EARTH_KM * func.asin(clamped)


def within_km(lat, lon, lat0: float, lon0: float, km: float):
    south, north, west, east, wraps = bounding_box(lat0, lon0, km)
    west, east = _inline(west), _inline(east)
    lons = or_(lon >= west, lon <= east) if wraps else lon.between(west, east)
    return and_(
        lat.is_not(None),
        lat.between(_inline(south), _inline(north)),
        lons,
        distance_km(lat, lon, lat0, lon0) <= _inline(km),
    )


MATH = {
    "radians": (1, math.radians),
    "sin": (1, math.sin),
    "cos": (1, math.cos),
    "asin": (1, math.asin),
    "sqrt": (1, math.sqrt),
    "power": (2, math.pow),
}


def _least(*values):
    # SQLite's multi-argument min() is its `least`; NULL when any is.
    return None if any(v is None for v in values) else min(values)


def _guard(fn):
    def call(*values):
        return None if any(v is None for v in values) else fn(*values)

    return call


@event.listens_for(Engine, "connect")
def register(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # PostgreSQL's name for the two-argument minimum, so one expression serves both engines.
    dbapi_connection.create_function("least", -1, _least, deterministic=True)
    try:
        dbapi_connection.execute("SELECT sin(0), asin(0), power(2, 2)")
    except sqlite3.OperationalError:
        for name, (n, fn) in MATH.items():
            dbapi_connection.create_function(name, n, _guard(fn), deterministic=True)
