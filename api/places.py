"""Places: the gazetteer places briefs name (GeoNames towns, admin1 regions, countries and
continents; curated seas, regions and landmarks), shared across documents, and their events."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import exists, select

from schemas import examples
from schemas.events import EventSchema, PlaceEventsQuerySchema
from schemas.places import ATTRIBUTION, PlaceQuerySchema, PlaceSchema

from .args import Blueprint
from .db import db
from .events import list_events
from .exports import add_export
from .listing import LIST_HEADERS, ListSpec, list_response
from .models import Place, PlaceMention
from .queries import like
from .rows import PLACES

blp = Blueprint("places", __name__, description=f"Places the briefs name. {ATTRIBUTION}.")

SPEC = ListSpec(
    model=Place,
    schema=PlaceSchema,
    sortable={
        "id": Place.id,
        "name": Place.name,
        "country_code": Place.country_code,
        "feature": Place.feature,
    },
    default_sort=("id",),
    nullable=frozenset({"country_code"}),
    updated=None,
    reader=PLACES,
)


def _place_or_404(place_id: int) -> None:
    if db.session.scalar(select(Place.id).where(Place.id == place_id)) is None:
        abort(404, message=f"No place {place_id}.")


@blp.route("")
class Places(MethodView):
    @blp.arguments(PlaceQuerySchema(), location="query")
    @blp.response(200, PlaceSchema(many=True), headers=LIST_HEADERS, example=[examples.PLACE])
    @blp.doc(operationId="list_places")
    def get(self, args):
        """List places

        Places named in some documents (`document_id`), of some countries, of some kinds
        (`feature`), or whose name holds `q`. Page with `page` or walk with `cursor`;
        `format=csv` or `ndjson` streams every match. Place data: GeoNames (geonames.org),
        CC BY 4.0, selected and reduced by this project.
        """
        stmt = select(Place)
        if args.get("document_id"):
            stmt = stmt.where(
                exists().where(
                    PlaceMention.place_id == Place.id,
                    PlaceMention.document_id.in_(args["document_id"]),
                )
            )
        if args.get("country"):
            stmt = stmt.where(Place.country_code.in_(sorted({c.upper() for c in args["country"]})))
        if args.get("feature"):
            stmt = stmt.where(Place.feature.in_(args["feature"]))
        if "q" in args:
            stmt = stmt.where(Place.name.ilike(like(args["q"]), escape="\\"))
        return list_response(stmt, args, SPEC)


add_export(blp, "", Places, "places")


@blp.route("/<id:place_id>")
class PlaceItem(MethodView):
    @blp.response(200, PlaceSchema, example=examples.PLACE)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.doc(operationId="get_place")
    def get(self, place_id):
        """Get a place

        Its name, kind, country, admin1, coordinates and GeoNames id.
        """
        return PLACES.one_or_404(select(Place).where(Place.id == place_id), f"place {place_id}")


@blp.route("/<id:place_id>/events")
class PlaceEvents(MethodView):
    @blp.arguments(PlaceEventsQuerySchema(), location="query")
    @blp.response(200, EventSchema(many=True), headers=LIST_HEADERS, example=[examples.EVENT])
    @blp.doc(operationId="list_place_events")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args, place_id):
        """List a place's events

        Events placed at this place, in document order (negated acts left out).
        """
        _place_or_404(place_id)
        filters = {"place_id": [place_id], "document_id": args.get("document_id")}
        return list_events(filters, args)


add_export(blp, "/<id:place_id>/events", PlaceEvents, "a place's events")
