"""Loader options and filters the list endpoints share."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from .models import Event, EventParticipant, Quote


def like(q: str) -> str:
    """A LIKE pattern for text containing `q` literally (its % and _ are not wildcards)."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_options():
    return (selectinload(Event.participants).selectinload(EventParticipant.actor),)


def quote_options():
    return (selectinload(Quote.speaker),)
