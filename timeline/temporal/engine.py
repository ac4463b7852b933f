"""Minimal first engine (interface placeholder; replaced by rules + resolver)."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.timex import Interval, Mention, value_interval

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2}) (?P<m1>[A-Z][a-z]+),? (?P<y1>\d{4})|(?P<m2>[A-Z][a-z]+)\.? (?P<d2>\d{1,2}), (?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d\d-\d\d)|(?P<deic>yesterday|today|tomorrow))\b", re.IGNORECASE)
_SHIFT = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _month(word: str) -> int | None:
    word = word.lower()
    return next((n for name, n in _MONTHS.items() if name.startswith(word) and len(word) >= 3), None)


def extract(text: str, reference_date: dt.date | None = None) -> list[Mention]:
    out = []
    for m in _DATE.finditer(text):
        if m["deic"]:
            k = m["deic"].lower()
            under = f"UNDEF-REF-day-{'PLUS' if _SHIFT[k] >= 0 else 'MINUS'}-{abs(_SHIFT[k])}"
            out.append(Mention(m.group(), m.start(), m.end(), "DATE", "XXXX-XX-XX", rule="deictic_day",
                               underspecified=under, anchor_dependent=True))
            continue
        if m["iso"]:
            value = m["iso"]
        else:
            mon = _month(m["m1"] or m["m2"])
            if mon is None:
                continue
            value = f"{m['y1'] or m['y2']}-{mon:02d}-{int(m['d1'] or m['d2']):02d}"
        out.append(Mention(m.group(), m.start(), m.end(), "DATE", value, rule="explicit_date", underspecified=value))
    return resolve(out, reference_date)


def resolve(mentions: list[Mention], reference_date: dt.date | None) -> list[Mention]:
    for m in mentions:
        if m.underspecified.startswith("UNDEF-REF-day"):
            if reference_date is None:
                m.value, m.interval, m.explain = "XXXX-XX-XX", None, "no reference date"
                continue
            sign, n = m.underspecified.split("-")[3:]
            d = reference_date + dt.timedelta(days=int(n) * (1 if sign == "PLUS" else -1))
            m.value, m.interval, m.precision = d.isoformat(), Interval(d, d), "day"
            m.explain = f"{m.rule}: reference date {reference_date} {sign} {n} day"
        else:
            m.interval, m.precision = value_interval(m.value)
            m.explain = f"{m.rule}: absolute"
    return mentions
