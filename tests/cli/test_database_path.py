"""A --database path typed on the command line is relative to the current directory."""

import os

import orjson
from click.testing import CliRunner

from timeline.__main__ import cli


def test_relative_database_is_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_LOAD_SEEDS", "0")
    (tmp_path / "data").mkdir()
    record = {"kind": "event", "id": "e1", "type": "combat", "summary": "Shelling",
              "occurred": {"start": "2025-01-10", "end": "2025-01-10"}}
    (tmp_path / "events.ndjson").write_bytes(orjson.dumps(record) + b"\n")
    result = CliRunner().invoke(cli, ["load", "events.ndjson", "--database", "data/t.db", "--quiet"])
    assert result.exit_code == 0, result.output
    assert os.path.exists(tmp_path / "data" / "t.db")
    exported = CliRunner().invoke(cli, ["export", "--database", "data/t.db"])
    assert exported.exit_code == 0 and '"id":"e1"' in exported.output
