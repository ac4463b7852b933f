"""What a client asks of the store, independent of the engine that answers it.

Days travel as proleptic Gregorian ordinals (date.toordinal()); intervals are inclusive.
Timeline order is (start, end, id); undated events come after every dated one, by id.
A cursor is the sort key of the last row a page returned, so the next page starts
strictly after it (keyset pagination): no OFFSET, no gaps or repeats when rows are added.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import orjson

AXES = ("occurred", "reported")
MODES = ("overlaps", "within")
UNDATED = ("exclude", "include", "only")

MIN_DAY = date.min.toordinal()
MAX_DAY = date.max.toordinal()


class CursorError(ValueError):
    """A cursor that this store did not hand out (or that was damaged on the way)."""


@dataclass(frozen=True)
class Cursor:
    """Sort key of the last row returned. start/end are None in the undated tail."""

    start: int | None
    end: int | None
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.start, self.end, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            start, end, ident = json.loads(raw)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise CursorError("cursor is not one this service issued") from exc
        days_ok = all(isinstance(d, int) and MIN_DAY <= d <= MAX_DAY for d in (start, end))
        undated = start is None and end is None
        if not isinstance(ident, str) or not (days_ok or undated):
            raise CursorError("cursor is not one this service issued")
        try:
            ident.encode()
        except UnicodeEncodeError as exc:  # a lone surrogate: no id holds one
            raise CursorError("cursor is not one this service issued") from exc
        return cls(start, end, ident)


@dataclass(frozen=True)
class EventQuery:
    """A range query on one axis. start/end are inclusive day ordinals or None (open)."""

    start: int | None = None
    end: int | None = None
    mode: str = "overlaps"
    axis: str = "occurred"
    types: tuple[str, ...] = ()
    factuality: tuple[str, ...] = ()  # any of schemas.FACTUALITIES (absent in an event: asserted); () for all
    q: str | None = None
    undated: str = "exclude"
    excerpt_id: str | None = None
    limit: int = 100
    cursor: Cursor | None = None

    def factuality_matches(self, event: dict[str, Any]) -> bool:
        """Whether an event's JSON passes the factuality filter (absent means asserted)."""
        return not self.factuality or event.get("factuality", "asserted") in self.factuality

    @property
    def window(self) -> tuple[int, int]:
        return (MIN_DAY if self.start is None else self.start,
                MAX_DAY if self.end is None else self.end)


def length_class(start: int, end: int) -> int:
    """Length class of an inclusive interval: class k holds end - start in [2^(k-1), 2^k - 1]."""
    return (end - start).bit_length()


def class_max_span(k: int) -> int:
    """The largest end - start an interval of class k can have."""
    return (1 << k) - 1


def class_min_span(k: int) -> int:
    """The smallest end - start an interval of class k can have."""
    return 0 if k == 0 else 1 << (k - 1)


def day(value: date) -> int:
    return value.toordinal()


@lru_cache(maxsize=1 << 16)
def iso(ordinal: int | None) -> str | None:
    """YYYY-MM-DD of a day ordinal. Cached: a page of events repeats few distinct days."""
    return None if ordinal is None else date.fromordinal(ordinal).isoformat()


class Pages:
    """Whole pages and whole answers from an engine's query_json(); shared by every store."""

    def query_json(self, q: EventQuery) -> tuple[list[str], Cursor | None]:
        raise NotImplementedError

    def query_events(self, q: EventQuery) -> tuple[list[dict[str, Any]], Cursor | None]:
        """One page of events in timeline order, and the cursor of the next page (or None)."""
        bodies, cursor = self.query_json(q)
        return [orjson.loads(body) for body in bodies], cursor

    def iter_json(self, q: EventQuery, page: int = 1000) -> Iterator[str]:
        """Every event the query matches, as JSON text in timeline order, read page by page (keyset)."""
        q = replace(q, limit=page)
        while True:
            bodies, cursor = self.query_json(q)
            yield from bodies
            if cursor is None:
                return
            q = replace(q, cursor=cursor)

    def iter_events(self, q: EventQuery, page: int = 1000) -> Iterator[dict[str, Any]]:
        return map(orjson.loads, self.iter_json(q, page))
