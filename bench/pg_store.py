"""PostgreSQL store benchmarks, each a ratio measured side by side on one server in one run.

    scripts/with-postgres.sh .venv/bin/python bench/pg_store.py --sizes 100000 1000000

(or with TIMELINE_TEST_POSTGRES / --url naming a server of your own; each size gets a schema
of its own, dropped at the end unless --keep).

1. load: `python -m timeline load FILE` (BulkLoader -> PostgresStore: new ids COPYed straight
   into events, their history after them), in one process and with --workers 2, against a raw
   COPY of the same file's rows, parsed by the same JSON parser, into the same schema (the
   ceiling, one process, no validation, no history): events/s. Target >= 0.5x.
2. range queries: random windows (a day, a month, a year, a decade) on both axes, overlaps and
   within, first page of 100, through PostgresStore.query_json against the best of two
   hand-written statements (GiST `&&`/`<@` then sort; the per-class btree merge) for the same
   answer (checked identical): p50 and p99. Target <= 1.5x.
3. growth: p50 of the same queries at the largest size against the smallest. Target <= 2x
   from 1M to 10M. A size given with --load-once (10M) is loaded once, by the raw COPY (the
   loader would take an hour there and its rate is measured at the smaller sizes), then
   queried as the others:

    scripts/with-postgres.sh .venv/bin/python bench/pg_store.py --sizes 1000000 --load-once 10000000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
import psycopg  # noqa: E402

from bench.generate import main as generate_main  # noqa: E402
from bench.store import percentile, random_queries  # noqa: E402
from timeline.bulk import BulkLoader  # noqa: E402
from timeline.bulk_read import read_records  # noqa: E402
from timeline.store.postgres import PostgresStore, close_pools  # noqa: E402
from timeline.store.postgres_search import tsvector_text  # noqa: E402
from timeline.store.query import EventQuery, class_max_span, class_min_span, length_class  # noqa: E402

COLUMNS = ("id", "type", "summary", "occurred_start", "occurred_end", "occurred_class", "occurred_precision",
           "reported_start", "reported_end", "reported_class", "reported_precision", "body", "search",
           "content_hash", "created_at", "updated_at")


def schema_url(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


def fresh_schema(admin: psycopg.Connection, url: str, schema: str) -> PostgresStore:
    admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.execute(f"CREATE SCHEMA {schema}")
    store = PostgresStore(schema_url(url, schema))
    store.migrate()
    return store


# -- 1. load ------------------------------------------------------------------------------

def _axis(span):
    if not span:
        return (None, None, None, None)
    s, e = date.fromisoformat(span["start"]).toordinal(), date.fromisoformat(span["end"]).toordinal()
    return (s, e, length_class(s, e), span.get("precision"))


def raw_copy(store: PostgresStore, source: Path) -> None:
    """The ceiling: each line parsed, its row COPYed straight into events (no staging, no
    history, no upsert), in one transaction."""
    db, classes = store.db, set()
    with db.transaction(), db.cursor() as cur:
        with cur.copy(f"COPY events ({', '.join(COLUMNS)}) FROM STDIN") as copy, source.open("rb") as f:
            for line in f:
                r = orjson.loads(line)
                o, p = _axis(r.get("occurred")), _axis(r.get("reported"))
                classes.update((ax, a[2]) for ax, a in (("occurred", o), ("reported", p)) if a[2] is not None)
                copy.write_row((r["id"], r["type"], r["summary"], *o, *p, line.decode().strip(),
                                tsvector_text(r["summary"], " ".join(r["actors"] + r["places"])), "", "", ""))
        cur.executemany("INSERT INTO span_classes VALUES (%s, %s) ON CONFLICT DO NOTHING", sorted(classes))


def through_store(store: PostgresStore, source: Path, workers: int = 0) -> None:
    """As `python -m timeline load FILE --workers N` does."""
    with source.open("rb") as f:
        loader = BulkLoader(store, keep="errors", workers=workers, opener=(store.url, {}))
        report = loader.run(read_records(iter(lambda: f.read(256 * 1024), b""), parse=not workers))
    assert report.totals["error"] == 0, report.totals


def load_once(admin, url: str, source: Path, schema: str) -> PostgresStore:
    store = fresh_schema(admin, url, schema)
    started = time.perf_counter()
    raw_copy(store, source)
    print(f"loaded {source.name} once by raw COPY in {time.perf_counter() - started:.0f} s", flush=True)
    store.db.execute("ANALYZE")
    return store


def bench_load(admin, url: str, n: int, source: Path, schema: str, workers: int) -> tuple[dict, PostgresStore]:
    """The raw COPY, then the loader in one process, then with `workers` processes (the store
    kept for the queries), each into a new schema."""
    ceiling = fresh_schema(admin, url, f"{schema}_raw")
    started = time.perf_counter()
    raw_copy(ceiling, source)
    raw_s = time.perf_counter() - started
    ceiling.close()
    admin.execute(f"DROP SCHEMA {schema}_raw CASCADE")
    figures = {"n": n, "raw_eps": n / raw_s}
    for label, w in (("one", 0), ("workers", workers)):
        store = fresh_schema(admin, url, schema)
        started = time.perf_counter()
        through_store(store, source, w)
        load_s = time.perf_counter() - started
        figures |= {f"{label}_eps": n / load_s, f"{label}_ratio": raw_s / load_s}
        if label == "one":
            store.close()
            close_pools()
    store.db.execute("ANALYZE")
    return figures, store


# -- 2. queries ---------------------------------------------------------------------------

def hand_gist(db, q: EventQuery) -> list[str]:
    ax, (a, b) = q.axis, q.window
    op = "&&" if q.mode == "overlaps" else "<@"
    return [row[0] for row in db.execute(
        f"SELECT body FROM events WHERE {ax} {op} tl_days(%s, %s) ORDER BY {ax}_start, {ax}_end, id LIMIT %s",
        (a, b, q.limit))]


def hand_classes(db, q: EventQuery) -> list[str]:
    ax, (a, b) = q.axis, q.window
    parts, params = [], []
    for (k,) in db.execute("SELECT class FROM span_classes WHERE axis = %s", (ax,)).fetchall():
        if q.mode == "overlaps":
            cond, bounds = f"{ax}_start BETWEEN %s AND %s AND {ax}_end >= %s", [a - class_max_span(k), b, a]
        elif class_min_span(k) <= b - a:
            cond, bounds = f"{ax}_start BETWEEN %s AND %s AND {ax}_end <= %s", [a, b - class_min_span(k), b]
        else:
            continue
        parts.append(f"(SELECT {ax}_start s, {ax}_end e, id, body FROM events WHERE {ax}_class = %s AND {cond}"
                     f" ORDER BY s, e, id LIMIT %s)")
        params += [k, *bounds, q.limit]
    if not parts:
        return []
    sql = f"SELECT body FROM ({' UNION ALL '.join(parts)}) keys ORDER BY s, e, id LIMIT %s"
    return [row[0] for row in db.execute(sql, [*params, q.limit])]


def timed(fn, *args) -> tuple[float, list[str]]:
    started = time.perf_counter()
    answer = fn(*args)
    return time.perf_counter() - started, answer


def bench_queries(store: PostgresStore, raw: psycopg.Connection, queries: list[EventQuery]) -> dict:
    for q in queries[:50]:  # warm the server's cache for all three
        store.query_json(q)
        hand_gist(raw, q)
        hand_classes(raw, q)
    ours, best, mismatches, gist_wins = [], [], 0, 0
    for q in queries:
        t_store, answer = timed(lambda q: store.query_json(q)[0], q)
        t_gist, by_gist = timed(hand_gist, raw, q)
        t_classes, by_classes = timed(hand_classes, raw, q)
        ours.append(t_store)
        best.append(min(t_gist, t_classes))
        gist_wins += t_gist < t_classes
        mismatches += not (answer == by_gist == by_classes)
    return {"p50": statistics.median(ours), "p99": percentile(ours, 99), "hand_p50": statistics.median(best),
            "hand_p99": percentile(best, 99), "mismatches": mismatches, "gist_best": gist_wins / len(queries)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--load-once", type=int, nargs="*", default=[], metavar="SIZE",
                        help="larger sizes to load once by raw COPY and query (no load figure)")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2, help="the loader's --workers in the second load")
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--url", default=os.environ.get("TIMELINE_TEST_POSTGRES"))
    parser.add_argument("--keep", action="store_true", help="keep the loaded schemas")
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("no server: give --url or run under scripts/with-postgres.sh")
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    queries = random_queries(args.queries)
    results: dict = {"load": [], "queries": []}
    with psycopg.connect(args.url, autocommit=True) as admin:
        for n in [*args.sizes, *args.load_once]:
            source = workdir / f"events-{n}.ndjson"
            if not source.exists():
                generate_main([str(n), "-o", str(source)])
            if n in args.load_once:
                store = load_once(admin, args.url, source, f"bench_{n}")
            else:
                load, store = bench_load(admin, args.url, n, source, f"bench_{n}", args.workers)
                results["load"].append(load)
                print(f"load {n:>9,}: raw COPY {load['raw_eps']:>9,.0f} ev/s; loader in one process"
                      f" {load['one_eps']:>9,.0f} ev/s = {load['one_ratio']:.2f}x; with --workers {args.workers}"
                      f" {load['workers_eps']:>9,.0f} ev/s = {load['workers_ratio']:.2f}x (target >= 0.5x)", flush=True)
            with psycopg.connect(schema_url(args.url, f"bench_{n}"), autocommit=True) as raw:
                figures = bench_queries(store, raw, queries) | {"n": n}
            results["queries"].append(figures)
            print(f"range {n:>8,}: store p50 {figures['p50'] * 1e3:.2f} ms (p99 {figures['p99'] * 1e3:.2f}),"
                  f" best hand-written p50 {figures['hand_p50'] * 1e3:.2f} ms (p99 {figures['hand_p99'] * 1e3:.2f}),"
                  f" ratio {figures['p50'] / figures['hand_p50']:.2f}x (target <= 1.5x);"
                  f" GiST plan best in {figures['gist_best']:.0%}; mismatches {figures['mismatches']}", flush=True)
            store.close()
            close_pools()
            if not args.keep:
                admin.execute(f"DROP SCHEMA bench_{n} CASCADE")
    if len(results["queries"]) > 1:
        small, large = results["queries"][0], results["queries"][-1]
        print(f"growth {small['n']:,} -> {large['n']:,}: p50 {small['p50'] * 1e3:.2f} -> {large['p50'] * 1e3:.2f} ms"
              f" = {large['p50'] / small['p50']:.2f}x (hand-written {small['hand_p50'] * 1e3:.2f} ->"
              f" {large['hand_p50'] * 1e3:.2f} ms = {large['hand_p50'] / small['hand_p50']:.2f}x)"
              " (target <= 2x from 1M to 10M)")
    return results


if __name__ == "__main__":
    main()
