"""estimate(): when was an undated text written? An interval, its evidence, a confidence.

Clues (mentions.py, anchors.py, refine.py, elapsed.py, offices.py) each allow a union of day spans. They are
intersected in text order; a clue that would leave nothing is set aside as a conflict, and the
interval is then widened just enough to reach it (confidence drops to low). An end left open
is closed by the recency horizon: news is written within HORIZON of the latest date it
reports as news (a recent clue's recent_from); when no clue is news of the day, within
HORIZON of the anchor table's covers_until. The same horizon caps a closed end that lies
further away (a title held until 2029), and a near date announced for the future ("will open
on 26 July 2024") puts the start at most HORIZON before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from timeline.dating import anchors, elapsed, offices, refine
from timeline.dating import mentions as mention_clues
from timeline.dating.clues import Clue, Span, hull, intersect, nearest
from timeline.temporal import Mention, extract

HORIZON = timedelta(days=365)
COVERS_UNTIL = anchors.covers_until()
HIGH_WIDTH = 45  # days: narrower than this, with no horizon and no conflict, is "high"
MEDIUM_WIDTH = 400


@dataclass
class Estimate:
    start: date
    end: date
    evidence: list[dict[str, Any]]
    confidence: str  # "low" | "medium" | "high"

    @property
    def width_days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {"estimate": {"start": self.start.isoformat(), "end": self.end.isoformat()},
                "confidence": self.confidence, "evidence": self.evidence}


def estimate(text: str, mentions: list[Mention] | None = None) -> Estimate | None:
    """The interval the text was most likely written in, or None when nothing in it bounds the date.

    >>> e = estimate("Ukrainian troops captured two North Korean soldiers in Kursk, Zelensky said on 11 January 2025.")
    >>> e.start.isoformat(), e.confidence
    ('2025-01-11', 'medium')
    """
    ms = extract(text, None) if mentions is None else mentions
    anchor_clues = anchors.clues(text)
    placed = refine.clues(text, ms, anchor_clues)
    spans = {(c.start, c.end) for c in placed}
    found = sorted([c for c in mention_clues.clues(text, ms) if (c.start, c.end) not in spans]
                   + anchor_clues + placed + elapsed.clues(text, ms) + offices.clues(text), key=lambda c: c.start)
    bounding = [c for c in found if c.spans != [(None, None)]]
    if not bounding:
        return None
    allowed: list[Span] = [(None, None)]
    kept, conflicts = [], []
    for c in bounding:
        both = intersect(allowed, c.spans)
        if both:
            allowed, _ = both, kept.append(c)
        else:
            conflicts.append(c)
    lo, hi = hull(allowed)
    for c in conflicts:
        d = nearest(c.spans, allowed)
        lo = None if lo is None else min(lo, d)  # an open end stays open: only reach out to d
        hi = None if hi is None else max(hi, d)
        c.extra["conflict"] = True
    lo, hi, horizon = _close(lo, hi, kept)
    final = [(lo, hi)] if conflicts else (intersect(allowed, [(lo, hi)]) or [(lo, hi)])
    start, end = hull(final)
    assert start is not None and end is not None
    evidence = [c.to_dict() for c in found] + horizon
    width = (end - start).days + 1
    if conflicts or width > MEDIUM_WIDTH:
        confidence = "low"
    elif width <= HIGH_WIDTH and not horizon:
        confidence = "high"
    else:
        confidence = "medium"
    return Estimate(start, end, evidence, confidence)


def _close(lo: date | None, hi: date | None, kept: list[Clue]) -> tuple[date, date, list[dict[str, Any]]]:
    """Close open ends, and pull in far ones, with the recency horizon; the evidence items saying so."""
    items = []
    froms = [c.recent_from for c in kept if c.recent_from is not None]
    if froms:
        base = max([*froms, lo] if lo else froms)
        cap, why = base + HORIZON, f"news is written within {HORIZON.days} days of the latest date it reports ({base})"
    else:
        base = max(COVERS_UNTIL, lo) if lo else COVERS_UNTIL
        cap, why = base + HORIZON, (f"no clue is news of the day: the anchor table covers facts up to {COVERS_UNTIL}, "
                                    f"so written at most {HORIZON.days} days after {base}")
    if hi is None or cap < hi:
        hi = cap
        items.append(_recency({"end": hi.isoformat()}, why))
    tos = [c.recent_to for c in kept if c.recent_to is not None]
    floor = min(tos) - HORIZON if tos else hi - HORIZON
    if lo is None or (tos and lo < floor <= hi):
        lo = floor
        items.append(_recency({"start": lo.isoformat()},
                              f"a date announced for the future is usually within {HORIZON.days} days"))
    return lo, hi, items


def _recency(bound: dict[str, str], reason: str) -> dict[str, Any]:
    # not a span of the text: a rule about news, applied to the clues above
    return {"kind": "recency", "text": "", "start": 0, "end": 0, "bound": bound, "reason": reason}
