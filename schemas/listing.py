"""Arguments every list takes: paging (page or cursor), sort, projection, format, sync, search."""

from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, ValidationError, validate, validates_schema
from marshmallow import fields as f

EXPORT_FORMATS = ("json", "csv", "ndjson")
# Event lists also stream a map: an RFC 7946 FeatureCollection (api/geojson.py).
GEO_FORMATS = (*EXPORT_FORMATS, "geojson")


class CommaList(f.String):
    """`a,b,-c` as a list of strings; `choices` documents and enforces what may appear, and
    as many items as there are choices at most."""

    def __init__(self, *, choices: tuple[str, ...], signed: bool = False, **kwargs):
        self.choices, self.signed = choices, signed
        word = ("-?" if signed else "") + "(?:" + "|".join(choices) + ")"
        metadata = kwargs.setdefault("metadata", {})
        metadata["pattern"] = rf"^{word}(?:,{word}){{0,{len(choices) - 1}}}$"
        metadata["description"] = f"{metadata.get('description', '')} At most {len(choices)}."
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        items = [v.strip() for v in raw.split(",")]
        if not raw or any(not v for v in items):
            raise ValidationError("Give comma-separated values.")
        if len(items) > len(self.choices):
            raise ValidationError(f"At most {len(self.choices)} values.")
        for item in items:
            if (item[1:] if self.signed and item.startswith("-") else item) not in self.choices:
                raise ValidationError(f"One of: {', '.join(self.choices)}.")
        return items


class OffsetsSchema(Schema):
    start = f.Integer(metadata={"description": "First code point of the match."})
    end = f.Integer(metadata={"description": "Code point after the match."})


class SearchHitSchema(Schema):
    snippet = f.String(
        metadata={
            "description": "The text around the first match as HTML-escaped text in which "
            "`<mark>`...`</mark>` around each match is the only markup: safe to put into "
            "`innerHTML`, and shown there it reads exactly as `snippet_text`."
        }
    )
    snippet_text = f.String(
        metadata={"description": "The same snippet as plain text (`…` where it is cut)."}
    )
    snippet_matches = f.List(
        f.Nested(OffsetsSchema),
        metadata={
            "description": "`{start, end}` of each match shown, in code points into "
            "`snippet_text`: a highlight built without HTML."
        },
    )
    matches = f.List(
        f.Nested(OffsetsSchema),
        metadata={"description": "`{start, end}` of every match, offsets into the searched text."},
    )


class ListArgsSchema(Schema):
    """Paging, format and sync arguments; `list_args()` adds sort and projection."""

    page = f.Integer(
        validate=validate.Range(min=1, max=1_000_000),
        metadata={"description": "Page number (offset paging)."},
    )
    page_size = f.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = f.String(
        validate=validate.Length(max=500),
        metadata={
            "description": "Keyset paging: `next_cursor` from the previous page (empty for the first)."
        },
    )
    format = f.String(
        validate=validate.OneOf(EXPORT_FORMATS),
        metadata={"description": "`csv` or `ndjson` streams every match; `Accept` works too."},
    )
    updated_since = f.AwareDateTime(
        default_timezone=UTC,
        metadata={"description": "Only items created or changed since (ISO 8601)."},
    )

    @validates_schema
    def _paging(self, data, **kwargs):
        if "cursor" in data and "page" in data:
            raise ValidationError("Use either page or cursor.", "cursor")


# `fields` is a sparse fieldset, as JSON:API's: README, "Projections".
FIELDS_DESCRIPTION = (
    "A sparse fieldset (as JSON:API's): comma-separated fields, and each item carries exactly "
    "these, `id` first and then in the order asked, in every format (a CSV also has the ids "
    "of an actor reference beside its names; `search`, the match, comes with `q` and only "
    "with it). The item schema's `required` list holds for full items only: a projected item "
    "has the fields asked for and no others."
)


def list_args(
    sortable: tuple[str, ...], fields: tuple[str, ...], formats: tuple[str, ...] = EXPORT_FORMATS
) -> type[ListArgsSchema]:
    """List arguments for one resource: what it sorts by, which fields it projects and which
    formats it streams."""

    class ResourceListArgs(ListArgsSchema):
        format = f.String(
            validate=validate.OneOf(formats),
            metadata={
                "description": f"`{'`, `'.join(formats[1:])}` streams every match; `Accept` "
                "works too."
            },
        )
        sort = CommaList(
            choices=sortable,
            signed=True,
            metadata={"description": "Comma-separated keys, `-` for descending."},
        )
        # `fields` is the Schema's own attribute: the argument keeps its name through data_key.
        fields_ = CommaList(
            choices=fields,
            data_key="fields",
            metadata={"description": FIELDS_DESCRIPTION},
        )

    return ResourceListArgs
