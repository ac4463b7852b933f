"""The values the extractor returns: Event and its parts (see issue 5 and shared/TEMPORAL.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Dating:
    """Calendar days an event covers (both ends inclusive) and how precisely the text says so."""

    start: dt.date
    end: dt.date
    precision: str

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}


@dataclass(frozen=True)
class Quantity:
    """A figure the event states: "over 12,000 North Korean troops" -> 12000, bound "lower"."""

    value: int | float
    text: str
    unit: str | None = None
    qualifier: str | None = None
    bound: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "unit": self.unit, "qualifier": self.qualifier,
                "bound": self.bound}


@dataclass
class Event:
    type: str
    summary: str
    start: int
    end: int
    occurred: Dating | None = None
    reported: Dating | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    confidence: float = 0.5
    factuality: str = "asserted"  # or "expected", "possible" (timeline/events/factuality.py)
    explain: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "summary": self.summary,
            "span": {"start": self.start, "end": self.end},
            "occurred": self.occurred.to_dict() if self.occurred else None,
            "reported": self.reported.to_dict() if self.reported else None,
            "actors": list(self.actors),
            "places": list(self.places),
            "quantities": [q.to_dict() for q in self.quantities],
            "mentions": list(self.mentions),
            "confidence": self.confidence,
            "factuality": self.factuality,
            "explain": dict(self.explain),
        }
