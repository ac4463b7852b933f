"""Storage engines behind one interface. SQLite is the embedded default."""

from __future__ import annotations

from timeline.store.query import Cursor, CursorError, EventQuery
from timeline.store.sqlite import QueryError, SQLiteStore

__all__ = ["Cursor", "CursorError", "EventQuery", "QueryError", "SQLiteStore", "open_store"]


def open_store(database: str, busy_timeout_ms: int = 10_000, mmap_bytes: int = 0) -> SQLiteStore:
    """Open the store named by a path (SQLite) or URL."""
    if database.startswith(("postgresql://", "postgres://")):
        raise NotImplementedError("PostgreSQL support is not built yet; use a SQLite file path")
    return SQLiteStore(database.removeprefix("sqlite:///"), busy_timeout_ms, mmap_bytes)
