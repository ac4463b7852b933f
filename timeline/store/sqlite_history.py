"""Reading the event history of the SQLite store: one event's versions, the change feed,
and the events as the store stood at a past moment (bitemporal: when it happened, on the
query's axis, against when we knew it). A mixin of SQLiteStore."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson

from timeline.store.query import Cursor, EventQuery


class History:
    db: Any
    placeholder = "?"  # the driver's parameter mark (PostgreSQL's store says "%s")

    def event_history(self, event_id: str) -> list[dict[str, Any]]:
        """Every change to the event, oldest first: when, what kind, why, old and new value."""
        p = self.placeholder
        rows = self.db.execute(f"SELECT seq, at, kind, cause, old FROM event_history WHERE event_id = {p}"
                               " ORDER BY seq", (event_id,)).fetchall()
        if not rows:
            return []
        live = self.db.execute(f"SELECT body FROM events WHERE id = {p}", (event_id,)).fetchone()
        successors = [row[4] for row in rows[1:]] + [live[0] if live else None]
        return [{"seq": seq, "at": at, "kind": kind, "cause": cause,
                 "old": orjson.loads(old) if old else None,
                 "new": orjson.loads(new) if new and kind != "deleted" else None}
                for (seq, at, kind, cause, old), new in zip(rows, successors, strict=True)]

    def changes(self, since: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Changes after `since` (a seq), oldest first, and the seq to ask from next time."""
        p = self.placeholder
        rows = self.db.execute(f"SELECT seq, event_id, at, kind, cause FROM event_history WHERE seq > {p}"
                               f" ORDER BY seq LIMIT {p}", (since, limit)).fetchall()
        items = [{"seq": seq, "event_id": ident, "at": at, "kind": kind, "cause": cause}
                 for seq, ident, at, kind, cause in rows]
        return items, (rows[-1][0] if rows else since)

    def events_as_of(self, q: EventQuery, as_of: str) -> tuple[list[dict[str, Any]], Cursor | None]:
        """query_events() answered from the versions valid at `as_of` (UTC, as stored).

        A version is valid at T if the store had it at T and had not replaced it yet: live
        rows not changed since T, plus, for events changed since, the version the first later
        change replaced (unless that change created the event). The filters are applied to
        those versions in Python: as_of is for audits, not for the hot path."""
        rows = self.versions_at(as_of)
        events = [e for e in (orjson.loads(body) for (body,) in rows) if _matches(e, q)]
        events.sort(key=lambda e: _order(e, q.axis))
        if q.cursor is not None:
            after = (q.cursor.start is None, q.cursor.start or 0, q.cursor.end or 0, q.cursor.id)
            events = [e for e in events if _order(e, q.axis) > after]
        page = events[:q.limit]
        if len(events) <= q.limit:
            return page, None
        undated, start, end, ident = _order(page[-1], q.axis)
        return page, Cursor(None, None, ident) if undated else Cursor(start, end, ident)

    def versions_at(self, as_of: str) -> list[tuple[str]]:
        """The JSON of every event version valid at `as_of`."""
        p = self.placeholder
        return self.db.execute(
            f"SELECT body FROM events WHERE updated_at <= {p} UNION ALL "
            f"SELECT h.old FROM event_history h WHERE h.at > {p} AND h.old IS NOT NULL AND h.seq = "
            f"(SELECT min(seq) FROM event_history f WHERE f.event_id = h.event_id AND f.at > {p})",
            (as_of, as_of, as_of)).fetchall()


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _order(event: dict[str, Any], axis: str) -> tuple:
    span = event.get(axis)
    if span is None:
        return (True, 0, 0, event["id"])
    return (False, _day(span["start"]), _day(span["end"]), event["id"])


def _matches(event: dict[str, Any], q: EventQuery) -> bool:
    if q.types and event["type"] not in q.types or not q.factuality_matches(event):
        return False
    if q.excerpt_id is not None and event.get("excerpt_id") != q.excerpt_id:
        return False
    span = event.get(q.axis)
    if span is None:
        return q.undated != "exclude"
    if q.undated == "only":
        return False
    a, b = q.window
    start, end = _day(span["start"]), _day(span["end"])
    return (start <= b and end >= a) if q.mode == "overlaps" else (start >= a and end <= b)
