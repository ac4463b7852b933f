"""A month or day named without a year, in the same sentence as an ongoing anchored story.

"3,800 North Korean soldiers had been killed in Kursk in an interview in early January": the
sentence is about the deployment (reported from October 2024), so its "early January" is the
first early January on or after the anchor's date, and the text was written after that. Only
past-tense (or uncued) month / day-month mentions are placed, only against "after" anchors that
are news while recent (a title held since 2017 is no story whose next "30 June" is news),
and the occurrence is found by the temporal engine's own resolver (future direction from the
anchor date: the next one on or after it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from timeline.dating.clues import Clue, hull
from timeline.temporal import Mention, resolve
from timeline.temporal.tense import sentence_bounds

NAMED = ("UNDEF-tense-month-", "UNDEF-tense-monthday-")


def clues(text: str, mentions: list[Mention], anchors: list[Clue]) -> list[Clue]:
    out = []
    for m in mentions:
        if m.interval is not None or m.tense == "future" or not m.underspecified.startswith(NAMED):
            continue
        s, e = sentence_bounds(text, m.start, m.end)
        starts = [hull(a.spans)[0] for a in anchors
                  if a.spans[0][1] is None and len(a.spans) == 1 and a.recent_from is not None and s <= a.start < e]
        if not starts:
            continue
        after: date = max(d for d in starts if d is not None)
        placed = resolve([replace(m, tense="future", interval=None)], after)[0]
        if placed.interval is None:
            continue
        out.append(Clue("anchored_relative", m.text, m.start, m.end, [(placed.interval.start, None)],
                        f"'{m.text}' is in the same sentence as a story under way since {after}: its first "
                        f"occurrence after that is {placed.value}, so written on or after {placed.interval.start}",
                        recent_from=placed.interval.end))
    return out
