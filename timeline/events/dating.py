"""Which dates an event gets from the temporal mentions of its own clause (shared/TEMPORAL.md,
"An event's dates"). Nothing here reads the clock; the reference date is only ever `reported`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from timeline.events.model import Dating


class Interval(Protocol):
    start: dt.date
    end: dt.date


class MentionLike(Protocol):
    """What the extractor reads from timeline.temporal.Mention."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None
    interval: Interval | None
    precision: str | None


@dataclass(frozen=True)
class Dated:
    dating: Dating | None
    explain: str


_UNDATED = Dated(None, "no date in its clause (the reference date is never borrowed)")
# "for the first time since 2019", "its worst day since the 1987 crash": a landmark, not the event's date.
_LANDMARK = re.compile(r"(?:first time|\b\w+est\b[^.,;]{0,40}?)\s+since\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b[^,;.:!?]*$", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:and|to|through|until|till|-|–)\s*$")
# "last week's earthquake, which killed ...": the date in a possessive is the noun's date, and a relative
# clause right after the noun phrase (a short head, perhaps "on a market in Kharkiv") tells of that noun
_POSSESSIVE_HEAD = re.compile(r"['’]s(?:\s+[\w-]+){1,3}"
                              r"(?:\s+(?:in|on|at|near|against|outside|across)(?:\s+[\w-]+){1,3}){0,2}\s*,?\s*$")
_PRECISION = ("time", "day", "week", "month", "season", "quarter", "year", "decade", "century")


def _since(text: str, start: int) -> bool:
    """"since March", or a "since" clause holding the date ("has killed 130 people since it made landfall
    on Thursday"): the event runs from that date on."""
    window = text[max(0, start - 70):start]
    return "since" in window.lower() and _SINCE.search(window) is not None


def _landmark(text: str, start: int) -> bool:
    window = max(0, start - 60)
    # most dates have no "since" before them: a substring test spares the regex
    return "since" in text[window:start].lower() and _LANDMARK.search(text, window, start) is not None


def possessive(text: str, mentions: list[MentionLike], at: int) -> int | None:
    """The mention whose possessive heads the noun phrase that a relative clause opening at `at` follows
    ("Monday's attack, which wounded 12": 'Monday')."""
    m = _POSSESSIVE_HEAD.search(text, max(0, at - 90), at)
    if m is None:
        return None
    return next((i for i, x in enumerate(mentions) if x.end == m.start() and x.type in ("DATE", "TIME")), None)


def _choose(text: str, placed: list[MentionLike]) -> list[MentionLike]:
    """One date for the event: a range written as two mentions ("between 6 and 9 June") is kept whole;
    otherwise the finest calendar date (a DATE before a clock TIME, a day before the year of a modifier
    like "the 2020 election"), the first such in the text."""
    if len(placed) == 1:
        return placed
    for a, b in zip(placed, placed[1:], strict=False):
        if _RANGE.fullmatch(text[a.end:b.start]):
            return [a, b]
    def fineness(m: MentionLike) -> tuple[int, int, int]:
        p = m.precision if m.precision in _PRECISION else "century"
        return (m.type != "DATE", _PRECISION.index(p), m.start)
    return [min(placed, key=fineness)]


def _describe(m: MentionLike) -> str:
    return f"'{m.text}' ({m.value}{', ' + m.mod if m.mod else ''})"


def occurred(text: str, mentions: list[MentionLike], indexes: list[int], reference_date: dt.date | None) -> Dated:
    """The hull of the clause's placed DATE/TIME mentions (and spans ending now); "since X" runs from X."""
    if not indexes:
        return _UNDATED
    placed: list[MentionLike] = []
    notes: list[str] = []
    for i in indexes:
        m = mentions[i]
        if m.type == "SET":
            notes.append(f"{_describe(m)} is a recurrence, not a date")
        elif m.interval is None and m.type == "DURATION":
            notes.append(f"{_describe(m)} says how long, not when")
        elif m.interval is None:
            reason = "no reference date to place it" if reference_date is None else "it could not be placed"
            notes.append(f"dated by {_describe(m)} but {reason}")
        else:
            placed.append(m)
    placed = [m for m in placed if not _landmark(text, m.start)]
    if not placed:
        return Dated(None, "; ".join(notes)) if notes else _UNDATED
    placed = _choose(text, placed)
    start = min(m.interval.start for m in placed)
    end = max(m.interval.end for m in placed)
    precision = placed[0].precision or "day"
    first = placed[0]
    since = _since(text, first.start)
    if since and len(placed) == 1:
        if reference_date is not None and reference_date >= first.interval.start:
            return Dated(Dating(start, reference_date, precision),
                         f"since {_describe(first)}: from its start to the reference date {reference_date}")
        return Dated(Dating(start, end, precision), f"since {_describe(first)}: began then, end unknown")
    shown = " + ".join(f"{_describe(m)} -> {m.interval.start}..{m.interval.end}" for m in placed)
    return Dated(Dating(start, end, precision), f"dated by {shown}" + ("; " + "; ".join(notes) if notes else ""))


def reported(statement: Dated | None, reference_date: dt.date | None) -> Dated:
    """The statement's own date, else the reference date (a day), else unknown."""
    if statement is not None and statement.dating is not None:
        return Dated(statement.dating, f"the statement's own date: {statement.explain}")
    if reference_date is not None:
        return Dated(Dating(reference_date, reference_date, "day"), f"the excerpt's reference date {reference_date}")
    return Dated(None, "no statement date and no reference date")
