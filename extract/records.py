"""Small frozen records the extractors return; the only shapes `api` relies on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    index: int
    kind: str  # "paragraph" | "block_quote"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Media:
    caption: str | None
    credit: str | None
    photographer: str | None
    agency: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Layout:
    title: str | None
    subtitle: str | None
    kicker: str | None
    media: tuple[Media, ...]
    paragraphs: tuple[Paragraph, ...]
    # Spans the extractors read: subtitle, captions and body (not the title or credits).
    zones: tuple[tuple[int, int], ...]
    title_span: tuple[int, int] | None = None
    dateline: str | None = None  # "PARIS, May 3 (Reuters) –": where the brief was filed


@dataclass(frozen=True)
class ActorInfo:
    """An actor as the document knows it; `key` identifies it across documents."""

    key: str
    name: str
    kind: str  # person | organization | country | group
    title: str | None = None
    affiliation: str | None = None  # key of another actor
    code: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    key: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    speaker: str | None  # actor key
    kind: str  # direct | indirect | block
    cue: str | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Event:
    type: str
    mode: str | None
    cameo: str | None
    status: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    trigger: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    date: str | None  # ISO date, first day of the period
    date_precision: str | None  # day | week | month | year | reported
    date_text: str | None
    location: str | None
    confidence: float
    place: str | None = None  # key of a Place in Extraction.places
    geo_precision: str | None = None  # city | near_city | admin1 | region | country


@dataclass(frozen=True)
class Place:
    """A gazetteer place the brief names; `key` identifies it across documents
    ("geonames:170063", "curated:black-sea")."""

    key: str
    name: str
    feature: str  # country | admin1 | city | continent | region | water | landmark
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1_code: str | None
    admin1: str | None
    latitude: float | None  # representative point (WGS84)
    longitude: float | None
    population: int | None
    geonames_id: int | None
    source: str  # geonames | curated


@dataclass(frozen=True)
class PlaceMention:
    place: str | None  # Place.key; None when the name could not be resolved safely
    start: int  # code points into the stored text
    end: int
    text: str
    kind: str  # ner | actor | dateline | locative
    confidence: float


@dataclass(frozen=True)
class Extraction:
    layout: Layout
    actors: tuple[ActorInfo, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...] = field(default=())
    places: tuple[Place, ...] = field(default=())
    place_mentions: tuple[PlaceMention, ...] = field(default=())
