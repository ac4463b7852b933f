"""Underspecified value + anchor -> TIMEX3 value + interval (the second HeidelTime step).

Works on Mention fields only (underspecified, mod, tense, extra), never on the text, so
stored mentions can be resolved again when a reference date arrives later. Never the clock.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from timeline.temporal.places import SEASON_IDX, place
from timeline.temporal.timex import Date, Interval, Mention, add_months, value_interval

_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200,
               "millennium": 12000}
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}
_PRECISION_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
_X_FORM = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
           "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX", "decade": "XXX", "century": "XX",
           "millennium": "X", "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX", "second": "XXXX-XX-XX"}
_SHIFT = re.compile(r"UNDEF-(?P<base>REF|AGO|SHIFT|ANCHOR|LASTQ)-(?P<unit>[a-z]+)-(?P<sign>PLUS|MINUS)-"
                    r"(?P<n>[\dX.]+)(?:@(?P<sub>.+))?$")
_MONTHS_SPAN = re.compile(r"P(?:[2-9]|1[01])M$")
_NAMED = re.compile(r"UNDEF-(?P<dir>tense|last|next|this|prev|following)-(?P<kind>[a-z]+)-(?P<payload>.+)$")


def fmt(d: Date, precision: str) -> str:
    """A date written at a precision: fmt(2025-01-15, 'week') -> '2025-W03'."""
    if precision == "day":
        return d.isoformat()
    if precision in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}" + ("-WE" if precision == "weekend" else "")
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if precision == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if precision == "decade":
        return f"{d.year // 10:03d}"
    if precision == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: Date, unit: str, n: int) -> Date:
    if unit in _DAYS_PER:
        return d + dt.timedelta(days=_DAYS_PER[unit] * n)
    if unit in _MONTHS_PER:
        return add_months(d, _MONTHS_PER[unit] * n)
    return d


def _finer_or_equal(a: str, b: str) -> bool:
    order = {p: i for i, p in enumerate(_PRECISION_ORDER)}
    return order.get(a, 99) <= order.get(b, 99)


class _State:
    """What earlier mentions in the same text tell the resolver (anchors), per resolve() call."""

    def __init__(self, ref: Date | None) -> None:
        self.ref = ref
        self.dates: list[Mention] = []
        self.quarter: Mention | None = None
        self.span_at = -1  # len(dates) when a span of months ('the nine months') was last talked about

    def anchor(self, unit: str) -> tuple[Date, str, str] | None:
        """(day, precision, description) of the latest date fine enough for unit, else the reference.
        A quarter talked about before 'the nine months' is no longer the period compared: a year
        is then compared as a year."""
        need = "day" if unit in ("day", "hour", "minute", "second") else unit
        for i in range(len(self.dates) - 1, -1, -1):
            m = self.dates[i]
            if m.interval and m.precision and _finer_or_equal(m.precision, need):
                prec = unit if unit == "year" and i < self.span_at and m.precision == "quarter" else m.precision
                return m.interval.start, prec, f"earlier mention {m.text!r} ({m.value})"
        if self.ref:
            return self.ref, "ref", f"reference date {self.ref}"
        return None


def resolve(mentions: list[Mention], reference_date: Date | None) -> list[Mention]:
    """Fills value / interval / precision / explain of each mention, in text order."""
    mentions = _resolve_all(mentions, reference_date)
    for m in mentions:
        j = m.extra.get("speech_at")
        if j is not None and reference_date is not None and 0 <= j < len(mentions):
            _from_statement(m, mentions[j], reference_date)
    return mentions


def _from_statement(m: Mention, said: Mention, ref: Date) -> None:
    """A speaker's 'yesterday' / 'overnight' counted from the day the statement was made (engine.
    _speech_anchors), when that is a single day before the reference date."""
    iv = said.interval
    if iv is None or iv.start != iv.end or not iv.start < ref:
        return
    _resolve_one(m, _State(iv.start))
    m.explain += f"; counted from the day of the statement {said.text!r} ({iv.start}), not the reference date"


def _resolve_all(mentions: list[Mention], reference_date: Date | None) -> list[Mention]:
    state = _State(reference_date)
    for m in mentions:
        _resolve_one(m, state)
        if m.extra.get("back"):
            _ending_now(m, reference_date)
        if m.extra.get("week_of") and m.interval and m.precision == "day":
            m.value = fmt(m.interval.start, "week")
            m.interval, m.precision = value_interval(m.value, m.mod)
            m.explain += "; the ISO week holding that day"
        if m.extra.get("in_month") and m.interval and m.precision == "month":
            _in_month(m)
        if m.type in ("DATE", "TIME") and m.interval is not None and not _comparison(m) and "back" not in m.extra:
            state.dates.append(m)
            if m.precision == "quarter":
                state.quarter = m
        elif m.type == "DURATION" and _MONTHS_SPAN.match(m.value) and m.text[:4].lower() in ("the ", "its "):
            # "For the nine months, ... a year earlier": the comparison is now with that span of the
            # year, so with the year, not with the quarter mentioned before (TimeBank's reading)
            state.quarter, state.span_at = None, len(state.dates)
    return mentions


def _in_month(m: Mention) -> None:
    """'the first week of March' is days 1-7 (the last week, the last seven days), valued as the ISO
    week holding most of them; 'the first half' is days 1-15, 'the second half' 16 to the end."""
    assert m.interval is not None
    what, o = m.extra["in_month"]
    first, last = m.interval.start.replace(day=1), m.interval.end
    if what == "half":
        m.interval = Interval(first, first.replace(day=15)) if o == 1 else Interval(first.replace(day=16), last)
        m.explain += f"; half of the month: days {m.interval.start.day}-{m.interval.end.day}"
        return
    start = first + dt.timedelta(days=7 * (o - 1)) if o > 0 else last - dt.timedelta(days=6)
    m.interval, m.precision = Interval(start, start + dt.timedelta(days=6)), "week"
    m.value = fmt(start + dt.timedelta(days=3), "week")
    m.explain += (f"; week of the month: days {start.day}-{start.day + 6}, not an ISO week; value the ISO"
                  " week holding most of them")


def _comparison(m: Mention) -> bool:
    """'a year earlier', 'the year-ago quarter': a comparison point, not where the story is."""
    return m.underspecified.startswith(("UNDEF-SHIFT-", "UNDEF-LASTQ-year", "UNDEF-AGO-", "UNDEF-QOFYEAR-",
                                        "UNDEF-LASTQ-quarter-MINUS-4"))


def _resolve_one(m: Mention, st: _State) -> None:
    under = m.underspecified
    m.interval, m.precision = None, None
    time = m.extra.get("time")
    if not under.startswith("UNDEF-"):
        m.value = under
        if m.type in ("DATE", "TIME"):
            m.interval, m.precision = value_interval(under, m.mod)
        m.explain = f"rule {m.rule}: absolute" + (" (fiscal year read as the calendar year)"
                                                   if m.extra.get("fiscal") else "")
        if time and m.precision == "day":
            m.value += time
            m.precision = "time" if ":" in time else "day"
        if m.extra.get("order"):
            m.explain += f"; numeric date read {m.extra['order']}"
        return
    try:
        if under.startswith("UNDEF-QOFYEAR-"):
            out = _quarter_of_year(int(under[14:]), st)
        else:
            out = _shift(under, m, st) if _SHIFT.match(under) else _named(under, m, st)
    except (ValueError, OverflowError):  # "20 centuries earlier" from an early date: before year 1
        out = "XXXX-XX-XX", None, "outside the calendar (years 1-9999)", None
    value, precision, how, day = out
    m.value = value
    if day is not None and precision:
        iv, _ = value_interval(value, m.mod)
        m.interval, m.precision = iv, precision
        if iv and m.extra.get("clip") and st.ref:
            m.interval = _clip(iv, st.ref, m.extra["clip"])
        if time and precision == "day":
            m.value += time
            m.precision = "time" if ":" in time else "day"
    elif time and (value == "XXXX-XX-XX" or re.match(r"XXXX-WXX-\d$", value)):
        m.value += time
    m.explain = f"rule {m.rule}: {how}" + (f"; tense cue {m.tense}" if m.tense else "")
    if m.extra.get("night") and m.interval is not None:
        _night(m)


def _night(m: Mention) -> None:
    """A bare 'overnight' is a night, which runs past midnight into the next day: told in the past (or
    with no cue) it is the night before the reference day, from that evening into the reference day;
    with a future cue, the coming night. The value names the night by the day it starts (TIMEX3 TNI)."""
    assert m.interval is not None
    evening = m.interval.start - dt.timedelta(days=0 if m.tense == "future" else 1)
    try:
        morning = evening + dt.timedelta(days=1)
    except OverflowError:
        return
    if evening.year < 1:
        return
    m.value, m.interval = f"{evening.isoformat()}TNI", Interval(evening, morning)
    which = "the coming night" if m.tense == "future" else "the night before"
    m.explain += f"; a night runs into the next morning: {which}"


def _ending_now(m: Mention, ref: Date | None) -> None:
    """The interval of 'now' (the reference day) and of spans ending now ('the past two weeks', 'the
    last 24 hours'): TEMPORAL.md, from the reference date back by the duration to the reference date.
    Hours and smaller units cover the days they reach into: 'the past 24 hours' is the day before and
    the day. The value is left as resolved ('the past week' keeps TimeML's DATE of the previous week)."""
    unit, n = m.extra["back"]
    if ref is None:
        m.interval, m.precision = None, None
        m.explain += "; ends at the reference date, and there is none"
        return
    per_day = {"hour": 24, "minute": 1440, "second": 86400}
    try:
        if unit in _MONTHS_PER:
            start = add_months(ref, -math.ceil(float(n) * _MONTHS_PER[unit]))
        else:
            start = ref - dt.timedelta(days=math.ceil(float(n) * _DAYS_PER.get(unit, 1) / per_day.get(unit, 1)))
    except (ValueError, OverflowError):
        m.interval, m.precision = None, None
        m.explain += f"; {n} {unit}(s) back from {ref} is outside the calendar"
        return
    m.interval, m.precision = Interval(start, ref), "day"
    what = "the reference day" if start == ref else f"{n} {unit}(s) back to the reference date"
    m.explain += f"; interval: {what} {ref}"


def _clip(iv: Interval, ref: Date, clip: str) -> Interval:
    if not iv.start <= ref <= iv.end:
        return iv
    return Interval(iv.start, ref) if clip == "before" else Interval(ref, iv.end)


def _shift(under: str, m: Mention, st: _State) -> tuple[str, str | None, str, Date | None]:
    g = _SHIFT.match(under)
    assert g is not None
    base, unit, sub = g["base"], g["unit"], g["sub"]
    sign = 1 if g["sign"] == "PLUS" else -1
    if g["n"] == "X" and base == "SHIFT" and unit in ("hour", "minute", "second"):
        # "Hours later, rescuers found survivors": anaphora (TEMPORAL.md) at day precision, so the
        # anchor's own day; a few hours may cross midnight, which the words do not say
        found = st.anchor(unit)
        if found is None:
            return "XXXX-XX-XX", None, "unresolved: no earlier date and no reference date", None
        return fmt(found[0], "day"), "day", f"anchor {found[2]}: some {unit}s from it, taken as its day", found[0]
    if g["n"] == "X":
        ref = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return ref, None, f"vague count: {ref}", None
    n = sign * int(float(g["n"]))
    if base == "LASTQ":
        return _lastq(unit, n, st)
    precision = {"weekend": "weekend", "hour": "day", "minute": "day", "second": "day",
                 "fortnight": "week", "millennium": "year"}.get(unit, unit)
    if base == "AGO" and unit in ("decade", "century", "millennium"):
        precision = "year"  # TEMPORAL.md: decades/centuries ago move by years
    precision = m.extra.get("at", precision)  # "this time last year": a year back, at the day
    if base in ("SHIFT", "ANCHOR"):
        found = st.anchor(unit)
        if found is None:
            return _x(precision, sub), None, "unresolved: no earlier date and no reference date", None
        day, aprec, desc = found
        if base == "SHIFT" and n != 0 and aprec != "ref" and _finer_or_equal(aprec, precision):
            precision = aprec  # "a year earlier" after "the third quarter" -> that quarter a year before
        new = shift(day, unit, n)
        how = f"anchor {desc} {'+' if n >= 0 else ''}{n} {unit}"
    elif base == "AGO" and unit == "year" and n == -1 and st.quarter and st.quarter.interval and precision == "year":
        # Convention (an exception to TEMPORAL.md's unit granularity, kept on purpose): "third-quarter
        # profit rose to $5 million from $3 million a year ago" compares with that quarter a year
        # before; that is how financial English reads, and TE3 agrees (tried: the year 1988 instead
        # of 1988-Q3 lost 13 value hits on TimeBank). Without a quarter in the text: the year.
        new = shift(st.quarter.interval.start, unit, n)
        precision = "quarter"
        how = f"financial comparison with {st.quarter.text!r} ({st.quarter.value}) {n:+d} year"
    else:
        if st.ref is None:
            return _x(precision, sub), None, "unresolved: relative expression and no reference date", None
        new = shift(st.ref, unit, n)
        how = f"reference date {st.ref} {'+' if n >= 0 else ''}{n} {unit}"
    if sub:
        if m.extra.get("year_by_tense") and m.tense:
            new, how = _year_by_tense(new, sub, m.tense, st.ref, how)
        return f"{new.year:04d}-{sub}", _sub_precision(sub), how, new
    if precision == "weekend":
        return fmt(new, "week") + "-WE", "week", how, new
    return fmt(new, precision), precision, how, new


def _year_by_tense(day: Date, sub: str, cue: str, ref: Date | None, how: str) -> tuple[Date, str]:
    """'announced a drop in profits for the fourth quarter' in January: a past cue cannot name a
    quarter that has not begun, so it is last year's. (Not the mirror rule for future cues: in
    earnings reports 'expected' and 'would' sit next to the quarter just ended; tried, it lost 10
    TimeBank values.)"""
    iv, _ = value_interval(f"{day.year:04d}-{sub}", None)
    if cue == "past" and iv is not None and ref is not None and iv.start > ref:
        return shift(day, "year", -1), how + "; past tense and that period has not begun: the year before"
    return day, how


def _sub_precision(sub: str) -> str:
    return {"Q": "quarter", "H": "half"}.get(sub[0], "season" if sub in SEASON_IDX else
                                              ("day" if len(sub) == 5 else "month"))


def _x(precision: str, sub: str | None) -> str:
    return f"XXXX-{sub}" if sub else _X_FORM.get(precision, "XXXX-XX-XX")


def _lastq(unit: str, n: int, st: _State) -> tuple[str, str | None, str, Date | None]:
    if st.quarter and st.quarter.interval:
        q = shift(st.quarter.interval.start, unit, n)
        return fmt(q, "quarter"), "quarter", f"quarter under discussion {st.quarter.value} {n:+d} {unit}", q
    if st.ref is None:
        return ("XXXX-QX" if unit == "quarter" else "XXXX"), None, "unresolved: no quarter and no reference date", None
    if unit == "quarter":  # earnings reports talk about the last completed quarter
        q = shift(st.ref, "quarter", n - 1)
        return fmt(q, "quarter"), "quarter", f"last full quarter before reference date {st.ref}", q
    y = shift(st.ref, unit, n)
    return fmt(y, "year"), "year", f"reference date {st.ref} {n:+d} {unit}", y


def _quarter_of_year(year: int, st: _State) -> tuple[str, str | None, str, Date | None]:
    """'the 1988 quarter': the quarter under discussion, in that year; with none, the year."""
    if st.quarter and st.quarter.interval:
        q = st.quarter.interval.start.replace(year=year)
        return fmt(q, "quarter"), "quarter", f"quarter under discussion {st.quarter.value} in {year}", q
    return f"{year:04d}", "year", "no quarter under discussion: the year", Date(year, 1, 1)


def _named(under: str, m: Mention, st: _State) -> tuple[str, str | None, str, Date | None]:
    g = _NAMED.match(under)
    if g is None:
        return "XXXX-XX-XX", None, f"unknown form {under}", None
    direction, kind, payload = g["dir"], g["kind"], g["payload"]
    if direction == "tense":
        direction = "next_or_same" if m.tense == "future" else "last_or_same"
    found = st.anchor("month") if kind == "dayofmonth" else None
    if found and found[1] != "ref":
        # "began on 8 March 2025. On the 10th, ...": the day of the month the text is talking about
        base, direction, desc = found[0], "this", found[2]
    elif direction in ("prev", "following"):
        found = st.anchor("day")
        base = found[0] if found else None
        direction = "last" if direction == "prev" else "next"
        desc = found[2] if found else ""
    else:
        base, desc = st.ref, f"reference date {st.ref}"
    if base is None:
        return _x_named(kind, payload), None, "unresolved: relative expression and no reference date", None
    day, precision = place(kind, payload, direction, base, past_cue=g["dir"] == "tense" and m.tense == "past")
    if day is None:
        return _x_named(kind, payload), None, f"no such date {payload}", None
    if kind == "weekend":
        return fmt(day, "weekend"), "week", f"{direction} weekend from {desc}", day
    if kind == "season":
        wi_year = day.year + 1 if day.month == 12 else day.year
        return f"{wi_year if payload == 'WI' else day.year:04d}-{payload}", "season", f"{direction} from {desc}", day
    how = f"{direction.replace('_', ' ')} {kind} from {desc}"
    if kind == "monthday" and (day > base if direction.startswith("last") else day < base):
        # places._plausible: the day the direction names is over 300 days away; news writes the year of
        # a day that far, so a bare day-month is the one near the reference date
        how += (f"; the {'most recent' if direction.startswith('last') else 'next'} one is over 300 days away,"
                " and news names the year of a day that far, so the one near it")
    return fmt(day, precision), precision, how, day


def _x_named(kind: str, payload: str) -> str:
    return {"month": f"XXXX-{payload}", "monthday": f"XXXX-{payload}", "weekday": f"XXXX-WXX-{payload}",
            "season": f"XXXX-{payload}", "weekend": "XXXX-WXX-WE", "dayofmonth": f"XXXX-XX-{payload}",
            "holidayweek": "XXXX-WXX"}.get(kind, "XXXX-XX-XX")
