"""Arguments every list takes: paging (page or cursor), sort, projection, format, sync, search."""

from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, ValidationError, validate, validates_schema
from marshmallow import fields as f

EXPORT_FORMATS = ("json", "csv", "ndjson")


class CommaList(f.String):
    """`a,b,-c` as a list of strings."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        items = [v.strip() for v in raw.split(",") if v.strip()]
        if not items:
            raise ValidationError("Give at least one value.")
        return items


class SearchHitSchema(Schema):
    snippet = f.String(
        metadata={"description": "The text around the first match, matches in <mark>."}
    )
    matches = f.List(
        f.Dict(keys=f.String(), values=f.Integer()),
        metadata={"description": "`{start, end}` of every match, offsets into the searched text."},
    )


class ListArgsSchema(Schema):
    """Subclasses set SORTABLE (sort keys) and FIELDS (projectable fields)."""

    SORTABLE: tuple[str, ...] = ("id",)
    FIELDS: tuple[str, ...] = ("id",)

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
    sort = CommaList(metadata={"description": "Comma-separated keys, `-` for descending."})
    # `fields` is the Schema's own attribute: the argument keeps its name through data_key.
    fields_ = CommaList(
        data_key="fields",
        metadata={"description": "Comma-separated fields to return (`id` always comes)."},
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
    def _known_keys(self, data, **kwargs):
        for key in data.get("sort", []):
            if key.lstrip("-") not in self.SORTABLE:
                raise ValidationError(f"Sort by one of: {', '.join(self.SORTABLE)}.", "sort")
        for name in data.get("fields_", []):
            if name not in self.FIELDS:
                raise ValidationError(f"Unknown field {name!r}.", "fields")
        if "cursor" in data and "page" in data:
            raise ValidationError("Use either page or cursor.", "cursor")
