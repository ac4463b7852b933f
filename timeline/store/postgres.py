"""The PostgreSQL store: the same interface and answers as SQLiteStore, for many writers and
readers sharing one database. The only module (with its mixins) that speaks PostgreSQL.

Connections come from one psycopg_pool per process and URL. A store borrows one on first
use and gives it back when it is out of a transaction and `rollback()` or `close()` is
called (the service calls rollback() at the end of every request), so a worker's threads
share a few connections. Writes take a transaction-scoped advisory lock first: one writer
at a time, as SQLite's BEGIN IMMEDIATE, so "is this id stored?" and the insert that follows
cannot race, and change-feed sequence numbers commit in order.

The events table is plain or partitioned by year (postgres_partitions.py); a writer reads which
after taking the lock, so every write is planned for the layout it writes to.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from importlib import resources
from typing import Any

import orjson
import psycopg
from psycopg import pq
from psycopg_pool import ConnectionPool

from timeline.config import DEFAULTS
from timeline.store.postgres_history import PgHistory
from timeline.store.postgres_partitions import PgPartitions
from timeline.store.postgres_search import to_tsquery_text
from timeline.store.postgres_writes import PgWrites
from timeline.store.query import MIN_DAY, Cursor, EventQuery, Pages, class_max_span, class_min_span

# 2: events may be partitioned by year, which version 1 code cannot write to (nothing to fill).
SCHEMA_VERSION = 2
UPGRADES: dict[int, str] = {}  # version -> SQL that fills a new table from an older database
WRITE_LOCK = 0x74696D65  # pg_advisory_xact_lock key of the writer lock ("time")
POOL_SIZE = int(os.environ.get("TIMELINE_POOL_SIZE", "8"))

_EVENT_COLUMNS = ", ".join(f"events.{c}" for c in (
    "rowid", "id", "occurred_start", "occurred_end", "reported_start", "reported_end", "body"))
_EXCERPT_COLUMNS = "id, text, reference_date, source, url, metadata, content_hash, created_at, updated_at"

_pools: dict[tuple[int, str], ConnectionPool] = {}
_pools_lock = threading.Lock()


def shared_pool(url: str) -> ConnectionPool:
    """This process's pool for `url` (a forked worker makes its own)."""
    key = (os.getpid(), url)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, kwargs={"autocommit": True},
                                  open=True, name=f"timeline-{len(_pools)}")
            _pools[key] = pool
        return pool


@atexit.register
def close_pools() -> None:
    """Close this process's pools (tests call it before dropping their schema)."""
    with _pools_lock:
        for (pid, _), pool in list(_pools.items()):
            if pid == os.getpid():
                pool.close()
        _pools.clear()


def _sort_key(row: tuple, axis: str) -> Cursor:
    start, end = (row[2], row[3]) if axis == "occurred" else (row[4], row[5])
    return Cursor(start, end, row[1])


class PostgresStore(PgWrites, PgHistory, PgPartitions, Pages):
    engine = "postgresql"

    def __init__(self, url: str, pool: ConnectionPool | None = None,
                 partition_at: int = DEFAULTS["PG_PARTITION_AT"]) -> None:
        self.url = url
        self.pool = pool or shared_pool(url)
        self.partition_at = partition_at  # events rows past which to partition: 0 from the start, < 0 never
        self.partitioned: bool | None = None
        self._conn: psycopg.Connection | None = None
        self._classes: dict[str, list[int]] = {}  # length classes per axis, as of the last page
        self._grown = False  # events were inserted since the last commit

    @property
    def db(self) -> psycopg.Connection:
        if self._conn is None:
            self._conn = self.pool.getconn()
        return self._conn

    def _in_transaction(self) -> bool:
        return self._conn is not None and self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def _release(self) -> None:
        if self._conn is not None and not self._in_transaction():
            conn, self._conn = self._conn, None
            self.pool.putconn(conn)

    # -- lifecycle -------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the database to SCHEMA_VERSION, once, whoever calls it (under the writer lock);
        a new database with partition_at 0 is partitioned at once (there is nothing to move), an
        older one past partition_at gets a warning (the conversion is `partition()`)."""
        with self.transaction():
            exists = self.db.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
            row = self.db.execute("SELECT max(version) FROM schema_version").fetchone() if exists else None
            version = (row[0] if row else None) or 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"database schema {version} is newer than this code ({SCHEMA_VERSION})")
            if version < SCHEMA_VERSION:
                self.db.execute(resources.files("timeline.store").joinpath("schema_pg.sql").read_text())
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    if version >= 1 and target in UPGRADES:
                        self.db.execute(UPGRADES[target])
                self.db.execute("DELETE FROM schema_version")
                self.db.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION,))
            if self.partition_at == 0 and not self.layout() and not self.db.execute(
                    "SELECT EXISTS (SELECT FROM events)").fetchone()[0]:
                self._convert()
        self.warn_if_due()
        return SCHEMA_VERSION

    def close(self) -> None:
        self.rollback()

    def backup(self, path: str) -> None:
        raise NotImplementedError("backup is SQLite's; for PostgreSQL use pg_dump -Fc (and pg_restore)")

    def restore(self, path: str) -> None:
        raise NotImplementedError("restore is SQLite's; for PostgreSQL use pg_restore of a pg_dump -Fc file")

    def explain_query(self, q: EventQuery) -> list[str]:
        """PostgreSQL's plan for the dated part of a query, one line per plan line."""
        sql, params = self._dated_sql(q, q.limit + 1)
        return [row[0] for row in self.db.execute("EXPLAIN " + sql, params)] if sql else []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_transaction():  # nested: the outer transaction decides
            yield
            return
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one committed state (REPEATABLE READ: writers go on)."""
        if self._in_transaction():
            yield
            return
        self.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try:
            yield
        finally:
            self.db.execute("ROLLBACK" if self.db.info.transaction_status == pq.TransactionStatus.INERROR
                            else "COMMIT")

    def begin(self) -> None:
        self.db.execute("BEGIN")
        self.db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        # Read again on first use, in a statement after the lock: a conversion that committed
        # while this writer waited is seen (a statement's snapshot is taken when it starts).
        self.partitioned = None

    def commit(self) -> None:
        self.db.execute("COMMIT")
        if self._grown:
            self._grown = False
            self.warn_if_due()

    def rollback(self) -> None:
        """Roll back what is open, and give the connection back to the pool."""
        if self._conn is None:
            return
        try:
            if self._in_transaction():
                self._conn.execute("ROLLBACK")
                self.partitioned = None  # a conversion may have been rolled back
        except psycopg.OperationalError:
            self._conn.close()  # a broken connection: the pool replaces it
        self._release()

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (%s, %s) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- reads -----------------------------------------------------------------------

    def excerpt_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        return dict(self.db.execute("SELECT id, content_hash FROM excerpts WHERE id = ANY(%s)", (ids,),
                                    prepare=False))

    def event_hashes(self, ids: list[str]) -> dict[str, tuple[int, str]]:
        if not ids:
            return {}
        rows = self.by_key("events.id, events.rowid, events.content_hash", "id", ids)
        return {ident: (rowid, digest) for ident, rowid, digest in rows}

    def get_excerpt(self, excerpt_id: str) -> dict[str, Any] | None:
        with self.snapshot():
            row = self.db.execute(f"SELECT {_EXCERPT_COLUMNS} FROM excerpts WHERE id = %s",
                                  (excerpt_id,)).fetchone()
            if row is None:
                return None
            excerpt = dict(zip(_EXCERPT_COLUMNS.split(", "), row, strict=True))
            excerpt["metadata"] = orjson.loads(excerpt["metadata"])
            excerpt["mentions"] = self.excerpt_mentions(excerpt_id)
            excerpt["events"] = self.excerpt_events(excerpt_id)
        return excerpt

    def excerpt_mentions(self, excerpt_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT data FROM mentions WHERE excerpt_id = %s ORDER BY ordinal", (excerpt_id,))
        return [orjson.loads(data) for (data,) in rows]

    def excerpt_events(self, excerpt_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT body FROM events WHERE excerpt_id = %s ORDER BY ordinal", (excerpt_id,))
        return [orjson.loads(body) for (body,) in rows]

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        row = self.by_key("events.body", "id", [event_id]).fetchone()
        return None if row is None else orjson.loads(row[0])

    def event_key(self, event_id: str) -> tuple[int, int | None] | None:
        """(rowid, ordinal) of a stored event, or None."""
        return self.by_key("events.rowid, events.ordinal", "id", [event_id]).fetchone()

    def counts(self) -> dict[str, int]:
        with self.snapshot():
            return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in ("excerpts", "events", "mentions")}

    # -- range queries -----------------------------------------------------------------

    def query_json(self, q: EventQuery) -> tuple[list[str], Cursor | None]:
        """One page as stored JSON text, read from one snapshot, and the next page's cursor."""
        tsquery = to_tsquery_text(q.q) if q.q else None  # a bad search fails before any SQL
        one_statement = q.undated != "include" or (q.cursor is not None and q.cursor.start is None)
        with nullcontext() if one_statement else self.snapshot():  # a statement is a snapshot
            rows = self._query_rows(q, tsquery)
        more = len(rows) > q.limit
        rows = rows[:q.limit]
        return [row[6] for row in rows], (_sort_key(rows[-1], q.axis) if more else None)

    def _query_rows(self, q: EventQuery, tsquery: str | None) -> list[tuple]:
        want = q.limit + 1
        in_tail = q.cursor is not None and q.cursor.start is None
        rows: list[tuple] = []
        if q.undated != "only" and not in_tail:
            rows = self._dated_rows(q, want, tsquery)
        if q.undated != "exclude" and len(rows) < want:
            rows += self._undated_rows(q, want - len(rows), tsquery)
        return rows

    def filters(self, q: EventQuery, tsquery: str | None = None) -> tuple[list[str], list[Any]]:
        """Conditions shared by the dated and undated scans (type, excerpt, search)."""
        conds: list[str] = []
        params: list[Any] = []
        if q.types:
            conds.append("type = ANY(%s)")
            params.append(list(q.types))
        if q.excerpt_id is not None:
            conds.append("excerpt_id = %s")
            params.append(q.excerpt_id)
        if q.factuality:  # read from each candidate's body: rare values cost a longer scan
            conds.append("coalesce(body::jsonb ->> 'factuality', 'asserted') = ANY(%s)")
            params.append(list(q.factuality))
        if tsquery is not None:
            conds.append("search @@ %s::tsquery")
            params.append(tsquery)
        return conds, params

    @staticmethod
    def range_condition(q: EventQuery) -> tuple[str, list[int]]:
        """The window as a daterange: `&&` (overlaps) or `<@` (within), answered by GiST."""
        op = "&&" if q.mode == "overlaps" else "<@"
        return f"events.{q.axis} {op} tl_days(%s, %s)", list(q.window)

    def span_classes(self, axis: str) -> list[int]:
        return [k for (k,) in self.db.execute(
            "SELECT class FROM span_classes WHERE axis = %s ORDER BY class", (axis,))]

    def _dated_rows(self, q: EventQuery, want: int, tsquery: str | None) -> list[tuple]:
        """The dated rows of a page in one statement. The length classes are remembered from
        the last page; the statement also reads them, in its own snapshot, and a page planned
        with an outdated list (another writer added a class) is asked again."""
        if tsquery is not None:
            sql, params = self._dated_sql(q, want, tsquery)
            return self.db.execute(sql, params).fetchall()
        while True:
            classes = self._classes.get(q.axis)
            if classes is None:
                classes = self._classes[q.axis] = self.span_classes(q.axis)
            sql, params = self._dated_sql(q, want, classes=classes)
            sql = sql or f"SELECT {_EVENT_COLUMNS} FROM events WHERE false"
            found = self.db.execute(
                "SELECT page.*, c.classes FROM (SELECT coalesce(array_agg(class ORDER BY class), '{}') AS classes"
                f" FROM span_classes WHERE axis = %s) AS c LEFT JOIN ({sql}) AS page"
                " ON true", [q.axis, *params]).fetchall()
            if found[0][-1] == classes:
                return [row[:-1] for row in found if row[1] is not None]
            self._classes[q.axis] = found[0][-1]

    def _dated_sql(self, q: EventQuery, want: int, tsquery: str | None = None,
                   classes: list[int] | None = None) -> tuple[str, list[Any]]:
        """Without a search: for each length class in span_classes, a btree range scan bounded
        by the class's longest (overlaps) or shortest (within) interval, in timeline order and
        cut at the page size; the classes' pages merged. With a search: the hits in the
        window (GiST and GIN), sorted."""
        ax = q.axis
        a, b = q.window
        filters, filter_params = self.filters(q, tsquery)
        after: list[str] = []
        after_params: list[Any] = []
        if q.cursor is not None:
            after = [f"({ax}_start, {ax}_end, events.id) > (%s::int, %s::int, %s)"]
            after_params = [q.cursor.start, q.cursor.end, q.cursor.id]
        order = f"ORDER BY {ax}_start, {ax}_end, id LIMIT %s"
        if tsquery is not None:
            window, window_params = self.range_condition(q)
            where = " AND ".join([window, *filters, *after])
            return (f"SELECT {_EVENT_COLUMNS} FROM events WHERE {where} {order}",
                    [*window_params, *filter_params, *after_params, want])
        scans: list[str] = []
        params: list[Any] = []
        for k in self.span_classes(ax) if classes is None else classes:
            # The end is compared as an integer, not through the daterange: with `&&` the
            # planner is drawn to a GiST bitmap and a sort of every match, where the ordered
            # btree scan stops after a page (measured: bench/pg_store.py).
            if q.mode == "overlaps":
                cond = f"{ax}_start BETWEEN %s AND %s AND {ax}_end >= %s"
                bounds = [max(MIN_DAY, a - class_max_span(k)), b, a]
            else:
                if class_min_span(k) > b - a:
                    continue  # every interval of this class is longer than the window
                cond = f"{ax}_start BETWEEN %s AND %s AND {ax}_end <= %s"
                bounds = [a, b - class_min_span(k), b]
            if q.cursor is not None:  # seek straight to the cursor's start
                bounds[0] = max(bounds[0], q.cursor.start)
            where = " AND ".join([f"{ax}_class = %s", cond, *filters, *after])
            scans.append(f"(SELECT {_EVENT_COLUMNS} FROM events WHERE {where} {order})")
            params += [k, *bounds, *filter_params, *after_params, want]
        if not scans:
            return "", []
        return f"SELECT * FROM ({' UNION ALL '.join(scans)}) AS page {order}", [*params, want]

    def _undated_rows(self, q: EventQuery, want: int, tsquery: str | None) -> list[tuple]:
        ax = q.axis
        filters, params = self.filters(q, tsquery)
        where = [f"{ax}_start IS NULL", *filters]
        if q.cursor is not None and q.cursor.start is None:
            where.append("events.id > %s")
            params.append(q.cursor.id)
        sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE {' AND '.join(where)} ORDER BY events.id LIMIT %s"
        return self.db.execute(sql, [*params, want]).fetchall()
