"""extract(): run the rules over a text, keep the best non-overlapping spans, resolve them.

Everything is compiled once at import; a text with no temporal trigger word costs one
regex search.
"""

from __future__ import annotations

import re

from timeline.temporal import rules, rules_rel, tense
from timeline.temporal.builders import Tag
from timeline.temporal.lexicon import NEEDS_PATTERNS, RULE_NEEDS
from timeline.temporal.resolve import resolve
from timeline.temporal.timex import Date, Mention

ALL_RULES = rules.RULES + rules_rel.RULES
_COMPILED = tuple((r, r.compile()) for r in ALL_RULES)

# Cheap gate: a few simple searches tell which kinds of trigger words a text has;
# a rule only runs when one of the kinds it needs is present (rules.NEEDS).
_TRIGGERS = tuple((k, re.compile(v, re.IGNORECASE)) for k, v in NEEDS_PATTERNS.items())
_NEEDS = tuple(RULE_NEEDS[r.name] for r in ALL_RULES)
_JOIN = re.compile(r"\s*(?:-|–|to|and|or|through|until|till|,)?\s*$")
_YEAR_PREFIX = re.compile(r"(\d{4})-")


def _candidates(text: str, kinds: set[str]) -> list[tuple[int, int, int, int, Tag, str]]:
    found = []
    for idx, (rule, rx) in enumerate(_COMPILED):
        if kinds.isdisjoint(_NEEDS[idx]):
            continue
        for mt in rx.finditer(text):
            if mt.end() == mt.start():
                continue
            out = rule.build(mt)
            if not out:
                continue
            for t in out if isinstance(out, list) else [out]:
                s = mt.start() + (t.start or 0)
                e = mt.start() + t.end if t.end is not None else mt.end()
                found.append((mt.start(), mt.end(), idx, s, t, rule.name) if e > s else None)
                if e > s:
                    found[-1] = (mt.start(), mt.end(), idx, s, t, rule.name)
                    t.end = e - mt.start()
    return [f for f in found if f]


def _select(found: list[tuple[int, int, int, int, Tag, str]]) -> list[tuple[int, int, Tag, str]]:
    """Longest match first, then leftmost, then rule order; a match keeps its whole span."""
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int, int]] = []
    out = []
    for ms, me, idx, s, t, name in found:
        if (ms, me, idx) not in taken and any(ms < e and s2 < me for s2, e, _ in taken):
            continue
        taken.append((ms, me, idx))
        assert t.end is not None
        out.append((s, ms + t.end, t, name))
    out.sort(key=lambda c: c[0])
    return out


def _complete_years(text: str, spans: list[tuple[int, int, Tag, str]]) -> None:
    """A month or day-month without a year next to a mention with one takes that year
    ('between March and May 2024', 'from 3 to 5 February 2025')."""
    for i, (s, e, t, _) in enumerate(spans):
        if not t.under.startswith(("UNDEF-tense-month-", "UNDEF-tense-monthday-")):
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(spans):
                continue
            s2, e2, t2, _ = spans[j]
            gap = text[e:s2] if j > i else text[e2:s]
            y = _YEAR_PREFIX.match(t2.under)
            if y and len(gap) <= 12 and _JOIN.match(gap):
                t.under = f"{y[1]}-{t.under.split('-', 3)[3]}"
                t.extra["year_from"] = text[s2:e2]
                break


def extract(text: str, reference_date: Date | None = None) -> list[Mention]:
    """Temporal mentions of text, sorted by start offset, resolved against reference_date
    (None: relative ones keep X placeholders and no interval). Never reads the clock."""
    kinds = {k for k, rx in _TRIGGERS if rx.search(text)} if text else set()
    if not kinds:
        return []
    spans = _select(_candidates(text, kinds))
    _complete_years(text, spans)
    mentions = []
    for s, e, t, name in spans:
        dependent = t.under.startswith("UNDEF-")
        cue = tense.detect(text, s, e) if dependent else None
        mentions.append(Mention(text=text[s:e], start=s, end=e, type=t.type, value="", mod=t.mod,
                                rule=name, underspecified=t.under, tense=cue, anchor_dependent=dependent,
                                extra=dict(t.extra)))
    return resolve(mentions, reference_date)
