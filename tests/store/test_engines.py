"""What both engines must answer alike, beyond ranges: search syntax, a second writer's new
length class, ids that sort bytewise. Runs on PostgreSQL too under scripts/with-postgres.sh."""

from __future__ import annotations

import pytest

from tests.conftest import event
from tests.store.test_ranges import d, ids, load
from timeline.bulk import BulkLoader
from timeline.ingest import load_event, now_iso
from timeline.store import EventQuery, QueryError, open_store

SUMMARIES = {"a": "convoy crossed the border", "b": "border talks", "c": "the convoy of drones",
             "d": "Café Kyiv talks", "e": "north korean convoy"}


@pytest.fixture
def searchable(store):
    load(store, [event(k, f"2024-01-0{i + 1}", summary=text) for i, (k, text) in enumerate(SUMMARIES.items())])
    return store


@pytest.mark.parametrize(("q", "expected"), [
    ("convoy", ["a", "c", "e"]),
    ("convoy border", ["a"]),
    ("convoy AND border", ["a"]),
    ("talks OR drones", ["b", "c", "d"]),
    ("convoy NOT border", ["c", "e"]),
    ('"north korean"', ["e"]),
    ('"korean north"', []),
    ("drone*", ["c"]),
    ("(border OR cafe) AND talks", ["b", "d"]),
    ("convoy NOT border drones", ["a", "c", "e"]),
    ("convoy NOT (border OR drones)", ["e"]),
    ("CAFÉ", ["d"]),
    ("kyiv", ["d"]),
])
def test_search_syntax_answers_alike(searchable, q, expected):
    assert ids(searchable, q=q) == expected


def test_a_new_length_class_from_another_writer_is_seen(store, db_path):
    load(store, [event("day", "2024-01-01")])
    assert ids(store, start=d("2024-01-01")) == ["day"]
    other = open_store(db_path)
    try:
        load(other, [event("decade", "2020-01-01", "2029-12-31")])
    finally:
        other.close()
    assert ids(store, start=d("2024-01-01")) == ["decade", "day"]


def test_ids_sort_bytewise(store):
    names = ["B", "a", "Z", "1", "a-b", "a.b", "a_b", "a~b", "a+b", "A"]
    load(store, [event(n, "2024-01-01") for n in names] + [event(f"u{n}", None) for n in names])
    assert ids(store) == sorted(names)
    assert ids(store, undated="only") == sorted(f"u{n}" for n in names)


@pytest.mark.parametrize("text", ["(border OR cafe) talks", "talks (border)", "convoy OR", "NOT convoy", "a:b"])
def test_what_fts5_refuses_both_refuse(searchable, text):
    with pytest.raises(QueryError):
        searchable.query_events(EventQuery(q=text))


def _prepared(*idents: str):
    return [load_event(event(i, f"2024-01-0{n + 1}")) for n, i in enumerate(idents)]


def test_insert_events_skips_stored_ids_and_keeps_order(store):
    """PostgreSQL: ids already stored (or given twice) take the staging table's upsert, not
    the straight COPY: nothing is inserted twice, the new events get rowids and 'created'
    history in the given order. (SQLite's insert_events is only given new ids.)"""
    if store.engine != "postgresql":
        pytest.skip("the upsert path is PostgreSQL's")
    load(store, [event("b", "2024-01-02")])
    with store.transaction():
        store.insert_events(_prepared("c", "b", "a", "c"), now_iso())
    assert sorted(ids(store)) == ["a", "b", "c"]
    assert [h["kind"] for h in store.event_history("b")] == ["created"]
    assert [h["kind"] for h in store.event_history("c")] == ["created"]
    assert store.event_key("c")[0] < store.event_key("a")[0]


def test_an_atomic_load_over_many_chunks_rolls_back_or_commits_whole(store):
    records = [event(f"e{n:03}", "2024-01-01") for n in range(25)]
    report = BulkLoader(store, atomic=True, chunk_size=4).run(
        list(enumerate([*records, {"kind": "event", "id": "bad"}], 1)))
    assert not report.committed and ids(store) == []
    report = BulkLoader(store, atomic=True, chunk_size=4).run(list(enumerate(records * 2, 1)))
    assert report.committed and report.totals["created"] == 25 and report.totals["unchanged"] == 25
    assert ids(store) == [r["id"] for r in records]
    assert all([h["kind"] for h in store.event_history(r["id"])] == ["created"] for r in records)


def test_statements_are_planned_for_their_parameters(store, engine):
    """A statement psycopg prepared while the table was small must not keep a generic plan:
    `id = ANY($1)` planned on an empty table stayed a sequential scan comparing every row with
    every id, so each chunk of a load got slower than the last."""
    if engine == "sqlite":
        pytest.skip("PostgreSQL's plan cache")
    records = [event(f"e{n:04}", "2024-01-01") for n in range(600)]
    BulkLoader(store, chunk_size=20).run(list(enumerate(records, 1)))  # 30 chunks: each lookup run 30 times
    with_arrays = store.db.execute(
        "SELECT statement, generic_plans FROM pg_prepared_statements"
        " WHERE EXISTS (SELECT FROM unnest(parameter_types) AS t WHERE t::text LIKE '%[]')").fetchall()
    assert [statement for statement, generic in with_arrays if generic] == []
    assert ids(store) == [r["id"] for r in records]
