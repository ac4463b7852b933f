"""What the store writes: excerpts and events prepared (validated, hashed, analysed)
by the ingest layer. Engine-independent values; the store turns them into rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A dated interval on one axis: inclusive day ordinals and the precision of the date."""

    start: int
    end: int
    precision: str | None


@dataclass
class PreparedEvent:
    id: str
    type: str
    summary: str
    occurred: Span | None
    reported: Span | None
    body: dict[str, Any]          # actors, places, quantities, mentions, confidence, explain, source
    content_hash: str
    context: str = ""             # extra text for full-text search (excerpt text, actors, places)
    excerpt_id: str | None = None
    ordinal: int | None = None


@dataclass
class PreparedExcerpt:
    id: str
    text: str
    reference_date: str | None
    source: str | None
    url: str | None
    metadata: dict[str, Any]
    content_hash: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[PreparedEvent] = field(default_factory=list)
