"""Anchored phrases: "Russia's three-year war with Ukraine", "the Kursk incursion" -> clues.

The reference events live in anchors.json, one row per phrase family, each citing the source
of its date. This module only reads the rows and applies them; see that file's "about".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from timeline.dating.clues import Clue, Span
from timeline.temporal.lexicon import ONES, ORDINALS
from timeline.temporal.tense import sentence_bounds
from timeline.temporal.timex import add_months

ANCHORS = Path(__file__).with_name("anchors.json")

_CARDINALS = {w: n for w, n in ONES.items()
              if 1 <= n <= 19 and " " not in w and w not in ("a", "an", "single", "couple")}
_CARDINALS["decade"] = 10
_ORDS = {w: n for w, n in ORDINALS.items() if n > 0}
_NUM = r"(?P<n>\d{1,2}|" + "|".join(sorted(_CARDINALS, key=len, reverse=True)) + ")"
_ORD = r"(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDS, key=len, reverse=True)) + ")"
# "nearly three-year war": the anniversary is still ahead; "more than ...": it has passed.
_BEFORE_POINT = re.compile(r"\b(?:nearly|almost|close\s+to|approaching|not\s+quite)\s+$", re.IGNORECASE)
_AFTER_POINT = re.compile(r"\b(?:more\s+than|over|at\s+least|over\s+a|longer\s+than)\s+$", re.IGNORECASE)
# A title said of someone out of office ("former French President ...", "the late Pope ...") is
# not a title held at the time of writing: `during` rows skip it, whatever the country adjective.
_OUT_OF_OFFICE = re.compile(r"\b(?i:former|then|ex|late|onetime|erstwhile|ousted|toppled|deposed|overthrown|fallen)"
                            r"[- ](?:[A-Z][\w.'’-]*\s+){0,2}$")
# The news of a term's end (a death, a flight, a resignation) is written in the days after it
# with the title still on: a closed `during` span ends this much later.
END_GRACE = timedelta(days=7)
# A recent row's fact is news unless the words next to it look back on it ("since the Kursk
# incursion", "the anniversary of the earthquake", "the earthquake two years ago").
_BACK_LEFT = re.compile(r"\b(?:since|anniversary\s+of|aftermath\s+of|wake\s+of|survivors\s+of|rebuilding\s+after|"
                        r"(?:years?|months?)\s+(?:after|since))\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_BACK_RIGHT = re.compile(r"^[\s,]+(?:\w+\s+){0,3}(?:years?|months?)\s+(?:ago|on|later)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    id: str
    fact: str
    date: date
    source: str
    patterns: tuple[re.Pattern[str], ...]
    context: tuple[str, ...]
    kind: str
    row: dict[str, Any]

    def spans(self, n: int | None, left: str) -> list[Span] | None:
        """The dates this anchor allows, given the number n read from the phrase."""
        if self.kind == "after":
            return [(self.date, None)]
        if self.kind == "during":
            return [(date.fromisoformat(lo), date.fromisoformat(hi) + END_GRACE if hi else None)
                    for lo, hi in self.row["spans"]]
        lo_n, hi_n = self.row.get("n_range", [1, 99])
        if n is None or not lo_n <= n <= hi_n:
            return None
        point = self._point(n)
        before, after = self.row["window"]
        lo, hi = add_months(point, before), add_months(point, after) - timedelta(days=1)
        if _BEFORE_POINT.search(left):
            hi = point
        elif _AFTER_POINT.search(left):
            lo = point
        return [(lo, max(lo, hi))]

    def _point(self, n: int) -> date:
        months = (n + self.row.get("offset", 0)) * (12 if self.row["unit"] == "year" else 1)
        return add_months(self.date, months)

    def reason(self, n: int | None) -> str:
        cite = f"{self.fact} (source: {self.source})"
        if self.kind == "after":
            return f"refers to a fact that began on {self.date.isoformat()}: written on or after it. {cite}"
        if self.kind == "during":
            return f"uses a title or phrase current only in these spans. {cite}"
        before, after = self.row["window"]
        offset = self.row.get("offset", 0)
        count = f"{n}{offset:+d}" if offset else f"{n}"
        return (f"{count} {self.row['unit']}(s) after {self.date.isoformat()} is {self._point(n or 0).isoformat()}: "
                f"written from {-before} months "
                f"before to {after} months after it (narrowed by 'nearly' / 'more than'). {cite}")


def _number(word: str) -> int | None:
    w = word.lower()
    if w[0].isdigit():
        return int(re.match(r"\d+", w).group())  # type: ignore[union-attr]
    return _CARDINALS.get(w, _ORDS.get(w))


@cache
def load(path: Path = ANCHORS) -> tuple[Anchor, ...]:
    rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    return tuple(Anchor(
        id=r["id"], fact=r["fact"], date=date.fromisoformat(r["date"]), source=r["source"],
        patterns=tuple(re.compile(p.replace("{NUM}", _NUM).replace("{ORD}", _ORD), re.IGNORECASE)
                       for p in r["patterns"]),
        context=tuple(c.lower() for c in r["context"]), kind=r["kind"], row=r) for r in rows)


def covers_until(path: Path = ANCHORS) -> date:
    """The table holds facts up to this date (texts without a recent clue are dated before it + horizon)."""
    return date.fromisoformat(json.loads(path.read_text(encoding="utf-8"))["covers_until"])


def clues(text: str, anchors: tuple[Anchor, ...] | None = None) -> list[Clue]:
    """One clue per anchor row that matches (its first match), in text order."""
    low = text.lower()
    out = []
    for a in anchors if anchors is not None else load():
        if not any(c in low for c in a.context):
            continue
        for m in (m for p in a.patterns for m in p.finditer(text)):
            n = _number(m["n"]) if "n" in m.re.groupindex and m["n"] else (10 if "decade" in m[0].lower() else None)
            spans = a.spans(n, text[max(0, m.start() - 20):m.start()])
            if spans is None or (a.kind == "during" and _OUT_OF_OFFICE.search(text, max(0, m.start() - 40), m.start())):
                continue
            s, e = sentence_bounds(text, m.start(), m.end())
            news = a.row.get("recent") and not (_BACK_LEFT.search(text[max(s, m.start() - 40):m.start()])
                                                 or _BACK_RIGHT.match(text[m.end():e]))
            out.append(Clue("anchor", m[0], m.start(), m.end(), spans, a.reason(n) + ("" if news or not a.row.get(
                "recent") else " The sentence looks back on it: no recency."),
                            recent_from=a.date if news else None, extra={"anchor": a.id}))
            break
    return sorted(out, key=lambda c: c.start)
