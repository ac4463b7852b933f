"""The value types: Interval and Mention, plus TIMEX3 value <-> calendar arithmetic.

Everything here is pure and deterministic; nothing reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any

Date = dt.date

SEASON_MONTHS = {"WI": (12, 2), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}
PART_OF_MONTH = {"START": (1, 10), "MID": (11, 20), "END": (21, 31)}
PART_OF_YEAR = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}


@dataclass(frozen=True)
class Interval:
    """Calendar days covered, both ends inclusive."""

    start: Date
    end: Date

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, d: dict[str, str] | None) -> Interval | None:
        if d is None:
            return None
        return cls(Date.fromisoformat(d["start"]), Date.fromisoformat(d["end"]))


@dataclass
class Mention:
    """One temporal expression found in a text (see shared/TEMPORAL.md)."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    interval: Interval | None = None
    precision: str | None = None
    explain: str = ""
    rule: str = ""
    underspecified: str = ""
    # "past" / "future" / None: the tense cue read around the mention, kept so that
    # resolve() can work later without the text.
    tense: str | None = None
    # True when the value depends on the reference date or an earlier mention.
    anchor_dependent: bool = False
    # Type-specific extra: "quant" for durations ("a few" -> X), free-form notes.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # By hand, not dataclasses.asdict: its deep recursion was a tenth of bulk loading.
        d = {name: getattr(self, name) for name in _MENTION_FIELDS}
        d["interval"] = self.interval.to_dict() if self.interval else None
        d["extra"] = dict(self.extra)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["interval"] = Interval.from_dict(d.get("interval"))
        kw["extra"] = dict(d.get("extra") or {})
        return cls(**kw)


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


# ---------------------------------------------------------------- calendar arithmetic


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_interval(year: int, month: int) -> Interval:
    return Interval(Date(year, month, 1), Date(year, month, last_day(year, month)))


def year_interval(year: int) -> Interval:
    return Interval(Date(year, 1, 1), Date(year, 12, 31))


def months_interval(year: int, first: int, last: int) -> Interval:
    """Months first..last of year; a first month after the last wraps into the year before."""
    start_year = year - 1 if first > last else year
    return Interval(Date(start_year, first, 1), Date(year, last, last_day(year, last)))


def week_interval(year: int, week: int) -> Interval:
    monday = Date.fromisocalendar(year, week, 1)
    return Interval(monday, monday + dt.timedelta(days=6))


def add_months(d: Date, n: int) -> Date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return Date(y, m, min(d.day, last_day(y, m)))


def safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d?)(?P<we>-WE)?"
    r"|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
    r"|(?P<dec>\d{3})$|(?P<cen>\d\d)$"
)


def value_interval(value: str, mod: str | None = None) -> tuple[Interval | None, str | None]:
    """The days a fully specified TIMEX3 date value covers (narrowed by mod), and its precision.

    >>> value_interval("2025-01", "START")[0].to_dict()
    {'start': '2025-01-01', 'end': '2025-01-10'}
    """
    m = _VALUE.match(value)
    if not m:
        return None, None
    if m["dec"]:
        y = int(m["dec"]) * 10
        iv, prec = Interval(Date(y, 1, 1), Date(y + 9, 12, 31)), "decade"
    elif m["cen"]:
        y = int(m["cen"]) * 100
        iv, prec = Interval(Date(max(y, 1), 1, 1), Date(y + 99, 12, 31)), "century"
    else:
        y = int(m["y"])
        if y < 1:
            return None, None
        if m["d"]:
            d = safe_date(y, int(m["m"]), int(m["d"]))
            if d is None:
                return None, None
            return Interval(d, d), "time" if "T" in value else "day"
        if m["m"]:
            if not 1 <= int(m["m"]) <= 12:
                return None, None
            iv, prec = month_interval(y, int(m["m"])), "month"
        elif m["w"]:
            try:
                iv = week_interval(y, int(m["w"]))
            except ValueError:
                return None, None
            if m["we"]:
                return Interval(iv.start + dt.timedelta(days=5), iv.end), "week"
            prec = "week"
        elif m["q"]:
            q = int(m["q"])
            iv, prec = months_interval(y, 3 * q - 2, 3 * q), "quarter"
        elif m["h"]:
            h = int(m["h"])
            iv, prec = months_interval(y, 6 * h - 5, 6 * h), "half"
        elif m["s"]:
            iv, prec = months_interval(y, *SEASON_MONTHS[m["s"]]), "season"
        else:
            iv, prec = year_interval(y), "year"
    return narrow(iv, prec, mod), prec


def narrow(iv: Interval, precision: str, mod: str | None) -> Interval:
    """Applies START/MID/END to a month or a year (TEMPORAL.md 'Parts of')."""
    if mod not in PART_OF_MONTH:
        return iv
    if precision == "month":
        lo, hi = PART_OF_MONTH[mod]
        return Interval(iv.start.replace(day=lo), iv.end.replace(day=min(hi, iv.end.day)))
    if precision == "year":
        lo, hi = PART_OF_YEAR[mod]
        y = iv.start.year
        return Interval(Date(y, lo, 1), Date(y, hi, last_day(y, hi)))
    if precision == "decade":
        y = iv.start.year
        lo, hi = {"START": (0, 3), "MID": (4, 6), "END": (7, 9)}[mod]
        return Interval(Date(y + lo, 1, 1), Date(y + hi, 12, 31))
    return iv
