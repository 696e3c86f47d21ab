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


@dataclass(frozen=True)
class Extraction:
    layout: Layout
    actors: tuple[ActorInfo, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...] = field(default=())
