"""A clue: one piece of evidence about when a text was written, and the dates it allows.

The dates a clue allows are a union of inclusive day spans; a `None` end is open ("written
on or after 2024-08-06" is `[(2024-08-06, None)]`). Clues are combined by intersecting these
unions, so an office held twice (President Trump, 2017-2021 and 2025-2029) stays two spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[date | None, date | None]


@dataclass
class Clue:
    kind: str  # "absolute_mention" | "anchor" | "relative_mention"
    text: str
    start: int
    end: int
    spans: list[Span]
    reason: str
    # The text is probably written within the recency horizon after recent_from (a date it
    # reports as news) and before recent_to (a near date it announces); None: no such hint.
    recent_from: date | None = None
    recent_to: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def bound(self) -> dict[str, str]:
        lo, hi = hull(self.spans)
        out = {}
        if lo is not None:
            out["start"] = lo.isoformat()
        if hi is not None:
            out["end"] = hi.isoformat()
        return out

    def to_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
             "bound": self.bound(), "reason": self.reason}
        if len(self.spans) > 1:
            d["spans"] = [{k: v.isoformat() for k, v in (("start", lo), ("end", hi)) if v is not None}
                          for lo, hi in self.spans]
        d.update(self.extra)
        return d


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    """The spans common to two unions (empty when they do not meet)."""
    out = []
    for alo, ahi in a:
        for blo, bhi in b:
            lo, hi = _max(alo, blo), _min(ahi, bhi)
            if lo is None or hi is None or lo <= hi:
                out.append((lo, hi))
    return sorted(out, key=lambda s: (s[0] or date.min, s[1] or date.max))


def hull(spans: list[Span]) -> Span:
    """The smallest single span covering a union (ends stay open if any span's is)."""
    los = [lo for lo, _ in spans]
    his = [hi for _, hi in spans]
    return (None if None in los else min(los), None if None in his else max(his))  # type: ignore[type-var]


def nearest(spans: list[Span], target: list[Span]) -> date:
    """The day of `spans` closest to the union `target` (which it does not meet)."""
    best: tuple[int, date] | None = None
    for lo, hi in spans:
        for tlo, thi in target:
            if thi is not None and lo is not None and thi < lo:
                cand = (lo - thi).days, lo
            elif tlo is not None and hi is not None and tlo > hi:
                cand = (tlo - hi).days, hi
            else:
                continue
            if best is None or cand < best:
                best = cand
    if best is None:
        raise ValueError("spans meet the target")
    return best[1]
