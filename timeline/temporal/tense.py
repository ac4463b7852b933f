"""Tense cues around a mention: does the sentence talk about the future?

Only the direction matters to the resolver (TEMPORAL.md: past tense or no cue -> the most
recent one on or before the reference date; future cue -> the next one on or after).
"""

from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|plans|scheduled|expects?\s+to|"
    r"expected\s+to|(?:is|are|was|were)\s+to\s+\w+|(?:is|are)\s+due|due\s+to\s+(?:be|start|begin|open|"
    r"arrive|meet|end|take|return|vote)|set\s+to|upcoming|next|intends?\s+to|hopes?\s+to|"
    r"would|could|until|till|forthcoming|to\s+be\s+held|slated|in\s+the\s+coming|deadline|"
    r"(?:is|are)\s+(?:expected|scheduled|set|slated)|starting|beginning\s+(?:on|in))\b",
    re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|said|ago|last|earlier|previously|\w+ed)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (cheap: punctuation-based, max 250 chars each way)."""
    lo = max(0, start - 250)
    left = text[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    s = lo + cut[-1] if cut else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + 250))
    return s, (m.start() + 1 if m else min(len(text), end + 250))


def detect(text: str, start: int, end: int) -> str | None:
    """'future' when the clause holds a future cue, 'past' when it holds a past one, else None.

    The nearest cue before the mention wins (the verb governing a date usually precedes it);
    after the mention only a future cue in the same clause counts.
    """
    s, e = sentence_bounds(text, start, end)
    before = text[s:start]
    fut = [m.end() for m in _FUTURE.finditer(before)]
    past = [m.end() for m in _PAST.finditer(before)]
    if fut and (not past or fut[-1] >= past[-1]):
        return "future"
    if past:
        return "past"
    after = text[end:e]
    fm, pm = _FUTURE.search(after), _PAST.search(after)
    if fm and (not pm or fm.start() < pm.start()):
        return "future"
    return "past" if pm else None
