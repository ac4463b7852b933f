"""`python -m timeline backup PATH` during a load: a snapshot of whole chunks that passes
integrity_check; `restore` gives the same records back, also into a store in use."""

from __future__ import annotations

import pytest

from bench.reliability import Workload, backup_during_load, contents, fingerprint, integrity, run_timeline


def test_backup_during_a_load(tmp_path):
    figures = backup_during_load(Workload(tmp_path, events=3000, chunk=100))
    assert figures.problems == [] and figures.lost == 0 and figures.duplicates == 0


def test_restore_over_a_store_in_use(tmp_path, client, db_path):
    with open("tests/data/events.ndjson", "rb") as events:
        client.post("/api/v1/bulk", data=events.read(), content_type="application/x-ndjson")
    copy = tmp_path / "copy.db"
    assert "4 events" in run_timeline("backup", str(copy), "--database", db_path).stdout.decode()
    saved = contents(db_path)
    client.post("/api/v1/excerpts", json={"id": "later", "text": "Troops left on Monday."})
    assert contents(db_path) != saved
    run_timeline("restore", str(copy), "--database", db_path)
    assert contents(db_path) == saved and integrity(db_path) == "ok"
    assert client.get("/api/v1").get_json()["counts"]["events"] == 4


@pytest.mark.parametrize("problem", ["exists", "not a database"])
def test_refused(tmp_path, db_path, client, problem):
    target = tmp_path / "target.db"
    target.write_bytes(b"not a database" * 100)
    before = fingerprint(db_path)
    command = ("backup", str(target)) if problem == "exists" else ("restore", str(target))
    result = run_timeline(*command, "--database", db_path, check=False)
    assert result.returncode == 1 and b"Error:" in result.stderr
    assert fingerprint(db_path) == before
