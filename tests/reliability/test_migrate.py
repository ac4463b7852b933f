"""Schema migrations run once and are idempotent: twice in one process, and from several
processes starting at the same moment on a new file (gunicorn workers do exactly that)."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.reliability import ROOT, environment, fingerprint, integrity
from timeline import SEEDS
from timeline.store import open_store
from timeline.store.sqlite import SCHEMA_VERSION

START_AT = """
import sys, time
from timeline import create_app
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
create_app({"DATABASE": sys.argv[1], "LOAD_SEEDS": True})
"""


def test_migrate_twice(store, db_path):
    before = fingerprint(db_path)
    assert store.migrate() == store.migrate() == SCHEMA_VERSION
    assert fingerprint(db_path) == before


def test_processes_migrate_and_seed_at_once(tmp_path):
    seeds = sum(1 for line in SEEDS.read_text().splitlines() if line.strip())
    for round_ in range(2):
        path = str(tmp_path / f"new-{round_}.db")
        start_at = str(time.time() + 1.5)  # after every interpreter has started
        processes = [subprocess.Popen([sys.executable, "-c", START_AT, path, start_at], cwd=ROOT,
                                      env=environment(), stderr=subprocess.PIPE) for _ in range(3)]
        for process in processes:
            assert process.wait(timeout=120) == 0, process.stderr.read().decode()[-2000:]
        store = open_store(path)
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.counts()["excerpts"] == seeds
        assert store.get_meta("seeded") == str(seeds)
        store.close()
        assert integrity(path) == "ok"
