"""Counting events per calendar bucket (day, ISO week, month, year) in the SQLite store, for
zoomed-out views. A mixin of SQLiteStore.

An event counts once in every bucket its interval overlaps, its interval first clipped to the
query's window. The count is a difference array: SQL counts, per day, how many matching
intervals start there and how many end there (clipped); Python turns the days into buckets
and sweeps them, so an interval spanning ten years costs one start and one end, not 3,653
rows. The SQL is one index range scan per length class, bounded like the range queries'
(`_dated_sql`), each grouped by the indexed start column, so SQLite aggregates in index order
without sorting; single-day intervals (class 0) end where they start, so only the longer
classes are scanned a second time for their ends.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date
from typing import Any

from timeline.store.query import MAX_DAY, EventQuery
from timeline.store.sqlite_plan import class_scan

BUCKETS = ("day", "week", "month", "year")
_HITS_DRIVEN = 5000  # as in sqlite.py: at most this many search hits are read one by one


class TooManyBuckets(ValueError):
    """The answer would hold more buckets than the caller allows."""


# -- calendar buckets (engine-independent): a bucket is named by the ordinal of its first day --

def bucket_start(day: int, bucket: str) -> int:
    if bucket == "day":
        return day
    if bucket == "week":  # ISO weeks start on Monday; day 1 (0001-01-01) is a Monday
        return day - (day - 1) % 7
    d = date.fromordinal(day)
    return date(d.year, d.month if bucket == "month" else 1, 1).toordinal()


def bucket_after(start: int, bucket: str) -> int:
    """The first day of the next bucket (MAX_DAY + 1 after the last one)."""
    if bucket == "day":
        return start + 1
    if bucket == "week":
        return start + 7
    d = date.fromordinal(start)
    year, month = (d.year, d.month + 1) if bucket == "month" else (d.year + 1, 1)
    if month == 13:
        year, month = year + 1, 1
    return MAX_DAY + 1 if year > 9999 else date(year, month, 1).toordinal()


def bucket_label(start: int, bucket: str) -> str:
    d = date.fromordinal(start)
    if bucket == "day":
        return d.isoformat()
    if bucket == "week":
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{d.year:04d}-{d.month:02d}" if bucket == "month" else f"{d.year:04d}"


def bucket_count(a: int, b: int, bucket: str) -> int:
    """How many buckets the days a..b (inclusive) touch."""
    if bucket == "day":
        return b - a + 1
    if bucket == "week":
        return (bucket_start(b, "week") - bucket_start(a, "week")) // 7 + 1
    da, db = date.fromordinal(a), date.fromordinal(b)
    if bucket == "month":
        return (db.year - da.year) * 12 + db.month - da.month + 1
    return db.year - da.year + 1


def sweep(starts: dict[int, int], ends: dict[int, int], bucket: str, window: tuple[int, int],
          zero_fill: bool = False, max_buckets: int = 100_000) -> list[dict[str, Any]]:
    """Buckets from per-day counts of (clipped) interval starts and ends, in order. Without
    zero_fill only the buckets holding something; with it every bucket of the window.
    Raises TooManyBuckets past max_buckets."""
    begin: dict[int, int] = defaultdict(int)
    finish: dict[int, int] = defaultdict(int)
    for day, n in starts.items():
        begin[bucket_start(day, bucket)] += n
    for day, n in ends.items():
        finish[bucket_start(day, bucket)] += n
    a, b = window
    keys = sorted(begin)
    if zero_fill:
        current, last = bucket_start(a, bucket), bucket_start(b, bucket)
    elif keys:
        current, last = keys[0], max(finish)
    else:
        return []
    out: list[dict[str, Any]] = []
    running = 0
    while current <= last:
        count = running + begin.get(current, 0)
        after = bucket_after(current, bucket)
        if count or zero_fill:
            if len(out) >= max_buckets:
                raise TooManyBuckets(f"more than {max_buckets} buckets")
            out.append({"bucket": bucket_label(current, bucket),
                        "start": date.fromordinal(max(current, a)).isoformat(),
                        "end": date.fromordinal(min(after - 1, b)).isoformat(), "count": count})
        running = count - finish.get(current, 0)
        if running == 0 and not zero_fill:  # nothing open: jump to the next bucket something starts in
            i = bisect_right(keys, current)
            after = keys[i] if i < len(keys) else last + 1
        current = after
    return out


class Histogram:
    db: Any

    def histogram(self, q: EventQuery, bucket: str, zero_fill: bool = False,
                  max_buckets: int = 100_000) -> dict[str, Any]:
        """{"buckets": [...], "total": dated events counted, "undated": undated events matching
        the other filters}. q.start/q.end/q.mode/q.axis/q.types/q.q/q.excerpt_id apply;
        its cursor, limit and undated do not."""
        if bucket not in BUCKETS:
            raise ValueError(f"bucket is one of {BUCKETS}")
        with self.snapshot():  # type: ignore[attr-defined]
            hits = self._search_hits(q.q) if q.q else None  # type: ignore[attr-defined]
            starts, ends = self.day_counts(q, hits)
            undated = self._undated_count(q, hits)
        return {"buckets": sweep(starts, ends, bucket, q.window, zero_fill, max_buckets),
                "total": sum(starts.values()), "undated": undated}

    def day_counts(self, q: EventQuery, hits: tuple[str, int] | None = None) -> tuple[dict[int, int], dict[int, int]]:
        """Per day, how many matching intervals start there and how many end there, each
        interval clipped to the query's window first."""
        ax = q.axis
        a, b = q.window
        filters, filter_params = self._filters(q, hits)  # type: ignore[attr-defined]
        starts: dict[int, int] = defaultdict(int)
        ends: dict[int, int] = defaultdict(int)
        if hits is not None and hits[1] <= _HITS_DRIVEN:  # few hits: read them
            where, params = self._overlap(q, a, b)
            others, other_params = self._filters(q)  # type: ignore[attr-defined]
            sql = (f"SELECT {ax}_start, {ax}_end FROM temp.{hits[0]} AS hits CROSS JOIN events "
                   f"ON events.rowid = hits.rowid WHERE {' AND '.join([where, *others])}")
            for s, e in self.db.execute(sql, [*params, *other_params]):
                starts[max(s, a)] += 1
                ends[min(e, b)] += 1
            return starts, ends
        start_scans, end_scans, start_params, end_params = [], [], [], []
        for k in self.span_classes(ax):  # type: ignore[attr-defined]
            scan = class_scan(ax, q.mode, a, b, k)
            if scan is None:
                continue
            cond, bounds = scan
            where = " AND ".join([f"{ax}_class = ?", cond, *filters])
            params = [k, *bounds, *filter_params]
            # Grouped by the indexed column itself: aggregated in index order, no sort.
            start_scans.append(f"SELECT * FROM (SELECT ?, {ax}_start, count(*) FROM events "
                               f"WHERE {where} GROUP BY {ax}_start)")
            start_params += [k, *params]
            if k > 0:
                end_scans.append(f"SELECT {ax}_end AS d FROM events WHERE {where}")
                end_params += params
        if start_scans:
            for k, day, n in self.db.execute(" UNION ALL ".join(start_scans), start_params):
                starts[max(day, a)] += n
                if k == 0:  # a one-day interval ends where it starts
                    ends[day] += n
        if end_scans:
            sql = f"SELECT d, count(*) FROM ({' UNION ALL '.join(end_scans)}) GROUP BY d"
            for day, n in self.db.execute(sql, end_params):
                ends[min(day, b)] += n
        return starts, ends

    @staticmethod
    def _overlap(q: EventQuery, a: int, b: int) -> tuple[str, list[int]]:
        ax = q.axis
        if q.mode == "overlaps":
            return f"{ax}_start <= ? AND {ax}_end >= ?", [b, a]
        return f"{ax}_start >= ? AND {ax}_end <= ?", [a, b]

    def _undated_count(self, q: EventQuery, hits: tuple[str, int] | None) -> int:
        ax = q.axis
        filters, params = self._filters(q, hits)  # type: ignore[attr-defined]
        where = [f"{ax}_class IS NULL", f"{ax}_start IS NULL", f"{ax}_end IS NULL", *filters]
        return self.db.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(where)}", params).fetchone()[0]
