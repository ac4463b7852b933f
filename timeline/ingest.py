"""From records clients send to what the store writes: validation, ids, hashes,
analysis, and the bulk loader (chunked or atomic, with a per-record report).

Used by POST /excerpts, POST /bulk and `python -m timeline load`, so every way in
validates and derives the same way.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import UTC, date, datetime
from typing import Any

import orjson
from marshmallow import ValidationError

from timeline.fastpath import quick_event
from timeline.pipeline import analyse, reanalyse
from timeline.records import PreparedEvent, PreparedExcerpt, Span
from timeline.schemas import EventIn, ExcerptIn, ReferenceDateIn

_EXCERPT_SCHEMA = ExcerptIn()
_EVENT_SCHEMA = EventIn()
_REFERENCE_DATE_SCHEMA = ReferenceDateIn()
MAX_RECORD_BYTES = 1024 * 1024
# Events derived from an excerpt are named "<excerpt id>:<n>". A ready-made event may not take
# such a name: it would collide with a derived event, or silently take its place.
_DERIVED_ID = re.compile(r":\d+\Z")


class RecordError(ValueError):
    """A record that cannot be stored; code and details go into the report."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = _str_keys(details)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}

    def __reduce__(self) -> tuple:  # pickled by the bulk loader's worker processes
        return (RecordError, (self.code, self.message, self.details))


def _str_keys(value: Any) -> Any:
    """marshmallow keys a list item's messages by its index; JSON keys are strings."""
    if isinstance(value, dict):
        return {str(k): _str_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_str_keys(v) for v in value]
    return value


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest(value: Any) -> str:
    return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _span(data: dict | None) -> Span | None:
    if not data:
        return None
    start = date.fromisoformat(data["start"]) if isinstance(data["start"], str) else data["start"]
    end = date.fromisoformat(data["end"]) if isinstance(data["end"], str) else data["end"]
    return Span(start.toordinal(), end.toordinal(), data.get("precision") or _precision(start, end))


def _precision(start: date, end: date) -> str:
    """The precision a bare interval implies: a whole year, a whole month, else days."""
    if start.year == end.year and start.day == 1:
        if (start.month, end.month, end.day) == (1, 12, 31):
            return "year"
        if start.month == end.month and end.day == calendar.monthrange(end.year, end.month)[1]:
            return "month"
    return "day"


# -- excerpts -----------------------------------------------------------------------

def load_excerpt(data: Any) -> PreparedExcerpt:
    """Validate an excerpt record; analysis is separate (only changed excerpts need it)."""
    if not isinstance(data, dict):
        raise RecordError("invalid_record", "a record must be a JSON object")
    try:
        clean = _EXCERPT_SCHEMA.load(data)
    except ValidationError as exc:
        raise RecordError("validation_failed", "the excerpt is not valid", exc.messages) from exc
    ref = clean["reference_date"]
    content = {"text": clean["text"], "reference_date": ref.isoformat() if ref else None,
               "source": clean["source"], "url": clean["url"], "metadata": clean["metadata"]}
    content_hash = digest(content)
    ident = clean.get("id") or "x-" + hashlib.sha256(clean["text"].encode()).hexdigest()[:20]
    return PreparedExcerpt(id=ident, content_hash=content_hash, **content)


def analyse_excerpt(excerpt: PreparedExcerpt, stored_mentions: list[dict] | None = None) -> PreparedExcerpt:
    """Fill an excerpt's mentions and events from its text, or, given its stored mentions,
    by resolving those again against its (new) reference date."""
    ref = date.fromisoformat(excerpt.reference_date) if excerpt.reference_date else None
    if stored_mentions is None:
        mentions, events = analyse(excerpt.text, ref)
    else:
        mentions, events = reanalyse(excerpt.text, stored_mentions, ref)
    excerpt.mentions = mentions
    excerpt.events = [derived_event(excerpt, i, e) for i, e in enumerate(events)]
    return excerpt


def derived_event(excerpt: PreparedExcerpt, ordinal: int, event: dict[str, Any]) -> PreparedEvent:
    body = {k: v for k, v in event.items() if k not in {"type", "summary", "occurred", "reported"}}
    body["source"] = "extracted"
    context = " ".join([excerpt.text, *event.get("actors", ()), *event.get("places", ())])
    return PreparedEvent(
        id=f"{excerpt.id}:{ordinal}", type=event["type"], summary=event["summary"],
        occurred=_span(event.get("occurred")), reported=_span(event.get("reported")),
        body=body, content_hash=digest(event), context=context,
        excerpt_id=excerpt.id, ordinal=ordinal)


# -- ready-made events ------------------------------------------------------------------

def load_event(data: Any) -> PreparedEvent:
    if not isinstance(data, dict):
        raise RecordError("invalid_record", "a record must be a JSON object")
    clean = quick_event(data)
    if clean is None:
        try:
            clean = _EVENT_SCHEMA.load(data)
        except ValidationError as exc:
            raise RecordError("validation_failed", "the event is not valid", exc.messages) from exc
    if _DERIVED_ID.search(clean.get("id") or ""):
        raise RecordError("validation_failed", "the event is not valid",
                          {"id": ["ids ending in ':<number>' name events derived from excerpts"]})
    occurred, reported = _span(clean["occurred"]), _span(clean["reported"])
    body = {
        "actors": clean["actors"], "places": clean["places"], "quantities": clean["quantities"],
        "mentions": [], "confidence": clean["confidence"], "explain": None,
        "description": clean["description"], "url": clean["url"], "metadata": clean["metadata"],
        "source": "loaded",
    }
    if clean["factuality"] is not None:  # left out, the event is asserted (and reloads of old files stay unchanged)
        body["factuality"] = clean["factuality"]
    content = {"type": clean["type"], "summary": clean["summary"], "body": body,
               "occurred": occurred and [occurred.start, occurred.end, occurred.precision],
               "reported": reported and [reported.start, reported.end, reported.precision]}
    content_hash = digest(content)
    context = " ".join(filter(None, [clean["description"], *clean["actors"], *clean["places"]]))
    return PreparedEvent(id=clean.get("id") or "ev-" + content_hash[:20], type=clean["type"],
                         summary=clean["summary"], occurred=occurred, reported=reported,
                         body=body, content_hash=content_hash, context=context)


def load_reference_date(data: dict) -> tuple[str, date | None]:
    """(excerpt id, date) of a {"kind": "reference_date", "excerpt": id, "reference_date": ...} record."""
    try:
        clean = _REFERENCE_DATE_SCHEMA.load(data)
    except ValidationError as exc:
        raise RecordError("validation_failed", "the reference date record is not valid", exc.messages) from exc
    return clean["excerpt"], clean["reference_date"]
