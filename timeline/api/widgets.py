"""Timeline formats for the two widget libraries our users embed: vis-timeline and TimelineJS3.

Pure functions from a list of event dicts (the shape GET /api/v1/events answers) to the JSON
each library loads. Every choice below follows /shared/CLIENTS.md, measured against the real
libraries: one bad item stops the whole widget, so an undated event is never an item (it is
listed apart, never placed at a made-up date), text is escaped HTML, and no key is sent null.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import orjson

CONTENT_CHARS = 80  # a vis box this wide stays readable; the tooltip carries the whole summary
HEADLINE_CHARS = 140
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# The calendar unit each precision is written in. TimelineJS leaves out the finer parts.
_UNIT = {"month": "month", "season": "month", "quarter": "month", "half": "month",
         "year": "year", "decade": "year", "century": "year"}

Event = dict[str, Any]
Window = tuple[date | None, date | None]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _span(event: Event, axis: str) -> tuple[date, date, str | None] | None:
    """The event's (start, end, precision) on `axis`, or None when it is undated there."""
    span = event.get(axis)
    if not span or not span.get("start"):
        return None
    start = date.fromisoformat(span["start"])
    end = date.fromisoformat(span.get("end") or span["start"])
    return start, max(start, end), span.get("precision")


def _unit(start: date, end: date, precision: str | None) -> str:
    """The coarsest unit the interval can be written in without claiming more than it covers:
    the precision's unit, unless the interval does not start and end on that unit's bounds."""
    unit = _UNIT.get(precision or "", "day")
    if unit == "year" and not ((start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)):
        unit = "month"
    if unit == "month" and not (start.day == 1 and (end == date.max or (end + timedelta(days=1)).day == 1)):
        unit = "day"
    return unit


def _words(day: date, unit: str) -> str:
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def display_date(start: date, end: date, precision: str | None) -> str:
    """A date as a reader writes it, at the event's precision: "6 August 2024",
    "October 2024", "1 October 2024 - 10 January 2025", "2020 - 2029"."""
    unit = _unit(start, end, precision)
    first, last = _words(start, unit), _words(end, unit)
    return first if first == last else f"{first} \u2013 {last}"


def _people_places(event: Event) -> str:
    parts = []
    if event.get("actors"):
        parts.append("Who: " + "; ".join(event["actors"]))
    if event.get("places"):
        parts.append("Where: " + "; ".join(event["places"]))
    return " \u00b7 ".join(parts)


def _unique(events: Iterable[Event | str | bytes]) -> Iterable[Event]:
    """Each event once, as a dict (the store may hand over its stored JSON text unparsed):
    both libraries need ids unique across the whole answer."""
    seen: set[str] = set()
    for entry in events:
        event = orjson.loads(entry) if isinstance(entry, str | bytes) else entry
        ident = str(event["id"])
        if ident not in seen:
            seen.add(ident)
            yield event


# -- vis-timeline ------------------------------------------------------------------------

def _kind(event: Event) -> str:
    """The event's type, and its factuality when it is not told as having happened."""
    factuality = event.get("factuality", "asserted")
    return event["type"] if factuality == "asserted" else f"{event['type']} ({factuality})"


def _vis_item(event: Event, span: tuple[date, date, str | None] | None) -> dict[str, Any]:
    summary = event.get("summary") or event["type"]
    title = [html.escape(summary), html.escape(_kind(event))]
    if span:
        title.insert(1, html.escape(display_date(*span)))
    if detail := _people_places(event):
        title.append(html.escape(detail))
    return {"id": str(event["id"]), "content": html.escape(_short(summary, CONTENT_CHARS)),
            "group": event["type"], "title": "<br>".join(title)}


def vis(events: Iterable[Event], *, axis: str = "occurred", window: Window = (None, None),
        title: str = "Timeline") -> dict[str, Any]:
    """vis-timeline's DataSet input: `items` (dated only), `groups` covering every group used,
    and `undated` listed apart (an item with start null stops the whole timeline).

    Dates are `YYYY-MM-DD` strings, which vis reads as local midnight (a `...Z` time would
    show a day early west of UTC). An event of one day is a `point`; a longer one is a
    `range` whose `end` is the day after our inclusive end, since vis ends a range at the
    start of its `end` day. (`window` and `title` are for TimelineJS; vis needs neither.)

    >>> out = vis([{"id": "a", "type": "combat", "summary": "Shelling <b>",
    ...             "occurred": {"start": "2025-01-01", "end": "2025-01-31", "precision": "month"}}])
    >>> out["items"][0]["start"], out["items"][0]["end"], out["items"][0]["type"]
    ('2025-01-01', '2025-02-01', 'range')
    >>> out["items"][0]["content"], out["groups"]
    ('Shelling &lt;b&gt;', [{'id': 'combat', 'content': 'combat'}])
    """
    items, undated, groups = [], [], set()
    for event in _unique(events):
        span = _span(event, axis)
        item = _vis_item(event, span)
        groups.add(item["group"])
        if span is None:
            undated.append(item)
            continue
        start, end, precision = span
        item.update(start=start.isoformat(), className=f"precision-{precision or 'unknown'} "
                                                       f"factuality-{event.get('factuality', 'asserted')}")
        if end == start:
            item["type"] = "point"
        else:
            item["type"] = "range"
            item["end"] = (end + timedelta(days=1) if end < date.max else end).isoformat()
        items.append(item)
    return {"items": items,
            "groups": [{"id": g, "content": html.escape(g)} for g in sorted(groups)],
            "undated": undated}


# -- TimelineJS ------------------------------------------------------------------------

def _tl_date(day: date, unit: str) -> dict[str, int]:
    """TimelineJS's date object: numbers only, the finer parts left out (never null)."""
    value = {"year": day.year}
    if unit in ("month", "day"):
        value["month"] = day.month
    if unit == "day":
        value["day"] = day.day
    return value


def _tl_text(event: Event, when: str | None) -> dict[str, str]:
    summary = event.get("summary") or event["type"]
    lines = [html.escape(summary)] if len(summary) > HEADLINE_CHARS else []
    lines.append(f"<em>{html.escape(_kind(event))}</em>" + (f", {html.escape(when)}" if when else ""))
    if detail := _people_places(event):
        lines.append(html.escape(detail))
    return {"headline": html.escape(_short(summary, HEADLINE_CHARS)), "text": "<br>".join(lines)}


def _tl_event(event: Event, span: tuple[date, date, str | None] | None) -> dict[str, Any]:
    slide: dict[str, Any] = {"unique_id": str(event["id"]), "group": event["type"]}
    if span is None:
        slide["text"] = _tl_text(event, None)
        return slide
    start, end, precision = span
    unit = _unit(start, end, precision)
    when = display_date(start, end, precision)
    slide.update(start_date=_tl_date(start, unit), display_date=when, text=_tl_text(event, when))
    if _tl_date(end, unit) != slide["start_date"]:
        slide["end_date"] = _tl_date(end, unit)
    return slide


def _empty_slide(window: Window) -> dict[str, Any]:
    """TimelineJS shows an error for zero events; an empty window gets one slide saying so,
    at the window's start (or its end; today only when no window was asked for)."""
    day = window[0] or window[1] or date.today()
    return {"unique_id": "timeline-empty", "start_date": _tl_date(day, "day"),
            "display_date": "No events",
            "text": {"headline": "No dated events here",
                     "text": "Nothing matches this window and these filters. "
                             "Try a wider window or fewer filters."}}


def timelinejs(events: Iterable[Event], *, axis: str = "occurred", window: Window = (None, None),
               title: str = "Timeline") -> dict[str, Any]:
    """TimelineJS3's JSON: `events` with `start_date`/`end_date` objects at the event's
    precision, `display_date`, `text: {headline, text}`, `group` and a string `unique_id`.
    Undated events go under `undated` (a top-level `errors` key makes TimelineJS render
    nothing). An empty answer has one slide that says so, and `"empty": true`.

    >>> out = timelinejs([{"id": 7, "type": "deployment", "summary": "Troops arrive",
    ...                    "occurred": {"start": "2024-10-01", "end": "2024-10-31",
    ...                                 "precision": "month"}}])
    >>> slide = out["events"][0]
    >>> slide["unique_id"], slide["start_date"], "end_date" in slide, slide["display_date"]
    ('7', {'year': 2024, 'month': 10}, False, 'October 2024')
    """
    slides, undated = [], []
    for event in _unique(events):
        span = _span(event, axis)
        (undated if span is None else slides).append(_tl_event(event, span))
    counts = f"{len(slides)} dated event{'s' * (len(slides) != 1)}"
    if undated:
        counts += f"; {len(undated)} undated, listed apart"
    out: dict[str, Any] = {"title": {"text": {"headline": html.escape(title), "text": counts}},
                           "events": slides or [_empty_slide(window)], "undated": undated}
    if not slides:
        out["empty"] = True
    return out


WIDGET_FORMATS: dict[str, Callable[..., dict[str, Any]]] = {"vis": vis, "timelinejs": timelinejs}
