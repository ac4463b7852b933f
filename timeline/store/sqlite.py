"""The SQLite store: the embedded default engine, and the only module that speaks SQLite's SQL.

One Store per connection. Writes happen inside `transaction()` (BEGIN IMMEDIATE, so a
writer waits for the lock up front, within the busy timeout, instead of failing half-way).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from timeline.store.query import AXES, Cursor, EventQuery, Pages
from timeline.store.sqlite_histogram import Histogram
from timeline.store.sqlite_history import History
from timeline.store.sqlite_plan import class_scan
from timeline.store.sqlite_writes import Writes

SCHEMA_VERSION = 3
UPGRADES = {
    # 2: the event history; every stored event gets its creation.
    2: ["INSERT INTO event_history (event_id, at, kind, cause) SELECT id, created_at, 'created',"
        " coalesce(json_extract(body, '$.source'), 'loaded') FROM events ORDER BY rowid"],
    # 3: the range indexes carry the type, so a type filter is checked inside the index.
    3: [*(f"DROP INDEX IF EXISTS events_{axis}" for axis in AXES),
        *(f"CREATE INDEX events_{axis} ON events ({axis}_class, {axis}_start, {axis}_end, id, type)"
          for axis in AXES)],
}

# body holds the whole event as the API shows it (written by this module on every change),
# so reading a page costs one JSON parse per row, or none when the API passes it through.
_EVENT_COLUMNS = ", ".join(f"events.{c}" for c in (
    "rowid", "id", "occurred_start", "occurred_end", "reported_start", "reported_end", "body"))
_EXCERPT_COLUMNS = (
    "id, text, reference_date, source, url, metadata, content_hash, created_at, updated_at"
)
_IN_CHUNK = 500  # ids per "IN (...)" lookup, well under SQLite's variable limit
_HITS_DRIVEN = 5000  # a search with at most this many hits is answered from its hits
_HITS_KEPT = 8  # searches whose hits a connection keeps, for the next pages of the same words


class QueryError(ValueError):
    """A query the engine refused because of what the client sent (e.g. FTS syntax)."""


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _sort_key(row: tuple, axis: str) -> Cursor:
    start, end = (row[2], row[3]) if axis == "occurred" else (row[4], row[5])
    return Cursor(start, end, row[1])


class SQLiteStore(Writes, History, Histogram, Pages):
    engine = "sqlite"

    def __init__(self, path: str, busy_timeout_ms: int = 10_000, mmap_bytes: int = 0) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                  timeout=busy_timeout_ms / 1000)
        self._hits: dict[tuple, tuple[str, int]] = {}
        self._hit_tables = 0
        self._copied = 0
        self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")  # durable across crashes in WAL mode
        self.db.execute("PRAGMA cache_size = -65536")   # 64 MiB page cache
        # Readers map the file (no read() call per page); writers leave it 0 so the mapped
        # pages do not count against a bulk load's memory.
        self.db.execute(f"PRAGMA mmap_size = {int(mmap_bytes)}")

    # -- lifecycle -------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the file to SCHEMA_VERSION, once, whoever calls it. schema.sql is the latest
        schema and only creates what is missing; UPGRADES fill what a new table needs from
        the rows of an older file."""
        self.db.execute("PRAGMA journal_mode = WAL")
        with self.transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"database schema {version} is newer than this code ({SCHEMA_VERSION})")
            if version < SCHEMA_VERSION:
                sql = resources.files("timeline.store").joinpath("schema.sql").read_text()
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.db.execute(statement)
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in UPGRADES.get(target, ()) if version >= 1 else ():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return SCHEMA_VERSION

    def close(self) -> None:
        self.db.close()

    def backup(self, path: str) -> None:
        """Copy the store to a new file with SQLite's online backup API, in one step: a
        consistent snapshot (a read transaction) while other connections go on writing.
        The copy is written beside `path` and renamed into place, so `path` is whole or absent."""
        if os.path.exists(path):
            raise FileExistsError(path)
        partial = f"{path}.partial"
        target = sqlite3.connect(partial)
        try:
            self.db.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if problem != "ok":
            os.remove(partial)
            raise sqlite3.DatabaseError(f"the copy failed its integrity check: {problem}")
        os.replace(partial, path)

    def restore(self, path: str) -> None:
        """Replace the store's content by a backup's, checked first. Other connections see the
        store before or after, never half-way (the backup API writes in one transaction)."""
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            problem = source.execute("PRAGMA integrity_check").fetchone()[0]
            version = source.execute("PRAGMA user_version").fetchone()[0]
            if problem != "ok" or not 1 <= version <= SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"{path} is not a timeline backup this code can restore "
                                            f"(integrity: {problem}, schema version {version})")
            source.backup(self.db)
        finally:
            source.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.in_transaction:  # nested: the outer transaction decides
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one committed state: a read transaction (in WAL mode writers go on)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- reads -----------------------------------------------------------------------

    def _lookup(self, sql: str, ids: list[str]) -> list[tuple]:
        rows: list[tuple] = []
        for i in range(0, len(ids), _IN_CHUNK):
            part = ids[i:i + _IN_CHUNK]
            rows += self.db.execute(sql.format(",".join("?" * len(part))), part).fetchall()
        return rows

    def excerpt_hashes(self, ids: list[str]) -> dict[str, str]:
        rows = self._lookup("SELECT id, content_hash FROM excerpts WHERE id IN ({})", ids)
        return dict(rows)

    def event_hashes(self, ids: list[str]) -> dict[str, tuple[int, str]]:
        rows = self._lookup("SELECT id, rowid, content_hash FROM events WHERE id IN ({})", ids)
        return {ident: (rowid, digest) for ident, rowid, digest in rows}

    def get_excerpt(self, excerpt_id: str) -> dict[str, Any] | None:
        with self.snapshot():  # the text, its mentions and its events from the same write
            row = self.db.execute(f"SELECT {_EXCERPT_COLUMNS} FROM excerpts WHERE id = ?",
                                  (excerpt_id,)).fetchone()
            if row is None:
                return None
            keys = _EXCERPT_COLUMNS.split(", ")
            excerpt = dict(zip(keys, row, strict=True))
            excerpt["metadata"] = orjson.loads(excerpt["metadata"])
            excerpt["mentions"] = self.excerpt_mentions(excerpt_id)
            excerpt["events"] = self.excerpt_events(excerpt_id)
        return excerpt

    def excerpt_mentions(self, excerpt_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT data FROM mentions WHERE excerpt_id = ? ORDER BY ordinal",
                               (excerpt_id,))
        return [orjson.loads(data) for (data,) in rows]

    def excerpt_events(self, excerpt_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE excerpt_id = ? "
                               "ORDER BY ordinal", (excerpt_id,))
        return [orjson.loads(row[6]) for row in rows]

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        row = self.db.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?",
                              (event_id,)).fetchone()
        return None if row is None else orjson.loads(row[6])

    def event_key(self, event_id: str) -> tuple[int, int | None] | None:
        """(rowid, ordinal) of a stored event, or None."""
        return self.db.execute("SELECT rowid, ordinal FROM events WHERE id = ?", (event_id,)).fetchone()

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        with self.snapshot():
            return {
                "excerpts": one("SELECT count(*) FROM excerpts").fetchone()[0],
                "events": one("SELECT count(*) FROM events").fetchone()[0],
                "mentions": one("SELECT count(*) FROM mentions").fetchone()[0],
            }

    # -- range queries -----------------------------------------------------------------

    def query_json(self, q: EventQuery) -> tuple[list[str], Cursor | None]:
        """query_events() with each event as the JSON text it is stored as (no parsing).
        The page is read from one snapshot: a batch committed meanwhile is in it whole or not at all."""
        with self.snapshot():
            rows = self._query_rows(q)
        more = len(rows) > q.limit
        rows = rows[:q.limit]
        return [row[6] for row in rows], (_sort_key(rows[-1], q.axis) if more else None)

    def _query_rows(self, q: EventQuery) -> list[tuple]:
        want = q.limit + 1
        in_tail = q.cursor is not None and q.cursor.start is None
        hits = self._search_hits(q.q) if q.q else None
        rows: list[tuple] = []
        if q.undated != "only" and not in_tail:
            rows = self._dated_rows(q, want, hits)
        if q.undated != "exclude" and len(rows) < want:
            rows += self._undated_rows(q, want - len(rows), hits)
        return rows

    # Full-text search with a range. FTS5 hands back every hit of a term, in rowid order, and
    # checking one row against it costs as much as a whole search. So a search's hits are
    # copied once into a temporary table of this connection (kept for the next pages and pans
    # with the same words, until the store changes). Few hits: read them, filter by the window,
    # sort. Many: scan the window in timeline order and keep the rows that are hits.

    def _search_hits(self, text: str) -> tuple[str, int]:
        """The temporary table holding the rowids that match `text`, and how many there are."""
        # Another connection's commits change data_version, this one's change total_changes
        # (less the rows copied into hit tables, which change nothing stored).
        version = (self.db.execute("PRAGMA data_version").fetchone()[0],
                   self.db.total_changes - self._copied)
        found = self._hits.get((text, version))
        if found is not None:
            return found
        if len(self._hits) >= _HITS_KEPT:
            for table, _ in self._hits.values():
                self.db.execute(f"DROP TABLE IF EXISTS temp.{table}")
            self._hits.clear()
        self._hit_tables += 1
        table = f"hits_{self._hit_tables}"
        self.db.execute(f"CREATE TEMP TABLE {table} (rowid INTEGER PRIMARY KEY)")
        try:
            count = self.db.execute(f"INSERT INTO temp.{table} SELECT rowid FROM events_fts "
                                    "WHERE events_fts MATCH ?", (text,)).rowcount
        except sqlite3.OperationalError as exc:
            self.db.execute(f"DROP TABLE temp.{table}")
            raise QueryError(f"search query not understood ({exc}); see SQLite FTS5 query "
                             "syntax, or put the words in double quotes") from exc
        self._copied += count
        self._hits[(text, version)] = (table, count)
        return table, count

    def _filters(self, q: EventQuery, hits: tuple[str, int] | None = None) -> tuple[list[str], list[Any]]:
        """Conditions shared by the dated and undated scans (type, excerpt, search hits)."""
        conds: list[str] = []
        params: list[Any] = []
        if q.types:
            conds.append(f"type IN ({','.join('?' * len(q.types))})")
            params += q.types
        if q.excerpt_id is not None:
            conds.append("excerpt_id = ?")
            params.append(q.excerpt_id)
        if q.factuality:  # read from each candidate's body: rare values cost a longer scan
            conds.append(f"coalesce(json_extract(body, '$.factuality'), 'asserted') IN "
                         f"({','.join('?' * len(q.factuality))})")
            params += q.factuality
        if hits is not None:
            conds.append(f"events.rowid IN temp.{hits[0]}")
        return conds, params

    def span_classes(self, axis: str) -> list[int]:
        return [k for (k,) in self.db.execute(
            "SELECT class FROM span_classes WHERE axis = ? ORDER BY class", (axis,))]

    def _dated_rows(self, q: EventQuery, want: int, hits: tuple[str, int] | None) -> list[tuple]:
        if hits is not None and hits[1] <= _HITS_DRIVEN:
            return self._from_hits(q, want, hits[0])
        sql, params = self._dated_sql(q, want, hits)
        return self.db.execute(sql, params).fetchall() if sql else []

    def _from_hits(self, q: EventQuery, want: int, table: str) -> list[tuple]:
        """Few hits: every hit in the window, sorted (CROSS JOIN keeps the hits the outer loop)."""
        ax = q.axis
        a, b = q.window
        filters, params = self._filters(q)
        if q.mode == "overlaps":
            where, params = [f"{ax}_start <= ? AND {ax}_end >= ?", *filters], [b, a, *params]
        else:
            where, params = [f"{ax}_start >= ? AND {ax}_end <= ?", *filters], [a, b, *params]
        if q.cursor is not None:
            where.append(f"({ax}_start, {ax}_end, events.id) > (?, ?, ?)")
            params += [q.cursor.start, q.cursor.end, q.cursor.id]
        sql = (f"SELECT {_EVENT_COLUMNS} FROM temp.{table} AS hits CROSS JOIN events "
               f"ON events.rowid = hits.rowid WHERE {' AND '.join(where)} "
               f"ORDER BY {ax}_start, {ax}_end, events.id LIMIT ?")
        return self.db.execute(sql, [*params, want]).fetchall()

    def _dated_sql(self, q: EventQuery, want: int, hits: tuple[str, int] | None = None) -> tuple[str, list[Any]]:
        """One index range scan per length class, each bounded by its class's longest interval,
        streamed through a merge in timeline order; bodies are read for the page's rows only."""
        ax = q.axis
        a, b = q.window
        filters, filter_params = self._filters(q, hits)
        scans: list[str] = []
        params: list[Any] = []
        for k in self.span_classes(ax):
            scan = class_scan(ax, q.mode, a, b, k)
            if scan is None:
                continue
            cond, bounds = scan
            if q.cursor is not None:  # seek straight to the cursor's start, not past every row before it
                bounds[0] = max(bounds[0], q.cursor.start)
            where = [f"{ax}_class = ?", cond, *filters]
            params += [k, *bounds, *filter_params]
            if q.cursor is not None:
                where.append(f"({ax}_start, {ax}_end, events.id) > (?, ?, ?)")
                params += [q.cursor.start, q.cursor.end, q.cursor.id]
            scans.append(f"SELECT events.rowid AS r, {ax}_start AS s, {ax}_end AS e, events.id AS i "
                         f"FROM events WHERE {' AND '.join(where)}")
        if not scans:
            return "", []
        sql = (f"WITH keys AS ({' UNION ALL '.join(scans)} ORDER BY s, e, i LIMIT ?) "
               f"SELECT {_EVENT_COLUMNS} FROM keys JOIN events ON events.rowid = keys.r "
               "ORDER BY keys.s, keys.e, keys.i")
        return sql, [*params, want]

    def _undated_rows(self, q: EventQuery, want: int, hits: tuple[str, int] | None) -> list[tuple]:
        ax = q.axis
        filters, params = self._filters(q, hits)
        where = [f"{ax}_class IS NULL", f"{ax}_start IS NULL", f"{ax}_end IS NULL", *filters]
        if q.cursor is not None and q.cursor.start is None:
            where.append("events.id > ?")
            params.append(q.cursor.id)
        sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE {' AND '.join(where)} ORDER BY events.id LIMIT ?"
        return self.db.execute(sql, [*params, want]).fetchall()

    def explain_query(self, q: EventQuery) -> list[str]:
        """SQLite's plan for the dated part of a query (a test checks it uses the indexes)."""
        sql, params = self._dated_sql(q, q.limit + 1)
        return [row[3] for row in self.db.execute("EXPLAIN QUERY PLAN " + sql, params)] if sql else []
