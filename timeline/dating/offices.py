"""Taking or leaving an office: "Mark Carney was sworn in as Canada's prime minister" -> clues.

A title row (kind `during`, or `after` for a holder still in office) may name its holder
(`person`: the name without the title) and the office (`office`). The text is dated by what it
says the holder did, against the row's terms:
- took the office (sworn in, inaugurated, took office, became): at the start of a term, to a week
  after it (a report of the day, written the days after);
- was elected, appointed or named to it: from 90 days before a start (a US president is elected
  76 days before the inauguration) to a week after it;
- resigned or stepped down: from 90 days before the end of a term (a resignation is often
  announced weeks ahead: Trudeau's 67 days, Johnson's 61) to a week after it.
A phrase fits every term of the row (Trump's two): the clue is their union. A phrase that looks
back ("since Starmer became prime minister", "... sworn in as president two years ago") is no clue.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.dating.anchors import Anchor, load
from timeline.dating.clues import Clue, Span

_TOOK = (r"(?:(?:was|is|has\s+been)\s+)?(?:sworn\s+in|inaugurated|installed)\s+as|(?:took|takes)\s+office\s+as|"
         r"became|becomes")
_ELECTED = r"(?:was|is|has\s+been)\s+(?:elected|appointed|named|chosen)(?:\s+as)?"
_LEFT = r"(?:resigned|resigns|stepped\s+down|steps\s+down|quit|announced\s+(?:his|her)\s+resignation)\s+as"
# what may stand between the verb and the office: "the 47th", "Canada's", "German", "new"
_BETWEEN = (r"(?:(?i:the|a)\s+|[A-Z][\w.'’-]*['’]s\s+)?"
            r"(?:(?i:new|first|next|interim)\s+|\d+(?:st|nd|rd|th)\s+|[A-Z][\w-]+\s+){0,3}")
WEEK, BEFORE = timedelta(days=7), timedelta(days=90)
# "since Starmer became prime minister", "when Trump was sworn in as president ... years ago": looking back
_BACK_LEFT = re.compile(r"\b(?:since|after|before|when|until|ever\s+since)\s+$", re.IGNORECASE)
_BACK_RIGHT = re.compile(r"^[^.;]{0,40}?\b(?:ago|last\s+(?:year|month)|earlier\s+this\s+year)\b", re.IGNORECASE)


def _terms(a: Anchor) -> list[Span]:
    if a.kind == "after":
        return [(a.date, None)]
    return [(date.fromisoformat(lo), date.fromisoformat(hi) if hi else None) for lo, hi in a.row["spans"]]


def _pattern(a: Anchor, verbs: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + a.row["person"] + r")\s+(?i:" + verbs + r")\s+" + _BETWEEN
                      + r"(?i:" + a.row["office"] + r")\b")


def _windows(terms: list[Span], which: str) -> list[Span]:
    if which == "took":
        return [(lo, lo + WEEK) for lo, _ in terms if lo]
    if which == "elected":
        return [(lo - BEFORE, lo + WEEK) for lo, _ in terms if lo]
    return [(hi - BEFORE, hi + WEEK) for _, hi in terms if hi]


_SAID = {"took": "took the office: written at the start of a term, to a week after it",
         "elected": "was elected or appointed: written from 90 days before the start of a term to a week after it",
         "left": "left the office: written from 90 days before the end of a term to a week after it"}


def clues(text: str, anchors: tuple[Anchor, ...] | None = None) -> list[Clue]:
    out = []
    for a in anchors if anchors is not None else load():
        if "person" not in a.row or not any(c in text.lower() for c in a.context):
            continue
        for which, verbs in (("took", _TOOK), ("elected", _ELECTED), ("left", _LEFT)):
            m = _pattern(a, verbs).search(text)
            if m and (_BACK_LEFT.search(text, max(0, m.start() - 15), m.start()) or _BACK_RIGHT.match(text[m.end():])):
                m = None
            spans = _windows(_terms(a), which) if m else []
            if m and spans:
                out.append(Clue("office", m[0], m.start(), m.end(), spans,
                                f"{_SAID[which]}. {a.fact} (source: {a.source})", extra={"anchor": a.id}))
                break
    return sorted(out, key=lambda c: c.start)
