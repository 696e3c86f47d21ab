"""The HTTP contract of documents."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

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


class DocumentInSchema(Schema):
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
    published = fields.Date(
        allow_none=True, metadata={"description": "Publication date, YYYY-MM-DD."}
    )
    section = fields.String(allow_none=True, validate=SHORT)
    metadata = fields.Dict(
        keys=fields.String(),
        load_default=dict,
        metadata={
            "description": f"Free-form extras, kept as given: at most {MAX_DEPTH} levels deep, "
            "finite numbers."
        },
    )


class DocumentTextArgsSchema(Schema):
    """Fields of a `text/plain` ingest, given as query parameters."""

    source = fields.String(validate=SHORT)
    url = fields.String(validate=URL)
    published = fields.Date()
    section = fields.String(validate=SHORT)


class PreferSchema(Schema):
    """Request headers of an ingest."""

    prefer = fields.String(
        data_key="Prefer",
        validate=validate.Length(max=500),
        metadata={"description": "`respond-async`: queue the brief as a job and answer 202."},
    )


DOCUMENT_QUERY_SORT = ("id", "published", "created_at", "updated_at")
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
    published_from = fields.Date()
    published_to = fields.Date()
    actor_id = Many(
        Id(),
        MAX_ALL_OF,
        metadata={"description": "Only documents naming every one of these actors."},
    )
