"""Bulk loading in worker processes: `python -m timeline load --workers N`.

One process reads the input and splits it into chunks of raw lines (read_records with
parse=False: no JSON is parsed here). Each chunk goes to a worker process, which parses and
validates it, analyses its excerpts, then waits for its turn: its writes begin once the chunk
before it is committed. So while one worker writes chunk k, another validates chunk k+1, and
the database is not left idle; the chunks are still written one at a time, in input order, so
the same id in two chunks ends as the later record, as in one process.

Why processes: in one process the database waits while a chunk is validated (about half of a
load of ready-made events), and a thread cannot validate meanwhile, since the writer's row
formatting needs the GIL too (tried, and it was slower). Handing validated events back to one
writer process costs as much as validating them (unpickling), so each worker writes its own
chunks on its own connection.

Each chunk is still its own transaction: a failure stops the load where it happened, and the
report says what was written before it. An atomic load is one transaction on one connection,
so it runs in one process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from timeline.bulk import BulkLoader, Report, prepare_chunk

# A worker process's loader and the turn it shares with the others (set by _start).
_loader: BulkLoader | None = None
_turn: tuple[Any, Any, Any] | None = None  # (condition, next chunk to write, aborted)


class Aborted(Exception):
    """An earlier chunk failed: this one is not written."""


def run_in_workers(loader: BulkLoader, groups: Iterator[list[tuple[int, Any]]]) -> Report:
    """Load the groups of records (chunks) as loader.run would, in loader.workers processes;
    the outcomes are added to loader.report in input order."""
    if loader.opener is None:
        raise ValueError("a load in workers needs the store's opener: (database, open_store keywords)")
    context = multiprocessing.get_context("spawn")  # not fork: this process may hold threads and their locks
    condition = context.Condition()
    next_chunk, aborted = context.Value("q", 0, lock=False), context.Value("b", 0, lock=False)
    pool = ProcessPoolExecutor(loader.workers, mp_context=context, initializer=_start,
                               initargs=(loader.opener, loader.keep, (condition, next_chunk, aborted)))
    pending: deque[tuple[int, Future]] = deque()

    def collect() -> None:
        size, future = pending.popleft()
        loader.record(future.result(), size)

    try:
        try:
            for number, group in enumerate(groups):
                pending.append((len(group), pool.submit(_load, number, group)))
                if len(pending) > 2 * loader.workers:
                    collect()
        except Exception:
            while pending:  # what was read before a failure to read is written, as in one process
                collect()
            raise
        while pending:
            collect()
    except BaseException:
        with condition:
            aborted.value = 1
            condition.notify_all()
        raise
    finally:
        pool.shutdown(cancel_futures=True)
    return loader.report


def _start(opener: tuple[str, dict], keep: str, turn: tuple[Any, Any, Any]) -> None:
    global _loader, _turn
    import gc

    from timeline.store import open_store

    gc.freeze()  # as the load command does: the imported tables are never scanned again
    gc.set_threshold(50_000, 20, 20)
    database, options = opener
    _loader = BulkLoader(open_store(database, **options), keep=keep)
    _turn = turn


def _load(number: int, group: list[tuple[int, Any]]) -> list[tuple]:
    assert _loader is not None
    return _loader.apply(prepare_chunk(group), _Turn(number))


class _Turn:
    """Holds a chunk's writes until the chunk before it is written; then lets the next go, or,
    if these writes fail, stops the chunks after it."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __enter__(self) -> None:
        condition, next_chunk, aborted = _turn
        with condition:
            while next_chunk.value != self.number and not aborted.value:
                condition.wait()
            if aborted.value:
                raise Aborted(f"chunk {self.number} not written: an earlier chunk failed")

    def __exit__(self, kind, *_) -> None:
        condition, next_chunk, aborted = _turn
        with condition:
            if kind is None:
                next_chunk.value = self.number + 1
            else:
                aborted.value = 1
            condition.notify_all()
