"""Writes of the PostgreSQL store, each change to an event appended to its history.

Call inside PostgresStore.transaction() (or between begin() and commit()), which holds the
writer lock. New events whose ids are distinct and not stored (the bulk loader's case: it has
just looked them up under the same lock) are streamed with COPY straight into events, and their
'created' history rows after them. Otherwise they go through a temporary staging table of the
connection and are inserted from it in one statement, the first of each id not stored (a rerun
inserts nothing twice). An atomic bulk load is one transaction around all of it.

The same statements serve both layouts of events (postgres_partitions.py): lookups by id or
rowid go through PgPartitions.keyed(), rows are updated by (id, occurred_start), so that a
partitioned table reads one partition per row, and a write first creates the years it brings.

Why two paths (measured with bench/pg_store.py): COPY into events does the index work while
the client is still formatting rows, so the two overlap; INSERT ... SELECT from staging does it
all after the last row is sent, with the client idle. Straight COPY made the load about 1.5x
faster; the check that chooses it is one index probe per id.
"""

from __future__ import annotations

from typing import Any

import orjson

from timeline.records import PreparedEvent, PreparedExcerpt
from timeline.store.postgres_search import tsvector_text
from timeline.store.query import AXES, length_class
from timeline.store.sqlite_writes import (
    _axis_values,
    event_json,
    excerpt_rows,
    excerpt_upsert,
    mention_rows,
    reconcile,
)

_EVENT_FIELDS = ("id", "excerpt_id", "ordinal", "type", "summary",
                 "occurred_start", "occurred_end", "occurred_class", "occurred_precision",
                 "reported_start", "reported_end", "reported_class", "reported_precision",
                 "body", "content_hash", "created_at", "updated_at")
_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS events_stage (n integer, id text COLLATE \"C\", excerpt_id text, "
    "ordinal integer, type text, summary text, occurred_start integer, occurred_end integer, "
    "occurred_class integer, occurred_precision text, reported_start integer, reported_end integer, "
    "reported_class integer, reported_precision text, body text, content_hash text, created_at text, "
    "updated_at text, search text) ON COMMIT DELETE ROWS"
)


def _row(e: PreparedEvent, now: str, body: str) -> tuple:
    return (e.id, e.excerpt_id, e.ordinal, e.type, e.summary, *_axis_values(e.occurred),
            *_axis_values(e.reported), body, e.content_hash, now, now)


class PgWrites:
    db: Any
    keyed: Any
    by_key: Any
    layout: Any
    id_table: Any
    add_years: Any
    _grown: bool

    def put_excerpts(self, excerpts: list[PreparedExcerpt], now: str, cause: str = "extracted") -> None:
        """As SQLiteStore.put_excerpts: upsert excerpts and mentions, bring their events in line
        with the derived ones, leave corrected events alone."""
        if not excerpts:
            return
        ids = [x.id for x in excerpts]
        # Only excerpts stored before can have events: a load of new ones looks none up (on a
        # partitioned table the lookup by excerpt reads every year's index).
        before = [x for (x,) in self.db.execute("SELECT id FROM excerpts WHERE id = ANY(%s)", (ids,),
                                                             prepare=False)]
        with self.db.cursor() as cur:
            cur.executemany(excerpt_upsert("%s"), excerpt_rows(excerpts, now))
        self.replace_mentions([(x.id, x.mentions) for x in excerpts])
        stored: dict[str, tuple[int, str, str | None]] = {}
        rows = self.db.execute("SELECT id, rowid, content_hash, body::jsonb ->> 'source' FROM events"
                               " WHERE excerpt_id = ANY(%s) ORDER BY array_position(%s, excerpt_id), ordinal",
                               (before, ids), prepare=False) if before else []
        for ident, rowid, digest, source in rows:
            stored[ident] = (rowid, digest, source)
        gone, new, changed = reconcile(stored, [e for x in excerpts for e in x.events])
        self.delete_events(gone, now, cause)
        self.insert_events(new, now, cause)
        self.update_events(changed, now, cause)

    def replace_mentions(self, mentions: list[tuple[str, list[dict[str, Any]]]]) -> None:
        self.db.execute("DELETE FROM mentions WHERE excerpt_id = ANY(%s)", ([x for x, _ in mentions],),
                        prepare=False)
        rows = mention_rows(mentions)
        if rows:
            with self.db.cursor() as cur:
                cur.executemany(
                    "INSERT INTO mentions (excerpt_id, ordinal, span_start, span_end, text, type, value,"
                    " mod, interval_start, interval_end, precision, underspecified, data)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)

    def insert_events(self, events: list[PreparedEvent], now: str, cause: str = "loaded") -> None:
        """Insert events whose ids are not stored yet, in the given order (history follows it,
        and rowids too, but for a partitioned table's COPY, which goes in date order); ids
        already stored are skipped."""
        if not events:
            return
        ids = [e.id for e in events]
        self.add_years(e.occurred.start if e.occurred else None for e in events)
        if len(set(ids)) == len(ids) and not self.db.execute(
                f"SELECT EXISTS (SELECT FROM {self.id_table()} WHERE id = ANY(%s))", (ids,),
                prepare=False).fetchone()[0]:
            self._copy_events(events, now, cause)
        else:
            self._upsert_staged(events, now, cause)
        self._note_classes(events)
        self._grown = True

    def _copy_events(self, events: list[PreparedEvent], now: str, cause: str) -> None:
        columns = ", ".join((*_EVENT_FIELDS, "search"))
        # Partitioned: rows sent a year at a time, so COPY fills one partition's batch after
        # another instead of flushing a few rows to each of a hundred years in turn.
        rows = sorted(events, key=_start) if self.layout() else events
        with self.db.cursor() as cur:
            with cur.copy(f"COPY events ({columns}) FROM STDIN") as copy:
                for e in rows:
                    copy.write_row((*_row(e, now, event_json(e, now)), tsvector_text(e.summary, e.context)))
            cur.execute("INSERT INTO event_history (event_id, at, kind, cause) SELECT id, %s, 'created', %s"
                        " FROM unnest(%s::text[]) WITH ORDINALITY AS new (id, n) ORDER BY n",
                        (now, cause, [e.id for e in events]), prepare=False)

    def _upsert_staged(self, events: list[PreparedEvent], now: str, cause: str) -> None:
        self.db.execute(_STAGE)
        columns = ", ".join(("n", *_EVENT_FIELDS, "search"))
        with self.db.cursor() as cur, cur.copy(f"COPY events_stage ({columns}) FROM STDIN") as copy:
            for n, e in enumerate(events):
                copy.write_row((n, *_row(e, now, event_json(e, now)), tsvector_text(e.summary, e.context)))
        fields = ", ".join(_EVENT_FIELDS)
        # Not ON CONFLICT (id): a partitioned table has no unique index on id. The writer lock
        # makes "not stored yet" hold until the insert.
        self.db.execute(
            f"WITH added AS (INSERT INTO events ({fields}, search) SELECT {fields}, search::tsvector"
            f" FROM (SELECT DISTINCT ON (id) * FROM events_stage ORDER BY id, n) AS first"
            f" WHERE NOT EXISTS (SELECT FROM {self.id_table()} AS k WHERE k.id = first.id)"
            " ORDER BY n RETURNING rowid, id)"
            " INSERT INTO event_history (event_id, at, kind, cause)"
            " SELECT id, %s, 'created', %s FROM added ORDER BY rowid", (now, cause), prepare=False)
        # TRUNCATE, not DELETE: in an atomic load (one transaction) deleted rows stay behind
        # and every later chunk's scan of the staging table would read them again.
        self.db.execute("TRUNCATE events_stage")

    def update_events(self, events: list[tuple[int, PreparedEvent]], now: str, cause: str = "loaded") -> None:
        """Replace stored events (given with their rowids) by new content, keeping created_at;
        the replaced versions go to the history."""
        if not events:
            return
        rowids = [rowid for rowid, _ in events]
        stored = {rowid: rest for rowid, *rest in
                  self.by_key("events.rowid, events.id, events.occurred_start, events.created_at", "rowid", rowids)}
        self._history(rowids, now, "updated", cause)
        self.add_years(e.occurred.start if e.occurred else None for _, e in events)
        rows: dict[bool, list[tuple]] = {True: [], False: []}
        for rowid, e in events:
            if rowid not in stored:
                continue
            ident, start, created_at = stored[rowid]
            key = (ident,) if start is None else (ident, start)
            rows[start is None].append((*_row(e, now, _keep_created(event_json(e, now), created_at))[1:15], now,
                                        tsvector_text(e.summary, e.context), *key))
        with self.db.cursor() as cur:
            for undated, where in ((False, "occurred_start = %s"), (True, "occurred_start IS NULL")):
                cur.executemany(
                    "UPDATE events SET excerpt_id = %s, ordinal = %s, type = %s, summary = %s,"
                    " occurred_start = %s, occurred_end = %s, occurred_class = %s, occurred_precision = %s,"
                    " reported_start = %s, reported_end = %s, reported_class = %s, reported_precision = %s,"
                    f" body = %s, content_hash = %s, updated_at = %s, search = %s::tsvector WHERE id = %s AND {where}",
                    rows[undated])
        self._note_classes([e for _, e in events])

    def delete_events(self, rowids: list[int], now: str, cause: str) -> None:
        if not rowids:
            return
        keys = self.by_key("events.id, events.occurred_start", "rowid", rowids).fetchall()
        self._history(rowids, now, "deleted", cause)
        with self.db.cursor() as cur:
            cur.executemany("DELETE FROM events WHERE id = %s AND occurred_start = %s",
                            [key for key in keys if key[1] is not None])
            cur.executemany("DELETE FROM events WHERE id = %s AND occurred_start IS NULL",
                            [key[:1] for key in keys if key[1] is None])

    def _history(self, rowids: list[int], now: str, kind: str, cause: str) -> None:
        """The stored versions of these events into the history, in the given order."""
        self.db.execute(
            "INSERT INTO event_history (event_id, at, kind, cause, old) SELECT events.id, %s, %s, %s, events.body"
            f" FROM ({self.keyed('events.id, events.rowid, events.body', 'rowid')}) AS events"
            " JOIN unnest(%s::bigint[]) WITH ORDINALITY AS given (rowid, n) USING (rowid) ORDER BY given.n",
            (now, kind, cause, rowids, rowids), prepare=False)

    def _note_classes(self, events: list[PreparedEvent]) -> None:
        seen = sorted({(axis, length_class(span.start, span.end))
                       for e in events for axis, span in zip(AXES, (e.occurred, e.reported), strict=True) if span})
        if seen:
            with self.db.cursor() as cur:
                cur.executemany("INSERT INTO span_classes (axis, class) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                                seen)


def _start(e: PreparedEvent) -> int:
    return e.occurred.start if e.occurred else 0


def _keep_created(body: str, created_at: str) -> str:
    """The new body with the stored created_at, in place (as SQLite's json_set does)."""
    event = orjson.loads(body)
    event["created_at"] = created_at
    return orjson.dumps(event).decode()
