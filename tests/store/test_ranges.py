"""Range semantics at interval edges, ordering, and keyset pagination through the store."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pytest

from tests.conftest import event
from timeline.bulk import BulkLoader
from timeline.store import EventQuery


def load(store, records):
    report = BulkLoader(store).run(list(enumerate(records, 1)))
    assert report.totals["error"] == 0, report.records
    return report


def d(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def ids(store, **query) -> list[str]:
    items, _ = store.query_events(EventQuery(limit=1000, **query))
    return [e["id"] for e in items]


@pytest.fixture
def january(store):
    load(store, [
        event("month", "2025-01-01", "2025-01-31"),
        event("day10", "2025-01-10"),
        event("day20", "2025-01-20"),
        event("week", "2025-01-06", "2025-01-12"),
        event("year", "2025-01-01", "2025-12-31"),
        event("dec", "2024-12-31"),
        event("feb", "2025-02-01"),
        event("decade", "2020-01-01", "2029-12-31"),
        event("undated", None),
    ])
    return store


def test_overlaps_includes_any_shared_day(january):
    got = ids(january, start=d("2025-01-15"), end=d("2025-01-15"))
    assert got == ["decade", "month", "year"]


def test_within_needs_the_whole_interval_inside(january):
    # TEMPORAL.md: "January 2025" overlaps 2025-01-15 but is not within 2025-01-10..2025-01-20.
    got = ids(january, start=d("2025-01-10"), end=d("2025-01-20"), mode="within")
    assert got == ["day10", "day20"]
    assert "month" in ids(january, start=d("2025-01-10"), end=d("2025-01-20"))


def test_window_edges_are_inclusive(january):
    assert ids(january, start=d("2025-01-20"), end=d("2025-01-31"), mode="within") == ["day20"]
    assert "dec" in ids(january, start=d("2024-12-31"), end=d("2024-12-31"))
    assert "dec" not in ids(january, start=d("2025-01-01"), end=d("2025-01-05"))
    assert "feb" in ids(january, start=d("2025-01-31"), end=d("2025-02-01"))


def test_timeline_order_is_start_then_narrower_first_then_id(january):
    got = ids(january, start=d("2020-01-01"), end=d("2030-01-01"))
    assert got == ["decade", "dec", "month", "year", "week", "day10", "day20", "feb"]


def test_undated_events_are_listed_apart(january):
    assert ids(january, undated="only") == ["undated"]
    assert ids(january, undated="include")[-1] == "undated"
    assert "undated" not in ids(january, undated="exclude")


def test_open_ended_windows(january):
    assert ids(january, start=d("2025-02-01")) == ["decade", "year", "feb"]
    assert ids(january, end=d("2024-12-31")) == ["decade", "dec"]


def test_reported_axis_is_separate(store):
    load(store, [event("r", "2020-05-05", reported={"start": "2025-03-01"}),
                 event("n", "2025-03-01")])
    assert ids(store, axis="reported", start=d("2025-03-01"), end=d("2025-03-01")) == ["r"]
    assert ids(store, axis="reported", undated="only") == ["n"]


def brute_force(records, a, b, mode):
    out = []
    for r in records:
        s, e = d(r["occurred"]["start"]), d(r["occurred"]["end"])
        if (mode == "overlaps" and s <= b and e >= a) or (mode == "within" and s >= a and e <= b):
            out.append((s, e, r["id"]))
    return [i for _, _, i in sorted(out)]


def random_records(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    base = date(2000, 1, 1)
    records = []
    for i in range(n):
        start = base + timedelta(days=rng.randrange(0, 9000))
        length = rng.choice([0, 0, 0, 6, 30, 90, 364, 3652])
        records.append(event(f"e{i:05d}", start.isoformat(), (start + timedelta(days=length)).isoformat()))
    return records


@pytest.mark.parametrize("mode", ["overlaps", "within"])
def test_matches_brute_force_on_random_intervals(store, mode):
    records = random_records(600, seed=7)
    load(store, records)
    rng = random.Random(1)
    for _ in range(60):
        a = d("2000-01-01") + rng.randrange(0, 9000)
        b = a + rng.choice([0, 6, 30, 365, 3650])
        assert ids(store, start=a, end=b, mode=mode) == brute_force(records, a, b, mode)


def test_keyset_pages_have_no_gaps_or_repeats(store):
    records = random_records(500, seed=3)
    load(store, records)
    q = EventQuery(start=d("2005-01-01"), end=d("2015-12-31"), limit=37)
    seen: list[str] = []
    cursor = None
    while True:
        items, cursor = store.query_events(EventQuery(**{**q.__dict__, "cursor": cursor}))
        seen += [e["id"] for e in items]
        if cursor is None:
            break
    expected = brute_force(records, d("2005-01-01"), d("2015-12-31"), "overlaps")
    assert seen == expected


def test_pages_stay_consistent_when_rows_arrive_between_them(store):
    load(store, [event(f"a{i}", f"2025-01-{i:02d}") for i in range(1, 21)])
    first, cursor = store.query_events(EventQuery(limit=10))
    load(store, [event("a00", "2025-01-01"), event("late", "2025-01-15")])
    second, _ = store.query_events(EventQuery(limit=100, cursor=cursor))
    got = [e["id"] for e in first + second]
    assert len(got) == len(set(got))
    assert "late" in got


def test_undated_tail_pages_by_id(store):
    load(store, [event(f"u{i:02d}", None) for i in range(25)] + [event("dated", "2025-01-01")])
    seen, cursor = [], None
    while True:
        items, cursor = store.query_events(EventQuery(limit=10, undated="include", cursor=cursor))
        seen += [e["id"] for e in items]
        if cursor is None:
            break
    assert seen == ["dated"] + [f"u{i:02d}" for i in range(25)]


# The index, or on a partitioned table each year's copy of it (events_y2025_occurred_class_...).
ORDER_INDEX = re.compile(r"events_(y\d{4}_)?occurred")


def test_range_scans_use_the_length_class_index(january):
    plan = " | ".join(january.explain_query(EventQuery(start=d("2025-01-10"), end=d("2025-01-12"))))
    assert ORDER_INDEX.search(plan)
    assert "SCAN events" not in plan.replace("SCAN events_fts", "")
    within = " | ".join(january.explain_query(EventQuery(start=d("2025-01-01"), end=d("2025-12-31"),
                                                         mode="within")))
    assert ORDER_INDEX.search(within) and "SCAN events" not in within
