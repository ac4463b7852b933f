"""Every request and response shape of the API, in one module (marshmallow).

Request schemas validate and convert what clients send; response schemas document
what the service answers (the OpenAPI document and the contract tests use them).
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime

from marshmallow import (
    EXCLUDE,
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

# \Z, not $: "$" also matches before a trailing newline.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:~@+-]{0,199}\Z"
TYPE_PATTERN = r"^[a-z][a-z0-9_]{0,39}\Z"
PRECISIONS = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade",
              "century", "estimated")
FACTUALITIES = ("asserted", "expected", "possible")  # timeline/events/factuality.py; absent = asserted
FACTUALITY_HELP = ("asserted: told as having happened; expected: intended, scheduled or predicted "
                   "('will deploy', 'plans to'); possible: possible or conditional ('could', 'if')")
VALID_ID = validate.Regexp(ID_PATTERN, error="an id is 1-200 characters: letters, digits and . _ : ~ @ + -")
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")  # ASCII digits: \d takes "２０２４"


class IsoDay(fields.Field):
    """A calendar day written YYYY-MM-DD (nothing else: no times, no other orders)."""

    default_error_messages = {"invalid": "Not a valid date: expected YYYY-MM-DD."}

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.make_error("invalid")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise self.make_error("invalid") from exc

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()


def parse_bound(text: str, side: str) -> date:
    """A query bound: YYYY, YYYY-MM or YYYY-MM-DD. A start takes the first day of the
    period it names, an end the last (so end=2024 includes 31 December 2024)."""
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValidationError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1) if side == "start" else date(year, 12, 31)
        if day is None:
            return date(year, month, 1 if side == "start" else calendar.monthrange(year, month)[1])
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(f"not a calendar date: {exc}") from exc


def utc_calendar(moment: datetime) -> None:
    """An aware moment must still be a calendar moment in UTC, where as_of is compared
    ("0001-01-01T00:00:00+14:00" is in year 0 there)."""
    try:
        moment.astimezone(UTC)
    except OverflowError as exc:
        raise ValidationError("outside years 1-9999 once converted to UTC") from exc


class Bound(fields.Field):
    default_error_messages = {"invalid": "expected YYYY, YYYY-MM or YYYY-MM-DD"}

    def __init__(self, side: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.side = side

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return parse_bound(value, self.side)


# -- requests -------------------------------------------------------------------------

class ExtractRequest(Schema):
    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=validate.Length(min=1))
    reference_date = IsoDay(load_default=None, allow_none=True)


class ExcerptIn(Schema):
    """An excerpt to store. Without an id, the id is derived from the text (idempotent)."""

    class Meta:
        unknown = RAISE

    kind = fields.String(validate=validate.Equal("excerpt"))
    id = fields.String(validate=VALID_ID)
    text = fields.String(required=True, validate=validate.Length(min=1))
    reference_date = IsoDay(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    metadata = fields.Dict(keys=fields.String(), load_default=dict)


class SpanIn(Schema):
    class Meta:
        unknown = RAISE

    start = IsoDay(required=True)
    end = IsoDay(load_default=None)
    precision = fields.String(load_default=None, allow_none=True,
                              validate=validate.OneOf(PRECISIONS))

    @post_load
    def complete(self, data, **kwargs):
        if data["end"] is None:
            data["end"] = data["start"]
        if data["end"] < data["start"]:
            raise ValidationError("end is before start", field_name="end")
        return data


class QuantityIn(Schema):
    class Meta:
        unknown = EXCLUDE

    value = fields.Float(required=True, allow_nan=False)
    text = fields.String(load_default=None, allow_none=True)
    unit = fields.String(load_default=None, allow_none=True)
    qualifier = fields.String(load_default=None, allow_none=True)
    bound = fields.String(load_default="exact", validate=validate.OneOf(
        ("exact", "lower", "upper", "approx")))


class EventIn(Schema):
    """A ready-made event (bulk loading). Without an id, the id is derived from its content."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=validate.Equal("event"))
    id = fields.String(validate=VALID_ID)
    type = fields.String(required=True, validate=validate.Regexp(
        TYPE_PATTERN, error="a type is lower-case letters, digits and _"))
    summary = fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    occurred = fields.Nested(SpanIn, load_default=None, allow_none=True)
    reported = fields.Nested(SpanIn, load_default=None, allow_none=True)
    actors = fields.List(fields.String(), load_default=list)
    places = fields.List(fields.String(), load_default=list)
    quantities = fields.List(fields.Nested(QuantityIn), load_default=list)
    confidence = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 1))
    factuality = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(FACTUALITIES),
                               metadata={"description": FACTUALITY_HELP + "; left out, the event is asserted"})
    description = fields.String(load_default=None, allow_none=True)
    url = fields.String(load_default=None, allow_none=True)
    metadata = fields.Dict(keys=fields.String(), load_default=dict)


class EventsQuery(Schema):
    """Query-string filters of /events and /timeline."""

    class Meta:
        unknown = RAISE

    start = Bound("start", load_default=None)
    end = Bound("end", load_default=None)
    mode = fields.String(load_default="overlaps", validate=validate.OneOf(("overlaps", "within")))
    axis = fields.String(load_default="occurred", validate=validate.OneOf(("occurred", "reported")))
    type = fields.List(fields.String(validate=validate.Regexp(TYPE_PATTERN)), load_default=list)
    factuality = fields.List(fields.String(validate=validate.OneOf(FACTUALITIES)), load_default=list,
                             metadata={"description": "only events of these factualities (repeat or comma-separate); "
                                                      + FACTUALITY_HELP})
    q = fields.String(load_default=None, validate=validate.Length(min=1, max=500))
    undated = fields.String(load_default=None, validate=validate.OneOf(("exclude", "include", "only")))
    excerpt = fields.String(load_default=None, validate=validate.Regexp(ID_PATTERN))
    limit = fields.Integer(load_default=None, validate=validate.Range(min=1, max=1_000_000))
    cursor = fields.String(load_default=None, validate=validate.Length(max=1000))
    format = fields.String(load_default="json", validate=validate.OneOf(
        ("json", "ndjson", "csv", "vis", "timelinejs")))
    as_of = fields.AwareDateTime(load_default=None, validate=utc_calendar, metadata={
        "description": "answer as the store stood at this moment (ISO 8601 with a time zone)"})

    @validates_schema
    def ordered(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("end is before start", field_name="end")


class ReferenceDateIn(Schema):
    """A bulk record giving a stored excerpt its reference date (null takes it away)."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=validate.Equal("reference_date"))
    excerpt = fields.String(required=True, validate=VALID_ID)
    reference_date = IsoDay(required=True, allow_none=True)


class ExcerptPatch(Schema):
    """A reference date given (or corrected, or taken away with null) after the excerpt was stored."""

    class Meta:
        unknown = RAISE

    reference_date = IsoDay(required=True, allow_none=True)


class EventPatch(Schema):
    """A person's correction of an event: any of these fields; the rest stay as they are."""

    class Meta:
        unknown = RAISE

    type = fields.String(validate=validate.Regexp(TYPE_PATTERN, error="a type is lower-case letters, digits and _"))
    summary = fields.String(validate=validate.Length(min=1, max=10_000))
    occurred = fields.Nested(SpanIn, allow_none=True)
    reported = fields.Nested(SpanIn, allow_none=True)
    actors = fields.List(fields.String())
    places = fields.List(fields.String())
    quantities = fields.List(fields.Nested(QuantityIn))
    confidence = fields.Float(allow_none=True, validate=validate.Range(0, 1))
    factuality = fields.String(validate=validate.OneOf(FACTUALITIES))
    description = fields.String(allow_none=True)
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                         metadata={"description": "why: kept in the event's explain"})

    @validates_schema
    def something(self, data, **kwargs):
        if not set(data) - {"note"}:
            raise ValidationError("give at least one field to correct")


class ChangesQuery(Schema):
    class Meta:
        unknown = RAISE

    since = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**62))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class BulkQuery(Schema):
    class Meta:
        unknown = RAISE

    atomic = fields.Boolean(load_default=False)
    report = fields.String(load_default="all", validate=validate.OneOf(("all", "errors")))


class HistogramQuery(EventsQuery):
    """Query string of /timeline/histogram: the filters of /events, a bucket and what to do
    with empty buckets."""

    class Meta:
        unknown = RAISE
        exclude = ("undated", "limit", "cursor", "format", "as_of")

    bucket = fields.String(required=True, validate=validate.OneOf(("day", "week", "month", "year")),
                           metadata={"description": "calendar days, ISO weeks (Monday), months or years"})
    empty = fields.String(load_default="omit", validate=validate.OneOf(("omit", "zero")), metadata={
        "description": "omit empty buckets, or list them with count 0 (needs start and end, "
                       "and at most 5000 buckets)"})


class ExcerptQuery(Schema):
    class Meta:
        unknown = RAISE

    format = fields.String(load_default="json", validate=validate.OneOf(("json", "timeml")), metadata={
        "description": "json, or timeml: TimeML 1.2.1 as in TempEval-3 .tml files (application/xml)"})


# -- responses (documentation and contract tests) ----------------------------------------

class IntervalOut(Schema):
    start = fields.String(required=True)
    end = fields.String(required=True)


class MentionOut(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    type = fields.String(required=True, validate=validate.OneOf(("DATE", "TIME", "DURATION", "SET")))
    value = fields.String(required=True)
    mod = fields.String(allow_none=True)
    interval = fields.Nested(IntervalOut, allow_none=True, required=True)
    precision = fields.String(allow_none=True, required=True)
    explain = fields.String(required=True)


class SpanOut(Schema):
    start = fields.String(required=True)
    end = fields.String(required=True)
    precision = fields.String(allow_none=True, required=True)


class _EventFields(Schema):
    """What every event shows, stored or only extracted."""

    type = fields.String(required=True)
    summary = fields.String(required=True)
    occurred = fields.Nested(SpanOut, allow_none=True, required=True)
    reported = fields.Nested(SpanOut, allow_none=True, required=True)
    actors = fields.List(fields.String(), required=True)
    places = fields.List(fields.String(), required=True)
    quantities = fields.List(fields.Dict(), required=True)
    mentions = fields.List(fields.Integer(), required=True)
    confidence = fields.Float(allow_none=True)
    explain = fields.Dict(allow_none=True)


class EventOut(_EventFields):
    id = fields.String(required=True)
    excerpt_id = fields.String(allow_none=True, required=True)
    factuality = fields.String(validate=validate.OneOf(FACTUALITIES),
                               metadata={"description": FACTUALITY_HELP + "; absent on a loaded event that "
                                                        "gave none: asserted"})
    source = fields.String(required=True)


class PageOut(Schema):
    items = fields.List(fields.Nested(EventOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class ErrorBody(Schema):
    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Raw(allow_none=True)


class ErrorOut(Schema):
    error = fields.Nested(ErrorBody, required=True)


class HistogramBucketOut(Schema):
    bucket = fields.String(required=True, metadata={"description": "2025-01-31, 2025-W05, 2025-01 or 2025"})
    start = fields.String(required=True, metadata={"description": "first day of the bucket inside the window"})
    end = fields.String(required=True, metadata={"description": "last day of the bucket inside the window"})
    count = fields.Integer(required=True, metadata={"description": "events overlapping these days"})


class HistogramOut(Schema):
    bucket = fields.String(required=True)
    axis = fields.String(required=True)
    mode = fields.String(required=True)
    start = fields.String(allow_none=True, required=True)
    end = fields.String(allow_none=True, required=True)
    empty = fields.String(required=True)
    buckets = fields.List(fields.Nested(HistogramBucketOut), required=True)
    total = fields.Integer(required=True, metadata={"description": "dated events counted (each once)"})
    undated = fields.Integer(required=True, metadata={
        "description": "events matching the other filters with no date on the axis"})


# Responses of the other endpoints and of the widget formats (the OpenAPI document's shapes).

class ServiceOut(Schema):
    service = fields.String(required=True)
    version = fields.Integer(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    endpoints = fields.List(fields.String(), required=True)


class HealthOut(Schema):
    status = fields.String(required=True)


class TextSpanOut(Schema):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class ExtractedEventOut(_EventFields):
    """An event found by /extract: not stored, so no id, excerpt or source yet."""

    span = fields.Nested(TextSpanOut)
    factuality = fields.String(required=True, validate=validate.OneOf(FACTUALITIES),
                               metadata={"description": FACTUALITY_HELP})


class ExtractOut(Schema):
    reference_date = fields.String(allow_none=True, required=True)
    mentions = fields.List(fields.Nested(MentionOut), required=True)
    events = fields.List(fields.Nested(ExtractedEventOut), required=True)


class ExcerptOut(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    reference_date = fields.String(allow_none=True, required=True)
    source = fields.String(allow_none=True, required=True)
    url = fields.String(allow_none=True, required=True)
    metadata = fields.Dict(required=True)
    mentions = fields.List(fields.Nested(MentionOut), required=True)
    events = fields.List(fields.Nested(EventOut), required=True)
    status = fields.String(validate=validate.OneOf(("created", "updated", "unchanged")),
                           metadata={"description": "only in the answer to POST /excerpts"})


class ProvenanceExcerptOut(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    reference_date = fields.String(allow_none=True, required=True)
    source = fields.String(allow_none=True, required=True)
    url = fields.String(allow_none=True, required=True)


class ProvenanceOut(Schema):
    excerpt = fields.Nested(ProvenanceExcerptOut, required=True)
    mentions = fields.List(fields.Nested(MentionOut), required=True, metadata={
        "description": "the mentions that dated the event (offsets into the text)"})
    explain = fields.Dict(allow_none=True, required=True)


class EventDetailOut(EventOut):
    provenance = fields.Nested(ProvenanceOut, allow_none=True, required=True,
                               metadata={"description": "null for a ready-made (loaded) event"})


class BulkTotalsOut(Schema):
    records = fields.Integer(required=True)
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    error = fields.Integer(required=True)


class RecordErrorOut(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Raw(allow_none=True)


class BulkRecordOut(Schema):
    line = fields.Integer(required=True)
    id = fields.String(allow_none=True, required=True)
    status = fields.String(required=True, validate=validate.OneOf(
        ("created", "updated", "unchanged", "error", "skipped")))
    error = fields.Nested(RecordErrorOut)


class BulkReportOut(Schema):
    committed = fields.Boolean(required=True)
    totals = fields.Nested(BulkTotalsOut, required=True)
    records = fields.List(fields.Nested(BulkRecordOut), required=True)


class VisItemOut(Schema):
    """A vis-timeline item. `start`/`end` are YYYY-MM-DD; `end` (ranges only) is exclusive."""

    id = fields.String(required=True)
    content = fields.String(required=True, metadata={"description": "escaped HTML"})
    title = fields.String(required=True, metadata={"description": "tooltip, escaped HTML"})
    group = fields.String(required=True)
    start = fields.String(required=True)
    end = fields.String()
    type = fields.String(required=True, validate=validate.OneOf(("point", "range")))
    className = fields.String(required=True)


class VisUndatedOut(Schema):
    id = fields.String(required=True)
    content = fields.String(required=True)
    title = fields.String(required=True)
    group = fields.String(required=True)


class VisGroupOut(Schema):
    id = fields.String(required=True)
    content = fields.String(required=True)


class VisOut(Schema):
    """format=vis: vis-timeline's items and groups; undated events listed apart."""

    items = fields.List(fields.Nested(VisItemOut), required=True)
    groups = fields.List(fields.Nested(VisGroupOut), required=True)
    undated = fields.List(fields.Nested(VisUndatedOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class TimelineJSDateOut(Schema):
    year = fields.Integer(required=True)
    month = fields.Integer(validate=validate.Range(1, 12))
    day = fields.Integer(validate=validate.Range(1, 31))


class TimelineJSTextOut(Schema):
    headline = fields.String(required=True)
    text = fields.String(required=True)


class TimelineJSTitleOut(Schema):
    text = fields.Nested(TimelineJSTextOut, required=True)


class TimelineJSSlideOut(Schema):
    unique_id = fields.String(required=True)
    start_date = fields.Nested(TimelineJSDateOut, metadata={"description": "absent when undated"})
    end_date = fields.Nested(TimelineJSDateOut)
    display_date = fields.String()
    text = fields.Nested(TimelineJSTextOut, required=True)
    group = fields.String()


class TimelineJSOut(Schema):
    """format=timelinejs: TimelineJS3's JSON; undated events under `undated`."""

    title = fields.Nested(TimelineJSTitleOut, required=True)
    events = fields.List(fields.Nested(TimelineJSSlideOut), required=True)
    undated = fields.List(fields.Nested(TimelineJSSlideOut), required=True)
    empty = fields.Boolean(metadata={"description": "true when no event matched: one slide says so"})
    next_cursor = fields.String(allow_none=True, required=True)


# Responses of the correction endpoints (PATCH, history, the change feed).

class OldNewOut(Schema):
    old = fields.Raw(allow_none=True, required=True)
    new = fields.Raw(allow_none=True, required=True)


class RedateOut(Schema):
    """What a late (or corrected) reference date changed: mentions and events, old and new."""

    excerpt_id = fields.String(required=True)
    reference_date = fields.Nested(OldNewOut, required=True)
    changed = fields.Boolean(required=True)
    mentions = fields.List(fields.Dict(), required=True)
    events = fields.List(fields.Dict(), required=True)


class ChangeOut(Schema):
    seq = fields.Integer(required=True)
    event_id = fields.String(required=True)
    at = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "created, updated or deleted"})
    cause = fields.String(allow_none=True)


class ChangesOut(Schema):
    items = fields.List(fields.Nested(ChangeOut), required=True)
    next = fields.Integer(allow_none=True, required=True, metadata={"description": "`since` of the next call"})
    more = fields.Boolean(required=True)


class HistoryEntryOut(ChangeOut):
    event_id = fields.String()
    old = fields.Dict(allow_none=True, required=True)
    new = fields.Dict(allow_none=True, required=True)


class HistoryOut(Schema):
    event_id = fields.String(required=True)
    history = fields.List(fields.Nested(HistoryEntryOut), required=True)


class DatingOut(Schema):
    """An estimate of when an excerpt was written, with the evidence for it."""

    excerpt_id = fields.String(required=True)
    reference_date = fields.String(allow_none=True, required=True)
    applied = fields.Dict(allow_none=True, required=True,
                          metadata={"description": "the estimate applied earlier, if any"})
    estimate = fields.Dict(allow_none=True, required=True, metadata={"description": "{start, end} or null"})
    confidence = fields.String(allow_none=True, required=True)
    evidence = fields.List(fields.Dict(), required=True)


class DatingAppliedOut(RedateOut):
    estimate = fields.Dict(allow_none=True, required=True)
