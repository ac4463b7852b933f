"""PostgreSQL events partitioned by year: the conversion, when it happens, and what the
partitioned layout must keep (the whole store and API suites also run on it, see conftest)."""

from __future__ import annotations

import logging

import psycopg
import pytest
from click.testing import CliRunner

from tests.conftest import POSTGRES, _fresh_schema, event
from tests.store.test_ranges import d, load
from timeline.__main__ import cli
from timeline.correct import correct_event
from timeline.schemas import EventPatch
from timeline.store import EventQuery

pytestmark = pytest.mark.skipif(not POSTGRES, reason="needs TIMELINE_TEST_POSTGRES (scripts/with-postgres.sh)")

RECORDS = [event("a", "2024-12-31"), event("b", "2025-01-01", "2025-03-31"), event("c", "1999-06-01"),
           event("u", None, reported={"start": "2025-01-02", "end": "2025-01-02"})]


@pytest.fixture
def url():
    yield from _fresh_schema()


def opened(url: str, partition_at: int = -1):
    from timeline.store.postgres import PostgresStore

    store = PostgresStore(url, partition_at=partition_at)
    store.migrate()
    return store


def partition_of(store, ident: str) -> str:
    return store.db.execute("SELECT tableoid::regclass::text FROM events WHERE id = %s", (ident,)).fetchone()[0]


def everything(store) -> dict:
    """What a client can see: every event on both axes, every event's history, the feed."""
    seen = {axis: list(store.iter_json(EventQuery(axis=axis, undated="include"), page=2))
            for axis in ("occurred", "reported")}
    ids = [i for (i,) in store.db.execute("SELECT event_id FROM event_history ORDER BY event_id")]
    return {"events": seen, "history": {i: store.event_history(i) for i in ids},
            "changes": store.changes(0, 1000), "keys": {i: store.event_key(i) for i in ids}}


def test_a_new_store_with_threshold_0_is_partitioned_from_the_start(url):
    store = opened(url, partition_at=0)
    assert store.layout()
    load(store, RECORDS)
    assert [partition_of(store, i) for i in "abcu"] == ["events_y2024", "events_y2025", "events_y1999",
                                                        "events_undated"]


def test_below_the_threshold_nothing_is_converted(url):
    store = opened(url, partition_at=10)
    load(store, RECORDS)
    result = store.partition()
    assert not result["converted"] and "below" in result["reason"]
    assert not store.layout()
    assert not opened(url, partition_at=-1).partition()["converted"]


def test_the_conversion_keeps_rows_ids_and_history(url):
    store = opened(url, partition_at=3)
    load(store, RECORDS)
    load(store, [event("a", "2024-12-30", summary="a, corrected by a later load")])
    correct_event(store, "b", EventPatch().load({"summary": "b, by hand"}), now="2025-02-01T00:00:00Z")
    with store.transaction():
        store.delete_events([store.event_key("c")[0]], "2025-02-02T00:00:00Z", "test")
    before = everything(store)
    result = store.partition()
    assert result["converted"] and result["events"] == 3 and result["years"] == 2
    assert store.layout() and opened(url).layout()
    assert everything(store) == before
    again = store.partition(force=True)
    assert not again["converted"] and again["reason"].startswith("already partitioned")
    load(store, [event("d", "2026-05-01")])  # new rows continue the rowids, in a new year
    assert store.event_key("d")[0] > max(key[0] for key in before["keys"].values() if key)
    assert partition_of(store, "d") == "events_y2026"


def test_an_event_whose_date_moves_years_moves_partition(store_partitioned):
    store = store_partitioned
    load(store, RECORDS)
    load(store, [event("a", "2031-02-03")])
    assert partition_of(store, "a") == "events_y2031"
    correct_event(store, "a", EventPatch().load({"occurred": None}))
    assert partition_of(store, "a") == "events_undated"
    correct_event(store, "u", EventPatch().load({"occurred": {"start": "1999-01-01", "end": "1999-01-01"}}))
    assert partition_of(store, "u") == "events_y1999"
    assert store.db.execute("SELECT id, occurred_start IS NULL FROM event_ids WHERE id IN ('a', 'u') ORDER BY id"
                            ).fetchall() == [("a", True), ("u", False)]
    assert [e["id"] for e in store.query_events(EventQuery(undated="only"))[0]] == ["a"]
    assert [h["kind"] for h in store.event_history("u")] == ["created", "updated"]


def test_ids_stay_unique_across_partitions(store_partitioned):
    store = store_partitioned
    load(store, RECORDS)
    report = load(store, [event("a", "1950-01-01", summary="same id, another year")])
    assert report.totals["updated"] == 1  # the loader's upsert by id
    assert store.db.execute("SELECT count(*) FROM events WHERE id = 'a'").fetchone()[0] == 1
    store.rollback()
    with pytest.raises(psycopg.errors.UniqueViolation):  # b is in 2025's partition, this row in 2024's
        store.db.execute("INSERT INTO events (id, type, summary, occurred_start, body, search, content_hash,"
                         " created_at, updated_at) VALUES ('b', 't', 's', %s, '{}', '', '', '', '')",
                         (d("2024-06-01"),))


def test_undated_rows_of_a_year_without_partition_fail_instead_of_going_astray(store_partitioned):
    with pytest.raises(psycopg.errors.CheckViolation):
        store_partitioned.db.execute("INSERT INTO events (id, type, summary, occurred_start, body, search,"
                                     " content_hash, created_at, updated_at)"
                                     " VALUES ('x', 't', 's', 1, '{}', '', '', '', '')")


def test_startup_warns_past_the_threshold_and_does_not_convert(url, caplog):
    store = opened(url, partition_at=-1)
    load(store, RECORDS)
    store.db.execute("ANALYZE events")
    with caplog.at_level(logging.WARNING, logger="timeline.store.postgres_partitions"):
        later = opened(url, partition_at=3)
    assert not later.layout()
    assert "python -m timeline partition" in caplog.text


def test_the_partition_command(url):
    opened(url)
    runner = CliRunner()
    env = {"TIMELINE_PG_PARTITION_AT": "100"}
    first = runner.invoke(cli, ["partition", "--database", url], env=env)
    assert first.exit_code == 0 and "below TIMELINE_PG_PARTITION_AT (100)" in first.output
    forced = runner.invoke(cli, ["partition", "--database", url, "--now"], env=env)
    assert forced.exit_code == 0 and "partitioned 0 events by year" in forced.output
    again = runner.invoke(cli, ["partition", "--database", url], env=env)
    assert "already partitioned" in again.output


def test_the_partition_command_refuses_sqlite(tmp_path):
    result = CliRunner().invoke(cli, ["partition", "--database", str(tmp_path / "t.db")])
    assert result.exit_code == 1 and "is SQLite" in result.output


@pytest.fixture
def store_partitioned():
    for url in _fresh_schema(partitioned=True):
        store = opened(url)
        yield store
        store.close()


def test_a_version_1_database_is_upgraded_and_keeps_its_rows(url):
    from timeline.store.postgres import SCHEMA_VERSION

    store = opened(url)
    load(store, RECORDS)
    store.db.execute("UPDATE schema_version SET version = 1")
    assert opened(url).migrate() == SCHEMA_VERSION == 2
    assert store.db.execute("SELECT version FROM schema_version").fetchall() == [(2,)]
    assert store.counts()["events"] == len(RECORDS)


def test_a_store_open_during_the_conversion_writes_to_the_new_layout(url):
    worker = opened(url)
    load(worker, RECORDS)
    for _ in range(6):  # psycopg prepares a statement on its fifth run: now the plain table's plans
        assert worker.get_event("a") is not None and worker.query_events(EventQuery(undated="include"))[0]
    assert not worker.layout()
    assert opened(url).partition(force=True)["converted"]
    load(worker, [event("e", "1871-03-18"), event("a", "1872-01-01")])
    assert worker.layout() and partition_of(worker, "e") == "events_y1871"
    assert worker.get_event("a")["occurred"]["start"] == "1872-01-01"
    found, _ = worker.query_events(EventQuery(start=d("1871-01-01"), end=d("1872-12-31")))
    assert [e["id"] for e in found] == ["e", "a"]


def test_a_load_past_the_threshold_warns(url, caplog):
    store = opened(url, partition_at=10)
    with caplog.at_level(logging.WARNING, logger="timeline.store.postgres_partitions"):
        load(store, RECORDS)
        assert not caplog.text
        store.db.execute("ANALYZE events")
        store.partition_at = 4
        load(store, [event("e", "2025-05-05")])
    assert "past TIMELINE_PG_PARTITION_AT (4)" in caplog.text and not store.layout()
