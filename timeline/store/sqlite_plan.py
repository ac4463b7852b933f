"""The one rule of the range plan, shared by the page queries and the histogram: how far each
length class's index scan reaches for a window (see schema.sql)."""

from __future__ import annotations

from timeline.store.query import MIN_DAY, class_max_span, class_min_span


def class_scan(ax: str, mode: str, a: int, b: int, k: int) -> tuple[str, list[int]] | None:
    """The condition and bounds of length class k's index scan for the window [a, b], or None
    when no interval of the class can match. Overlaps: intervals of class k that reach the window
    start at most 2^k - 1 days before it. Within: they start early enough to end inside it."""
    if mode == "overlaps":
        return f"{ax}_start BETWEEN ? AND ? AND {ax}_end >= ?", [max(MIN_DAY, a - class_max_span(k)), b, a]
    if class_min_span(k) > b - a:
        return None  # every interval of this class is longer than the window
    return f"{ax}_start BETWEEN ? AND ? AND {ax}_end <= ?", [a, b - class_min_span(k), b]
