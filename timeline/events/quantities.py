"""Figures: "3,800 North Korean soldiers", "over 12,000 troops" (lower bound), "an estimated 92 casualties",
"twenty people", "20 per cent", "$5 billion"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.events.lexicon import word_set, words
from timeline.events.model import Quantity


@dataclass(slots=True)
class Figure:  # not frozen: a frozen init costs twice as much, and figures are many
    quantity: Quantity
    start: int
    end: int


def _trie(phrases: list[str]) -> str:
    """An alternation as a trie ("[tT](?:[eE][nN]|[hH](?:...)|...)"): the regex engine then tests one
    character per branch instead of every phrase at every word. Longer phrases are still tried first.
    Letters match either case by character classes: re.IGNORECASE would slow every comparison."""
    root: dict[str, dict] = {}
    for phrase in map(str.lower, phrases):
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        parts = [_either_case(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 and "" not in node else "(?:" + "|".join(parts) + ")"
        return body + "?" if "" in node else body

    return "(?:" + render(root) + ")"


def _either_case(text: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in text)


@cache
def _pattern() -> re.Pattern[str]:
    bounds = words("bounds")
    hedges = [h for hs in bounds.values() for h in hs]
    spelled = _trie(list(words("number_words")))
    mult = _trie(list(words("multipliers")))
    number = (rf"(?:\$|€|£)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{spelled}(?:[- ]{spelled})?)"
              rf"(?:\s?{mult}\b)?")
    return re.compile(
        rf"(?<![\w,.$])(?:(?P<hedge>{_trie(hedges)})\s+)?(?P<number>{number})"
        rf"(?P<percent>\s?(?:%|{_either_case('per')}\s?{_either_case('cent')}\b))?(?![\w-])",
    )


_MULTIPLIER = re.compile(r"(?<=[\d a-z])\s?(hundred|thousand|million|billion|trillion|bn|m)$")
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_PARTS = re.compile(r"[- ]")


def _value(number: str) -> int | float:
    numbers = words("number_words")
    multipliers = words("multipliers")
    text = number.lower().lstrip("$€£").replace(",", "")
    if text.isdecimal():
        return int(text)
    factor = 1
    m = _MULTIPLIER.search(text)
    if m:
        factor = multipliers[m.group(1)]
        text = text[:m.start()]
    try:
        base: float = float(text)
    except ValueError:
        base = sum(numbers.get(part, 0) for part in _PARTS.split(text))
    value = base * factor
    return int(value) if value == int(value) else value


def _bound(hedge: str | None) -> str:
    if not hedge:
        return "exact"
    hedge = hedge.lower()
    return next(kind for kind, hs in words("bounds").items() if hedge in hs)


def _unit(text: str, pos: int, percent: str | None, currency: str, stops: frozenset[int],
          before: str) -> tuple[str | None, int]:
    if percent:
        return "per cent", pos
    if currency:
        return currency, pos
    if before.endswith("magnitude"):
        return "magnitude", pos
    stop = word_set("unit_stop")
    parts: list[str] = []
    end = pos
    while len(parts) < 3:
        m = _WORD.match(text, end)
        if not m or m.group(1).lower() in stop or m.start(1) in stops or text[end:m.start(1)].strip():
            break
        parts.append(m.group(1))
        end = m.end()
    return (" ".join(parts) or None), end


def find_figures(text: str, blocked: list[tuple[int, int]], stops: frozenset[int] = frozenset()) -> list[Figure]:
    """Every figure outside the temporal mentions; "one of the ..." is no figure. A unit stops at `stops`
    (trigger offsets): "25 people died" has the unit "people"."""
    out: list[Figure] = []
    for m in _pattern().finditer(text):
        hedge, number, percent = m.group("hedge", "number", "percent")
        n_start, n_end = m.span("number")
        if any(s < n_end and n_start < e for s, e in blocked):
            continue
        start, end = m.span()
        if not hedge and not number[0].isdigit() and text[end:end + 3].lower() == " of":
            continue
        if _YEAR.fullmatch(number):
            continue  # a year the temporal engine did not claim
        currency = number[0] if number[0] in "$€£" else ""
        unit, unit_end = _unit(text, end, percent, currency, stops, text[max(0, start - 12):start].strip().lower())
        shown = text[start:end] if hedge else text[n_start:end]
        if not unit and not hedge and not percent and not number[0].isdigit():
            continue  # a bare spelled number ("one") is rarely a figure
        quantity = Quantity(_value(number), shown.strip(), unit, None, _bound(hedge))
        out.append(Figure(quantity, start, max(end, unit_end)))
    return out
