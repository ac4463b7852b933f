"""Events partitioned by year on PostgreSQL, once the table passes a configurable size.

The partitioned layout: `events` PARTITION BY RANGE (occurred_start), one partition per calendar
year that has events (events_y2025 holds every event that starts in 2025), created when a write
first brings that year, and a DEFAULT partition for the undated, whose CHECK (occurred_start IS
NULL) makes a dated row without its year's partition an error instead of a stray, and spares
PostgreSQL a scan of it when a year is added. Ids stay unique through `event_ids`
(partition_pg.sql), which also routes lookups by id to one partition.

Why not from the start (bench/pg_partitions.py, README "Scaling out"): at a million events the
partitioned table answers range queries more slowly (1.1x on occurred, 1.9x on reported, which
cannot skip a year) and finds an event by id in 3x the time, and the gains (drop or archive a
year, vacuum and index a year at a time, occurred windows that skip years) only count at tens of
millions and more. Why the conversion is a command and not automatic: it rewrites every row and rebuilds
every index while holding the writer lock, which is minutes per ten million events. A request or a
worker's start-up must not wait that long (gunicorn kills a worker that takes more than its
--timeout to start, which would roll the conversion back and start it again), so the store warns
when the table has passed the threshold and `python -m timeline partition` converts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import date
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

UNDATED = "events_undated"


def partition_name(year: int) -> str:
    return f"events_y{year:04d}"


def year_bounds(year: int) -> tuple[int, int]:
    """The day ordinals [first, after last) of a calendar year."""
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1


def years_of(starts: Iterable[int | None]) -> set[int]:
    return {date.fromordinal(start).year for start in starts if start is not None}


class PgPartitions:
    db: Any
    partition_at: int
    partitioned: bool | None  # None until first needed; again after each writer lock is taken

    def layout(self) -> bool:
        """Whether events is partitioned (as last seen: a conversion by another process is
        seen at this store's next write; reads meanwhile stay correct, only slower by id)."""
        if self.partitioned is None:
            self.partitioned = self.db.execute(
                "SELECT coalesce((SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass('events')),"
                " false)").fetchone()[0]
        return self.partitioned

    def keyed(self, columns: str, key: str) -> str:
        """SELECT `columns` (qualified by `events.`) of the events whose `key` (id or rowid)
        is in the one parameter, an array. Partitioned: through event_ids, one partition each.

        Run it unprepared (by_key, or prepare=False), as every statement with an array of ids:
        psycopg prepares a statement run five times on a connection, and the server may then
        keep a generic plan, made without knowing the array. Planned while the table was small,
        `id = ANY($1)` stayed a sequential scan comparing each row with each id as the table
        grew: a 100k-event load went from 7 s to 50 s. An unnamed statement is planned for its
        values each time (0.2 ms)."""
        if not self.layout():
            return f"SELECT {columns} FROM events WHERE events.{key} = ANY(%s)"
        # LIMIT keeps the subquery a nested loop, so each row's partition is picked at run time.
        return (f"SELECT {columns} FROM event_ids AS k CROSS JOIN LATERAL ("
                "SELECT * FROM events WHERE events.id = k.id AND events.occurred_start = k.occurred_start"
                " UNION ALL SELECT * FROM events WHERE events.id = k.id AND events.occurred_start IS NULL"
                f" AND k.occurred_start IS NULL LIMIT 1) AS events WHERE k.{key} = ANY(%s)")

    def by_key(self, columns: str, key: str, keys: list) -> Any:
        """The rows of keyed(columns, key) for these keys (a cursor)."""
        return self.db.execute(self.keyed(columns, key), (keys,), prepare=False)

    def id_table(self) -> str:
        """The table whose primary key is the event id."""
        return "event_ids" if self.layout() else "events"

    def add_years(self, starts: Iterable[int | None]) -> None:
        """Create the partitions these occurred starts need (under the writer lock). Creating
        one locks the events table until the transaction ends: once per year of data."""
        if self.layout():
            self._create_years(years_of(starts), "events")

    def _create_years(self, years: set[int], parent: str) -> None:
        wanted = {partition_name(y): y for y in years}
        if not wanted:
            return
        missing = self.db.execute("SELECT name FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NULL",
                                  (sorted(wanted),), prepare=False).fetchall()
        for (name,) in missing:
            first, after = year_bounds(wanted[name])
            self.db.execute(f"CREATE TABLE {name} PARTITION OF {parent} FOR VALUES FROM ({first}) TO ({after})")

    # -- when, and the conversion -----------------------------------------------------

    def estimated_events(self) -> int:
        """PostgreSQL's own estimates of the events rows (as of the last ANALYZE, and as counted
        by the statistics system since): free to read at start-up and after every load, where
        count(*) is a scan."""
        row = self.db.execute(
            "SELECT greatest(reltuples::bigint, pg_stat_get_live_tuples(oid), 0) FROM pg_class"
            " WHERE oid = to_regclass('events')").fetchone()
        return row[0] if row else 0

    def partition_due(self, events: int) -> bool:
        return not self.layout() and 0 <= self.partition_at <= events

    def warn_if_due(self) -> None:
        events = self.estimated_events()
        if self.partition_due(events) and events:
            log.warning("the events table holds about %s rows, past TIMELINE_PG_PARTITION_AT (%s): run "
                        "`python -m timeline partition` to partition it by year (it holds the writer "
                        "lock while it rewrites the table)", f"{events:,}", f"{self.partition_at:,}")

    def partition(self, force: bool = False) -> dict[str, Any]:
        """Convert events to the partitioned layout in one transaction if the threshold is
        passed (or `force`): what was done, and why not if nothing was."""
        with self.transaction():  # type: ignore[attr-defined]
            if self.layout():
                counts = self._partition_counts()
                return {"converted": False, **counts, "reason": f"already partitioned: {counts['events']:,}"
                        f" events, {counts['years']} yearly partitions"}
            events = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
            if not force and not self.partition_due(events):
                why = ("partitioning is off (TIMELINE_PG_PARTITION_AT < 0)" if self.partition_at < 0 else
                       f"{events:,} events, below TIMELINE_PG_PARTITION_AT ({self.partition_at:,})")
                return {"converted": False, "events": events, "reason": f"not partitioned: {why}; --now converts"}
            started = time.perf_counter()
            self._convert()
            return {"converted": True, "seconds": time.perf_counter() - started, **self._partition_counts()}

    def _partition_counts(self) -> dict[str, int]:
        years = self.db.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass").fetchone()[0]
        return {"events": self.db.execute("SELECT count(*) FROM event_ids").fetchone()[0], "years": years - 1}

    def _convert(self) -> None:
        """Build events_by_year like events, move the rows, give it the old table's indexes and
        foreign keys (schema_pg.sql stays the one definition), then swap the names. Readers go
        on reading the old table until the swap; only the swap at the end makes them wait."""
        db = self.db
        db.execute("LOCK TABLE events IN SHARE MODE")  # no writer, even one without the advisory lock
        columns = ", ".join(name for (name,) in db.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = 'events'::regclass AND attnum > 0"
            " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum"))
        indexes = db.execute("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
                             " WHERE indrelid = 'events'::regclass AND NOT indisunique").fetchall()
        years = {y for (y,) in db.execute("SELECT DISTINCT extract(year FROM date '0001-01-01' + (occurred_start - 1))"
                                          "::int FROM events WHERE occurred_start IS NOT NULL")}
        last = db.execute("SELECT greatest(pg_sequence_last_value(pg_get_serial_sequence('events', 'rowid')),"
                          " (SELECT max(rowid) FROM events))").fetchone()[0]
        db.execute("CREATE SEQUENCE event_rowid_seq")
        if last is not None:
            db.execute("SELECT setval('event_rowid_seq', %s)", (last,))
        db.execute("CREATE TABLE events_by_year (LIKE events INCLUDING DEFAULTS INCLUDING GENERATED"
                   " INCLUDING STORAGE INCLUDING COMPRESSION) PARTITION BY RANGE (occurred_start)")
        db.execute("ALTER TABLE events_by_year ALTER rowid SET DEFAULT nextval('event_rowid_seq')")
        db.execute(f"CREATE TABLE {UNDATED} PARTITION OF events_by_year (CHECK (occurred_start IS NULL)) DEFAULT")
        self._create_years(years, "events_by_year")
        db.execute(f"INSERT INTO events_by_year ({columns}) SELECT {columns} FROM events")
        db.execute(resources.files("timeline.store").joinpath("partition_pg.sql").read_text())
        for name, definition in indexes:  # built under a new name, renamed after the swap
            db.execute(f"CREATE INDEX {name}_by_year ON events_by_year USING {definition.split(' USING ', 1)[1]}")
        for name, definition in db.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                                           " WHERE conrelid = 'events'::regclass AND contype = 'f'").fetchall():
            db.execute(f"ALTER TABLE events_by_year ADD CONSTRAINT {name} {definition}")
        db.execute("ANALYZE events_by_year")  # autovacuum analyses partitions, never their parent
        db.execute("DROP TABLE events")
        db.execute("ALTER TABLE events_by_year RENAME TO events")
        db.execute("ALTER SEQUENCE event_rowid_seq OWNED BY events.rowid")
        for name, _ in indexes:
            db.execute(f"ALTER INDEX {name}_by_year RENAME TO {name}")
        self.partitioned = True
