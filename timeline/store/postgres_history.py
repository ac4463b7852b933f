"""The PostgreSQL store's event history (versions, change feed, as_of) and histogram.
A mixin of PostgresStore; the same answers as sqlite_history.py and sqlite_histogram.py."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson

from timeline.store.postgres_search import to_tsquery_text
from timeline.store.query import Cursor, EventQuery
from timeline.store.sqlite_histogram import BUCKETS, sweep
from timeline.store.sqlite_history import _matches, _order


class PgHistory:
    db: Any

    def event_history(self, event_id: str) -> list[dict[str, Any]]:
        """Every change to the event, oldest first: when, what kind, why, old and new value."""
        rows = self.db.execute("SELECT seq, at, kind, cause, old FROM event_history WHERE event_id = %s"
                               " ORDER BY seq", (event_id,)).fetchall()
        if not rows:
            return []
        live = self.db.execute("SELECT body FROM events WHERE id = %s", (event_id,)).fetchone()
        successors = [row[4] for row in rows[1:]] + [live[0] if live else None]
        return [{"seq": seq, "at": at, "kind": kind, "cause": cause,
                 "old": orjson.loads(old) if old else None,
                 "new": orjson.loads(new) if new and kind != "deleted" else None}
                for (seq, at, kind, cause, old), new in zip(rows, successors, strict=True)]

    def changes(self, since: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Changes after `since` (a seq), oldest first, and the seq to ask from next time."""
        rows = self.db.execute("SELECT seq, event_id, at, kind, cause FROM event_history WHERE seq > %s"
                               " ORDER BY seq LIMIT %s", (since, limit)).fetchall()
        items = [{"seq": seq, "event_id": ident, "at": at, "kind": kind, "cause": cause}
                 for seq, ident, at, kind, cause in rows]
        return items, (rows[-1][0] if rows else since)

    def events_as_of(self, q: EventQuery, as_of: str) -> tuple[list[dict[str, Any]], Cursor | None]:
        """query_events() answered from the versions valid at `as_of` (see sqlite_history.py)."""
        rows = self.db.execute(
            "SELECT body FROM events WHERE updated_at <= %(t)s UNION ALL "
            "SELECT h.old FROM event_history h WHERE h.at > %(t)s AND h.old IS NOT NULL AND h.seq = "
            "(SELECT min(seq) FROM event_history f WHERE f.event_id = h.event_id AND f.at > %(t)s)",
            {"t": as_of}).fetchall()
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

    def histogram(self, q: EventQuery, bucket: str, zero_fill: bool = False,
                  max_buckets: int = 100_000) -> dict[str, Any]:
        """As SQLiteStore.histogram: per-day counts of clipped starts and ends from SQL (the
        window through GiST), swept into calendar buckets in Python."""
        if bucket not in BUCKETS:
            raise ValueError(f"bucket is one of {BUCKETS}")
        tsquery = to_tsquery_text(q.q) if q.q else None
        ax = q.axis
        a, b = q.window
        filters, filter_params = self.filters(q, tsquery)  # type: ignore[attr-defined]
        window, window_params = self.range_condition(q)  # type: ignore[attr-defined]
        where = " AND ".join([window, *filters])
        starts: dict[int, int] = defaultdict(int)
        ends: dict[int, int] = defaultdict(int)
        with self.snapshot():  # type: ignore[attr-defined]
            rows = self.db.execute(
                f"SELECT 's', greatest({ax}_start, %s), count(*) FROM events WHERE {where} GROUP BY 2"
                f" UNION ALL SELECT 'e', least({ax}_end, %s), count(*) FROM events WHERE {where} GROUP BY 2",
                [a, *window_params, *filter_params, b, *window_params, *filter_params])
            for side, day, n in rows:
                (starts if side == "s" else ends)[day] += n
            undated_where = " AND ".join([f"{ax}_start IS NULL", *filters])
            undated = self.db.execute(f"SELECT count(*) FROM events WHERE {undated_where}",
                                      filter_params).fetchone()[0]
        return {"buckets": sweep(starts, ends, bucket, q.window, zero_fill, max_buckets),
                "total": sum(starts.values()), "undated": undated}
