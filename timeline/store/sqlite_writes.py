"""Writes of the SQLite store, each change to an event appended to its history.

Call inside SQLiteStore.transaction(). A mixin of SQLiteStore, split out so each module
has one job: this one owns INSERT / UPDATE / DELETE of excerpts, mentions and events.
"""

from __future__ import annotations

from typing import Any

import orjson

from timeline.records import PreparedEvent, PreparedExcerpt, Span
from timeline.store.query import AXES, iso, length_class

CORRECTED = "corrected"  # an event a person corrected: re-extraction leaves it alone


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _span_json(span: Span | None) -> dict | None:
    return None if span is None else {"start": iso(span.start), "end": iso(span.end), "precision": span.precision}


def event_json(e: PreparedEvent, now: str) -> str:
    event = {"id": e.id, "excerpt_id": e.excerpt_id, "type": e.type, "summary": e.summary,
             "occurred": _span_json(e.occurred), "reported": _span_json(e.reported)}
    event.update(e.body)
    event["created_at"] = now
    event["updated_at"] = now
    return dumps(event)


def _axis_values(span: Span | None) -> tuple:
    if span is None:
        return (None, None, None, None)
    return (span.start, span.end, length_class(span.start, span.end), span.precision)


def reconcile(stored: dict[str, tuple[int, str, str | None]], derived: list[PreparedEvent]
              ) -> tuple[list[int], list[PreparedEvent], list[tuple[int, PreparedEvent]]]:
    """Bring excerpts' stored events ({id: (rowid, content hash, source)}) in line with the ones
    derived again: (rowids to delete, events to insert, (rowid, event) to update). Events a person
    corrected are kept as they are. Shared by both engines."""
    keep = {ident for ident, (_, _, source) in stored.items() if source == CORRECTED}
    derived_ids = {e.id for e in derived}
    gone = [rowid for ident, (rowid, _, _) in stored.items() if ident not in keep and ident not in derived_ids]
    new = [e for e in derived if e.id not in stored]
    changed = [(stored[e.id][0], e) for e in derived
               if e.id in stored and e.id not in keep and stored[e.id][1] != e.content_hash]
    return gone, new, changed


def excerpt_upsert(placeholder: str) -> str:
    """The statement that inserts an excerpt or replaces a stored one's fields (both engines: `?` / `%s`)."""
    values = ", ".join([placeholder] * 9)
    return ("INSERT INTO excerpts (id, text, reference_date, source, url, metadata, content_hash,"
            f" created_at, updated_at) VALUES ({values}) "
            "ON CONFLICT (id) DO UPDATE SET text = excluded.text, "
            "reference_date = excluded.reference_date, source = excluded.source, "
            "url = excluded.url, metadata = excluded.metadata, "
            "content_hash = excluded.content_hash, updated_at = excluded.updated_at")


def excerpt_rows(excerpts: list[PreparedExcerpt], now: str) -> list[tuple]:
    return [(x.id, x.text, x.reference_date, x.source, x.url, dumps(x.metadata), x.content_hash, now, now)
            for x in excerpts]


def mention_rows(mentions: list[tuple[str, list[dict[str, Any]]]]) -> list[tuple]:
    """The mentions table's rows for (excerpt id, its mentions), in either engine's column order."""
    return [(x, i, m["start"], m["end"], m["text"], m["type"], m["value"], m.get("mod"),
             (m.get("interval") or {}).get("start"), (m.get("interval") or {}).get("end"),
             m.get("precision"), m.get("underspecified"), dumps(m))
            for x, ms in mentions for i, m in enumerate(ms)]


class Writes:
    db: Any
    _lookup: Any  # SQLiteStore._lookup: "... IN ({})" for many ids

    def put_excerpts(self, excerpts: list[PreparedExcerpt], now: str, cause: str = "extracted") -> None:
        """Insert or update excerpts with their mentions, and bring their events in line with
        the derived ones: new ids inserted, changed ones updated, vanished ones deleted. Events
        a person corrected are kept as they are."""
        if not excerpts:
            return
        self.db.executemany(excerpt_upsert("?"), excerpt_rows(excerpts, now))
        self.replace_mentions([(x.id, x.mentions) for x in excerpts])
        stored = {ident: (rowid, digest, source) for ident, rowid, digest, source in self._lookup(
            "SELECT id, rowid, content_hash, json_extract(body, '$.source') FROM events"
            " WHERE excerpt_id IN ({})", [x.id for x in excerpts])}
        gone, new, changed = reconcile(stored, [e for x in excerpts for e in x.events])
        self.delete_events(gone, now, cause)
        self.insert_events(new, now, cause)
        self.update_events(changed, now, cause)

    def replace_mentions(self, mentions: list[tuple[str, list[dict[str, Any]]]]) -> None:
        self.db.executemany("DELETE FROM mentions WHERE excerpt_id = ?", [(x,) for x, _ in mentions])
        self.db.executemany(
            "INSERT INTO mentions (excerpt_id, ordinal, span_start, span_end, text, type, value,"
            " mod, interval_start, interval_end, precision, underspecified, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mention_rows(mentions))

    def insert_events(self, events: list[PreparedEvent], now: str, cause: str = "loaded") -> None:
        """Insert events whose ids are not stored yet."""
        if not events:
            return
        top = self.db.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        rows = []
        fts = []
        for rowid, e in enumerate(events, top + 1):
            rows.append((rowid, e.id, e.excerpt_id, e.ordinal, e.type, e.summary,
                         *_axis_values(e.occurred), *_axis_values(e.reported),
                         event_json(e, now), e.content_hash, now, now))
            fts.append((rowid, e.summary, e.context))
        self.db.executemany(
            "INSERT INTO events (rowid, id, excerpt_id, ordinal, type, summary, occurred_start,"
            " occurred_end, occurred_class, occurred_precision, reported_start, reported_end,"
            " reported_class, reported_precision, body, content_hash, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO events_fts (rowid, summary, context) VALUES (?, ?, ?)", fts)
        self.db.executemany("INSERT INTO event_history (event_id, at, kind, cause) VALUES (?, ?, 'created', ?)",
                            [(e.id, now, cause) for e in events])
        self._note_classes(events)

    def update_events(self, events: list[tuple[int, PreparedEvent]], now: str, cause: str = "loaded") -> None:
        """Replace stored events (given with their rowids) by new content, keeping created_at;
        the replaced versions go to the history."""
        if not events:
            return
        self.db.executemany(
            "INSERT INTO event_history (event_id, at, kind, cause, old)"
            " SELECT id, ?, 'updated', ?, body FROM events WHERE rowid = ?",
            [(now, cause, rowid) for rowid, _ in events])
        self.db.executemany(
            "UPDATE events SET excerpt_id = ?, ordinal = ?, type = ?, summary = ?,"
            " occurred_start = ?, occurred_end = ?, occurred_class = ?, occurred_precision = ?,"
            " reported_start = ?, reported_end = ?, reported_class = ?, reported_precision = ?,"
            " body = json_set(?, '$.created_at', created_at), content_hash = ?, updated_at = ?"
            " WHERE rowid = ?",
            [(e.excerpt_id, e.ordinal, e.type, e.summary, *_axis_values(e.occurred),
              *_axis_values(e.reported), event_json(e, now), e.content_hash, now, rowid)
             for rowid, e in events])
        self.db.executemany("DELETE FROM events_fts WHERE rowid = ?", [(r,) for r, _ in events])
        self.db.executemany("INSERT INTO events_fts (rowid, summary, context) VALUES (?, ?, ?)",
                            [(r, e.summary, e.context) for r, e in events])
        self._note_classes([e for _, e in events])

    def delete_events(self, rowids: list[int], now: str, cause: str) -> None:
        if not rowids:
            return
        params = [(r,) for r in rowids]
        self.db.executemany(
            "INSERT INTO event_history (event_id, at, kind, cause, old)"
            " SELECT id, ?, 'deleted', ?, body FROM events WHERE rowid = ?",
            [(now, cause, r) for r in rowids])
        self.db.executemany("DELETE FROM events_fts WHERE rowid = ?", params)
        self.db.executemany("DELETE FROM events WHERE rowid = ?", params)

    def _note_classes(self, events: list[PreparedEvent]) -> None:
        seen = {(axis, length_class(span.start, span.end))
                for e in events for axis, span in zip(AXES, (e.occurred, e.reported), strict=True) if span}
        self.db.executemany("INSERT OR IGNORE INTO span_classes (axis, class) VALUES (?, ?)", seen)
