"""Builders for relative expressions: deictic days, weekdays, clock times, this/last/next
periods, 'N units ago/later', anaphora, durations (sets and reference words: builders_ref.py).
"""

from __future__ import annotations

import re

from timeline.temporal import lexicon as lx
from timeline.temporal import tense
from timeline.temporal.builders import (
    Tag,
    approx_mod,
    clock,
    duration_value,
    norm,
    part_mod,
    quantity,
    shift_form,
)
from timeline.temporal.builders_abs import word_before

_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}
_REL_N = {"this": 0, "current": 0, "the current": 0, "the": 0, "last": -1, "past": -1, "the past": -1,
          "the last": -1, "previous": -1, "the previous": -1, "this past": -1, "next": 1, "coming": 1,
          "the coming": 1, "this coming": 1, "the next": 1}
_CLIP = {"earlier": "before", "later": "after"}


def _part(word: str | None) -> tuple[str | None, str | None]:
    """('early' -> START, None); ('earlier' -> None, clip 'before')."""
    w = norm(word)
    if w in _CLIP:
        return None, _CLIP[w]
    return part_mod(w), None


def deictic(m: re.Match[str]) -> Tag:
    n = _DEICTIC[norm(m["word"])]
    dp = m["dp"] or m["dp0"]
    mod, clip = _part(m["part"])
    extra: dict[str, object] = {"time": clock(dp)} if dp else {}
    if clip:
        extra["clip"] = clip
    return Tag("TIME" if dp else "DATE", shift_form("REF", "day", n, str(abs(n))), mod=mod, extra=extra)


# "overnight on Saturday", "Saturday overnight": the named day places it, so that day is the mention
_NAMED_DAY_AFTER = re.compile(
    rf"\s+(?:on\s+|into\s+)?(?:{lx.WEEKDAY_RE}|today|yesterday|tomorrow|(?:{lx.MONTH_RE})\s+\d)", re.IGNORECASE)
_NAMED_DAY_BEFORE = re.compile(rf"\b(?:{lx.WEEKDAY_RE}|today|yesterday|tomorrow)\s+$",
                               re.IGNORECASE)


def day_part(m: re.Match[str]) -> Tag | None:
    """'this morning', 'last night', 'overnight'."""
    w = norm(m.group())
    if w == "overnight" and (_NAMED_DAY_AFTER.match(m.string, m.end())
                             or _NAMED_DAY_BEFORE.search(m.string, max(0, m.start() - 12), m.start())):
        return None
    n = -1 if w.startswith("last") else 0
    extra: dict[str, object] = {"time": clock(w.split()[-1])}
    if w == "overnight":
        extra["night"] = True  # placed by its tense once resolved (resolve._night)
    return Tag("TIME", shift_form("REF", "day", n, str(abs(n))), extra=extra)


def _weekday_dir(rel: str | None) -> str:
    r = norm(rel)
    if r in ("last", "this past", "past"):
        return "last"
    if r in ("next", "this coming", "coming"):
        return "next"
    if r in ("the previous", "the preceding"):
        return "prev"
    if r in ("the following", "the next"):
        return "following"
    return "tense"


_CAP_WORD = re.compile(r" [A-Z][a-z]")


def day_of_month(m: re.Match[str]) -> Tag | None:
    day = int(m["day"])
    return Tag("DATE", f"UNDEF-tense-dayofmonth-{day:02d}", start=m.start("the") - m.start()) if day else None


def weekday(m: re.Match[str]) -> Tag | None:
    if not m["wd"][0].isupper():
        return None
    sentence_start = m.start() == 0 or re.search(r"[.!?\n]\s*$", m.string[max(0, m.start() - 3):m.start()])
    if sentence_start and not m["rel"] and re.match(r" (?!(?:" + lx.MONTH_RE + r")\b)[A-Z]", m.string[m.end():]):
        return None  # "Wednesday Addams": a name, not a day
    if m["dp"] and m["dp"][0].isupper() and _CAP_WORD.match(m.string, m.end()):
        return None  # "Monday Night Football", "Saturday Night Live": a title, not a day
    n = lx.weekday_number(m["wd"])
    mod, clip = _part(m["part"])  # "Earlier Friday": 'earlier' is part of the span, as for periods
    extra: dict[str, object] = {"clip": clip} if clip else {}
    # "Friday night" keeps the day's value (the part of day stays in the span). The TIMEX3 part-of-day
    # value (TNI) was measured: it cost 3.7 points of type F1 on AQUAINT for 0.3 on TimeBank, since news
    # annotation mostly tags the plain day; the interval, that day, is the same either way.
    return Tag("DATE", f"UNDEF-{_weekday_dir(m['rel'])}-weekday-{n}", mod=mod, extra=extra)


def clock_time(m: re.Match[str]) -> Tag | None:
    t = clock(m["t"])
    if t is None or (t == "T12:00" and word_before(m, m.start("t")) == "high"):
        return None  # "high noon": the decisive moment, not a time of day
    extra = {"time": t}
    if m["wd"]:
        return Tag("TIME", f"UNDEF-tense-weekday-{lx.weekday_number(m['wd'])}", extra=extra)
    if m["dd"]:
        n = _DEICTIC[norm(m["dd"])]
        return Tag("TIME", shift_form("REF", "day", n, str(abs(n))), extra=extra)
    if m["mon"]:
        mon, day = lx.month_number(m["mon"]), int(m["day"].rstrip("stndrh"))
        under = f"{m['year']}-{mon:02d}-{day:02d}" if m["year"] else f"UNDEF-tense-monthday-{mon:02d}-{day:02d}"
        return Tag("TIME", under, extra=extra)
    return Tag("TIME", "UNDEF-ANCHOR-day-PLUS-0", extra=extra)


def clock_in_the(m: re.Match[str]) -> Tag:
    """'4 in the morning' -> T04:00, '9 in the evening' -> T21:00, on the day last talked about."""
    h = int(m["h"])
    if norm(m["dp"]) == "morning":
        h %= 12
    elif h < 12 and not (norm(m["dp"]) == "night" and h < 5):  # "2 in the night" stays 02:00
        h += 12
    return Tag("TIME", "UNDEF-ANCHOR-day-PLUS-0", extra={"time": f"T{h:02d}:00"})


def rel_period(m: re.Match[str]) -> Tag | None:
    rel, unit = norm(m["rel"]), lx.unit_name(m["unit"])
    mod, clip = _part(m["part"])
    if rel == "the" and not (m["part"] or unit == "weekend"):
        return None
    extra = {"clip": clip} if clip else {}
    if rel == "the" and unit == "weekend" and not m["part"]:
        return Tag("DATE", "UNDEF-tense-weekend-0")
    if rel in ("the past", "the last") and _OF.match(m.string, m.end()):
        return None  # "the last week of March" is no week before the reference date
    if rel in ("the past", "the last") and unit in _ENDING_NOW and not m["part"]:
        # "in the past week": TimeML's value (the previous week), the interval of a span ending now
        return Tag("DATE", shift_form("REF", unit, -1, "1"), extra={"back": (unit, 1)})
    n = _REL_N[rel]
    # "earlier this month", "later this year": 'earlier' / 'later' belong to the span (TimeML, as in
    # TimeBank); the interval runs from the period's start to the reference date, or from it to the
    # period's end (TEMPORAL.md; the clip is applied in resolve.py)
    start = None
    if norm(m["part"]) in ("around", "sometime") and rel != "the":
        start = m.start("rel") - m.start()
    # "later in the day": the day talked about (TEMPORAL.md's anaphora: the last date mentioned, else
    # the reference date), as "that day" is. "By the end of the year" stays the reference year: news
    # uses it so after a background year ("founded in 1998, it expects a profit by the end of the year").
    base = "ANCHOR" if rel == "the" and unit == "day" else "REF"
    return Tag("DATE", shift_form(base, unit, n, str(abs(n))), mod=mod, extra=extra, start=start)


def anchor_same(m: re.Match[str]) -> Tag:
    unit = norm(m["unit"])
    mod, clip = _part(m["part"])
    extra: dict[str, object] = {"clip": clip} if clip else {}
    if unit in lx.DAY_PARTS:
        extra["time"] = clock(unit)
        unit = "day"
    # a part of a day is a TIME, as 'this morning' / 'yesterday evening' are (deictic)
    return Tag("TIME" if "time" in extra else "DATE", shift_form("ANCHOR", unit, 0, "0"), mod=mod, extra=extra)


# After 'the day before' / 'the year after' used as an adverb ('down from $4 million the year before,
# and ...'), only a conjunction, a preposition or 'that' may follow; any other word opens the event it
# is before or after ('the day before authorities issued a warrant', 'the day before the vote').
_ADVERB_END = re.compile(r"\s*(?:$|[^\w\s]|(?:and|or|but|in|at|on|to|from|with|for|by|during|until|while|when"
                         r"|as|because|so|then|than|that)\b)")


def anchor_next(m: re.Match[str]) -> Tag | None:
    rel = norm(m["rel"] or m["rel2"])
    unit = norm(m["unit"] or m["unit2"])
    if m["rel2"] and not _ADVERB_END.match(m.string, m.end()):
        return None
    sign = 1 if rel in ("following", "next", "after") else -1
    extra = {}
    if unit in lx.DAY_PARTS:
        extra["time"] = clock(unit)
        unit = "day"
    return Tag("TIME" if extra else "DATE", shift_form("ANCHOR", unit, sign, "1"), extra=extra)


def ago(m: re.Match[str]) -> Tag | None:
    d = norm(m["dir"])
    after = m.string[m.end():m.end() + 2]
    if d in ("before", "after") and re.match(r"\s\w", after):
        return None  # "two days before the vote": a duration before an event, not anaphora
    n = quantity(m["n"]) if m["n"] else "X"
    unit = lx.unit_name(m["unit"])
    sign = 1 if d in ("later", "after", "hence", "from now") else -1
    base = "AGO" if d in ("ago", "hence", "from now", "back") else "SHIFT"
    return Tag("DATE", shift_form(base, unit, sign, n), mod=approx_mod(m["approx"]))


def same_day_year(m: re.Match[str]) -> Tag:
    """'this time last year', 'a year ago today': the reference day moved a year, a DATE at day
    precision (not the year 'last year' names)."""
    sign = 1 if norm(m["rel"]) == "next" or norm(m["dir"]) == "from" else -1
    return Tag("DATE", shift_form("AGO", "year", sign, "1"), extra={"at": "day"})


def in_n(m: re.Match[str]) -> Tag | None:
    """'in three weeks' is a date only with a future cue; otherwise the duration rule has it."""
    if norm(m["n"]).startswith("the ") or tense.detect(m.string, m.start(), m.end()) != "future":
        return None  # "in the next few days" is a span from now: the duration rule's (TimeML PXD)
    n = quantity(m["n"])
    s = m.start("n") - m.start()
    return Tag("DATE", shift_form("AGO", m["unit"], 1, n), mod=approx_mod(m["approx"]), start=s)


_BAD_A = {"second", "quarter", "minute"}
# "the past two weeks", "the last 24 hours": spans ending at the reference date (TEMPORAL.md);
# "the last two weeks of June" is not one.
_ENDING_NOW = {"second", "minute", "hour", "day", "week", "month", "year"}
_OF = re.compile(r"\s+of\b")


_LAST_VERB_BEFORE = frozenset(("to", "will", "would", "could", "can", "may", "might", "should", "must", "'ll",
                               "not", "n't", "did", "does", "do"))


def duration(m: re.Match[str]) -> Tag | None:
    n = quantity(m["n"])
    unit = lx.unit_name(m["unit"])
    word = norm(m["n"])
    and_half = "half" in m.string[m.end("unit"):m.end()]  # "a year and a half", "two hours and a half"
    if and_half and n != "X":
        n = str(float(n) + 0.5)
    if word in ("a", "an") and unit in _BAD_A and not and_half:
        return None
    if unit == "quarter" and (re.match(r"\s+of\b", m.string[m.end():]) or re.fullmatch(r"1[5-9]\d\d|20\d\d", word)):
        return None  # "a quarter of the vote"; "the 1988 quarter" is a date (quarter_ref)
    if word in ("a", "an") and not (m["det"] or m["rel"] or m["approx"]):
        wb = word_before(m)
        if wb[-1:].isdigit() or wb in ("times", "once", "twice", "million", "billion", "percent", "cents",
                                        "dollars", "each", "%"):
            return None
    if m["old"] and m["old"].lower() == "-long" and word in ("a", "an"):
        return None  # "a day-long strike": the unit_long rule takes "day-long"
    if (m["old"] and m["old"].lower() == "-old") or re.match(r"\s+old\b", m.string[m.end():]):
        return None  # ages ("a 6-year-old", "52 years old") are not temporal expressions in TimeML
    hyphen = "-" in m.string[m.end("n"):m.start("unit")]
    if hyphen and re.match(r"\s+(?:shop|store|service|supermarket|pharmacy|restaurant|diner|hotline|helpline"
                           r"|news|access|gym|clinic|desk|operation|coverage|support)\b", m.string[m.end():]):
        return None  # "a 24-hour shop": opening hours, not a time span
    # "a 24-hour strike", "a six year process", "the two day meeting": a count with a singular unit
    # modifies the noun after it, whose article is not part of the duration (TimeML; TimeBank too)
    modifier = hyphen or (n not in ("1", "X") and m["unit"].lower() == unit and not m["n2"])
    rel = norm(m["rel"])
    if rel == "last" and not m["det"] and (wb := word_before(m).lower()) and (wb in _LAST_VERB_BEFORE
                                                                            or wb.endswith("n't")):
        modifier, rel = True, ""  # "expected to last 48 hours", "will last two weeks": the verb, not 'the last'
    start = (m.start("approx") if m["approx"] else m.start("n")) - m.start() if modifier and not rel else None
    extra = {}
    if (rel == "past" or (rel == "last" and norm(m["det"]) == "the")) and n != "X" and not m["n2"] \
            and unit in _ENDING_NOW | {"decade", "century"} and not _OF.match(m.string, m.end()):
        extra["back"] = (unit, n)
    return Tag("DURATION", duration_value(n, unit), mod=approx_mod(m["approx"]), start=start, extra=extra)


def bare_units(m: re.Match[str]) -> Tag | None:
    pre = norm(m["pre"])
    if pre == "the" and not m["ahead"]:
        return None  # "the years" alone is too often "the years 1990-95"; "the weeks ahead" is a span
    unit = lx.unit_name(m["unit"])
    if pre == "recent":  # TimeML: "in recent years" is a vague span of years (PXY), not PAST_REF
        return Tag("DURATION", duration_value("X", unit))
    keep = pre in ("the", "coming", "the coming", "the past", "the last", "the next", "past", "next", "last",
                   "upcoming", "the first", "the early", "the years", "recent")
    return Tag("DURATION", duration_value("X", unit), start=0 if keep else m.start("unit") - m.start())
