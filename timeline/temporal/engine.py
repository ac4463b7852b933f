"""extract(): run the rules over a text, keep the best non-overlapping spans, resolve them.

Everything is compiled once at import; a text with no temporal trigger word costs one
regex search.
"""

from __future__ import annotations

import bisect
import re

from timeline.temporal import rules, rules_rel, tense
from timeline.temporal.builders import Tag
from timeline.temporal.lexicon import NEAR_BEFORE, RULE_NEEDS, WORD_KINDS, lower_exact, trie_regex
from timeline.temporal.resolve import resolve
from timeline.temporal.timex import Date, Mention

ALL_RULES = rules.RULES + rules_rel.RULES
_COMPILED = tuple((r, r.compile(), r.compile_lower()) for r in ALL_RULES)

_TOKEN_BODY = r"\d+|(?<![A-Za-z])" + trie_regex(WORD_KINDS, " ") + r"(?:'s)?(?![A-Za-z])"
_TOKEN = re.compile(_TOKEN_BODY)  # run on text.lower(): much faster than IGNORECASE
_TOKEN_ANYCASE = re.compile(_TOKEN_BODY, re.IGNORECASE)  # when lower() changes the length
_NEEDS = tuple(RULE_NEEDS[r.name] for r in ALL_RULES)
_KIND_RULES: dict[str, list[int]] = {}
for _idx, (_kinds, *_) in enumerate(_NEEDS):
    for _k in _kinds:
        _KIND_RULES.setdefault(_k, []).append(_idx)
_NON_SPACE = re.compile(r"[^ \n\t]*")
_CLOCK_AFTER = re.compile(r"\s*(?::\d|[ap]\.?m\b)|\s+(?:GMT|UTC|local\s+time)\b", re.IGNORECASE)


def _triggers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of trigger word occurs: one tokenising pass and dictionary look-ups."""
    where: dict[str, list[tuple[int, int]]] = {}
    low = text.lower()
    token = _TOKEN
    if len(low) != len(text):  # a few non-ASCII letters lowercase to two characters
        low, token = text, _TOKEN_ANYCASE
    for m in token.finditer(low):
        tok = m.group()
        if tok[0].isdigit():
            kinds: tuple[str, ...] | frozenset[str] = ("DIGIT",)
            if len(tok) == 4 and 1000 <= int(tok) <= 2099:
                kinds = ("DIGIT", "YEAR4")
            if _CLOCK_AFTER.match(text, m.end()):
                kinds = (*kinds, "CLOCK")
        else:
            tok = tok.lower()
            kinds = WORD_KINDS.get(tok, frozenset())
            if tok.endswith("'s"):  # "Friday's", "year's"
                kinds = kinds | WORD_KINDS.get(tok[:-2], frozenset())
        for k in kinds:
            where.setdefault(k, []).append(m.span())
    return where


def _windows(text: str, spans: list[tuple[int, int]], back: int, fwd: int) -> list[tuple[int, int]]:
    """Merged search windows around trigger spans; a window ends at a space so no word is cut."""
    out: list[tuple[int, int]] = []
    n = len(text)
    rfind, non_space = text.rfind, _NON_SPACE.match
    last = -1  # end of the last window, which is at a space or at n
    for s, e in spans:
        lo, hi = max(0, s - back), min(n, e + fwd)
        # Moving an end to a space never carries it past `last`: merging needs neither move.
        if lo > last:
            if lo:
                lo = max(rfind(" ", 0, lo), rfind("\n", 0, lo), rfind("\t", 0, lo)) + 1
            if lo > last:
                if hi < n:
                    hi = non_space(text, hi).end()
                out.append((lo, hi))
                last = hi
                continue
        if hi > last:
            if hi < n:
                hi = non_space(text, hi).end()
            out[-1] = (out[-1][0], hi)
            last = hi
    return out


def _near_before(spans: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int]]:
    """Each anchor span that has a start in `starts` at most NEAR_BEFORE chars before it,
    widened back to the first such start."""
    out = []
    for s, e in spans:
        i = bisect.bisect_left(starts, s - NEAR_BEFORE)
        if i < len(starts) and starts[i] < s:
            out.append((starts[i], e))
    return out


_JOIN = re.compile(r"\s*(?:-|–|to|and|or|through|until|till|,)?\s*$")
_YEAR_PREFIX = re.compile(r"(\d{4})-")
_SENTENCE_GAP = re.compile(r"[.!?][\"')]?\s+[A-Z\"`]|\n\s*\n")  # a semicolon does not end the sentence here


def _matches(text: str, where: dict[str, list[tuple[int, int]]]):  # noqa: ANN202
    """Only the rules one of whose trigger kinds occurs; rules sharing a gate share its windows."""
    windows: dict[tuple, list[tuple[int, int]]] = {}
    low = lower_exact(text)
    for idx in sorted({i for k in where for i in _KIND_RULES.get(k, ())}):
        kinds, also, near, back, fwd = _NEEDS[idx]
        if also and also.isdisjoint(where):
            continue
        key = (kinds, near, back, fwd)
        wins = windows.get(key)
        if wins is None:
            present = [where[k] for k in kinds if k in where]
            spans = present[0] if len(present) == 1 else sorted(sp for p in present for sp in p)
            if near:
                spans = _near_before(spans, sorted(s for k in near for s, _ in where.get(k, ())))
            wins = windows[key] = _windows(text, spans, back, fwd)
        rule, rx, rx_low = _COMPILED[idx]
        if low is None:
            for lo, hi in wins:
                for mt in rx.finditer(text, lo, hi):
                    yield idx, rule, mt
        else:  # found on the lowercase text, matched again on the text for the builder's groups
            for lo, hi in wins:
                for mt in rx_low.finditer(low, lo, hi):
                    yield idx, rule, rx.match(text, mt.start(), hi)


def _candidates(text: str, where: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int, int, int, Tag, str]]:
    """(match start, match end, rule index, tag start, tag, rule name) for every accepted match."""
    found = []
    seen: set[tuple[int, int, int]] = set()
    for idx, rule, mt in _matches(text, where):
        key = (idx, mt.start(), mt.end())
        if key in seen or mt.end() == mt.start():
            continue
        seen.add(key)
        out = rule.build(mt)
        for t in (out if isinstance(out, list) else [out]) if out else ():
            s = mt.start() + (t.start or 0)
            e = mt.start() + t.end if t.end is not None else mt.end()
            if e > s:
                t.end = e - mt.start()
                found.append((mt.start(), mt.end(), idx, s, t, rule.name))
    return found


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
    ('between March and May 2024', 'from 3 to 5 February 2025'). Further off, in the same
    sentence, the mention just before it lends its year when it is a month or a day with a
    year (not a bare year: 'approved in 1987 ... had bought shares through Sept. 29' means
    this year's) and the month is not told in the future ('began on 24 February 2022; on
    2 March, Kherson fell'): TEMPORAL.md's anaphora, applied to the year."""
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
                _take_year(t, y[1], text[s2:e2])
                break
        else:
            _year_from_sentence(text, spans, i)


def _year_from_sentence(text: str, spans: list[tuple[int, int, Tag, str]], i: int) -> None:
    s, e, t, _ = spans[i]
    if i == 0:
        return
    s2, e2, t2, _ = spans[i - 1]
    y = _YEAR_PREFIX.match(t2.under)  # a month or a day with its year, not a bare year ('in 1987')
    if y and not _SENTENCE_GAP.search(text, e2, s) and tense.detect(text, s, e) != "future":
        _take_year(t, y[1], text[s2:e2])


def _take_year(t: Tag, year: str, source: str) -> None:
    t.under = f"{year}-{t.under.split('-', 3)[3]}"
    t.extra["year_from"] = source


def extract(text: str, reference_date: Date | None = None) -> list[Mention]:
    """Temporal mentions of text, sorted by start offset, resolved against reference_date
    (None: relative ones keep X placeholders and no interval). Never reads the clock."""
    where = _triggers(text) if text else {}
    if not where:
        return []
    spans = _select(_candidates(text, where))
    _complete_years(text, spans)
    mentions = []
    for s, e, t, name in spans:
        dependent = t.under.startswith("UNDEF-") or "back" in t.extra
        cue = tense.detect(text, s, e) if dependent else None
        mentions.append(Mention(text=text[s:e], start=s, end=e, type=t.type, value="", mod=t.mod,
                                rule=name, underspecified=t.under, tense=cue, anchor_dependent=dependent,
                                extra=dict(t.extra)))
    _speech_anchors(text, mentions)
    return resolve(mentions, reference_date)


# "said on Sunday", "told reporters late on Sunday": the date a statement was made
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|added|confirmed|stated|wrote|posted)"
                            r"(?:\s+(?:reporters|journalists|lawmakers|parliament|the\s+\w+))?"
                            r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)
_DAY_DEICTIC = re.compile(r"UNDEF-REF-day-(?:PLUS|MINUS)-\d+$")


def _speech_anchors(text: str, mentions: list[Mention]) -> None:
    """'Russia launched 90 drones overnight, the air force said on Sunday', published on Monday: the
    speaker's "overnight" (yesterday, today, tonight, this morning) is counted from the day the statement
    was made. Marks each such day-deictic with the index of the statement's date in its sentence;
    resolve() anchors it there once that date is known."""
    said = [j for j, m in enumerate(mentions) if m.type == "DATE" and not _DAY_DEICTIC.match(m.underspecified)
            and _SPEECH_BEFORE.search(text, max(0, m.start - 40), m.start)]
    if not said:
        return
    for m in mentions:
        if _DAY_DEICTIC.match(m.underspecified):
            s, e = tense.sentence_bounds(text, m.start, m.end)
            j = next((j for j in said if s <= mentions[j].start < e), None)
            if j is not None:
                m.extra["speech_at"] = j
