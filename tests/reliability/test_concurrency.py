"""Several writers and readers at once on one SQLite file: no lock error reaches a client, no
update is lost, no reader sees part of a batch."""

from __future__ import annotations

import pytest

from bench.reliability import stress
from tests.conftest import event
from timeline.bulk import BulkLoader
from timeline.store import EventQuery, SQLiteStore, open_store


class RacedStore(SQLiteStore):
    """A store that lets another writer commit the same records just after a look-up made outside
    a transaction (of excerpts or of events): what a second process loading the same ids at the
    same moment can do."""

    raced = "event"
    rival: list = []

    def excerpt_hashes(self, ids):
        found = super().excerpt_hashes(ids)
        self._race("excerpt")
        return found

    def event_hashes(self, ids):
        found = super().event_hashes(ids)
        self._race("event")
        return found

    def _race(self, kind):
        if kind == self.raced and not self.db.in_transaction and self.rival:
            other = open_store(self.path)
            BulkLoader(other).run(self.rival.pop())
            other.close()


@pytest.mark.parametrize("raced", ["excerpt", "event"])
def test_a_rival_writer_between_look_up_and_write(db_path, store, raced):
    """Both writers succeed, the records are stored once, and the statuses say who wrote them.
    (The look-ups were outside the write transaction: for events, UNIQUE constraint failed and
    a 500; for excerpts, 'created' reported for a record the rival had created.)"""
    records = [(1, event("race-1", "2025-01-01")), (2, {"id": "race-x", "text": "Troops left on Monday."})]
    raced_store = RacedStore(db_path)
    raced_store.raced, raced_store.rival = raced, [list(records)]
    report = BulkLoader(raced_store).run(records)
    rival_ran = not raced_store.rival
    raced_store.close()
    assert report.totals["error"] == 0
    expected = "unchanged" if rival_ran else "created"
    assert [r["status"] for r in report.records] == [expected, expected]
    assert store.counts()["excerpts"] == 1 and store.get_event("race-1") is not None


def test_writers_and_readers_at_once(tmp_path):
    """gunicorn -w 2 on loopback; 2 writers POST atomic batches (mixed dated and undated events,
    every length class) and race on shared batches, a `load` process writes too, 2 readers search
    for batches in flight."""
    figures = stress(tmp_path, writers=2, readers=2, batches=5, size=9, cli_events=300)
    assert figures.ok, figures.problems
    assert figures.statuses[200] == figures.requests >= 20
    assert figures.lost == 0 and figures.duplicates == 0


@pytest.mark.slow
def test_writers_and_readers_at_once_longer(tmp_path):
    figures = stress(tmp_path, writers=4, readers=4, batches=40, size=30, cli_events=5000)
    assert figures.ok, figures.problems
    assert figures.lost == 0 and figures.duplicates == 0


class ReaderRacedStore(SQLiteStore):
    """A store that lets another writer commit a batch in the middle of reading a page: after the
    dated scans, before the undated one."""

    rival: list = []

    def _undated_rows(self, *args, **kwargs):
        if self.rival:
            other = open_store(self.path)
            BulkLoader(other, atomic=True).run(self.rival.pop())
            other.close()
        return super()._undated_rows(*args, **kwargs)


def test_a_page_is_one_snapshot(db_path, store):
    """A batch committed while a page is read is in it whole or not at all. (Each scan was its
    own statement: the page held the batch's undated events but not its dated ones.)"""
    batch = [(i, event(f"snap-{i}", "1990-01-01" if i % 2 else None, "1999-12-31" if i % 2 else None,
                       type="capture")) for i in range(6)]
    query = EventQuery(types=("capture",), undated="include", limit=100)
    reader = ReaderRacedStore(db_path)
    reader.rival = [batch]
    items, _ = reader.query_events(query)
    reader.close()
    assert len(items) in (0, 6)
    assert len(store.query_events(query)[0]) == 6
