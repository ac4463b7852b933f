"""Upgrades from an older schema keep the data and reach the current schema."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import event
from tests.store.test_ranges import d, ids, load
from timeline.store import EventQuery, open_store
from timeline.store.sqlite import SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only("upgrades of SQLite files, and SQLite's query plans")


def test_a_version_2_file_gains_the_type_in_its_range_indexes(store, db_path):
    load(store, [event("a", "2025-01-10", type="combat"), event("b", "2025-01-11", type="report")])
    raw = sqlite3.connect(db_path)
    for axis in ("occurred", "reported"):  # the version 2 indexes, without the type
        raw.execute(f"DROP INDEX events_{axis}")
        raw.execute(f"CREATE INDEX events_{axis} ON events ({axis}_class, {axis}_start, {axis}_end, id)")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    upgraded = open_store(db_path)
    assert upgraded.migrate() == SCHEMA_VERSION
    columns = [row[2] for row in upgraded.db.execute("PRAGMA index_info(events_occurred)")]
    assert columns == ["occurred_class", "occurred_start", "occurred_end", "id", "type"]
    assert ids(upgraded, start=d("2025-01-01"), end=d("2025-01-31"), types=("combat",)) == ["a"]
    assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    upgraded.close()


def test_a_type_filter_stays_inside_the_index(store):
    load(store, [event("a", "2025-01-10", type="combat")])
    plan = " | ".join(store.explain_query(EventQuery(start=d("2025-01-01"), types=("combat",))))
    assert "COVERING INDEX events_occurred" in plan
