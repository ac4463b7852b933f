"""Dates that get better: a reference date given (or changed) after an excerpt was stored.

The excerpt's stored mentions are resolved again from their underspecified form, its
events re-derived, and the change written in one transaction, each event change in the
history with the cause "re-resolved" (or "estimated" when the date is an estimate).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.ingest import analyse_excerpt, load_excerpt, now_iso

_EXCERPT_FIELDS = ("id", "text", "source", "url", "metadata")


def redate(store, excerpt_id: str, reference_date: date | None, cause: str = "re-resolved",
           now: str | None = None) -> dict[str, Any] | None:
    """Give an excerpt a reference date (or take it away: None). None if there is no such
    excerpt; else what changed: the date, each mention's value and interval, each event's dates."""
    with store.transaction():
        before = store.get_excerpt(excerpt_id)
        if before is None:
            return None
        excerpt = load_excerpt({**{k: before[k] for k in _EXCERPT_FIELDS},
                                "reference_date": reference_date.isoformat() if reference_date else None})
        if excerpt.content_hash != before["content_hash"]:
            analyse_excerpt(excerpt, before["mentions"])
            store.put_excerpts([excerpt], now or now_iso(), cause)
        after = store.get_excerpt(excerpt_id)
    return changes(before, after)


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    mentions = [
        {"ordinal": i, "text": new["text"], "value": {"old": old["value"], "new": new["value"]},
         "interval": {"old": old["interval"], "new": new["interval"]}}
        for i, (old, new) in enumerate(zip(before["mentions"], after["mentions"], strict=False))
        if (old["value"], old["interval"]) != (new["value"], new["interval"])]
    old_events = {e["id"]: e for e in before["events"]}
    new_events = {e["id"]: e for e in after["events"]}
    events = []
    for ident in sorted(old_events.keys() | new_events.keys()):
        old, new = old_events.get(ident), new_events.get(ident)
        if old is not None and new is not None and old["updated_at"] == new["updated_at"]:
            continue
        events.append({"id": ident, "change": "created" if old is None else "deleted" if new is None else "updated",
                       "occurred": {"old": old and old["occurred"], "new": new and new["occurred"]},
                       "reported": {"old": old and old["reported"], "new": new and new["reported"]}})
    return {"excerpt_id": after["id"],
            "reference_date": {"old": before["reference_date"], "new": after["reference_date"]},
            "changed": before["content_hash"] != after["content_hash"],
            "mentions": mentions, "events": events}
