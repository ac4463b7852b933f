"""Reliability under bad input, kills, concurrency and backups, at a scale you choose.

    python bench/reliability.py [--events 20000] [--kills 5] [--writers 3] [--readers 3]
                                [--requests 400] [--fuzz 2000] [--workdir DIR]

Prints, per scenario and in total: inputs tried, requests sent and their status codes,
kills survived, records lost and duplicates (both must be 0); exits 1 if any figure is
wrong. tests/reliability/ runs the same scenarios at a tiny size, and imports the harness
below (fingerprints, a server on loopback, a load killed mid-way).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Every table the store writes, in a fixed order (events_fts: the search index must follow).
TABLES = {"excerpts": "id", "mentions": "excerpt_id, ordinal", "events": "rowid",
          "events_fts": "rowid", "span_classes": "axis, class", "meta": "key"}


def fingerprint(path: str | Path) -> str:
    """A digest of everything the store holds: equal digests, equal stores."""
    digest = hashlib.sha256()
    with sqlite3.connect(path) as db:
        for table, order in TABLES.items():
            columns = "rowid, *" if table == "events_fts" else "*"
            for row in db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def integrity(path: str | Path) -> str:
    """SQLite's own check of the file: 'ok' or the first problem it found."""
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def contents(path: str | Path) -> dict[str, str]:
    """Every stored record by kind and id, with its content hash (no timestamps): two loads of
    the same records have equal contents however they were interrupted and resumed."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT 'excerpt:' || id, content_hash FROM excerpts UNION ALL "
                          "SELECT 'event:' || id, content_hash FROM events").fetchall()
    return dict(rows)
