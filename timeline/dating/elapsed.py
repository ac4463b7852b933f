"""How long a story has run: "seven months into the war", "the 1,000th day of the invasion" -> clues.

The quantity is the temporal engine's DURATION mention ("seven months" -> P7M, "more than two
years" -> P2Y with mod MORE_THAN) or an ordinal read here ("the 1,000th day", "the third
anniversary"); the story is an anchor row's `names` (noun phrases naming the event, matched right
after the connecting word), and the point is the row's date moved by the quantity. The text is
dated around that point with a tolerance set by the smallest unit said, because a count is
rounded to that unit: a day or two for days (which day counts as the first; a report the next
morning), a week for weeks, a month for months, half a year before to a year after for years
("two years into the war" is said from about 1.5 to 2.9 years), twice that from a decade on.
"nearly" ends the window at the point, "more than" starts it there. "since the invasion began"
with no quantity dates the text only as after the event (time has passed: no recency).
A phrase names more than one row (the war in Ukraine: 2014 or 2022) -> the union of their
windows, each row's `elapsed_years` keeping the count plausible for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from timeline.dating.anchors import Anchor, load
from timeline.dating.clues import Clue, Span
from timeline.temporal import Mention
from timeline.temporal.lexicon import ORDINALS
from timeline.temporal.timex import add_months

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_CONNECT = re.compile(r"\s+(?:into|after|since|on\s+from|from)\s+", re.IGNORECASE)
_ORD_WORDS = "|".join(sorted((w for w, n in ORDINALS.items() if n > 0), key=len, reverse=True))
_ORDINAL = re.compile(r"\b(?:the\s+)?(?P<n>\d{1,3}(?:,\d{3})*(?:st|nd|rd|th)|" + _ORD_WORDS + r")\s+"
                      r"(?P<unit>day|week|month|year|anniversary)\s+(?:of|since)\s+", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+", re.IGNORECASE)
_BEGAN = re.compile(r"\s+(?:began|started|broke\s+out|was\s+launched|erupted)\b", re.IGNORECASE)
_AGO = re.compile(r"UNDEF-AGO-(year|month|week|day)-MINUS-(\d+)$")
_AGO_LEFT = r"\s+(?:began|started|broke\s+out|was\s+launched|erupted|happened|took\s+place|struck)?\s*$"
_LEAD = r"(?:the\s+(?:start|beginning|outbreak|launch|onset)\s+of\s+)?"
# months of tolerance (before, after) for a count in years; days for days, weeks for weeks
_YEAR_WINDOW, _DECADE_WINDOW = (-6, 12), (-12, 24)


def _names(a: Anchor) -> re.Pattern[str] | None:
    names = a.row.get("names")
    return re.compile(_LEAD + "(?:" + "|".join(names) + r")\b", re.IGNORECASE) if names else None


def _ordinal(word: str) -> int:
    w = word.lower()
    return int(re.sub(r"\D", "", w)) if w[0].isdigit() else ORDINALS[w]


def _point(start: date, count: tuple[int, int, int, int]) -> date:
    years, months, weeks, days = count
    return add_months(start, 12 * years + months) + timedelta(weeks=weeks, days=days)


def _window(count: tuple[int, int, int, int], mod: str | None) -> Callable[[date], Span]:
    """Around the point, by the tolerance of the smallest unit counted (see the module's docstring)."""
    def span(start: date) -> Span:
        point = _point(start, count)
        years, months, weeks, days = count
        if days:
            lo, hi = point - timedelta(days=1), point + timedelta(days=2)
        elif weeks:
            lo, hi = point - timedelta(weeks=1), point + timedelta(weeks=1)
        elif months:
            lo, hi = add_months(point, -1), add_months(point, 1)
        else:
            before, after = _DECADE_WINDOW if years >= 10 else _YEAR_WINDOW
            lo, hi = add_months(point, before), add_months(point, after) - timedelta(days=1)
        if mod == "LESS_THAN":
            hi = point
        elif mod == "MORE_THAN":
            lo = point
        return lo, hi
    return span


def _ordinal_window(n: int, unit: str) -> tuple[tuple[int, int, int, int], Callable[[date], Span]]:
    """The nth anniversary: a month either side of it; the nth day: n - 1 days have passed (a day or
    two either side); the nth week / month / year: from n - 1 units to n units after the event."""
    if unit == "anniversary":
        count = (n, 0, 0, 0)
        return count, lambda d: (add_months(_point(d, count), -1), add_months(_point(d, count), 1))
    if unit == "day":
        count = (0, 0, 0, n - 1)
        return count, _window(count, None)
    count = {"week": (0, 0, n - 1, 0), "month": (0, n - 1, 0, 0), "year": (n - 1, 0, 0, 0)}[unit]
    nxt = {"week": (0, 0, n, 0), "month": (0, n, 0, 0), "year": (n, 0, 0, 0)}[unit]
    return count, lambda d: (_point(d, count), _point(d, nxt) - timedelta(days=1))


def _plausible(a: Anchor, count: tuple[int, int, int, int]) -> bool:
    lo, hi = a.row.get("elapsed_years", [0, 99])
    return lo <= count[0] + count[1] / 12 + count[2] / 52 + count[3] / 365 <= hi


def _named(text: str, pos: int, anchors: list[tuple[Anchor, re.Pattern[str]]]) -> tuple[list[Anchor], int]:
    """The rows whose name starts at pos, and where the longest such name ends."""
    hits = [(a, m.end()) for a, p in anchors if (m := p.match(text, pos))]
    return [a for a, _ in hits], max((e for _, e in hits), default=pos)


def _cite(rows: list[Anchor]) -> str:
    return "; ".join(f"{a.fact} on {a.date.isoformat()} (source: {a.source})" for a in rows)


def _clue(text: str, start: int, end: int, rows: list[Anchor], count: tuple[int, int, int, int],
          span: Callable[[date], Span], said: str) -> Clue | None:
    rows = [a for a in rows if _plausible(a, count)]
    if not rows:
        return None
    spans = sorted(span(a.date) for a in rows)
    return Clue("elapsed", text[start:end], start, end, spans,
                f"{said} after the event: written in {', '.join(f'{lo}..{hi}' for lo, hi in spans)} "
                f"(the tolerance of the unit counted). {_cite(rows)}", extra={"anchor": ",".join(a.id for a in rows)})


def clues(text: str, mentions: list[Mention], anchors: tuple[Anchor, ...] | None = None) -> list[Clue]:
    low = text.lower()
    named = [(a, p) for a in (anchors if anchors is not None else load())
             if (p := _names(a)) and any(c in low for c in a.context)]
    if not named:
        return []
    out: list[Clue] = []
    for m in mentions:
        if m.type == "DURATION" and (d := _DURATION.match(m.value)) and (c := _CONNECT.match(text, m.end)):
            rows, end = _named(text, c.end(), named)
            count = (int(d[1] or 0), int(d[2] or 0), int(d[3] or 0), int(d[4] or 0))
            clue = _clue(text, m.start, end, rows, count, _window(count, m.mod), m.value) if rows else None
        elif m.type == "DATE" and (g := _AGO.match(m.underspecified)):
            unit, n = g[1], int(g[2])
            lo = max(0, m.start - 120)
            hits = [(a, h.start() + lo) for a, p in named
                    if (h := re.search(p.pattern + _AGO_LEFT, text[lo:m.start], re.IGNORECASE))]
            y, mo, w, dd = (n if u == unit else 0 for u in ("year", "month", "week", "day"))
            count = (y, mo, w, dd)
            clue = _clue(text, min(h for _, h in hits), m.end, [a for a, _ in hits], count, _window(count, None),
                         m.text) if hits else None
        else:
            continue
        if clue:
            out.append(clue)
    for o in _ORDINAL.finditer(text):
        rows, end = _named(text, o.end(), named)
        if not rows:
            continue
        count, span = _ordinal_window(_ordinal(o["n"]), o["unit"].lower())
        clue = _clue(text, o.start(), end, rows, count, span, f"the {o['n']} {o['unit']}")
        if clue:
            out.append(clue)
    covered = [(c.start, c.end) for c in out]
    for s in _SINCE.finditer(text):
        rows, end = _named(text, s.end(), named)
        if not rows or any(a <= s.start() < b for a, b in covered):
            continue
        b = _BEGAN.match(text, end)
        end = b.end() if b else end
        spans = sorted({(a.date, None) for a in rows}, key=lambda x: x[0])
        out.append(Clue("elapsed", text[s.start():end], s.start(), end, spans,
                        f"'since' the event: written after it, time has passed (no recency). {_cite(rows)}",
                        extra={"anchor": ",".join(a.id for a in rows)}))
    return sorted(out, key=lambda c: c.start)
