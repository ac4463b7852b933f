"""Builders: a regex match -> one or more Tags (span + type + underspecified value).

A builder never looks at a reference date: it only writes down what the words say, in
the HeidelTime style ("UNDEF-REF-day-MINUS-1"); resolve.py later fills it in.

Underspecified forms (see resolve.py for their meaning):
  absolute TIMEX3 value         "2025-01-11", "1998-Q3", "199", "P3Y", "PRESENT_REF"
  UNDEF-REF-unit-SIGN-n         the reference period shifted n calendar units (this/last/next)
  UNDEF-AGO-unit-SIGN-n         the reference date moved n units ("three years ago", "in 2 weeks")
  UNDEF-ANCHOR-unit-SIGN-n      the last date mentioned moved n units ("two days later")
  UNDEF-dir-kind-payload        a named month / day / weekday / season / quarter, placed by
                                dir: tense | last | next | this | prev | following
  UNDEF-LASTQ-unit-SIGN-n       the quarter last talked about ("the quarter", "a year-earlier quarter")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from timeline.temporal import lexicon as lx

APPROX_MODS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
               "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
               "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
               "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
               "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
               "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN"}
UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
             "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
             "weekend": "WE", "fortnight": "W"}
UNIT_YEARS = {"decade": 10, "century": 100, "millennium": 1000}


@dataclass
class Tag:
    """What a rule found: the span (relative to the match unless given), type and form."""

    type: str
    under: str
    mod: str | None = None
    start: int | None = None
    end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def approx_mod(word: str | None) -> str | None:
    return APPROX_MODS.get(norm(word)) if word else None


def part_mod(word: str | None) -> str | None:
    """'early' / 'the end of' / 'mid-' -> START / END / MID."""
    w = norm(word).rstrip("- ")
    return lx.PARTS.get(w) if w else None


def year_number(s: str) -> int | None:
    """'1998' / "'98" / 'nineteen ninety-six' / 'two thousand' -> 1998 ..."""
    w = norm(s).replace("-", " ")
    if w.startswith("'") or w.startswith("’"):
        y = int(w[1:])
        return 1900 + y if y >= 30 else 2000 + y
    if w.isdigit():
        return int(w)
    if w.startswith("the year "):
        w = w[9:]
    if w in ("two thousand", "the year two thousand"):
        return 2000
    if w.startswith("two thousand and ") or w.startswith("two thousand "):
        rest = lx.number_value(w.split(" ", 2)[2].replace("and ", ""))
        return 2000 + rest if rest is not None and rest < 100 else None
    parts = w.split()
    if len(parts) >= 2 and parts[0] in lx.ONES and 10 <= lx.ONES[parts[0]] <= 20:
        rest = lx.number_value(" ".join(parts[1:]))
        if rest is not None and rest < 100:
            return lx.ONES[parts[0]] * 100 + rest
    return None


def quantity(word: str | None) -> str:
    """'three' -> '3', '2 1/2' -> '2.5', 'a few' -> 'X'."""
    w = norm(word)
    if not w:
        return "1"
    if "1/2" in w or "a half" in w or "½" in w:
        base = lx.number_value(w.replace("1/2", "").replace("and a half", "").replace("½", "").strip())
        return str((base or 0) + 0.5)
    n = lx.number_value(w)
    return "X" if n is None else str(n)


def duration_value(n: str, unit: str) -> str:
    """('3', 'year') -> 'P3Y'; ('2.5', 'hour') -> 'PT2H30M'; ('X', 'day') -> 'PXD'."""
    unit = lx.unit_name(unit)
    if unit in UNIT_YEARS:
        if n == "X":
            return "PX" + {"decade": "E", "century": "C", "millennium": "L"}[unit]
        return f"P{_num(float(n) * UNIT_YEARS[unit])}Y"
    if unit == "fortnight":
        return "PXW" if n == "X" else f"P{_num(float(n) * 2)}W"
    if unit == "weekend":
        return "P2D" if n in ("1", "X") else f"P{_num(float(n) * 2)}D"
    code = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
            "quarter": "Q", "year": "Y"}[unit]
    t = "T" if unit in lx.TIME_UNITS else ""
    if n == "X":
        return f"P{t}X{code}"
    f = float(n)
    if f != int(f):
        # half a unit in the next smaller one: '2 1/2 years' -> P2Y6M, '1 1/2 days' -> P1DT12H
        sub = {"year": (6, "M", ""), "day": (12, "H", "T"), "hour": (30, "M", ""), "minute": (30, "S", "")}.get(unit)
        if sub:
            return f"P{t}{int(f)}{code}{sub[2]}{sub[0]}{sub[1]}"
    return f"P{t}{_num(f)}{code}"


def _num(f: float) -> str:
    return str(int(f)) if f == int(f) else str(f)


def shift_form(base: str, unit: str, sign: int, n: str) -> str:
    return f"UNDEF-{base}-{lx.unit_name(unit)}-{'PLUS' if sign >= 0 else 'MINUS'}-{n}"


_TIME = re.compile(r"(?P<h>\d{1,2})(?:[:.]?(?P<mi>\d\d))?\s*(?P<ap>[ap])?", re.IGNORECASE)  # '0600': 06:00


def clock(text: str) -> str | None:
    """'3 p.m.' -> 'T15:00', '15:30' -> 'T15:30', 'noon' -> 'T12:00', 'morning' -> 'TMO'."""
    w = norm(text)
    if w in ("noon", "midday"):
        return "T12:00"
    if w == "midnight":
        return "T24:00"
    for word, code in lx.DAY_PARTS.items():
        if w.endswith(word):
            return "T" + code
    m = _TIME.match(w)
    if not m:
        return None
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (m["ap"] or "").lower()
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return f"T{h:02d}:{mi:02d}"


FRAGMENTS = {
    "MONTH": lx.MONTH_RE, "WD": lx.WEEKDAY_PREFIX_RE, "NUM": lx.NUM_RE, "VAGUE": lx.VAGUE_RE,
    "UNIT": lx.UNIT_RE, "SEASON": lx.SEASON_RE, "ORD": lx.ORDINAL_RE, "DAYPART": lx.DAYPART_RE,
    "APPROX": lx.APPROX_RE, "PART": lx.PART_RE, "YEAR": lx.YEAR_RE, "SPELLED": lx.SPELLED_YEAR_RE,
    "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?", "CLOCK": lx.CLOCK_RE, "TZ": lx.TZ_RE,
    "RELW": lx.REL_RE,
    "WDFULL": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    "UNITS": r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)",
}


@dataclass(frozen=True)
class Rule:
    """A rule record: its name, its pattern (with {FRAGMENTS}), its builder, its examples.

    Examples are (text, expected value of the first mention) at rules.EXAMPLE_REF."""

    name: str
    pattern: str
    build: Callable[[re.Match[str]], Tag | list[Tag] | None]
    examples: tuple[tuple[str, str], ...] = ()

    def compile(self) -> re.Pattern[str]:
        expanded = re.sub(r"\{([A-Z]+)\}", lambda f: FRAGMENTS[f[1]], self.pattern)
        return re.compile(expanded, re.IGNORECASE)

    def compile_lower(self) -> re.Pattern[str]:
        """The pattern for lexicon.lower_exact(text): lowercase, without IGNORECASE (much faster)."""
        return lx.lower_pattern(self.compile().pattern)
