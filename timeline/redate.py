"""Dates that get better: a reference date given (or changed) after an excerpt was stored,
or, for an undated excerpt, an estimate of it applied on request.

The excerpt's stored mentions are resolved again from their underspecified form, its
events re-derived, and the change written in one transaction, each event change in the
history with the cause "re-resolved" (or "estimated" when the date is an estimate).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from timeline.dating import Estimate, estimate
from timeline.ingest import analyse_excerpt, derived_event, load_excerpt, now_iso
from timeline.pipeline import derive_events
from timeline.temporal import Interval, Mention, resolve

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


# -- estimates ------------------------------------------------------------------------

class DatingConflict(ValueError):
    """An estimate asked for an excerpt that has a known reference date."""


def estimate_for(store, excerpt_id: str) -> tuple[dict[str, Any], Estimate | None] | None:
    """The stored excerpt and the estimate of when it was written (None: nothing dates it)."""
    excerpt = store.get_excerpt(excerpt_id)
    if excerpt is None:
        return None
    return excerpt, estimate(excerpt["text"], [Mention.from_dict(m) for m in excerpt["mentions"]])


def apply_estimate(store, excerpt_id: str, now: str | None = None) -> dict[str, Any] | None:
    """Date an undated excerpt's events from an estimate of its reference date, openly.

    The reference date stays unknown (null); the estimate is kept in the excerpt's metadata.
    Each relative mention is resolved against both ends of the estimate and given the span of
    the two, with precision "estimated"; events dated by such mentions, and the report date of
    every event, carry precision "estimated" and say so in `explain`. A real reference date
    given later (PATCH) resolves the mentions again from their underspecified form."""
    with store.transaction():
        found = estimate_for(store, excerpt_id)
        if found is None:
            return None
        before, guess = found
        if before["reference_date"] is not None:
            raise DatingConflict(f"excerpt {excerpt_id!r} has a reference date ({before['reference_date']})")
        if guess is None:
            return {**changes(before, before), "estimate": None}
        metadata = {**before["metadata"], "reference_date_estimate": {
            "start": guess.start.isoformat(), "end": guess.end.isoformat(), "confidence": guess.confidence}}
        excerpt = load_excerpt({**{k: before[k] for k in _EXCERPT_FIELDS}, "metadata": metadata,
                                "reference_date": None})
        mentions = _estimated_mentions([Mention.from_dict(m) for m in before["mentions"]], guess)
        events = [_mark_estimated(e, mentions, guess) for e in derive_events(excerpt.text, mentions, None)]
        excerpt.mentions = [m.to_dict() for m in mentions]
        excerpt.events = [derived_event(excerpt, i, e) for i, e in enumerate(events)]
        store.put_excerpts([excerpt], now or now_iso(), cause="estimated")
        after = store.get_excerpt(excerpt_id)
    return {**changes(before, after), "estimate": guess.to_dict()}


def _estimated_mentions(mentions: list[Mention], guess: Estimate) -> list[Mention]:
    def copies() -> list[Mention]:  # resolve() may fill the mentions it is given in place
        return [Mention.from_dict(m.to_dict()) for m in mentions]

    early, late = resolve(copies(), guess.start), resolve(copies(), guess.end)
    out = []
    for m, a, b in zip(mentions, early, late, strict=True):
        if m.interval is not None or a.interval is None or b.interval is None:
            out.append(m)  # placed without a reference date, or not placeable at all
            continue
        span = Interval(min(a.interval.start, b.interval.start), max(a.interval.end, b.interval.end))
        out.append(dataclasses.replace(
            m, interval=span, precision="estimated",
            explain=f"{m.explain}; estimated: resolved against both ends of the estimated reference date "
                    f"{guess.start}..{guess.end} ({guess.confidence} confidence), spanning both"))
    return out


def _mark_estimated(event: dict[str, Any], mentions: list[Mention], guess: Estimate) -> dict[str, Any]:
    explain = dict(event.get("explain") or {})
    if event["reported"] is None:
        event["reported"] = {"start": guess.start.isoformat(), "end": guess.end.isoformat(), "precision": "estimated"}
        explain["reported"] = (f"estimated: the excerpt's reference date is unknown; estimated as "
                               f"{guess.start}..{guess.end} ({guess.confidence} confidence)")
    estimated = [mentions[i].interval for i in event["mentions"] if mentions[i].precision == "estimated"]
    for axis in ("occurred", "reported"):
        span = event[axis]
        if span is None:
            continue
        start, end = date.fromisoformat(span["start"]), date.fromisoformat(span["end"])
        # Dated by an estimated mention: its span starts or ends where one of them does.
        if span["precision"] != "estimated" and not any(start == i.start or end == i.end for i in estimated):
            continue
        event[axis] = {**span, "precision": "estimated"}
        if "estimated" not in explain.get(axis, ""):
            explain[axis] = f"{explain.get(axis, '')}; estimated from the estimated reference date".lstrip("; ")
    event["explain"] = explain
    return event
