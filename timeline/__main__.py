"""The command line: `python -m timeline serve | load | extract | export | backup | restore | partition |
date | eval-te3`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import click
import orjson

from timeline import create_app
from timeline.schemas import FACTUALITIES

_DB_HELP = ("SQLite file (a relative path is from the current directory) or postgresql:// URL"
            " (default: TIMELINE_DATABASE, else instance/timeline.db)")


@contextmanager
def _opened(database: str | None) -> Iterator[tuple]:
    """(app, store) for a command that works on the store, closed however the command ends."""
    from timeline.store import open_store

    app = _app(database, LOAD_SEEDS=False)
    store = open_store(app.config["DATABASE"], app.config["BUSY_TIMEOUT_MS"],
                       partition_at=app.config["PG_PARTITION_AT"])
    try:
        yield app, store
    finally:
        store.close()


def _app(database: str | None, **extra):
    config = dict(extra)
    if database:
        # A path typed on the command line is the shell's: from the current directory, not from
        # instance/ as a configured TIMELINE_DATABASE is ("--database data/x.db" failed unless
        # instance/data/ existed, and wrote somewhere the user did not look).
        plain = "://" not in database and database != ":memory:"
        config["DATABASE"] = os.path.abspath(database) if plain else database
    return create_app(config)


def _utf8(_ctx, param, value):
    """Reject arguments that are not valid UTF-8 (the OS hands them over as lone surrogates)."""
    for text in value if isinstance(value, tuple) else [value]:
        if text is not None:
            try:
                text.encode()
            except UnicodeEncodeError as exc:
                raise click.BadParameter("not valid UTF-8", param=param) from exc
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """timeline: dated events from news text, stored and served as a timeline."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--database", help=_DB_HELP)
@click.option("--debug", is_flag=True, help="Flask's debugger and reloader (never in production).")
def serve(host: str, port: int, database: str | None, debug: bool) -> None:
    """Serve the API (development server; use gunicorn in production).

    \b
    Example:
      python -m timeline serve --port 8000
      gunicorn -w 2 -b 127.0.0.1:8000 wsgi:app     # production
    """
    app = _app(database)
    counts = _counts(app.config["DATABASE"])
    click.echo(f"timeline: {counts['excerpts']} excerpts, {counts['events']} events in "
               f"{app.config['DATABASE']}")
    click.echo(f"timeline: listening on http://{host}:{port}/api/v1")
    app.run(host=host, port=port, debug=debug, use_reloader=debug)


def _counts(database: str) -> dict[str, int]:
    from timeline.store import open_store

    store = open_store(database)
    try:
        return store.counts()
    finally:
        store.close()


@cli.command()
@click.argument("file", type=click.File("rb"))
@click.option("--atomic", is_flag=True, help="All or nothing: any bad record and nothing is written.")
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Records per committed chunk (without --atomic).")
@click.option("--database", help=_DB_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Only the totals, no per-record errors.")
@click.option("--workers", "-w", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes that validate, analyse and write chunks, one chunk's writes after "
                   "another's in input order (0: all in this process). Not with --atomic.")
def load(file, atomic: bool, chunk_size: int, database: str | None, quiet: bool, workers: int) -> None:
    """Load NDJSON records (excerpts or events) from FILE, or - for stdin.

    Idempotent by id: loading the same file twice changes nothing the second time.
    Exits 1 if any record failed (the report says which line and why).

    \b
    Example:
      python -m timeline load seeds/excerpts.jsonl
      python bench/generate.py 100000 | python -m timeline load -
    """
    from timeline.bulk import BulkLoader
    from timeline.bulk_read import read_records

    bar = _progress_bar()
    if workers and atomic:
        raise click.UsageError("--atomic is one transaction on one connection: it runs without --workers")
    with _opened(database) as (app, store):
        _batch_gc()
        opener = (app.config["DATABASE"], {"busy_timeout_ms": app.config["BUSY_TIMEOUT_MS"],
                                           "partition_at": app.config["PG_PARTITION_AT"]})
        loader = BulkLoader(store, atomic=atomic, chunk_size=chunk_size, keep="errors",
                            progress=bar.update if bar else None, workers=workers, opener=opener)
        try:
            report = loader.run(read_records(iter(lambda: file.read(256 * 1024), b""), parse=not workers))
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"the input is not UTF-8: {exc}") from exc
        finally:
            if bar:
                bar.close()
    if not quiet:
        for entry in report.records:
            if entry["status"] == "error":
                err = entry["error"]
                details = orjson.dumps(err["details"]).decode() if err["details"] else ""
                click.echo(f"line {entry['line']}: {entry['id'] or '-'}: {err['message']} {details}",
                           err=True)
    totals = " ".join(f"{k}={v}" for k, v in report.totals.items())
    click.echo(f"{'committed' if report.committed else 'rolled back'}: {totals}")
    sys.exit(1 if report.totals["error"] else 0)


def _batch_gc() -> None:
    """A load allocates millions of short-lived objects and makes almost no reference cycles: the
    collector's default (a pass every 700 allocations, scanning the imported tables every time) was
    about a twentieth of analysing an excerpt. The modules and tables loaded so far are frozen
    (never scanned again) and passes are rarer; cycles are still collected."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _progress_bar():
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" records", unit_scale=True, file=sys.stderr)


@cli.command()
@click.argument("text")
@click.option("--reference-date", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date the relative expressions count from (YYYY-MM-DD).")
def extract(text: str, reference_date) -> None:
    """Print the temporal mentions and events of TEXT as JSON (nothing is stored).

    \b
    Example:
      python -m timeline extract "Troops were deployed last week." --reference-date 2025-01-20
    """
    from timeline.pipeline import analyse

    ref: date | None = reference_date.date() if reference_date else None
    mentions, events = analyse(text, ref)
    body = {"reference_date": ref.isoformat() if ref else None, "mentions": mentions, "events": events}
    click.echo(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode())


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ndjson", "csv", "json"]), default="ndjson",
              show_default=True)
@click.option("--start", help="YYYY, YYYY-MM or YYYY-MM-DD", callback=_utf8)
@click.option("--end", help="YYYY, YYYY-MM or YYYY-MM-DD", callback=_utf8)
@click.option("--mode", type=click.Choice(["overlaps", "within"]), default="overlaps", show_default=True)
@click.option("--axis", type=click.Choice(["occurred", "reported"]), default="occurred",
              show_default=True)
@click.option("--type", "types", multiple=True, help="Event type (repeatable).", callback=_utf8)
@click.option("--factuality", "factualities", multiple=True, type=click.Choice(FACTUALITIES),
              help="Only events told so (repeatable): asserted, expected, possible.")
@click.option("--q", help="Full-text search (SQLite FTS5 syntax).", callback=_utf8)
@click.option("--undated", type=click.Choice(["exclude", "include", "only"]))
@click.option("--output", "-o", type=click.File("w"), default="-", help="File to write (default stdout).")
@click.option("--database", help=_DB_HELP)
def export(fmt: str, start, end, mode, axis, types, factualities, q, undated, output, database) -> None:
    """Write the events matching the filters, in timeline order.

    \b
    Example:
      python -m timeline export --format csv --start 2025-01 --end 2025-03 -o q1.csv
    """

    params = {k: v for k, v in {"start": start, "end": end, "mode": mode, "axis": axis,
                                "type": list(types), "factuality": list(factualities), "q": q,
                                "undated": undated}.items() if v}
    with _opened(database) as (app, store):
        _export(app, store, params, fmt, output)


def _export(app, store, params: dict, fmt: str, output) -> None:
    from timeline.api import formats
    from timeline.api.errors import APIError
    from timeline.api.views import build_query
    from timeline.store import QueryError

    try:
        query, _ = build_query(params, app.config, limit=1000)
        rows = store.iter_json(query)
        if fmt == "json":  # a JSON array, streamed an event a line
            output.write("[")
            for n, body in enumerate(rows):
                output.write(("," if n else "") + "\n" + body)
            output.write("\n]\n")
        else:
            for piece in formats.STREAMS[fmt](rows):
                output.write(piece)
    except APIError as exc:
        details = orjson.dumps(exc.details, option=orjson.OPT_NON_STR_KEYS).decode()
        raise click.UsageError(f"{exc.message} {details}") from exc
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--database", help=_DB_HELP)
def backup(path: str, database: str | None) -> None:
    """Copy the store to PATH (a new file), safely while the service reads and writes.

    SQLite's online backup API: PATH holds the store as it was at one instant, and passes
    SQLite's integrity check. Restore it with `restore`.

    \b
    Example:
      python -m timeline backup backups/timeline-2025-01-20.db
    """
    with _opened(database) as (app, store):
        try:
            store.backup(path)
        except FileExistsError as exc:
            raise click.ClickException(f"{path} exists; back up to a new file") from exc
    click.echo(f"backed up {app.config['DATABASE']} to {path}: {_summary(_counts(path))}")


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--database", help=_DB_HELP)
def restore(path: str, database: str | None) -> None:
    """Replace the store's content by the backup in PATH (checked first).

    Safe while the service runs: requests see the store before or after, never half-way.

    \b
    Example:
      python -m timeline restore backups/timeline-2025-01-20.db
    """
    import sqlite3

    with _opened(database) as (app, store):
        try:
            store.restore(path)
            counts = store.counts()
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"restored {app.config['DATABASE']} from {path}: {_summary(counts)}")


@cli.command()
@click.option("--now", is_flag=True, help="Convert whatever the size (not only past TIMELINE_PG_PARTITION_AT).")
@click.option("--database", help=_DB_HELP)
def partition(now: bool, database: str | None) -> None:
    """PostgreSQL: partition the events table by year once it holds TIMELINE_PG_PARTITION_AT
    events (default 50,000,000); until then, and once done, nothing happens (so it can run from
    a deploy script or cron). One transaction: writers wait for it, readers go on until the
    table is swapped at the end. About 25 s per million events (see the README's "Scaling out").

    \b
    Example:
      python -m timeline partition --database postgresql://user@host/db
      python -m timeline partition --now      # whatever the size
    """
    with _opened(database) as (app, store):
        if store.engine != "postgresql":
            raise click.ClickException(f"{app.config['DATABASE']} is SQLite: partitioning is PostgreSQL's")
        result = store.partition(force=now)
    if result["converted"]:
        click.echo(f"partitioned {result['events']:,} events by year: {result['years']} yearly partitions"
                   f" and one for undated events, in {result['seconds']:.1f} s")
    else:
        click.echo(result["reason"])


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())


@cli.command("date")
@click.argument("excerpt_id")
@click.argument("reference_date", required=False, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--clear", is_flag=True, help="Take the reference date away (relative dates unresolve).")
@click.option("--estimate", "use_estimate", is_flag=True,
              help="Estimate when the excerpt was written and date its events from that, marked 'estimated'.")
@click.option("--dry-run", is_flag=True, help="With --estimate: print the estimate, change nothing.")
@click.option("--database", help=_DB_HELP)
def date_command(excerpt_id: str, reference_date, clear: bool, use_estimate: bool, dry_run: bool,
                 database: str | None) -> None:
    """Give a stored excerpt its reference (publication) date: its relative mentions are
    resolved again and its events re-dated in one transaction; prints what changed.

    \b
    Example:
      python -m timeline date seed-007 2025-01-20
      python -m timeline date seed-007 --clear
      python -m timeline date seed-004 --estimate --dry-run
    """
    from timeline.redate import DatingConflict, apply_estimate, estimate_for, redate

    if sum((reference_date is not None, clear, use_estimate)) != 1:
        raise click.UsageError("give a REFERENCE_DATE (YYYY-MM-DD), --clear or --estimate")
    with _opened(database) as (_, store):
        try:
            if use_estimate and dry_run:
                found = estimate_for(store, excerpt_id)
                result = found and {"excerpt_id": excerpt_id, "estimate": found[1] and found[1].to_dict()}
            elif use_estimate:
                result = apply_estimate(store, excerpt_id)
            else:
                result = redate(store, excerpt_id, reference_date.date() if reference_date else None)
        except DatingConflict as exc:
            raise click.ClickException(str(exc)) from exc
    if result is None:
        raise click.ClickException(f"no excerpt {excerpt_id!r}")
    click.echo(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())


@cli.command("eval-te3")
@click.argument("directories", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
def eval_te3(directories) -> None:
    """Score the temporal engine on TempEval-3 TimeML folders (each document's DCT as reference).

    \b
    Example:
      python -m timeline eval-te3 ../shared/data/te3/aquaint ../shared/data/te3/timebank
    """
    from timeline.temporal.evaluate import run_te3

    for directory in directories:
        click.echo(f"== {directory}")
        run_te3(directory)


if __name__ == "__main__":
    cli(prog_name="python -m timeline")
