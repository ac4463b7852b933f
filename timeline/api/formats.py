"""Streamed export formats of the timeline: NDJSON and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

CSV_COLUMNS = ("id", "type", "summary", "occurred_start", "occurred_end", "occurred_precision",
               "reported_start", "reported_end", "reported_precision", "actors", "places",
               "excerpt_id", "source", "confidence")
MIMETYPES = {"ndjson": "application/x-ndjson", "csv": "text/csv"}


def ndjson(events: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for event in events:
        yield orjson.dumps(event, option=orjson.OPT_APPEND_NEWLINE)


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
    )]


def csv_rows(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, event in enumerate(events, 1):
        writer.writerow(csv_row(event))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


STREAMS = {"ndjson": ndjson, "csv": csv_rows}
