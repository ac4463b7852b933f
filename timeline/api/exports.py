"""Exports for zoomed-out views and researchers' tools: counts per calendar bucket
(GET /timeline/histogram) and an excerpt as TimeML (GET /excerpts/<id>?format=timeml)."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, current_app, request

from timeline.api.errors import APIError
from timeline.api.views import bp, filters, get_store, json_response, request_args, validate_args
from timeline.schemas import ExcerptQuery, HistogramQuery
from timeline.store import EventQuery, QueryError
from timeline.store.query import iso
from timeline.store.sqlite_histogram import TooManyBuckets, bucket_count

_HISTOGRAM_QUERY = HistogramQuery()
_EXCERPT_QUERY = ExcerptQuery()
MAX_FILLED = 5000  # empty=zero lists at most this many buckets
MAX_BUCKETS = 100_000  # any answer holds at most this many (HISTOGRAM_MAX_BUCKETS)


# -- histogram --------------------------------------------------------------------------

@bp.get("/timeline/histogram")
def histogram() -> Response:
    """How many events overlap each calendar bucket of the window (see HistogramQuery)."""
    params = validate_args(_HISTOGRAM_QUERY, request_args(_HISTOGRAM_QUERY))
    bucket = params["bucket"]
    query = EventQuery(**filters(params))
    zero_fill = params["empty"] == "zero"
    if zero_fill:
        if query.start is None or query.end is None:
            raise APIError(400, "invalid_parameter", "empty=zero needs a window: give start and end",
                           {"empty": "zero"})
        count = bucket_count(query.start, query.end, bucket)
        if count > MAX_FILLED:
            raise APIError(400, "too_many_buckets", f"empty=zero lists at most {MAX_FILLED} buckets; "
                           "narrow the window or choose a longer bucket", {"buckets": count})
    limit = current_app.config.get("HISTOGRAM_MAX_BUCKETS", MAX_BUCKETS)
    try:
        counted = get_store().histogram(query, bucket, zero_fill, limit)
    except QueryError as exc:
        raise APIError(400, "invalid_search", str(exc), {"q": query.q}) from exc
    except TooManyBuckets as exc:
        raise APIError(400, "too_many_buckets", f"the answer would hold more than {limit} buckets; "
                       "narrow the window or choose a longer bucket", {"bucket": bucket}) from exc
    return json_response({"bucket": bucket, "axis": query.axis, "mode": query.mode,
                          "start": iso(query.start), "end": iso(query.end), "empty": params["empty"],
                          **counted})


# -- TimeML -----------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all: each becomes U+FFFD, one character for one, so that
# every offset stays right. \r is written as a reference: a parser would turn a raw one into \n.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile("[&<>\r\"\t\n]")
TIMEML_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n')


def _text(value: str) -> str:
    return _TEXT_RE.sub(lambda m: _TEXT_ESCAPES[m.group()], _NOT_XML.sub("\ufffd", value))


def _attr(value: Any) -> str:
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES[m.group()], _NOT_XML.sub("\ufffd", str(value)))


def timeml(excerpt: dict[str, Any]) -> str:
    """The excerpt as a TempEval-3 style .tml document: the reference date as the DCT, the
    text in <TEXT> with each stored mention wrapped in a TIMEX3 (tid t1, t2, ... in text
    order). XML cannot nest crossing tags: a mention overlapping an earlier one is left out."""
    text = excerpt["text"]
    out = [TIMEML_HEADER, f"<DOCID>{_text(excerpt['id'])}</DOCID>\n\n"]
    ref = excerpt.get("reference_date")
    if ref:
        out.append(f'<DCT><TIMEX3 tid="t0" type="DATE" value="{_attr(ref)}" temporalFunction="false" '
                   f'functionInDocument="CREATION_TIME">{_text(ref)}</TIMEX3></DCT>\n\n')
    out.append("<TEXT>")
    pos = tid = 0
    for mention in sorted(excerpt["mentions"], key=lambda m: (m["start"], -m["end"])):
        start, end = mention["start"], mention["end"]
        if start < pos or end > len(text) or end <= start:
            continue
        tid += 1
        mod = f' mod="{_attr(mention["mod"])}"' if mention.get("mod") else ""
        out += [_text(text[pos:start]),
                f'<TIMEX3 tid="t{tid}" type="{_attr(mention["type"])}" value="{_attr(mention["value"])}"{mod}>',
                _text(text[start:end]), "</TIMEX3>"]
        pos = end
    out += [_text(text[pos:]), "</TEXT>\n\n</TimeML>\n"]
    return "".join(out)


@bp.before_request
def excerpt_formats() -> Response | None:
    """GET /excerpts/<id>?format=timeml answers TimeML; format=json (or none) goes on to the
    JSON view in views.py."""
    if request.endpoint != "api.get_excerpt" or "format" not in request.args:
        return None
    fmt = validate_args(_EXCERPT_QUERY, {"format": request.args.get("format")})["format"]
    if fmt == "json":
        return None
    excerpt_id = (request.view_args or {})["excerpt_id"]
    excerpt = get_store().get_excerpt(excerpt_id)
    if excerpt is None:
        raise APIError(404, "not_found", f"no excerpt {excerpt_id!r}")
    return Response(timeml(excerpt).encode(), mimetype="application/xml")
