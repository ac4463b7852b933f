"""A load in worker processes ends as the same load in one process: the same rows in the same
order, the same history, the same report. Runs on PostgreSQL too under scripts/with-postgres.sh."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from tests.conftest import event
from timeline.__main__ import cli
from timeline.bulk import BulkLoader
from timeline.bulk_read import read_records
from timeline.store import open_store

EXCERPT = {"id": "x1", "text": "Rebels captured the town of Kobani yesterday, the army said.",
           "reference_date": "2024-03-05"}


def records() -> list[dict]:
    """Five chunks of four: an id again two chunks later (the later record wins), records
    that fail, an excerpt (analysed in a worker), a reference date for it."""
    out = [event(f"e{n:02}", f"2024-01-{n % 28 + 1:02}") for n in range(12)]
    out[9] = event("e02", "2024-02-02", summary="the later e02")
    out[5] = {"kind": "event", "id": "bad", "type": "combat"}  # no summary
    out.insert(13, EXCERPT)
    out += [{"kind": "reference_date", "excerpt": "x1", "reference_date": "2024-03-06"}, "not an object",
            event("e99", None), event("e98", "2024-05-01")]
    return out


def lines(items: list) -> list[bytes]:
    return [orjson.dumps(r) + b"\n" for r in items]


def loaded(db_path: str, workers: int) -> tuple[dict, list, list, list]:
    store = open_store(db_path)
    store.migrate()
    try:
        loader = BulkLoader(store, chunk_size=4, workers=workers, opener=(db_path, {}))
        report = loader.run(read_records(lines(records()), parse=not workers)).as_dict()
        rows = store.db.execute("SELECT id, type, summary, occurred_start, excerpt_id FROM events"
                                " ORDER BY rowid").fetchall()
        order = "seq" if store.engine == "postgresql" else "rowid"
        history = store.db.execute(f"SELECT event_id, kind FROM event_history ORDER BY {order}").fetchall()
        excerpt = store.get_excerpt("x1")
        return report, [tuple(r) for r in rows], [tuple(h) for h in history], [excerpt["reference_date"],
                                                                                len(excerpt["mentions"])]
    finally:
        store.close()


def test_workers_write_what_one_process_writes(db_path, tmp_path, engine):
    one = loaded(str(tmp_path / "one.db") if engine == "sqlite" else db_path, 0)
    if engine != "sqlite":  # the same schema again: empty it
        store = open_store(db_path)
        store.db.execute("DELETE FROM event_history")
        store.db.execute("DELETE FROM events")
        store.db.execute("DELETE FROM excerpts")
        store.close()
    many = loaded(db_path, 2)
    assert many == one
    report, rows, _, (reference_date, mentions) = many
    assert report["totals"] == {"records": 17, "created": 13, "updated": 2, "unchanged": 0, "error": 2}
    assert [r["status"] for r in report["records"] if r["id"] == "e02"] == ["created", "updated"]
    assert [r[2] for r in rows if r[0] == "e02"] == ["the later e02"]
    assert reference_date == "2024-03-06" and mentions > 0
    assert [r["line"] for r in report["records"]] == list(range(1, 18))


@pytest.mark.parametrize("read", [10, 4])  # the failure after three chunks, or within the first two
def test_a_failure_to_read_writes_the_chunks_read_before_it(db_path, read):
    def failing():
        yield from enumerate([orjson.dumps(event(f"e{n:02}", "2024-01-01")) for n in range(read)], 1)
        raise OSError("the input went away")

    store = open_store(db_path)
    store.migrate()
    loader = BulkLoader(store, chunk_size=3, workers=2, opener=(db_path, {}))
    with pytest.raises(OSError, match="went away"):
        loader.run(failing())
    # the whole chunks; the last was not complete when reading failed (as in one process)
    whole = read // 3 * 3
    assert loader.report.totals["created"] == whole
    assert store.counts()["events"] == whole
    store.close()


def test_the_load_command_takes_workers_but_not_with_atomic(tmp_path, db_path):
    source = tmp_path / "events.ndjson"
    source.write_bytes(b"".join(lines([event(f"e{n:03}", "2024-01-01") for n in range(50)])))
    runner = CliRunner()
    result = runner.invoke(cli, ["load", str(source), "--database", db_path, "--workers", "2", "--chunk-size", "7"])
    assert result.exit_code == 0, result.output
    assert "created=50" in result.output
    result = runner.invoke(cli, ["load", str(source), "--database", db_path, "--workers", "2", "--atomic"])
    assert result.exit_code == 2 and "--atomic" in result.output
