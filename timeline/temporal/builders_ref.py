"""Builders for sets (daily, every Monday, twice a week), PRESENT_REF / PAST_REF / FUTURE_REF
words, the quarter or year under discussion ('the latest quarter', 'year-earlier'), holidays.
"""

from __future__ import annotations

import re

from timeline.temporal import lexicon as lx
from timeline.temporal.builders import Tag, duration_value, norm, quantity, shift_form
from timeline.temporal.builders_abs import word_before

_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W",
                "bimonthly": "P2M", "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W"}


_NAME_AFTER = re.compile(r"\s+[A-Z]")


def set_adverb(m: re.Match[str]) -> Tag | None:
    if _NAME_AFTER.match(m.string, m.end()):
        return None  # "the party daily Granma", "the weekly Der Spiegel": a paper, not a frequency
    return Tag("SET", _SET_ADVERBS[norm(m.group())])


def set_every(m: re.Match[str]) -> Tag | None:
    what = norm(m["what"]).rstrip("s") if norm(m["what"]) not in lx.UNIT_ALIASES else lx.unit_name(m["what"])
    what = lx.unit_name(what)
    if m["wd"]:
        return Tag("SET", f"XXXX-WXX-{lx.weekday_number(m['wd'])}")
    if m["mon"]:
        return Tag("SET", f"XXXX-{lx.month_number(m['mon']):02d}")
    if m["season"]:
        return Tag("SET", f"XXXX-{lx.SEASONS[norm(m['season'])]}")
    if what in lx.DAY_PARTS:
        return Tag("SET", f"XXXX-XX-XXT{lx.DAY_PARTS[what]}")
    if what not in lx.UNITS:
        return None
    n = "2" if norm(m["other"]) in ("other", "second") else quantity(m["n"]) if m["n"] else "1"
    return Tag("SET", duration_value(n, what))


def set_per(m: re.Match[str]) -> Tag | None:
    """'twice a week' / '$5 a year' / 'three meals a day'."""
    if not m["freq"]:
        wb = word_before(m)
        if not (wb[-1:].isdigit() or wb in ("million", "billion", "percent", "cents", "dollars", "%")):
            return None
    return Tag("SET", duration_value("1", m["unit"]))


def set_weekdays(m: re.Match[str]) -> Tag | None:
    if not m["wd"][0].isupper():
        return None
    dp = m["dp"] or m["dp2"]
    t = lx.DAY_PARTS.get(norm(dp).rstrip("s"), "") if dp else ""
    return Tag("SET", f"XXXX-WXX-{lx.weekday_number(m['wd'])}" + (f"T{t}" if t else ""))


_REF_WORDS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
              "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
              "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
              "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF",
              "the past": "PAST_REF", "previously": "PAST_REF", "recent": "PAST_REF", "formerly": "PAST_REF",
              "current": "PRESENT_REF",
              "a later date": "FUTURE_REF", "someday": "FUTURE_REF"}


# the moment of writing, as "now"; "nowadays", "these days", "the present" name a longer present
_MOMENT = frozenset(("now", "right now", "currently", "at present", "presently", "at the moment"))
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"`']\s*)$")


def ref_word(m: re.Match[str]) -> Tag | None:
    w = norm(m.group())
    if w.endswith("future") and re.match(r"\s+of\b", m.string[m.end():]):
        return None  # "the future of our peoples": a thing, not a time
    for key in ("the near future", "the foreseeable future", "the distant future", "the future"):
        if w == key:
            return Tag("DATE", "FUTURE_REF")
    if re.fullmatch(r"the (?:near|short|long|medium)(?:er)? term", w):
        return Tag("DATE", "FUTURE_REF")
    if w == "the present" and re.match(r"\s+\w", m.string[m.end():m.end() + 2]):
        return None
    if (m.group() == "Now" and m.string.startswith(",", m.end())
            and _SENTENCE_OPENING.search(m.string, max(0, m.start() - 4), m.start())):
        return None  # "Now, he says, ...": a discourse marker (TimeBank and AQUAINT leave all such)
    if w in _MOMENT:  # TEMPORAL.md: "now" is the reference day (value PRESENT_REF), and so are its synonyms
        return Tag("DATE", "PRESENT_REF", extra={"back": ("day", 0)})
    return Tag("DATE", _REF_WORDS[w])


def quarter_ref(m: re.Match[str]) -> Tag | None:
    """'the quarter', 'the latest period', 'the year-earlier quarter', 'this quarter'."""
    det, adj, what = norm(m["det"]), norm(m["adj"]), norm(m["what"])
    if re.match(r"\s+of\s+(?!(?:19|20)\d\d|this|last|next|the\s+year)", m.string[m.end():]):
        return None
    if m["py"]:  # "the 1988 quarter", "the 1989 period": the quarter under discussion, in that year
        return None if m["tail"] or what == "period" and adj else Tag("DATE", f"UNDEF-QOFYEAR-{m['py']}")
    year_back = bool(m["tail"]) or "year" in adj
    if what == "period" and not (adj or m["tail"]):
        return None
    if adj in ("same ", "same") and not m["tail"]:
        return None
    if re.search(r"latest|most recent|just-ended|recent", adj) and not year_back:
        return Tag("DATE", "UNDEF-REF-quarter-MINUS-1")  # the last quarter completed before the reference date
    if year_back:
        return Tag("DATE", "UNDEF-LASTQ-quarter-MINUS-4" if what == "quarter" else "UNDEF-LASTQ-year-MINUS-1")
    if det == "next":
        return Tag("DATE", "UNDEF-REF-quarter-PLUS-1")
    if det == "this" or "current" in adj:
        return Tag("DATE", "UNDEF-REF-quarter-PLUS-0")
    if det == "last":
        return Tag("DATE", "UNDEF-REF-quarter-MINUS-1")
    if "previous" in adj or "prior" in adj:
        return Tag("DATE", "UNDEF-LASTQ-quarter-MINUS-1")
    return Tag("DATE", "UNDEF-LASTQ-quarter-PLUS-0")


def year_ago_adj(m: re.Match[str]) -> Tag:
    return Tag("DATE", "UNDEF-LASTQ-year-MINUS-1")


# "the year ended March 31", "the year to December" (British financial style), "the year to date"
_SPAN_END = re.compile(rf"\s+(?:ended|ending|to\s+(?:date|{lx.MONTH_RE}))\b", re.IGNORECASE)


def the_year(m: re.Match[str]) -> Tag | None:
    """'the year' / 'the fiscal year' / 'the week': the period under way at the reference date."""
    if not m.group()[0].islower() and m.start() > 0 and m.string[m.start() - 1] not in " \n\t\"(":
        return None
    if _SPAN_END.match(m.string, m.end()):
        return Tag("DURATION", duration_value("1", m["unit"]))  # "the year ended March 31": a span of a year
    if "latest" in norm(m["adj"]):
        return Tag("DATE", shift_form("REF", m["unit"], -1, "1"))
    return Tag("DATE", shift_form("REF", m["unit"], 0, "0"))


def holiday(m: re.Match[str]) -> Tag | None:
    name = re.sub(r"\W+", "_", norm(m["name"])).replace("_day", "").replace("_sunday", "").upper()
    rel = norm(m["rel"])
    d = {"last": "last", "this past": "last", "next": "next", "this coming": "next", "this": "this"}.get(rel, "tense")
    return Tag("DATE", f"UNDEF-{d}-{'holidayweek' if m['week'] else 'holiday'}-{name}")
