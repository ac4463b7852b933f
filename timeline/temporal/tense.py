"""Tense cues around a mention: is the date talked about as past or as future?

TEMPORAL.md: past tense or no cue -> the most recent occurrence on or before the reference
date; future cue -> the next one on or after it. The cue read is the one nearest the
mention: first the word(s) right before it ("by Jan. 14", "payable Dec. 7", "since May"),
then the nearest verb cue before it in its sentence ("said", "will", "would"), then
the first verb cue after it in the same sentence ("On Tuesday, the council voted ...").
Refinements: "by / until / through" give way to a past perfect in the sentence ("had filed
reports by Wednesday"); an infinitive after a past verb looks forward ("agreed to buy it in
February"); a possessive weekday names a reported event ("Wednesday's ruling"). A bare "is"
is no cue: present tense says nothing about which side of the reference date a day lies.
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import lower_exact, lower_pattern

_LEFT_FUTURE = re.compile(
    r"(?:\b(?:by|until|till|through|as\s+(?:early|soon)\s+as|effective|payable|due|starting|beginning|"
    r"from\s+now\s+to|(?:no|not)\s+later\s+than|on\s+or\s+before|"
    r"expires?|expiring|ends?|deadline\s+(?:of|is)|record|next|upcoming|coming|this\s+coming|"
    r"(?:extended|postponed|delayed|adjourned|moved|pushed\s+back)\s+(?:\w+\s+)?(?:to|until))"
    r"(?:\s+(?:on|in|at|from|the|early|late|mid|as\s+early\s+as|as\s+soon\s+as))*\s*)$", re.IGNORECASE)
# "from Tuesday onwards", "from March on": a period that starts then and runs on
_RIGHT_FUTURE = re.compile(r"\s+(?:onwards?|on)\b(?!\s+[a-z0-9])", re.IGNORECASE)
_FROM_LEFT = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_LEFT_PAST = re.compile(r"(?:\b(?:since|ago|last|as\s+of)(?:\s+(?:on|in|the|early|late|mid))*\s*)$",
                        re.IGNORECASE)
# (?=[a-z']): every cue opens so; it spares trying them all at the end of each word
_CUE = re.compile(
    r"\b(?=[a-z'])(?:(?P<f>will|won't|wo\s+n't|'ll|shall|would|could|should|might|must|going\s+to|plans?(?=\s+(?:to|for)\b)"
    r"|(?:is|are)\s+to(?=\s+(?:be\s+)?[a-z]{2,}\b(?<!blame))"
    r"|planned|planning|scheduled|schedule|expects?|expected|hopes?|intends?|aims?|set\s+to|slated|due|begins?"
    r"|starts?|opens?|takes\s+effect|reconvenes?|resumes?|meets|visits|arrives|leaves|returns|tomorrow|"
    r"upcoming|forthcoming|future|soon)"
    r"|(?P<p>was|were|had|has|have|did|said|says|told|reported|announced|ago|last|earlier|previously|"
    r"yesterday|recently|began|came|went|met|took|made|saw|gave|got|left|held|fell|rose|won|lost|sold|"
    r"bought|paid|spent|shot|killed|hit|struck|became|ran|brought|thought|felt|kept|found|sent|built|"
    r"led|chose|wrote|spoke|broke|drew|flew|froze|knew|grew|threw|fought|caught|taught|sought|"
    r"tore|wore|swore|shook|woke|rode|sang|sank|swam|stole|stood|understood|sat|hung|dug|stuck|spun|swung|hid|"
    r"slid|fled|forgot|drove|ate|laid|heard|meant|lent|bent|dealt|slept|swept|wept|withdrew|blew|overthrew|"
    r"undertook|arose|sprang|rang|misled|overran|overcame|withheld|upheld|oversaw|underwent|"
    r"(?!(?:scheduled|planned|expected|slated|proposed|anticipated|need|speed|indeed|united|red|bed|"
    r"feed|seed|weed|hundred|shed|sled|wed)\b)[a-z]{2,}ed))\b",
    re.IGNORECASE)
# the same on lower_exact(text): several times faster than IGNORECASE
_CUE_LOWER, _LEFT_FUTURE_LOWER, _LEFT_PAST_LOWER = (lower_pattern(rx.pattern)
                                                    for rx in (_CUE, _LEFT_FUTURE, _LEFT_PAST))
_MODAL_BEFORE = re.compile(r"\b(?:will|would|shall|'ll|to)\s+(?:\w+\s+)?(?:be\s+|have\s+)?$", re.IGNORECASE)
_MODAL_PERFECT = re.compile(r"(?:would|could|should|might|must)\s+(?:not\s+)?have\s+(?!to\b)", re.IGNORECASE)
_WEAK_LEFT = re.compile(r"\b(?:by|until|till|through)\s*$", re.IGNORECASE)
_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
_HAD_NEAR = re.compile(r"\bhad(?:\s+[a-z]+){1,6}\s+$", re.IGNORECASE)
# "agreed to buy the line in February", "decided to admit them in March": an infinitive after a
# past verb of plan or intent puts what follows in that verb's future; other infinitives do not
# ("forced people to flee on Tuesday", "the first person to receive it on Tuesday").
_INTENT_TO = re.compile(
    r"(?:agreed|planned|decided|promised|vowed|pledged|expected|scheduled|threatened|proposed"
    r"|intended|hoped|aimed|arranged|was\s+due|were\s+due|was\s+set"
    r"|were\s+set)\s+(?:[a-z]+\s+){0,2}?to\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these"
    r"|those|him|them|me|us|it|you|about|around|some|all|each|every|date|day|\d)\b)[a-z]{2,}\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s?\s+[a-z]")
_PAST_BEFORE = re.compile(r"\b(?:had(?:\s+been)?|previously|originally)\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s+(?:still\s+|[a-z]+ly\s+|"
                                r"long[\s-]+)?$", re.IGNORECASE)
# [.!?;]\s|\n\s*\n|``|'' written to open with one character set, which the regex engine scans
# for quickly (it cannot for a choice of alternatives)
_SENTENCE_END = re.compile(r"[.!?;\n`'](?:(?<=[.!?;])\s|(?<=\n)\s*\n|(?<=`)`|(?<=')')")


def _adjective(text: str, cue: re.Match[str]) -> bool:
    """'a still unspecified date', 'the delayed vote', 'the hastily planned trip': an -ed word after a
    determiner is an adjective and says nothing about tense."""
    return cue.group().lower().endswith("ed") and bool(
        _DETERMINER_BEFORE.search(text, max(0, cue.start() - 20), cue.start()))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (punctuation-based, at most 200 chars each way)."""
    lo = max(0, start - 200)
    cut = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    s = cut[-1] if cut else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    return s, (m.start() + 1 if m else min(len(text), end + 200))


def detect(text: str, start: int, end: int) -> str | None:
    """'future', 'past' or None (no cue) for the mention text[start:end]."""
    s, e = sentence_bounds(text, start, end)
    low = lower_exact(text)
    if low is None:
        low, cue_rx, left_future, left_past = text, _CUE, _LEFT_FUTURE, _LEFT_PAST
    else:
        cue_rx, left_future, left_past = _CUE_LOWER, _LEFT_FUTURE_LOWER, _LEFT_PAST_LOWER
    left, left_low = text[max(s, start - 60):start], low[max(s, start - 60):start]
    if left_future.search(left_low) or (_RIGHT_FUTURE.match(text, end) and _FROM_LEFT.search(left)):
        if (_WEAK_LEFT.search(left) and _PERFECT.search(text, s, e)) or _HAD_NEAR.search(left):
            return "past"  # "until Thursday, they had not ...", "had been due to expire Friday"
        return "future"
    if left_past.search(left_low):
        return "past"
    last = next((c for c in reversed(list(cue_rx.finditer(low, s, start))) if not _adjective(text, c)), None)
    if last is not None and last["p"] and _INTENT_TO.match(text, last.start(), start):
        return "future"
    if _POSSESSIVE.match(text, end):
        return "past"  # "Wednesday's ruling", "Thursday's closing price": a reported event
    if last is None:
        last = next((c for c in cue_rx.finditer(low, end, e) if not _adjective(text, c)), None)
    if last is None:
        return None
    if last["f"] and _MODAL_PERFECT.match(text, last.start()):
        return "past"  # "could have emerged", "would have been": a modal perfect looks back
    # the modal sits between the mention and a verb after it: "to June rose" is no infinitive
    if last["p"] and _MODAL_BEFORE.search(text, max(s, last.start() - 30, end if last.start() >= end else s),
                                          last.start()):
        return "future"  # "will be paid", "would be completed", "to be published"
    if last["f"] and _PAST_BEFORE.search(text, max(s, last.start() - 25), last.start()):
        return "past"  # "had been due to expire Friday", "as previously planned Saturday"
    return "future" if last["f"] else "past"
