"""The events table plain or partitioned by year, on one server, through the store: the same
file loaded by the bulk loader into each layout (COPY, events/s), the same range queries through
PostgresStore.query_json (first page of 100, both axes, answers checked identical), lookups by
id (one event; the loader's 2,000 ids a chunk), then the conversion of the plain table. The
queries are timed on a second pass (the first pass's slowest query is printed).

    scripts/with-postgres.sh .venv/bin/python bench/pg_partitions.py 1000000

Partitioned: the store's own layout (timeline/store/postgres_partitions.py), created from the
start (TIMELINE_PG_PARTITION_AT=0), so its loader makes the yearly partitions as rows need them.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
import psycopg  # noqa: E402

from bench.generate import main as generate_main  # noqa: E402
from bench.pg_store import schema_url, through_store  # noqa: E402
from bench.store import percentile, random_queries  # noqa: E402
from timeline.store.postgres import PostgresStore, close_pools  # noqa: E402

LAYOUTS = {"plain": -1, "by year": 0}  # name -> partition_at


def build(admin: psycopg.Connection, url: str, schema: str, partition_at: int,
          source: Path) -> tuple[PostgresStore, float]:
    admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.execute(f"CREATE SCHEMA {schema}")
    store = PostgresStore(schema_url(url, schema), partition_at=partition_at)
    store.migrate()
    started = time.perf_counter()
    through_store(store, source)
    elapsed = time.perf_counter() - started
    store.db.execute("ANALYZE")
    return store, elapsed


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    answer = fn(*args)
    return time.perf_counter() - started, answer


def same_page(answer) -> tuple:
    """A page by ids and cursor (the bodies differ: each load has its own created_at)."""
    bodies, cursor = answer
    return [orjson.loads(body)["id"] for body in bodies], cursor


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    url = os.environ["TIMELINE_TEST_POSTGRES"]
    source = ROOT / "bench" / "out" / f"events-{n}.ndjson"
    if not source.exists():
        generate_main([str(n), "-o", str(source)])
    queries = random_queries(400)
    with psycopg.connect(url, autocommit=True) as admin:
        stores, load_s = {}, {}
        for name, partition_at in LAYOUTS.items():
            stores[name], load_s[name] = build(admin, url, f"layout_{partition_at + 1}", partition_at, source)
        plain, parts = stores["plain"], stores["by year"]
        print(f"{n:,} events, loaded by `python -m timeline load`'s loader (COPY): plain "
              f"{n / load_s['plain']:,.0f} ev/s, by year {n / load_s['by year']:,.0f} ev/s "
              f"= {load_s['plain'] / load_s['by year']:.2f}x; {parts.partition()['years']} yearly partitions",
              flush=True)
        # A first pass: each statement shape's first run in a connection includes building its
        # generic plan, which for a partitioned table covers every partition (tens of ms once).
        cold = {name: max(timed(store.query_json, q)[0] for q in queries) for name, store in stores.items()}
        print(f"  first pass, slowest query: plain {ms(cold['plain'])}, by year {ms(cold['by year'])}")
        timings: dict[str, dict[str, list[float]]] = {ax: {"plain": [], "by year": []}
                                                      for ax in ("occurred", "reported")}
        mismatches = 0
        for q in queries:
            t_plain, a_plain = timed(plain.query_json, q)
            t_parts, a_parts = timed(parts.query_json, q)
            timings[q.axis]["plain"].append(t_plain)
            timings[q.axis]["by year"].append(t_parts)
            mismatches += same_page(a_plain) != same_page(a_parts)
        for axis, runs in timings.items():
            flat, by_year = runs["plain"], runs["by year"]
            print(f"  range {axis:<8} p50 plain {ms(statistics.median(flat))}, by year {ms(statistics.median(by_year))}"
                  f" = {statistics.median(by_year) / statistics.median(flat):.2f}x; p99 {ms(percentile(flat, 99))}"
                  f" / {ms(percentile(by_year, 99))} = {percentile(by_year, 99) / percentile(flat, 99):.2f}x")
        print(f"  answers differing: {mismatches} of {len(queries)}")
        ids = [i for (i,) in plain.db.execute("SELECT id FROM events TABLESAMPLE SYSTEM (1)")]
        random.Random(7).shuffle(ids)
        for label, method, args in (("get_event", "get_event", ids[:300]),
                                    ("event_hashes of 2,000 ids", "event_hashes",
                                     [ids[k:k + 2000] for k in range(0, 20_000, 2000)])):
            figures = {name: statistics.median(timed(getattr(store, method), arg)[0] for arg in args)
                       for name, store in stores.items()}
            print(f"  {label}: p50 plain {ms(figures['plain'])}, by year {ms(figures['by year'])}"
                  f" = {figures['by year'] / figures['plain']:.2f}x")
        result = plain.partition(force=True)
        print(f"conversion of the plain table ({result['events']:,} events, {result['years']} years):"
              f" {result['seconds']:.1f} s = {result['events'] / result['seconds']:,.0f} events/s", flush=True)
        for store in stores.values():
            store.close()
        close_pools()
        for partition_at in LAYOUTS.values():
            admin.execute(f"DROP SCHEMA layout_{partition_at + 1} CASCADE")


if __name__ == "__main__":
    main()
