"""Reading a bulk body: NDJSON or a JSON array, one record at a time, numbered as the
report numbers them (NDJSON by line, an array by position)."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from timeline.ingest import MAX_RECORD_BYTES, RecordError

_REST_UNREAD = "; the rest of the array is not read (an array cannot be resynchronised; NDJSON can)"

def read_records(chunks: Iterable[bytes], parse: bool = True) -> Iterator[tuple[int, Any]]:
    """(number, record) from an NDJSON stream or a JSON array, holding one record at a time.

    NDJSON records are numbered by line; array elements by position. A record that is not
    valid JSON comes out as a RecordError in place of the record. With parse=False an NDJSON
    line comes out as its bytes, parsed where its chunk is validated (prepare_chunk, which
    may run in another process); a JSON value is never bytes.
    """
    chunks = iter(chunks)
    head = b""
    for piece in chunks:
        head += piece
        if head.strip():
            break
    if head.lstrip()[:1] == b"[":
        yield from _array_records(head, chunks)
    else:
        yield from _ndjson_records(head, chunks, _line_record if parse else _line_bytes)


def parse_line(line: bytes) -> Any:
    """A record, or a RecordError in its place if the line is not valid JSON."""
    try:
        return loads(line)
    except ValueError as exc:
        return RecordError("invalid_json", f"not valid JSON: {exc}")


def _ndjson_records(head: bytes, chunks: Iterator[bytes], record: Callable[[bytes], Any]
                    ) -> Iterator[tuple[int, Any]]:
    number = 0
    pending = b""
    oversized = False  # inside a line already reported as too large: skip to its end
    for piece in _prepend(head, chunks):
        pending += piece
        *lines, pending = pending.split(b"\n")
        for line in lines:
            number += 1
            if oversized:
                oversized = False
            elif len(line) > MAX_RECORD_BYTES:
                yield number, RecordError("record_too_large", f"a record is over {MAX_RECORD_BYTES} bytes")
            elif line.strip():
                yield number, record(line)
        if len(pending) > MAX_RECORD_BYTES:
            if not oversized:
                yield number + 1, RecordError("record_too_large", f"a record is over {MAX_RECORD_BYTES} bytes")
            oversized = True
            pending = b""
    if pending.strip() and not oversized:
        yield number + 1, record(pending)


def _prepend(head: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from chunks


def _line_bytes(line: bytes) -> bytes:
    return line.rstrip(b"\r")


def _line_record(line: bytes) -> Any:
    return parse_line(_line_bytes(line))


class _Unreadable(ValueError):
    """A JSON value the store cannot keep: an integer past 64 bits, NaN or Infinity."""


def _int64(text: str) -> int:
    value = int(text)
    if not -(2 ** 63) <= value < 2 ** 64:
        raise _Unreadable(f"integer out of range: {text[:40]}")
    return value


def _no_constant(name: str) -> None:
    raise _Unreadable(f"{name} is not JSON")


# Reads the JSON that loads() does (64-bit integers, no NaN), a piece at a time.
_ARRAY_DECODER = json.JSONDecoder(parse_int=_int64, parse_constant=_no_constant)
# An integer outside orjson's range has at least 19 digits. Spelt out, the pattern is searched
# twice as fast as \d{19} (1 us a record instead of 2).
_LONG_DIGITS = re.compile(rb"\d" * 19)


def loads(raw: bytes) -> Any:
    """A JSON document as orjson reads it, but an integer past 64 bits is refused: orjson
    makes it a float, so the store would keep another number than the one sent. Raises
    ValueError (orjson.JSONDecodeError, or _Unreadable for such an integer)."""
    value = orjson.loads(raw)
    if _LONG_DIGITS.search(raw):  # rare: check the numbers with the decoder that knows them
        try:
            _ARRAY_DECODER.decode(raw.decode())
        except RecursionError as exc:
            raise _Unreadable("nested too deeply") from exc
    return value


def _array_records(head: bytes, chunks: Iterator[bytes]) -> Iterator[tuple[int, Any]]:
    utf8 = codecs.getincrementaldecoder("utf-8")()  # a character may straddle two chunks
    text, bad_bytes = _decode(utf8, head)
    text = text.lstrip()[1:]
    number = 0
    exhausted = bad_bytes is not None  # nothing past an undecodable byte is read
    while True:
        text = text.lstrip().lstrip(",").lstrip() if number else text.lstrip()
        if text.startswith("]"):
            if bad_bytes or _trailing(text[1:], chunks, utf8, exhausted):
                yield number + 1, RecordError("invalid_json", "not valid JSON: content after the end of the "
                                              "array (one array a body; NDJSON for a stream of records)")
            return
        try:
            record, used = _ARRAY_DECODER.raw_decode(text)
        except (_Unreadable, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, _Unreadable) else "nested too deeply"
            yield number + 1, RecordError("invalid_json", f"not valid JSON: {reason}{_REST_UNREAD}")
            return
        except json.JSONDecodeError as exc:
            if exhausted or len(text) > MAX_RECORD_BYTES:
                reason = f"not valid UTF-8: {bad_bytes}" if bad_bytes else f"not valid JSON: {exc.msg}"
                yield number + 1, RecordError("invalid_json", reason + _REST_UNREAD)
                return
            piece = next(chunks, None)
            exhausted = piece is None
            more, bad_bytes = _decode(utf8, piece or b"", final=exhausted)
            text += more
            exhausted = exhausted or bad_bytes is not None
            continue
        number += 1
        yield number, record
        text = text[used:]


def _decode(utf8: codecs.IncrementalDecoder, data: bytes, final: bool = False) -> tuple[str, str | None]:
    """The text of the next piece, and why decoding stopped early (None when it did not): the
    records before an invalid byte are still read, and reported, since earlier chunks of a load
    may already be committed."""
    try:
        return utf8.decode(data, final), None
    except UnicodeDecodeError as exc:  # exc.object: bytes held from the last piece, then this one
        return exc.object[:exc.start].decode(), exc.reason


def _trailing(text: str, chunks: Iterator[bytes], utf8: codecs.IncrementalDecoder, exhausted: bool) -> bool:
    """Whether anything but JSON whitespace follows the array's closing bracket."""
    while not text.strip(" \t\n\r"):
        piece = None if exhausted else next(chunks, None)
        exhausted = piece is None
        text, bad_bytes = _decode(utf8, piece or b"", final=exhausted)
        if bad_bytes:
            return True
        if exhausted:
            return bool(text.strip(" \t\n\r"))
    return True
