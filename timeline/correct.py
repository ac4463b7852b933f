"""A person's correction of an event. The event becomes `source: "corrected"`, the change
goes to its history with the cause "corrected", and re-extraction of its excerpt (a new
text, a new reference date) leaves it as the person left it."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.ingest import digest, now_iso
from timeline.records import PreparedEvent, Span
from timeline.store.sqlite_writes import CORRECTED

_CORE = ("id", "excerpt_id", "type", "summary", "occurred", "reported", "created_at", "updated_at")


def _span(value: dict | None, current: dict | None) -> Span | None:
    chosen = value if value is not None else current
    if chosen is None:
        return None
    start, end = (d if isinstance(d, date) else date.fromisoformat(d) for d in (chosen["start"], chosen["end"]))
    return Span(start.toordinal(), end.toordinal(), chosen.get("precision"))


def correct_event(store, event_id: str, fields: dict[str, Any], now: str | None = None) -> dict[str, Any] | None:
    """Apply validated fields (schemas.EventPatch) to a stored event; None if there is none."""
    with store.transaction():
        current = store.get_event(event_id)
        if current is None:
            return None
        rowid, ordinal = store.event_key(event_id)
        note = fields.pop("note", None)
        changed = sorted(fields)
        body = {k: v for k, v in current.items() if k not in _CORE}
        body.update({k: v for k, v in fields.items() if k not in {"type", "summary", "occurred", "reported"}})
        body["source"] = CORRECTED
        explain = dict(body.get("explain") or {})
        if "factuality" in fields:
            explain.pop("factuality", None)  # the extractor's cue no longer says why
        explain["corrected"] = f"corrected by a person: {', '.join(changed)}" + (f" ({note})" if note else "")
        body["explain"] = explain
        occurred = None if "occurred" in fields and fields["occurred"] is None else \
            _span(fields.get("occurred"), current["occurred"])
        reported = None if "reported" in fields and fields["reported"] is None else \
            _span(fields.get("reported"), current["reported"])
        excerpt = store.get_excerpt(current["excerpt_id"]) if current["excerpt_id"] else None
        context = " ".join([excerpt["text"] if excerpt else body.get("description") or "",
                            *body.get("actors", ()), *body.get("places", ())])
        event = PreparedEvent(
            id=event_id, type=fields.get("type", current["type"]), summary=fields.get("summary", current["summary"]),
            occurred=occurred, reported=reported, body=body, context=context,
            content_hash=digest({"type": fields.get("type", current["type"]), "body": body,
                                 "summary": fields.get("summary", current["summary"]),
                                 "occurred": occurred and [occurred.start, occurred.end, occurred.precision],
                                 "reported": reported and [reported.start, reported.end, reported.precision]}),
            excerpt_id=current["excerpt_id"], ordinal=ordinal)
        store.update_events([(rowid, event)], now or now_iso(), cause="corrected")
        return store.get_event(event_id)
