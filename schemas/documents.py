"""The HTTP contract of documents."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate

from .common import MAX_ALL_OF, PARAGRAPH_KINDS, SEARCH_SYNTAX, Id, Many
from .listing import SearchHitSchema, list_args

NO_CONTROL = validate.Regexp(r"^[^\x00-\x1f\x7f]*$", error="No control characters.")
MAX_SHORT = 200  # source, section
MAX_URL = 2000
MAX_DEPTH = 20  # levels of nesting in metadata
SHORT = [validate.Length(max=MAX_SHORT), NO_CONTROL]
# An absolute http(s) URL without control characters: a link a browser may follow (not
# javascript: or data:).
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\x00-\x20\x7f]+[^\x00-\x1f\x7f]*$"
URL = [
    validate.Length(max=MAX_URL),
    validate.Regexp(URL_PATTERN, error="An http or https URL, without control characters."),
]
MAX_TEXT = 5 * 1024 * 1024
# Not blank, and no control characters but tab and line breaks.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class DocumentSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(
        allow_none=True,
        metadata={
            "description": "The first line, at most 500 characters: a longer one is cut at a "
            "word boundary (`text` keeps all of it)."
        },
    )
    subtitle = fields.String(allow_none=True)
    kicker = fields.String(allow_none=True)
    section = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published_at = fields.Date(attribute="published", allow_none=True)
    language = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
    search = fields.Nested(
        SearchHitSchema,
        dump_only=True,
        metadata={"description": "With `q`: where the text matched."},
    )


class ParagraphSchema(Schema):
    index = fields.Integer()
    kind = fields.String(validate=validate.OneOf(PARAGRAPH_KINDS))
    text = fields.String()
    start = fields.Integer()
    end = fields.Integer()


class MediaSchema(Schema):
    caption = fields.String(allow_none=True)
    credit = fields.String(allow_none=True)
    photographer = fields.String(allow_none=True)
    agency = fields.String(allow_none=True)


class DocumentDetailSchema(DocumentSchema):
    text = fields.String(
        metadata={"description": "The whole brief as stored; offsets count code points into it."}
    )
    paragraphs = fields.List(
        fields.Nested(ParagraphSchema), metadata={"description": "Body paragraphs, in order."}
    )
    media = fields.List(fields.Nested(MediaSchema))
    metadata = fields.Dict(attribute="extra")
    content_hash = fields.String()


def _published_at(**kwargs) -> fields.Date:
    return fields.Date(metadata={"description": "Publication date, YYYY-MM-DD."}, **kwargs)


def _published(name: str = "published_at", **kwargs) -> fields.Date:
    """The earlier spelling of `name`, still taken."""
    description = f"Deprecated: the earlier name of `{name}`."
    return fields.Date(metadata={"description": description, "deprecated": True}, **kwargs)


class PublishedAtMixin(Schema):
    """`published_at` on input as on output; `published`, its earlier name, still accepted.
    Loaded as the brief's `published` (api/briefs.BriefIn)."""

    @post_load
    def _one_date(self, data, **kwargs):
        if "published_at" in data:
            given = data.pop("published_at")
            if "published" in data and data["published"] != given:
                raise ValidationError(
                    "Give published_at (or published, its old name) once.", "published"
                )
            data["published"] = given
        return data


class DocumentInSchema(PublishedAtMixin):
    text = fields.String(
        required=True,
        validate=[
            validate.Length(
                min=1, max=MAX_TEXT, error="text must not be empty nor over {max} characters"
            ),
            validate.Regexp(
                TEXT_PATTERN, error="text must not be blank nor hold control characters"
            ),
        ],
        metadata={
            "description": "The brief, title on its first line: not blank, no control characters."
        },
    )
    source = fields.String(allow_none=True, validate=SHORT)
    url = fields.String(
        allow_none=True, validate=URL, metadata={"description": "The brief's http(s) address."}
    )
    published_at = _published_at(allow_none=True)
    published = _published(allow_none=True)
    section = fields.String(allow_none=True, validate=SHORT)
    metadata = fields.Dict(
        keys=fields.String(),
        load_default=dict,
        metadata={
            "description": f"Free-form extras, kept as given: at most {MAX_DEPTH} levels deep, "
            "finite numbers."
        },
    )


class DocumentTextArgsSchema(PublishedAtMixin):
    """Fields of a `text/plain` ingest, given as query parameters."""

    source = fields.String(validate=SHORT)
    url = fields.String(validate=URL)
    published_at = _published_at()
    published = _published()
    section = fields.String(validate=SHORT)


class PreferSchema(Schema):
    """Request headers of an ingest."""

    prefer = fields.String(
        data_key="Prefer",
        validate=validate.Length(max=500),
        metadata={"description": "`respond-async`: queue the brief as a job and answer 202."},
    )


# `published`: the earlier name of `published_at`, still taken.
DOCUMENT_QUERY_SORT = ("id", "published_at", "created_at", "updated_at", "published")
DOCUMENT_QUERY_FIELDS = (
    "id",
    "title",
    "subtitle",
    "kicker",
    "section",
    "source",
    "url",
    "published_at",
    "language",
    "created_at",
    "updated_at",
)


class DocumentQuerySchema(list_args(DOCUMENT_QUERY_SORT, DOCUMENT_QUERY_FIELDS)):
    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Full-text search in title and text, ranked. " + SEARCH_SYNTAX},
    )
    source = Many(
        fields.String(validate=SHORT),
        metadata={"description": "Exact source name; repeat for any of several."},
    )
    published_at_from = fields.Date(metadata={"description": "Published on or after this day."})
    published_at_to = fields.Date(metadata={"description": "Published on or before this day."})
    published_from = _published("published_at_from")
    published_to = _published("published_at_to")
    actor_id = Many(
        Id(),
        MAX_ALL_OF,
        metadata={"description": "Only documents naming every one of these actors."},
    )
