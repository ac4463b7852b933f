"""Bulk loading: a stream of records (NDJSON or a JSON array, read one record at a time)
written chunk by chunk (each chunk one transaction, so a rerun resumes) or, when atomic,
all in one transaction, with a report of every record.

Records are excerpts (the default kind), ready-made events, or reference dates for stored
excerpts ({"kind": "reference_date", "excerpt": id, "reference_date": "YYYY-MM-DD" | null}).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from timeline.bulk_read import parse_line
from timeline.ingest import (
    RecordError,
    analyse_excerpt,
    load_event,
    load_excerpt,
    load_reference_date,
    now_iso,
)
from timeline.records import PreparedEvent, PreparedExcerpt
from timeline.redate import redate

# -- the bulk loader ----------------------------------------------------------------------

@dataclass
class Report:
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("records", "created", "updated", "unchanged", "error"), 0))
    records: list[dict[str, Any]] = field(default_factory=list)
    committed: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"committed": self.committed, "totals": self.totals, "records": self.records}


@dataclass
class _Chunk:
    """A chunk's records once validated, by kind and id, and the order they came in."""
    excerpts: dict[str, tuple[int, PreparedExcerpt]] = field(default_factory=dict)
    events: dict[str, tuple[int, PreparedEvent]] = field(default_factory=dict)
    failed: list[tuple[int, str | None, RecordError]] = field(default_factory=list)
    order: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    dates: list[tuple[int, str, date | None]] = field(default_factory=list)


class BulkLoader:
    """Writes a stream of records: chunk by chunk (each chunk one transaction, so a rerun
    resumes) or, when atomic, all in one transaction that is rolled back on any bad record.

    With workers > 0 (and not atomic), chunks are validated, analysed and written by that many
    processes, each opening the store with open_store(*opener), one chunk's writes after the
    other's in input order (timeline/bulk_workers.py).
    """

    def __init__(self, store, *, atomic: bool = False, chunk_size: int = 2000,
                 keep: str = "all", progress: Callable[[int], None] | None = None,
                 workers: int = 0, opener: tuple[str, dict] | None = None) -> None:
        self.store = store
        self.atomic = atomic
        self.chunk_size = chunk_size
        self.keep = keep
        self.progress = progress
        self.report = Report()
        self.workers = workers
        self.opener = opener

    def run(self, records: Iterable[tuple[int, Any]]) -> Report:
        groups = grouped(records, self.chunk_size)
        if self.workers and not self.atomic:
            ahead: list[list[tuple[int, Any]]] = []
            try:
                ahead.extend(itertools.islice(groups, 2))
            except Exception as exc:  # noqa: BLE001 - raised after the chunks read before it are written
                groups = itertools.chain(ahead, _raising(exc))
            else:
                groups = itertools.chain(ahead, groups)
                if len(ahead) == 2:  # one chunk is not worth starting a process
                    from timeline.bulk_workers import run_in_workers

                    return run_in_workers(self, groups)
        if self.atomic:
            self.store.begin()
        try:
            for group in groups:
                self.record(self.apply(prepare_chunk(group)), len(group))
        except BaseException:
            self.store.rollback()
            if self.atomic:
                self._discard()
            raise  # the report still says what earlier chunks wrote
        if self.atomic:
            self._finish_atomic()
        return self.report

    def _finish_atomic(self) -> None:
        if self.report.totals["error"] == 0:
            self.store.commit()
            return
        self.store.rollback()
        self._discard()

    def _discard(self) -> None:
        """The report of a rolled-back atomic load: nothing written."""
        self.report.committed = False
        for entry in self.report.records:
            if entry["status"] != "error":
                entry["status"] = "skipped"
        for key in ("created", "updated", "unchanged"):
            self.report.totals[key] = 0

    def _note(self, line: int, ident: str | None, status: str, error: RecordError | None = None) -> None:
        self.report.totals["records"] += 1
        self.report.totals[status] += 1
        if self.keep == "all" or error is not None or self.atomic:
            entry = {"line": line, "id": ident, "status": status}
            if error is not None:
                entry["error"] = error.as_dict()
            self.report.records.append(entry)

    def apply(self, chunk: _Chunk, turn: AbstractContextManager | None = None) -> list[tuple]:
        """Write a validated chunk; the outcome (line, id, status, error) of each record, by
        line. Excerpts that look changed are analysed first; the writes happen inside `turn`
        (a worker waits there until the chunks before its own are written)."""
        analysed = self._analyse(chunk.excerpts)
        with turn or nullcontext():
            statuses = self._write(chunk.excerpts, chunk.events, analysed)
            outcomes = [(line, ident, again or statuses.get((kind, ident), "unchanged"), None)
                        for line, kind, ident, again in chunk.order]
            outcomes += [(line, ident, "error", exc) for line, ident, exc in chunk.failed]
            outcomes += [self._redate(line, ident, day) for line, ident, day in chunk.dates]
        return sorted(outcomes, key=lambda o: o[0])

    def record(self, outcomes: list[tuple], size: int) -> None:
        """Add a written chunk's outcomes to the report."""
        for line, ident, status, error in outcomes:
            self._note(line, ident, status, error)
        if self.progress:
            self.progress(size)

    def _redate(self, line: int, excerpt_id: str, day: date | None) -> tuple:
        """A reference date for a stored excerpt (after the chunk's excerpts are written)."""
        result = redate(self.store, excerpt_id, day)
        if result is None:
            return line, excerpt_id, "error", RecordError("not_found", f"no excerpt {excerpt_id!r}")
        return line, excerpt_id, "updated" if result["changed"] else "unchanged", None

    def _analyse(self, excerpts: dict) -> dict[str, PreparedExcerpt]:
        """The excerpts that look changed, analysed before the write lock is taken (analysis is
        the slow part)."""
        seen = self.store.excerpt_hashes(list(excerpts))
        return {ident: analyse_excerpt(x) for ident, (_, x) in excerpts.items() if seen.get(ident) != x.content_hash}

    def _write(self, excerpts: dict, events: dict, analysed: dict) -> dict[tuple[str, str], str]:
        """Write what changed; the status of each (kind, id) first seen in this chunk. What is
        new, changed or unchanged is decided inside the transaction: two writers of the same
        ids at once must not both insert them."""
        statuses: dict[tuple[str, str], str] = {}
        with self.store.transaction():
            stored_x = self.store.excerpt_hashes(list(excerpts))
            changed_x = []
            for ident, (_, x) in excerpts.items():
                if stored_x.get(ident) == x.content_hash:
                    continue
                statuses[("excerpt", ident)] = "updated" if ident in stored_x else "created"
                changed_x.append(analysed.get(ident) or analyse_excerpt(x))
            stored_e = self.store.event_hashes(list(events))
            new_e, changed_e = [], []
            for ident, (_, e) in events.items():
                if ident not in stored_e:
                    statuses[("event", ident)] = "created"
                    new_e.append(e)
                elif stored_e[ident][1] != e.content_hash:
                    statuses[("event", ident)] = "updated"
                    changed_e.append((stored_e[ident][0], e))
            now = now_iso()
            self.store.put_excerpts(changed_x, now)
            self.store.insert_events(new_e, now)
            self.store.update_events(changed_e, now)
        return statuses



# -- validating chunks ---------------------------------------------------------------------

def prepare_chunk(chunk: list[tuple[int, Any]]) -> _Chunk:
    """A chunk's records parsed (NDJSON lines given as bytes) and validated, by kind and id.
    No store access: a worker process runs it."""
    prepared = _Chunk()
    for line, raw in chunk:
        if isinstance(raw, bytes):
            raw = parse_line(raw)
        try:
            kind, record = _prepare(raw)
        except RecordError as exc:
            ident = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            prepared.failed.append((line, ident, exc))
            continue
        if kind == "reference_date":
            prepared.dates.append((line, *record))
            continue
        target = prepared.excerpts if kind == "excerpt" else prepared.events
        earlier = target.get(record.id)
        # The same id twice in a chunk: the later record wins, reported against the earlier.
        again = None if earlier is None else (
            "unchanged" if earlier[1].content_hash == record.content_hash else "updated")
        target[record.id] = (line, record)
        prepared.order.append((line, kind, record.id, again))
    return prepared


def _prepare(raw: Any) -> tuple[str, Any]:
    if isinstance(raw, RecordError):
        raise raw
    if not isinstance(raw, dict):
        raise RecordError("invalid_record", "a record must be a JSON object")
    kind = raw.get("kind", "excerpt")
    if kind == "event":
        return "event", load_event(raw)
    if kind == "excerpt":
        return "excerpt", load_excerpt(raw)
    if kind == "reference_date":
        return "reference_date", load_reference_date(raw)
    raise RecordError("unknown_kind", "a record's kind is 'excerpt' (the default), 'event' or "
                      "'reference_date'", {"kind": kind})


def _raising(exc: Exception) -> Iterator[Any]:
    raise exc
    yield


def grouped(records: Iterable[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    group: list[tuple[int, Any]] = []
    for item in records:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group
