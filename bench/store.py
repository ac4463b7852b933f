"""Store benchmarks, each a ratio measured side by side in one run.

    python bench/store.py --sizes 10000 100000 1000000 [--queries 1000] [--workdir bench/out]

1. bulk load: `python -m timeline load FILE` against raw sqlite3.executemany into the same
   schema (the ceiling), events/s, and the loader's peak RSS at every size;
2. range queries: random windows (a day, a month, a year, a decade) on both axes, overlaps and
   within, first page of 100, through SQLiteStore.query_events against hand-written SQL for
   the same answer (checked identical): p50 and p99;
3. growth: p50 of the same queries at the largest size against the smallest;
4. deep paging: page 1,000 (keyset) against page 1;
5. search: q (FTS) plus a range against the same range without q;
6. histogram: counts per month over the whole store, per day over random years, per ISO week
   over random decades (SQLiteStore.histogram), against reading the same intervals into Python.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import main as generate_main  # noqa: E402
from timeline.store import EventQuery, SQLiteStore  # noqa: E402
from timeline.store.query import class_max_span, class_min_span  # noqa: E402

WINDOWS = {"day": 0, "month": 30, "year": 364, "decade": 3652}
SEARCH_TERMS = ["Kharkiv", "convoy", "ceasefire", "Pyongyang", "artillery", "\"North Korean\"", "sanctions"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# -- 1. bulk load -----------------------------------------------------------------------

# Peak RSS of the measured process itself. Not ru_maxrss: Linux carries the parent's RSS at fork
# into the child's ru_maxrss across exec, so a loader started by a bench process holding 200 MB
# reported 224 MB while its own peak (VmHWM, reset at exec) was 130 MB.
PEAK = r"""
import resource
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

CEILING = PEAK + r"""
import sqlite3, sys, orjson
from datetime import date
sys.path.insert(0, sys.argv[3])
from timeline.store import open_store
from timeline.store.query import length_class
store = open_store(sys.argv[2]); store.migrate(); store.close()
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("PRAGMA synchronous = NORMAL")
def axis(span):
    if not span:
        return (None, None, None, None)
    s = date.fromisoformat(span["start"]).toordinal(); e = date.fromisoformat(span["end"]).toordinal()
    return (s, e, length_class(s, e), span.get("precision"))
rows, fts, classes, rowid = [], [], set(), 0
def flush():
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO events (rowid, id, excerpt_id, ordinal, type, summary, occurred_start,"
                   " occurred_end, occurred_class, occurred_precision, reported_start, reported_end,"
                   " reported_class, reported_precision, body, content_hash, created_at, updated_at)"
                   " VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '')", rows)
    db.executemany("INSERT INTO events_fts (rowid, summary, context) VALUES (?, ?, ?)", fts)
    db.executemany("INSERT OR IGNORE INTO span_classes VALUES (?, ?)", classes)
    db.execute("COMMIT")
    rows.clear(); fts.clear()
with open(sys.argv[1], "rb") as f:
    for line in f:
        r = orjson.loads(line); rowid += 1
        o, p = axis(r.get("occurred")), axis(r.get("reported"))
        for name, a in (("occurred", o), ("reported", p)):
            if a[2] is not None:
                classes.add((name, a[2]))
        rows.append((rowid, r["id"], r["type"], r["summary"], *o, *p, orjson.dumps(r).decode()))
        fts.append((rowid, r["summary"], " ".join(r["actors"] + r["places"])))
        if len(rows) == 2000:
            flush()
flush()
print(peak_kib(), file=sys.stderr)
"""

LOADER = PEAK + r"""
import sys
sys.path.insert(0, sys.argv[3])
from timeline.__main__ import cli
try:
    cli(["load", sys.argv[1], "--database", sys.argv[2], "--quiet"])
except SystemExit as exc:
    assert not exc.code, exc.code
finally:
    print(peak_kib(), file=sys.stderr)
"""


def timed_load(script: str, source: Path, database: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of a loader run in a process of its own."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(source), str(database), str(ROOT)],
                          capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1]) // 1024


def bench_load(n: int, workdir: Path) -> dict:
    source = workdir / f"events-{n}.ndjson"
    if not source.exists():
        generate_main([str(n), "-o", str(source)])
    ceiling_s, ceiling_rss = timed_load(CEILING, source, workdir / f"ceiling-{n}.db")
    load_s, load_rss = timed_load(LOADER, source, workdir / f"events-{n}.db")
    (workdir / f"ceiling-{n}.db").unlink()
    return {"n": n, "ceiling_eps": n / ceiling_s, "load_eps": n / load_s,
            "ratio": ceiling_s / load_s, "rss_mb": load_rss, "ceiling_rss_mb": ceiling_rss}


# -- 2-5. queries -------------------------------------------------------------------------

def random_queries(count: int, seed: int = 5) -> list[EventQuery]:
    rng = random.Random(seed)
    lo, hi = date(1900, 1, 1).toordinal(), date(2030, 12, 31).toordinal()
    queries = []
    for i in range(count):
        width = list(WINDOWS.values())[i % len(WINDOWS)]
        start = rng.randint(lo, hi - width)
        queries.append(EventQuery(start=start, end=start + width, mode=rng.choice(["overlaps", "within"]),
                                  axis=rng.choice(["occurred", "reported"]), limit=100))
    return queries


def hand_written(db: sqlite3.Connection, q: EventQuery) -> list[str]:  # the page's event JSON
    """The best plan we know, written out by hand: one index-only range scan per length class,
    bounded by that class's longest interval, streamed through a merge in timeline order; then
    the page's bodies."""
    ax, (a, b) = q.axis, q.window
    classes = [k for (k,) in db.execute("SELECT class FROM span_classes WHERE axis = ?", (ax,))]
    parts, params = [], []
    for k in classes:
        if q.mode == "overlaps":
            cond, bounds = f"{ax}_start BETWEEN ? AND ? AND {ax}_end >= ?", [a - class_max_span(k), b, a]
        elif class_min_span(k) <= b - a:
            cond, bounds = f"{ax}_start BETWEEN ? AND ? AND {ax}_end <= ?", [a, b - class_min_span(k), b]
        else:
            continue
        parts.append(f"SELECT rowid r, {ax}_start s, {ax}_end e, id FROM events WHERE {ax}_class = ? AND {cond}")
        params += [k, *bounds]
    if not parts:
        return []
    sql = (f"WITH keys AS ({' UNION ALL '.join(parts)} ORDER BY s, e, id LIMIT ?) SELECT events.id, body"
           " FROM keys JOIN events ON events.rowid = keys.r ORDER BY keys.s, keys.e, keys.id")
    return [row[1] for row in db.execute(sql, [*params, q.limit])]


def time_call(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def bench_queries(database: Path, queries: list[EventQuery]) -> dict:
    store = SQLiteStore(str(database), mmap_bytes=1 << 30)
    raw = sqlite3.connect(str(database))
    raw.execute("PRAGMA mmap_size = 1073741824")  # the same reading conditions as the store
    ours, theirs, sizes, mismatches = [], [], [], 0
    for q in queries[:50]:  # warm both page caches
        store.query_events(q)
        hand_written(raw, q)
    for i, q in enumerate(queries):
        pair = [(store_ids, store, q), (hand_written, raw, q)]
        if i % 2:
            pair.reverse()  # alternate who goes first, so neither always meets a warm cache
        timings = {}
        for fn, target, query in pair:
            timings[fn], answer = time_call(fn, target, query)
            timings[(fn, "answer")] = answer
        ours.append(timings[store_ids])
        theirs.append(timings[hand_written])
        mismatches += timings[(store_ids, "answer")] != timings[(hand_written, "answer")]
        sizes.append(len(timings[(store_ids, "answer")]))
    store.close()
    raw.close()
    return {"p50": statistics.median(ours), "p99": percentile(ours, 99),
            "hand_p50": statistics.median(theirs), "hand_p99": percentile(theirs, 99),
            "mismatches": mismatches, "times": ours, "sizes": sizes}


def equal_answer_growth(small: dict, big: dict, limit: int = 100) -> tuple[float, int]:
    """p50 at the big size over p50 at the small one, over the queries whose first page is full
    at both sizes: the cost of the table's size with the answer's size held equal."""
    full = [i for i, (a, b) in enumerate(zip(small["sizes"], big["sizes"], strict=True)) if a == b == limit]
    if not full:
        return float("nan"), 0
    return (statistics.median(big["times"][i] for i in full)
            / statistics.median(small["times"][i] for i in full)), len(full)


def store_ids(store: SQLiteStore, q: EventQuery) -> list[str]:
    """Through query_json, the store function the API serves pages from: the events' JSON."""
    return store.query_json(q)[0]


def bench_paging(database: Path) -> dict:
    store = SQLiteStore(str(database), mmap_bytes=1 << 30)
    q = EventQuery(limit=100)
    cursor, page_cursors = None, []
    for _ in range(1000):
        page_cursors.append(cursor)
        _, cursor = store.query_events(replace(q, cursor=cursor))
        if cursor is None:
            break
    last = page_cursors[-1]
    first_t, deep_t = [], []
    for _ in range(200):
        first_t.append(time_call(store.query_events, q)[0])
        deep_t.append(time_call(store.query_events, replace(q, cursor=last))[0])
    store.close()
    return {"pages": len(page_cursors), "page1_p50": statistics.median(first_t),
            "deep_p50": statistics.median(deep_t), "ratio": statistics.median(deep_t) / statistics.median(first_t)}


def bench_search(database: Path, queries: list[EventQuery]) -> dict:
    """q plus a decade window against the same window without q. A search's first query reads
    all its hits (cold); the next pages and pans with the same words reuse them (warm)."""
    store = SQLiteStore(str(database), mmap_bytes=1 << 30)
    plain, warm, cold = [], [], []
    for i, q in enumerate(queries):
        wide = replace(q, mode="overlaps", end=q.start + 3652)
        term = SEARCH_TERMS[i % len(SEARCH_TERMS)]
        plain.append(time_call(store.query_json, wide)[0])
        (warm if i >= len(SEARCH_TERMS) else cold).append(time_call(store.query_json, replace(wide, q=term))[0])
    store.close()
    return {"plain_p50": statistics.median(plain), "search_p50": statistics.median(warm),
            "cold_max": max(cold), "ratio": statistics.median(warm) / statistics.median(plain)}


def naive_histogram(db: sqlite3.Connection, q: EventQuery, bucket: str) -> int:
    """The obvious way: every matching interval into Python, counted bucket by bucket."""
    from timeline.store.sqlite_histogram import bucket_after, bucket_start
    a, b = q.window
    found: dict[int, int] = {}
    for s, e in db.execute("SELECT occurred_start, occurred_end FROM events WHERE occurred_start <= ? "
                           "AND occurred_end >= ?", (b, a)):
        day = bucket_start(max(s, a), bucket)
        while day <= min(e, b):
            found[day] = found.get(day, 0) + 1
            day = bucket_after(day, bucket)
    return len(found)


def bench_histogram(database: Path, queries: list[EventQuery]) -> dict:
    store = SQLiteStore(str(database), mmap_bytes=1 << 30)
    raw = sqlite3.connect(str(database))
    raw.execute("PRAGMA mmap_size = 1073741824")
    out: dict = {}
    cases = {"month, whole store": [(EventQuery(), "month")] * 3,
             "day, a year": [(replace(q, end=q.start + 364, mode="overlaps"), "day") for q in queries[:20]],
             "week, a decade": [(replace(q, end=q.start + 3652, mode="overlaps"), "week") for q in queries[:20]]}
    for name, calls in cases.items():
        ours = [time_call(store.histogram, q, bucket, False, 10**7)[0] for q, bucket in calls]
        naive = [time_call(naive_histogram, raw, q, bucket)[0] for q, bucket in calls[:3]]
        out[name] = {"p50": statistics.median(ours), "naive_p50": statistics.median(naive)}
    store.close()
    raw.close()
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="store benchmarks (ratios)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    queries = random_queries(args.queries)
    results: dict = {"load": [], "queries": {}}
    for n in args.sizes:
        load = bench_load(n, workdir)
        results["load"].append(load)
        print(f"load {n:>9,}: {load['load_eps']:>9,.0f} ev/s vs ceiling {load['ceiling_eps']:>9,.0f} ev/s"
              f" = {load['ratio']:.2f}x (target >= 0.5)  peak RSS {load['rss_mb']} MB (target <= 300)",
              flush=True)
        q = bench_queries(workdir / f"events-{n}.db", queries)
        results["queries"][n] = q
        print(f"query {n:>8,}: p50 {q['p50'] * 1e3:.3f} ms vs hand {q['hand_p50'] * 1e3:.3f} ms"
              f" = {q['p50'] / q['hand_p50']:.2f}x; p99 {q['p99'] * 1e3:.3f} vs {q['hand_p99'] * 1e3:.3f} ms"
              f" = {q['p99'] / q['hand_p99']:.2f}x (target <= 1.5); answers differing: {q['mismatches']}",
              flush=True)
    big, small = max(args.sizes), min(args.sizes)
    growth = results["queries"][big]["p50"] / results["queries"][small]["p50"]
    same, count = equal_answer_growth(results["queries"][small], results["queries"][big])
    print(f"growth: p50 at {big:,} / p50 at {small:,} = {growth:.2f}x (target <= 2); over the {count} queries"
          f" whose first page is full at both sizes (equal answers): {same:.2f}x")
    paging = bench_paging(workdir / f"events-{big}.db")
    print(f"deep paging: page {paging['pages']} {paging['deep_p50'] * 1e3:.3f} ms vs page 1"
          f" {paging['page1_p50'] * 1e3:.3f} ms = {paging['ratio']:.2f}x (target <= 1.5)")
    search = bench_search(workdir / f"events-{big}.db", queries[:max(50, args.queries // 5)])
    print(f"search: q + range p50 {search['search_p50'] * 1e3:.3f} ms vs range {search['plain_p50'] * 1e3:.3f} ms"
          f" = {search['ratio']:.2f}x (target <= 3); a search's first query (reads all its hits)"
          f" up to {search['cold_max'] * 1e3:.1f} ms")
    histogram = bench_histogram(workdir / f"events-{big}.db", queries)
    print(f"histogram at {big:,}: " + "; ".join(
        f"{name} p50 {h['p50'] * 1e3:.1f} ms vs naive {h['naive_p50'] * 1e3:.1f} ms" for name, h in histogram.items()))
    results.update(growth=growth, paging=paging, search=search, histogram=histogram)
    return results


if __name__ == "__main__":
    os.environ.setdefault("TIMELINE_LOAD_SEEDS", "0")
    main()
