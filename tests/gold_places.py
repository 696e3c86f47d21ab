"""Places in the gold scorer: the extension `tests.gold_scoring` uses for gold files with `places`.

Gold shape (GOLD-FORMAT in the shared tools): `places: [{name, aliases, kind
(city|admin|country|region|water|landmark), country, lat, lon, geonames_id, approx, required}]`
and an event's `location` (a gold place's name). Matching follows the team's black-box scorer:
one-to-one, required gold first, by GeoNames id, then exact name, then any shared name (a name
match with another id stays matched and counts as a resolution error, not a miss and an extra).

Figures, over matched pairs unless said:
- `places`: F1 of the document's places (`GET /places?document_id=`) against the gold places;
- `place_resolution`: a country by its code, a city or landmark within 30 km of the gold point
  (100 km when the gold point is `approx`), an admin unit, region or water within 250 km;
- `place_country`: the predicted country code is the gold one (gold places with a country);
- `event_location`: among gold events with a `location` matched to a predicted event, the share
  whose `place` is that gold place;
- `wrong_place`: among matched events with a predicted place, the share whose place is not the
  gold one (a gold event without a location counts its predicted place as wrong).
"""

from __future__ import annotations

import math

PLACE_RADIUS_KM = {"city": 30.0, "landmark": 30.0, "admin": 250.0, "region": 250.0, "water": 250.0}
APPROX_POINT_RADIUS_KM = 100.0
EARTH_RADIUS_KM = 6371.0088


def geonames_id(obj) -> str | None:
    v = obj.get("geonames_id") if isinstance(obj, dict) else None
    if v is None or isinstance(v, bool):
        return None
    return str(v).strip() or None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def match_places(gold_places: list[dict], pred: list[dict], names_of, norm) -> dict[int, int]:
    order = sorted(range(len(gold_places)), key=lambda i: not gold_places[i].get("required", True))
    gnames = [names_of(g) for g in gold_places]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for mode in ("id", "exact", "shared"):
        for gi in order:
            if gi in pairs:
                continue
            gid = geonames_id(gold_places[gi])
            for pi, p in enumerate(pred):
                if pi in used:
                    continue
                if mode == "id":
                    hit = gid is not None and gid == geonames_id(p)
                elif mode == "exact":
                    hit = norm(p.get("name")) in gnames[gi]
                else:
                    hit = bool(names_of(p) & gnames[gi])
                if hit:
                    pairs[gi] = pi
                    used.add(pi)
                    break
    return pairs


def resolved(g: dict, p: dict) -> tuple[bool, str]:
    if g.get("kind") == "country":
        got = (p.get("country_code") or "").upper()
        return bool(g.get("country")) and got == g["country"].upper(), f"country {got or None}"
    lat, lon, glat, glon = p.get("latitude"), p.get("longitude"), g.get("lat"), g.get("lon")
    if None in (lat, lon, glat, glon):
        return False, "no coordinates"
    limit = PLACE_RADIUS_KM.get(g.get("kind"), PLACE_RADIUS_KM["city"])
    if limit == PLACE_RADIUS_KM["city"] and g.get("approx"):
        limit = APPROX_POINT_RADIUS_KM
    km = distance_km(glat, glon, lat, lon)
    return km <= limit, f"{km:.0f} km off (limit {limit:.0f})"


def score_places(gold: dict, pred: list[dict], event_pairs, rep, names_of, norm) -> None:
    """Adds the document's place figures to `rep` (a gold_scoring.Report)."""
    golds = [g for g in gold["places"] if isinstance(g, dict)]
    pairs = match_places(golds, pred, names_of, norm)
    req = [i for i, g in enumerate(golds) if g.get("required", True)]
    rep.places.add(sum(i in pairs for i in req), len(req), len(pairs), len(pred))
    rep.notes += [f"place missed: {golds[i]['name']}" for i in req if i not in pairs]
    matched = set(pairs.values())
    rep.notes += [
        f"place extra: {p['name']!r} ({p.get('country_code')})"
        for pi, p in enumerate(pred)
        if pi not in matched
    ]
    for gi, pi in pairs.items():
        g, p = golds[gi], pred[pi]
        ok, found = resolved(g, p)
        rep.check("place_resolution", ok, f"{g['name']} ({g.get('kind')}) {found}")
        if g.get("country"):
            got = p.get("country_code")
            rep.check("place_country", got == g["country"], f"{g['name']} in {got}")
    index_of = {p["id"]: pi for pi, p in enumerate(pred)}
    by_name = {g["name"]: gi for gi, g in enumerate(golds)}
    for ge, pe in event_pairs:
        got = pe.get("place")
        want = by_name.get(ge.get("location"))
        right = False
        if want is not None and got is not None:
            pi = index_of.get(got.get("id"))
            # The place paired with the gold one, else (unpaired) one sharing a name with it.
            right = (
                pairs.get(want) == pi
                if want in pairs
                else bool(names_of(got) & names_of(golds[want]))
            )
        if want is not None:
            shown = got and got.get("name")
            rep.check(
                "event_location", right, f"{ge['trigger']!r} at {shown!r}, want {ge['location']}"
            )
        if got is not None:  # a rate of errors: True counts against
            rep.checks.setdefault("wrong_place", []).append(not right)
            if not right:
                rep.notes.append(
                    f"wrong place: {ge['trigger']!r} at {got.get('name')!r}, want "
                    f"{ge.get('location')}"
                )
