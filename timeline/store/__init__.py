"""Storage engines behind one interface. SQLite is the embedded default."""

from __future__ import annotations

from typing import Any

from timeline.store.query import Cursor, CursorError, EventQuery
from timeline.store.sqlite import QueryError, SQLiteStore

__all__ = ["Cursor", "CursorError", "EventQuery", "QueryError", "SQLiteStore", "open_store"]


def open_store(database: str, busy_timeout_ms: int = 10_000, mmap_bytes: int = 0,
               partition_at: int | None = None) -> Any:
    """Open the store named by a path (SQLite) or a postgresql:// URL (PostgreSQL, through this
    process's connection pool for that URL; the SQLite tuning arguments do not apply, nor does
    PostgreSQL's partition_at to SQLite)."""
    if database.startswith(("postgresql://", "postgres://")):
        from timeline.store.postgres import PostgresStore  # psycopg is needed only for PostgreSQL

        return PostgresStore(database) if partition_at is None else PostgresStore(database, partition_at=partition_at)
    return SQLiteStore(database.removeprefix("sqlite:///"), busy_timeout_ms, mmap_bytes)
