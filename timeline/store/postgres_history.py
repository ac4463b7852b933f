"""The PostgreSQL store's event history (versions, change feed, as_of) and histogram.
A mixin of PostgresStore; the same answers as sqlite_history.py and sqlite_histogram.py."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from timeline.store.postgres_search import to_tsquery_text
from timeline.store.query import EventQuery
from timeline.store.sqlite_histogram import BUCKETS, sweep
from timeline.store.sqlite_history import History


class PgHistory(History):
    db: Any
    placeholder = "%s"

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
