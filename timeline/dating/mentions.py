"""Temporal mentions -> clues.

A date the text gives in full ("11 January 2025", "March 2023", "in 1998") was most likely
written about on or after it; said in the future tense ("will meet on 3 March 2025") it was
written before it. The tense cue is the temporal engine's (tense.detect, the rule TEMPORAL.md
uses for bare months), plus a few future cues that only matter here ("ahead of the 2026 vote").
A date after "since" ("the first cut since March 2020") bounds the text from below but says
time has passed, so it does not count for the recency horizon.
Deictic mentions ("last week", "early January") need a reference date: they are listed as
evidence that narrows nothing by itself.
"""

from __future__ import annotations

import re

from timeline.dating.clues import Clue
from timeline.temporal import Mention
from timeline.temporal.tense import detect

_FUTURE_LEFT = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|before|towards?|expected\s+(?:in|by)|"
                          r"due\s+(?:in|by)|scheduled\s+for|set\s+for|planned\s+for|by)\s+(?:the\s+|early\s+|mid-?|late\s+|next\s+)?$",
                          re.IGNORECASE)
# A scheduled day or month is usually announced within the horizon; a target year ("by 2030") is not.
NEAR_PRECISIONS = ("day", "week", "month")
_SINCE_LEFT = re.compile(r"\bsince\s+(?:the\s+|early\s+|mid-?|late\s+)?$", re.IGNORECASE)


def tense(text: str, m: Mention) -> str | None:
    """'future', 'past' or None for an absolute mention (whose own tense field is not set)."""
    left = text[max(0, m.start - 40):m.start]
    if _SINCE_LEFT.search(left):
        return "past"
    if _FUTURE_LEFT.search(left):
        return "future"
    return m.tense or detect(text, m.start, m.end)


def clues(text: str, mentions: list[Mention]) -> list[Clue]:
    out = []
    for m in mentions:
        if m.type != "DATE" or m.value == "PRESENT_REF":
            continue
        if m.interval is not None and not m.anchor_dependent:
            iv = m.interval
            t = tense(text, m)
            if t == "future":
                near = iv.start if m.precision in NEAR_PRECISIONS else None
                out.append(Clue("absolute_mention", m.text, m.start, m.end, [(None, iv.end)],
                                f"{m.value} is talked about in the future tense: written on or before {iv.end}",
                                recent_to=near))
                continue
            since = bool(_SINCE_LEFT.search(text[max(0, m.start - 40):m.start]))
            why = "counted 'since' (time has passed: no recency)" if since else f"tense: {t or 'no cue'}"
            out.append(Clue("absolute_mention", m.text, m.start, m.end, [(iv.start, None)],
                            f"{m.value} is reported as happened or happening ({why}): written on or after {iv.start}",
                            recent_from=None if since else iv.end))
        elif m.interval is None and m.anchor_dependent:
            out.append(Clue("relative_mention", m.text, m.start, m.end, [(None, None)],
                            f"{m.value} ({m.underspecified}) needs a reference date: narrows nothing by itself",
                            extra={"underspecified": m.underspecified, "tense": m.tense}))
    return out
