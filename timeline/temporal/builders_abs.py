"""Builders for calendar names: dates, months, years, decades, centuries, seasons, quarters.

Each takes a regex match and returns a Tag (or a list for ranges, or None to reject).
"""

from __future__ import annotations

import re

from timeline.temporal import lexicon as lx
from timeline.temporal.builders import Tag, norm, part_mod, year_number

# Words that make a following number a label, not a year ("Section 1998", "Boeing 747").
_LABELS = frozenset((
    "section", "article", "no", "no.", "number", "room", "flight", "route", "page", "pages", "chapter",
    "rule", "model", "boeing", "airbus", "paragraph", "item", "act", "resolution", "code", "case",
    "vol", "vol.", "volume", "issue", "box", "unit", "suite", "highway", "interstate", "bus",
    "apartment", "p.", "pp.", "zip", "order", "bill", "amendment", "law", "lot", "exhibit", "table",
    "figure", "fig", "fig.", "channel", "track", "gate", "platform", "extension", "ext", "ext.", "tel",
    "tel.", "phone", "fax", "pin", "serial", "version", "v.", "iso",
))
_COUNT_NOUNS = re.compile(
    r"\s*(?:%|percent|per\s+cent|hours\b|hrs\b|GMT\b|people|persons|troops|soldiers|workers|employees|jobs|"
    r"cars|vehicles|units|shares|tons|tonnes|miles|km|kilomet|met(?:er|re)s|feet|foot|dollars|euros|pounds|"
    r"votes|deaths|students|members|homes|houses|acres|barrels|passengers|residents|refugees|points|rounds|"
    r"calories|words|copies|times|degrees|yards|civilians|children|women|men|prisoners|casualties|staff|"
    r"seats|beds|patients|cases|tanks|rockets|missiles|aircraft|planes|ships|customers|sq|square|[.,]\d)",
    re.IGNORECASE)
_MONTH_CONTEXT = frozenset((
    "in", "since", "until", "till", "by", "from", "to", "through", "of", "during", "before", "after",
    "between", "and", "or", "on", "for", "early", "late", "mid", "last", "next", "this", "that", "each",
    "every", "around", "about", "since,", "into",
))


def word_before(m: re.Match[str], pos: int | None = None) -> str:
    text = m.string
    pos = m.start() if pos is None else pos
    i = pos
    while i > 0 and text[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:i].lower()


def is_label(m: re.Match[str], pos: int) -> bool:
    """True for a number that is a label or a count, not a year."""
    text = m.string
    if pos > 0 and text[pos - 1] in "$#£€¥":
        return True
    return word_before(m, pos).strip("(,") in _LABELS


def _year_of(s: str | None) -> int | None:
    return year_number(s) if s else None


# an undotted weekday abbreviation is one only capitalised: 'Mon 3 March', not 'the midnight sun 3 March'
_LOWER_WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun),?\s+")


def _past_lower_weekday(m: re.Match[str]) -> int | None:
    """Where the date starts when the match opens with a lowercase 'sun' / 'wed' (else None)."""
    w = _LOWER_WEEKDAY.match(m.string, m.start())
    return w.end() - m.start() if w else None


def full_date(m: re.Match[str]) -> Tag | None:
    y = _year_of(m["year"])
    mon, day = lx.month_number(m["mon"]) if not m["mon"].isdigit() else int(m["mon"]), int(m["day"].rstrip("stndrh"))
    if y is None or not _valid(y, mon, day):
        return None
    return Tag("DATE", f"{y:04d}-{mon:02d}-{day:02d}", start=_past_lower_weekday(m))


def _valid(y: int, mon: int, day: int) -> bool:
    import datetime as dt
    try:
        dt.date(y, mon, day)
    except ValueError:
        return False
    return True


def slash_date(m: re.Match[str]) -> Tag | None:
    a, b, ys = int(m["a"]), int(m["b"]), m["year"]
    y = int(ys) if len(ys) == 4 else (1900 + int(ys) if int(ys) >= 30 else 2000 + int(ys))
    mon, day = (b, a) if a > 12 else (a, b)  # US order unless impossible (see rules.py)
    if not _valid(y, mon, day):
        return None
    return Tag("DATE", f"{y:04d}-{mon:02d}-{day:02d}",
               extra={"order": "day/month" if a > 12 else "month/day (US)"})


# a capitalised word after a bare month or season makes it part of a name ("August Ames", "April Fools'",
# "Winter Park", "Summer Olympics"); a weekday or a month after it is still a date
_NAME_AFTER = re.compile(rf"\s+(?!(?:{lx.WEEKDAY_RE}|{lx.MONTH_RE})\b)[A-Z][a-z]")


def _month_ok(m: re.Match[str], word: str, strong: bool) -> bool:
    """Rejects 'May I', 'the March of Dimes', 'Jan Smith': a bare month name needs a capital,
    a full name or a dotted abbreviation, and for May/March a context word before it."""
    if not word[0].isupper():
        return False
    if strong:
        return True
    w = word.lower()
    if len(w) == 3 and w not in ("may",) and not m.string[m.end():].startswith("."):
        return False
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", m.string[m.end():]):
        return False
    if _NAME_AFTER.match(m.string, m.end()) and word_before(m).strip(",") not in _MONTH_CONTEXT:
        return False  # "August Ames", "the April Fools' prank"; but "in August Congress voted" is a date
    if w in ("may", "march"):
        return word_before(m).strip(",") in _MONTH_CONTEXT
    return True


def _dir(rel: str | None) -> str:
    r = norm(rel)
    if r in ("last", "this past", "the past", "past", "previous", "the previous"):
        return "last"
    if r in ("next", "this coming", "the coming", "coming", "the next", "the following", "following"):
        return "next"
    if r == "this":
        return "this"
    return "tense"


def month_day(m: re.Match[str]) -> Tag | None:
    mon = lx.month_number(m["mon"])
    day = int(m["day"].rstrip("stndrh")) if m["day"] else lx.ORDINALS.get(norm(m["ord"]), 0)
    if not _valid(2000, mon, day) or not m["mon"][0].isupper():
        return None
    if norm(m["mon"]) in ("may", "march") and m["day"] and int(m["day"].rstrip("stndrh")) > 31:
        return None
    d = _dir(m.groupdict().get("rel"))
    return Tag("DATE", f"UNDEF-{'tense' if d == 'this' else d}-monthday-{mon:02d}-{day:02d}",
               start=_past_lower_weekday(m))


def week_of(m: re.Match[str]) -> Tag | None:
    """'the week of March 6': the ISO week holding that day (resolve.py turns the day into its week)."""
    tag = month_day(m)
    if tag is None:
        return None
    if m["year"]:
        tag.under = f"{m['year']}-{tag.under[-5:]}"
    tag.extra["week_of"] = True
    return tag


def day_range(m: re.Match[str]) -> list[Tag] | None:
    mon = lx.month_number(m["mon"])
    d1, d2 = int(m["d1"].rstrip("stndrh")), int(m["d2"].rstrip("stndrh"))
    if not (_valid(2000, mon, d1) and _valid(2000, mon, d2)) or d1 >= d2 or not m["mon"][0].isupper():
        return None
    y = m["year"]

    def val(d: int) -> str:
        return f"{y}-{mon:02d}-{d:02d}" if y else f"UNDEF-tense-monthday-{mon:02d}-{d:02d}"
    s = m.start()
    if m.start("mon") < m.start("d1"):  # "March 3-5"
        return [Tag("DATE", val(d1), end=m.end("d1") - s), Tag("DATE", val(d2), start=m.start("d2") - s)]
    return [Tag("DATE", val(d1), end=m.end("d1") - s), Tag("DATE", val(d2), start=m.start("d2") - s)]


def year_range(m: re.Match[str]) -> list[Tag] | None:
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1 or y2 - y1 > 100 or is_label(m, m.start()):
        return None
    s = m.start()
    return [Tag("DATE", str(y1), end=m.end("y1") - s), Tag("DATE", str(y2), start=m.start("y2") - s)]


def month_year(m: re.Match[str]) -> Tag | None:
    y = _year_of(m["year"])
    if y is None or not m["mon"][0].isupper():
        return None
    return Tag("DATE", f"{y:04d}-{lx.month_number(m['mon']):02d}", mod=part_mod(m["part"]))


_PART_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def part_of_month(m: re.Match[str]) -> Tag | None:
    """'the first week of March', 'the second half of June': the month, narrowed once placed
    (resolve._in_month); a half is the month's START / END in TIMEX3."""
    if not m["mon"][0].isupper():
        return None
    mon, o, what = lx.month_number(m["mon"]), _PART_ORD[norm(m["ord"])], norm(m["what"])
    under = f"{m['year']}-{mon:02d}" if m["year"] else f"UNDEF-tense-month-{mon:02d}"
    if what == "half":
        if o not in (1, 2, -1):
            return None
        return Tag("DATE", under, mod="START" if o == 1 else "END", extra={"in_month": ("half", o)})
    return Tag("DATE", under, extra={"in_month": ("week", o)})


def month_rel_year(m: re.Match[str]) -> Tag | None:
    if not m["mon"][0].isupper():
        return None
    n = {"this": 0, "last": -1, "next": 1}[norm(m["rel"])]
    return Tag("DATE", f"UNDEF-REF-year-{'PLUS' if n >= 0 else 'MINUS'}-{abs(n)}@{lx.month_number(m['mon']):02d}")


# "last Oct. 23": a day follows, so the day-month rule has it (the longer "last Oct" must not win)
_DAY_AFTER = re.compile(r"\.?\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|[.,:]\d))")


def month(m: re.Match[str]) -> Tag | None:
    if not _month_ok(m, m["mon"], bool(m["rel"] or m["part"])):
        return None
    if m["rel"] and _DAY_AFTER.match(m.string, m.end()):
        return None
    d = _dir(m["rel"])
    return Tag("DATE", f"UNDEF-{d}-month-{lx.month_number(m['mon']):02d}", mod=part_mod(m["part"]))


def year(m: re.Match[str]) -> Tag | None:
    if is_label(m, m.start("year")) or (_COUNT_NOUNS.match(m.string, m.end()) and not m["pp"]):
        return None
    if m.start("year") > 0 and m.string[m.start("year") - 1] in "-/" and not (m["part"] or m["pp"]):
        return None
    extra = {"fiscal": True} if m["fy"] and "f" in m["fy"].lower()[:2] else {}
    # "post-1959 politics": TimeML keeps the prefix in the span and says it with mod
    mod = {"pre": "BEFORE", "post": "AFTER"}.get(norm(m["pp"])) or part_mod(m["part"])
    return Tag("DATE", m["year"], mod=mod, extra=extra)


def spelled_year(m: re.Match[str]) -> Tag | None:
    y = year_number(m["year"])
    return Tag("DATE", str(y)) if y else None


_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def decade(m: re.Match[str]) -> Tag | None:
    if m["word"]:
        if not norm(m.group()).startswith("the "):
            return None
        value = "19" + str(_DECADE_WORDS.index(norm(m["word"])) + 2)
    elif m["dec2"]:
        value = "19" + m["dec2"]
    else:
        value = m["cent"] + m["dec"]
    return Tag("DATE", value, mod=part_mod(m["part"]))


def century(m: re.Match[str]) -> Tag | None:
    words = {"twentieth": 20, "twenty-first": 21}
    n = int(m["n"]) if m["n"] else words.get(norm(m["ord"])) or lx.ORDINALS[norm(m["ord"])]
    if not 1 <= n <= 21:
        return None
    return Tag("DATE", f"{n - 1:02d}", mod=part_mod(m["part"]))


_SEASON_CONTEXT = frozenset((
    "in", "during", "since", "until", "till", "by", "through", "over", "for", "of", "this", "last",
    "next", "early", "late", "mid", "from", "into", "before", "after", "throughout",
))


def season(m: re.Match[str]) -> Tag | None:
    code = lx.SEASONS[norm(m["season"])]
    y = _year_of(m["year"])
    if y:
        return Tag("DATE", f"{y}-{code}", mod=part_mod(m["part"]))
    rel = norm(m["rel"])
    if rel in ("", "the"):
        if m["season"][0].isupper() and _NAME_AFTER.match(m.string, m.end()):
            return None  # "Winter Park", "the Summer Olympics": part of a name
        if word_before(m).strip(",") not in _SEASON_CONTEXT and not m["part"]:
            return None
        if re.match(r"\s+of\s+(?!\d)", m.string[m.end():]):
            return None
    d = _dir(m["rel"])
    return Tag("DATE", f"UNDEF-{d}-season-{code}", mod=part_mod(m["part"]))


_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _in_year(m: re.Match[str], suffix: str) -> str:
    """A sub-period of the year the match names, or of the reference year."""
    y = m.groupdict().get("year") or m.groupdict().get("py")
    if y:
        return f"{y}-{suffix}"
    det = norm(m.groupdict().get("det"))
    rel = norm(m.groupdict().get("rel"))
    if not rel and det.endswith("year's"):
        rel = det.split()[0]
    n = {"last": -1, "next": 1}.get(rel, 0)
    return f"UNDEF-REF-year-{'PLUS' if n >= 0 else 'MINUS'}-{abs(n)}@{suffix}"


def _by_tense(m: re.Match[str]) -> dict[str, object]:
    """A bare 'the fourth quarter' (no year, no this/last/next) names the one the tense allows."""
    g = m.groupdict()
    return {} if g.get("year") or g.get("py") or g.get("rel") or norm(g.get("det")).endswith("year's") else {
        "year_by_tense": True}


def quarter(m: re.Match[str]) -> Tag:
    return Tag("DATE", _in_year(m, f"Q{_ORD_Q[norm(m['ord'])]}"), extra=_by_tense(m))


_NAME_BEFORE = re.compile(r"(?<![.!?:;\"]\s)(?<!^)\b[A-Z][\w-]*\s+$")


def quarter_code(m: re.Match[str]) -> Tag | None:
    """'Q3 2024'; a bare 'Q4' (upper case) is the quarter of the reference year, by tense as 'the
    fourth quarter' is; after a capitalised word inside a sentence it is a name ('Audi Q4')."""
    if m["q3"]:
        if not m["q3"][0].isupper() or _NAME_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
            return None
        return Tag("DATE", f"UNDEF-REF-year-PLUS-0@{m['q3']}", extra={"year_by_tense": True})
    q, y = (m["q"] or m["q2"]).upper(), m["year"] or m["year2"]
    return Tag("DATE", f"{y}-{q}")


def half(m: re.Match[str]) -> Tag | None:
    if m["h"]:
        return Tag("DATE", f"{m['year2']}-{m['h'].upper()}")
    if not (m["year"] or m["rel"]) and re.match(r"\s+of\b", m.string[m.end():]):
        return None  # "the last half of the '80s", "the first half of the match": not a half-year
    return Tag("DATE", _in_year(m, "H1" if norm(m["ord"]) == "first" else "H2"), extra=_by_tense(m))
