"""Underspecified value + anchor -> TIMEX3 value + interval (the second HeidelTime step).

Works on Mention fields only (underspecified, mod, tense, extra), never on the text, so
stored mentions can be resolved again when a reference date arrives later. Never the clock.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.timex import Date, Interval, Mention, add_months, value_interval

_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200,
               "millennium": 12000}
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}
_PRECISION_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
_X_FORM = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
           "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX", "decade": "XXX", "century": "XX",
           "millennium": "X", "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX", "second": "XXXX-XX-XX"}
# "third-quarter profit rose ... from $5 a year ago": once a text talks about a quarter,
# "a year ago" compares with that quarter a year before (TE3 / financial news practice).
_SEASON_IDX = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_SHIFT = re.compile(r"UNDEF-(?P<base>REF|AGO|SHIFT|ANCHOR|LASTQ)-(?P<unit>[a-z]+)-(?P<sign>PLUS|MINUS)-"
                    r"(?P<n>[\dX.]+)(?:@(?P<sub>.+))?$")
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

    def anchor(self, unit: str) -> tuple[Date, str, str] | None:
        """(day, precision, description) of the latest date fine enough for unit, else the reference."""
        need = "day" if unit in ("day", "hour", "minute", "second") else unit
        for m in reversed(self.dates):
            if m.interval and m.precision and _finer_or_equal(m.precision, need):
                return m.interval.start, m.precision, f"earlier mention {m.text!r} ({m.value})"
        if self.ref:
            return self.ref, "ref", f"reference date {self.ref}"
        return None


def resolve(mentions: list[Mention], reference_date: Date | None) -> list[Mention]:
    """Fills value / interval / precision / explain of each mention, in text order."""
    state = _State(reference_date)
    for m in mentions:
        _resolve_one(m, state)
        if m.extra.get("week_of") and m.interval and m.precision == "day":
            m.value = fmt(m.interval.start, "week")
            m.interval, m.precision = value_interval(m.value, m.mod)
            m.explain += "; the ISO week holding that day"
        if m.type in ("DATE", "TIME") and m.interval is not None and not _comparison(m):
            state.dates.append(m)
            if m.precision == "quarter":
                state.quarter = m
    return mentions


def _comparison(m: Mention) -> bool:
    """'a year earlier', 'the year-ago quarter': a comparison point, not where the story is."""
    return m.underspecified.startswith(("UNDEF-SHIFT-", "UNDEF-LASTQ-year", "UNDEF-AGO-",
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


def _clip(iv: Interval, ref: Date, clip: str) -> Interval:
    if not iv.start <= ref <= iv.end:
        return iv
    return Interval(iv.start, ref) if clip == "before" else Interval(ref, iv.end)


def _shift(under: str, m: Mention, st: _State) -> tuple[str, str | None, str, Date | None]:
    g = _SHIFT.match(under)
    assert g is not None
    base, unit, sub = g["base"], g["unit"], g["sub"]
    sign = 1 if g["sign"] == "PLUS" else -1
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
    if base in ("SHIFT", "ANCHOR"):
        found = st.anchor(unit)
        if found is None:
            return _x(precision, sub), None, "unresolved: no earlier date and no reference date", None
        day, aprec, desc = found
        if base == "SHIFT" and n != 0 and aprec != "ref" and _finer_or_equal(aprec, precision):
            precision = aprec  # "a year earlier" after "the third quarter" -> that quarter a year before
        new = shift(day, unit, n)
        how = f"anchor {desc} {'+' if n >= 0 else ''}{n} {unit}"
    elif base == "AGO" and unit == "year" and n == -1 and st.quarter and st.quarter.interval:
        new = shift(st.quarter.interval.start, unit, n)
        precision = "quarter"
        how = f"financial comparison with {st.quarter.text!r} ({st.quarter.value}) {n:+d} year"
    else:
        if st.ref is None:
            return _x(precision, sub), None, "unresolved: relative expression and no reference date", None
        new = shift(st.ref, unit, n)
        how = f"reference date {st.ref} {'+' if n >= 0 else ''}{n} {unit}"
    if sub:
        return f"{new.year:04d}-{sub}", _sub_precision(sub), how, new
    if precision == "weekend":
        return fmt(new, "week") + "-WE", "week", how, new
    return fmt(new, precision), precision, how, new


def _sub_precision(sub: str) -> str:
    return {"Q": "quarter", "H": "half"}.get(sub[0], "season" if sub in _SEASON_IDX else
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


def _named(under: str, m: Mention, st: _State) -> tuple[str, str | None, str, Date | None]:
    g = _NAMED.match(under)
    if g is None:
        return "XXXX-XX-XX", None, f"unknown form {under}", None
    direction, kind, payload = g["dir"], g["kind"], g["payload"]
    if direction == "tense":
        direction = "next_or_same" if m.tense == "future" else "last_or_same"
    if direction in ("prev", "following"):
        found = st.anchor("day")
        base = found[0] if found else None
        direction = "last" if direction == "prev" else "next"
        desc = found[2] if found else ""
    else:
        base, desc = st.ref, f"reference date {st.ref}"
    if base is None:
        return _x_named(kind, payload), None, "unresolved: relative expression and no reference date", None
    day, precision = _place(kind, payload, direction, base)
    if day is None:
        return _x_named(kind, payload), None, f"no such date {payload}", None
    if kind == "weekend":
        return fmt(day, "weekend"), "week", f"{direction} weekend from {desc}", day
    if kind == "season":
        wi_year = day.year + 1 if day.month == 12 else day.year
        return f"{wi_year if payload == 'WI' else day.year:04d}-{payload}", "season", f"{direction} from {desc}", day
    return fmt(day, precision), precision, f"{direction.replace('_', ' ')} {kind} from {desc}", day


def _x_named(kind: str, payload: str) -> str:
    return {"month": f"XXXX-{payload}", "monthday": f"XXXX-{payload}", "weekday": f"XXXX-WXX-{payload}",
            "season": f"XXXX-{payload}", "weekend": "XXXX-WXX-WE", "holidayweek": "XXXX-WXX"}.get(
                kind, "XXXX-XX-XX")


def _pick(candidates: list[Date], base: Date, direction: str) -> Date | None:
    ok = {"last": lambda d: d < base, "next": lambda d: d > base, "last_or_same": lambda d: d <= base,
          "next_or_same": lambda d: d >= base}.get(direction)
    if direction == "this":
        return min(candidates, key=lambda d: (abs((d - base).days), d))
    good = [d for d in candidates if ok and ok(d)]
    if not good:
        return None
    return max(good) if direction.startswith("last") else min(good)


def _place(kind: str, payload: str, direction: str, base: Date) -> tuple[Date | None, str]:
    """The occurrence of a named month / day / weekday / season nearest base in direction."""
    if kind == "weekday":
        wd = int(payload)
        monday = base - dt.timedelta(days=base.weekday())
        cands = [monday + dt.timedelta(days=wd - 1 + 7 * k) for k in (-2, -1, 0, 1, 2)]
        if direction == "this":
            return monday + dt.timedelta(days=wd - 1), "day"
        return _pick(cands, base, direction), "day"
    if kind == "weekend":
        sat = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=5)
        cands = [sat + dt.timedelta(days=7 * k) for k in (-2, -1, 0, 1)]
        # a Sunday reference date is inside its weekend: compare with the weekend's Sunday
        return _pick([c + dt.timedelta(days=1) for c in cands], base, direction), "week"
    years = (base.year - 1, base.year, base.year + 1)
    if kind == "month":
        mon = int(payload)
        this_month = base.replace(day=1)
        cands = [Date(y, mon, 1) for y in years]
        if direction == "this":
            return Date(base.year, mon, 1), "month"
        return _pick(cands, this_month, direction), "month"
    if kind == "monthday":
        mon, d = (int(x) for x in payload.split("-"))
        cands = [c for c in (_safe(y, mon, d) for y in years) if c]
        if direction == "this":
            return _safe(base.year, mon, d), "day"
        return _plausible(_pick(cands, base, direction), cands, base), "day"
    if kind in ("holiday", "holidayweek"):
        cands = [c for c in (holiday_date(payload, y) for y in years) if c]
        if direction == "this":
            return holiday_date(payload, base.year), "day" if kind == "holiday" else "week"
        return _pick(cands, base, direction), "day" if kind == "holiday" else "week"
    if kind == "season":
        idx = _SEASON_IDX[payload]
        cur = _season_index(base)
        cands = [(base.year + k) * 4 + idx for k in (-1, 0, 1, 2)]
        if direction == "this":
            pick = (base.year + (1 if base.month == 12 and idx == 0 else 0)) * 4 + idx
        else:
            ok = {"last": lambda i: i < cur, "next": lambda i: i > cur, "last_or_same": lambda i: i <= cur,
                  "next_or_same": lambda i: i >= cur}[direction]
            good = [c for c in cands if ok(c)]
            pick = (max(good) if direction.startswith("last") else min(good))
        y, i = divmod(pick, 4)
        start_month = (12, 3, 6, 9)[i]
        return Date(y - 1 if i == 0 else y, start_month, 1), "season"
    return None, "day"


_FIXED = {"CHRISTMAS": (12, 25), "CHRISTMAS_EVE": (12, 24), "NEW_YEAR_S": (1, 1), "NEW_YEAR_S_EVE": (12, 31),
          "INDEPENDENCE": (7, 4), "HALLOWEEN": (10, 31), "VALENTINE_S": (2, 14), "VETERANS": (11, 11),
          "BOXING": (12, 26), "ST_PATRICK_S": (3, 17)}


def holiday_date(name: str, year: int) -> Date | None:
    """US / western holidays of a year (Easter by the anonymous Gregorian computus)."""
    if name in _FIXED:
        return Date(year, *_FIXED[name])
    if name == "THANKSGIVING":  # fourth Thursday of November
        first = Date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "LABOR":  # first Monday of September
        first = Date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if name == "MEMORIAL":  # last Monday of May
        last = Date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if name == "ELECTION":  # the Tuesday after the first Monday of November
        first = Date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    if name == "EASTER":
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l_) // 451
        month, day = divmod(h + l_ - 7 * m + 114, 31)
        return Date(year, month, day + 1)
    return None


def _plausible(day: Date | None, cands: list[Date], base: Date) -> Date | None:
    """A tense cue read from the wrong clause can send "Aug. 7" a year away; a day-month
    within two weeks of the reference date on the other side is then the likelier reading."""
    if day is None or abs((day - base).days) <= 300:
        return day
    near = [c for c in cands if abs((c - base).days) <= 14]
    return near[0] if near else day


def _season_index(d: Date) -> int:
    if d.month == 12:
        return (d.year + 1) * 4
    return d.year * 4 + (0 if d.month <= 2 else 1 if d.month <= 5 else 2 if d.month <= 8 else 3)


def _safe(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None
