"""Where a named month, day-month, weekday, weekend, season or holiday falls: the occurrence
nearest a base date in a direction (last / next / last_or_same / next_or_same / this).

Used by resolve.py for the UNDEF-dir-kind-payload forms; pure calendar arithmetic.
"""

from __future__ import annotations

import datetime as dt

from timeline.temporal.timex import Date

SEASON_IDX = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
# direction -> (before base?, may it be base's own day?)
_WEEK_SIDE = {"last": (True, False), "last_or_same": (True, True), "next": (False, False),
              "next_or_same": (False, True)}


def _pick(candidates: list[Date], base: Date, direction: str) -> Date | None:
    ok = {"last": lambda d: d < base, "next": lambda d: d > base, "last_or_same": lambda d: d <= base,
          "next_or_same": lambda d: d >= base}.get(direction)
    if direction == "this":
        return min(candidates, key=lambda d: (abs((d - base).days), d))
    good = [d for d in candidates if ok and ok(d)]
    if not good:
        return None
    return max(good) if direction.startswith("last") else min(good)


def place(kind: str, payload: str, direction: str, base: Date, past_cue: bool = False) -> tuple[Date | None, str]:
    """The occurrence of a named month / day / weekday / season nearest base in direction
    (past_cue: the direction comes from a past tense cue, not from the absence of one)."""
    if kind == "weekday":
        wd = int(payload)
        if 1 < base.year < 9999 and direction in _WEEK_SIDE:  # what _pick finds, without the candidates
            ahead = wd - 1 - base.weekday()  # that day of base's week: -6 .. 6 days from base
            before, same = _WEEK_SIDE[direction]
            if not (ahead < 0 if before else ahead > 0) and not (ahead == 0 and same):
                ahead += -7 if before else 7
            return base + dt.timedelta(days=ahead), "day"
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
        return _plausible(_pick(cands, base, direction), cands, base, past_cue), "day"
    if kind == "dayofmonth":  # 'the 4th': in the month of base or one next to it
        d = int(payload)
        this_month = base.replace(day=1)
        firsts = ((this_month - dt.timedelta(days=1)).replace(day=1), this_month,
                  (this_month + dt.timedelta(days=31)).replace(day=1))
        cands = [c for c in (_safe(f.year, f.month, d) for f in firsts) if c]
        if direction == "this":
            return _safe(base.year, base.month, d), "day"
        return _pick(cands, base, direction), "day"
    if kind in ("holiday", "holidayweek"):
        cands = [c for c in (holiday_date(payload, y) for y in years) if c]
        if kind == "holidayweek":  # "Easter week" has begun once its Monday is past
            cands = [c - dt.timedelta(days=c.weekday()) for c in cands]
        if direction == "this":
            return holiday_date(payload, base.year), "day" if kind == "holiday" else "week"
        return _pick(cands, base, direction), "day" if kind == "holiday" else "week"
    if kind == "season":
        idx = SEASON_IDX[payload]
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


def _plausible(day: Date | None, cands: list[Date], base: Date, past_cue: bool) -> Date | None:
    """A tense cue read from the wrong clause can send "Aug. 7" a year away; a day-month within two
    weeks of the reference date on the other side is then the likelier reading. A past cue is often
    the verb that governs a later act ('has invited them to a ceremony on March 12', 'subpoenaed him
    to testify on Feb. 10', written weeks before): against it, a day up to two months ahead is the
    likelier one (news names the year of a day that far back). TE3: no bare day-month in either set
    lies more than 300 days back except a year-ago quarter's end; three lie 24-38 days ahead behind
    a past cue. With no cue, TEMPORAL.md's most recent day stands."""
    if day is None or abs((day - base).days) <= 300:
        return day
    near = [c for c in cands if -14 <= (c - base).days <= (60 if past_cue and day < base else 14)]
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
