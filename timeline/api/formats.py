"""Streamed export formats of the timeline: NDJSON and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

CSV_COLUMNS = ("id", "type", "summary", "occurred_start", "occurred_end", "occurred_precision",
               "reported_start", "reported_end", "reported_precision", "actors", "places",
               "excerpt_id", "source", "confidence", "factuality")
MIMETYPES = {"ndjson": "application/x-ndjson", "csv": "text/csv"}


def ndjson(events: Iterable[str]) -> Iterator[str]:
    """Events as stored JSON text, a line each, in batches."""
    batch: list[str] = []
    for event in events:
        batch.append(event)
        if len(batch) == 500:
            yield "\n".join(batch) + "\n"
            batch.clear()
    if batch:
        yield "\n".join(batch) + "\n"


def _cell(value: Any) -> Any:
    """Guard spreadsheet users against formula injection (OWASP: prefix with ')."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(event: dict[str, Any]) -> list[Any]:
    occurred = event["occurred"] or {}
    reported = event["reported"] or {}
    return [_cell(v) for v in (
        event["id"], event["type"], event["summary"],
        occurred.get("start"), occurred.get("end"), occurred.get("precision"),
        reported.get("start"), reported.get("end"), reported.get("precision"),
        "; ".join(event.get("actors") or ()), "; ".join(event.get("places") or ()),
        event.get("excerpt_id"), event.get("source"), event.get("confidence"),
        event.get("factuality", "asserted"),
    )]


def csv_rows(events: Iterable[str]) -> Iterator[str]:
    """Events (stored JSON text) as CSV rows under a header, in batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, event in enumerate(events, 1):
        writer.writerow(csv_row(orjson.loads(event)))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


STREAMS = {"ndjson": ndjson, "csv": csv_rows}
