"""Generated places for bench/generate.py: countries with towns clustered around their centres,
and events spread over them the way news spreads (a few countries and towns take most).

An event is placed at a town (`city`, 60%), near one (`near_city`, 10%), at an admin1 (10%),
only at its country (15%, no coordinates, as the API stores country-level events) or nowhere
(5%). Town coordinates scatter around their country's centre, so a city-size box holds a
town or two and a country-size box tens of thousands of events at a million."""

from __future__ import annotations

import random

# (ISO code, name, centre latitude, longitude, spread in degrees), busiest first.
COUNTRIES = [
    ("UA", "Ukraine", 49.0, 32.0, 3.5),
    ("SY", "Syria", 35.0, 38.5, 1.5),
    ("IL", "Israel", 31.5, 34.9, 0.6),
    ("RU", "Russia", 55.7, 40.0, 5.0),
    ("US", "United States", 39.0, -95.0, 9.0),
    ("IQ", "Iraq", 33.2, 43.7, 2.0),
    ("AF", "Afghanistan", 34.0, 66.0, 2.5),
    ("SD", "Sudan", 15.0, 31.0, 3.0),
    ("CD", "Democratic Republic of the Congo", -2.5, 23.5, 4.0),
    ("YE", "Yemen", 15.5, 47.5, 1.8),
    ("ML", "Mali", 16.0, -2.0, 3.0),
    ("NG", "Nigeria", 9.5, 8.0, 3.0),
    ("SO", "Somalia", 5.0, 46.0, 2.5),
    ("LY", "Libya", 28.0, 17.0, 3.5),
    ("MM", "Myanmar", 20.0, 96.0, 3.0),
    ("VE", "Venezuela", 7.0, -66.0, 2.5),
    ("CN", "China", 33.0, 110.0, 7.0),
    ("IR", "Iran", 32.0, 53.0, 4.0),
    ("FR", "France", 46.5, 2.5, 2.5),
    ("CH", "Switzerland", 46.8, 8.2, 0.6),
    ("BE", "Belgium", 50.6, 4.6, 0.5),
    ("TR", "Turkey", 39.0, 35.0, 3.0),
    ("EG", "Egypt", 27.0, 30.0, 3.0),
    ("LB", "Lebanon", 33.9, 35.9, 0.4),
    ("PK", "Pakistan", 30.0, 70.0, 3.5),
    ("IN", "India", 22.0, 79.0, 6.0),
    ("ET", "Ethiopia", 9.0, 39.5, 3.0),
    ("CO", "Colombia", 4.5, -74.0, 2.5),
    ("MX", "Mexico", 23.0, -102.0, 5.0),
    ("BR", "Brazil", -12.0, -52.0, 8.0),
]
TOWNS_PER_COUNTRY = 60
ADMIN1_PER_COUNTRY = 8
PRECISIONS = ["city"] * 12 + ["near_city"] * 2 + ["admin1"] * 2 + ["country"] * 3 + [None]


def places(rng: random.Random, base_id: int) -> list[tuple]:
    """(id, key, geonames_id, name, feature, country_code, admin1, latitude, longitude,
    population, source) rows: per country the country, its admin1 units and its towns."""
    rows, next_id = [], base_id + 1
    for code, name, lat, lon, spread in COUNTRIES:
        # Made-up GeoNames ids, unique as the row ids are.
        rows.append((next_id, f"bench:{code}:{base_id}", 10**7 + next_id, name, "country", code, None, lat, lon, 10**7, "geonames"))  # fmt: skip
        next_id += 1
        for k in range(ADMIN1_PER_COUNTRY + TOWNS_PER_COUNTRY):
            feature = "admin1" if k < ADMIN1_PER_COUNTRY else "city"
            rows.append(
                (
                    next_id,
                    f"bench:{code}:{k}:{base_id}",
                    10**7 + next_id,
                    f"{name} {feature} {k}",
                    feature,
                    code,
                    f"{name} admin1 {k % ADMIN1_PER_COUNTRY}",
                    round(max(-89.0, min(89.0, rng.gauss(lat, spread / 2))), 5),
                    round(max(-179.0, min(179.0, rng.gauss(lon, spread / 2))), 5),
                    int(10**6 / (1 + k)),
                    "geonames",
                )
            )
            next_id += 1
    return rows


class Placer:
    """Chooses an event's place: countries and towns by rank (Zipf-like weights)."""

    def __init__(self, rows: list[tuple]):
        self.by_country: dict[str, dict[str, list[tuple]]] = {}
        for row in rows:
            kinds = self.by_country.setdefault(row[5], {"country": [], "admin1": [], "city": []})
            kinds[row[4]].append(row)
        self.codes = list(self.by_country)
        self.weights = [1 / (rank + 1) for rank in range(len(self.codes))]

    def columns(self, rng: random.Random) -> tuple:
        """(place_id, geo_precision, country_code, latitude, longitude) of one event."""
        precision = rng.choice(PRECISIONS)
        if precision is None:
            return (None, None, None, None, None)
        code = rng.choices(self.codes, self.weights)[0]
        kinds = self.by_country[code]
        if precision == "country":
            return (kinds["country"][0][0], "country", code, None, None)
        pool = kinds["admin1"] if precision == "admin1" else kinds["city"]
        place = rng.choices(pool, [1 / (i + 1) for i in range(len(pool))])[0]
        return (place[0], precision, code, place[7], place[8])
