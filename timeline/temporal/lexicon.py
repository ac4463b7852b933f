"""Words: months, weekdays, numbers, units, seasons, parts of periods, deictic words.

Pure data plus the regex fragments built from it once, at import.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), 1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS.update({"sept": 9, "febr": 2})

WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 1):
    WEEKDAYS[_name] = _i
    WEEKDAYS[_name[:3]] = _i
WEEKDAYS.update({"tues": 2, "wednes": 3, "thur": 4, "thurs": 4})

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# Parts of the day, TIMEX3 suffixes.
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
             "mid-afternoon": "AF", "midafternoon": "AF", "mid afternoon": "AF"}

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "millennium": "ML", "weekend": "WE",
}
UNIT_ALIASES = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
                "weeks": "week", "months": "month", "quarters": "quarter", "years": "year",
                "decades": "decade", "centuries": "century", "millennia": "millennium",
                "weekends": "weekend", "fortnights": "fortnight", "yrs": "year", "yr": "year",
                "mins": "minute", "min": "minute", "hrs": "hour", "hr": "hour", "secs": "second",
                "sec": "second", "millenniums": "millennium"}
TIME_UNITS = {"second", "minute", "hour"}

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "a": 1, "an": 1, "single": 1, "couple": 2, "a couple of": 2,
        "a dozen": 12, "couple of": 2, "dozen": 12, "half a dozen": 6, "a hundred": 100, "one hundred": 100,
        "a thousand": 1000, "hundred": 100, "thousand": 1000}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# Quantities a reader cannot count: found, value with X.
VAGUE = ("a few", "few", "several", "some", "many", "a number of",
         "a couple", "numerous", "countless", "the next few", "a handful of")

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
            "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
            "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31, "last": -1, "final": -1}

# early / mid / late -> TIMEX3 mod
PARTS = {"early": "START", "the beginning of": "START", "the start of": "START",
         "beginning of": "START", "start of": "START", "the first part of": "START",
         "mid": "MID", "the middle of": "MID", "middle of": "MID", "late": "END",
         "the end of": "END", "end of": "END", "the close of": "END", "the latter part of": "END",
         "the last part of": "END"}

FUTURE_CUES = ("will", "'ll", "shall", "going to", "plans", "plan to", "planned", "scheduled",
               "expected to", "expects", "is to", "are to", "due to", "is due", "are due",
               "set to", "next", "upcoming", "would", "intends", "hopes to", "until", "by",
               "to be held", "to begin", "to start", "to meet", "to visit", "to vote", "to take",
               "forecast", "projected", "is slated", "are slated", "to open", "to resume")


def trie_regex(words: object, space: str = r"\s+") -> str:
    """A prefix-sharing, longest-first alternation of words (a space matches `space`): the regex
    engine tries one branch per distinct next character instead of every word in turn."""
    trie: dict = {}
    for w in {str(w) for w in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        alts = [(space if ch == " " else re.escape(ch)) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return walk(trie)


def alternation(words: object) -> str:
    """Longest-first regex alternation of words (spaces match any whitespace)."""
    return trie_regex(words)


def number_value(words: str) -> int | None:
    """'twenty four' / 'twenty-four' / '24' / '2,000' / 'a' -> int; vague or unknown -> None."""
    w = " ".join(words.lower().replace("-", " ").split())
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    if w in ONES:
        return ONES[w]
    if w in TENS:
        return TENS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
        return TENS[parts[0]] + ONES[parts[1]]
    if len(parts) == 2 and parts[0] in ONES and parts[1] in ("hundred", "thousand"):
        return ONES[parts[0]] * ONES[parts[1]]
    return None


MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november"
            r"|december|jan\.?|feb\.?|febr\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?"
            r"|oct\.?|nov\.?|dec\.?)")
WEEKDAY_RE = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              r"|mon\.|tue\.|tues\.|wed\.|thu\.|thur\.|thurs\.|fri\.|sat\.|sun\.)")
# a weekday before a date ('Mon 3 March 2025') may also be abbreviated without a dot: there, and only
# there, 'sun' or 'wed' cannot be the noun or the verb
WEEKDAY_PREFIX_RE = WEEKDAY_RE[:-1] + r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b)"
NUMWORD_RE = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine)[\s-]+(?:hundred|thousand)"
              r"|(?:" + alternation(TENS) + r")(?:[\s-](?:one|two|three|four|five|six|seven"
              r"|eight|nine))?|" + alternation(k for k in ONES if k not in ("a", "an")) + ")")
NUM_RE = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|" + NUMWORD_RE + r"|a|an)"
VAGUE_RE = "(?:" + alternation(VAGUE) + ")"
UNIT_RE = "(?:" + alternation(list(UNITS) + list(UNIT_ALIASES)) + ")"
SEASON_RE = "(?:" + alternation(SEASONS) + ")"
ORDINAL_RE = "(?:" + alternation(k for k in ORDINALS if k not in ("last", "final")) + ")"
DAYPART_RE = "(?:" + alternation(DAY_PARTS) + ")"


def unit_name(word: str) -> str:
    w = word.lower()
    return UNIT_ALIASES.get(w, w)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]

APPROX_RE = (r"(?:about|around|approximately|roughly|nearly|almost|some|less\s+than|fewer\s+than|"
             r"more\s+than|just\s+over|just\s+under|well\s+over|over|under|at\s+least|at\s+most|up\s+to|"
             r"no\s+more\s+than)")
PART_RE = (r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|close)\s+of|(?:beginning|start|middle|end)"
           r"\s+of)")
YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_ONE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
SPELLED_YEAR_RE = (r"(?:(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                   r"(?:[\s-]" + _ONE + r")?|" + _TEEN + r"|oh[\s-]" + _ONE + r"|hundred)|the\s+year\s+two\s+thousand"
                   r"(?:\s+(?:and\s+)?(?:" + _TEEN + "|" + _ONE + r"))?|two\s+thousand\s+and\s+" + _ONE + ")")
# '10.30 a.m.': British style puts a dot between hours and minutes, only with a.m./p.m. (not '10.30 percent')
CLOCK_RE = (r"(?:(?<![\d.:])\d{1,2}(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)"
            r"|(?:[01]?\d|2[0-3]):[0-5]\d\b"
            r"|noon|midnight|midday"
            # wire-service 24-hour time ('0600 GMT'); not a bracketed restatement of a time just given
            # ('10:35 a.m. (0735 GMT)'), which TE3's annotators leave untagged
            r"|(?<!\()(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:GMT|UTC|local\s+time)\b))")
TZ_RE = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|ET|PT|local\s+time)"

REL_RE = (r"(?:this\s+past|this\s+coming|the\s+coming|the\s+past|the\s+previous|the\s+following|last|next"
          r"|this|coming|past|previous)")

# Trigger words for the engine's gate, by kind. A rule runs only in windows around the
# trigger words of its kinds (RULE_NEEDS), so text without them costs one regex pass.
TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "MONTH": tuple(MONTHS),
    "WD": tuple(w for w in WEEKDAYS if len(w) > 4) + tuple(f"{w}days" for w in ("mon", "tues", "wednes",
                                                                                  "thurs", "fri", "satur", "sun")),
    "UNIT": tuple(UNITS) + tuple(UNIT_ALIASES) + ("period", "periods", "year's"),
    "DEICTIC": ("today", "yesterday", "tomorrow", "tonight"),
    "DAYPART": ("morning", "afternoon", "evening", "night", "overnight", "noon", "midnight", "midday",
                "midafternoon", "mornings", "nights", "evenings", "afternoons"),
    "CLOCK": ("noon", "midnight", "midday"),
    "SEASON": tuple(SEASONS),
    "REFW": ("now", "current", "currently", "recent", "recently", "lately", "past", "present", "presently",
             "future", "term", "nowadays", "these", "moment", "later", "someday", "formerly"),
    "SETW": ("daily", "weekly", "monthly", "yearly", "annually", "hourly", "quarterly", "nightly", "biweekly",
             "bimonthly", "semiannually", "fortnightly"),
    "SPELLED": ("nineteen", "eighteen", "thousand"),
    "DECW": ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
    "HOLIDAY": ("christmas", "thanksgiving", "easter", "halloween", "valentine's", "labor", "memorial",
                "election", "independence", "boxing", "patrick's", "year's"),
    "NUMW": tuple(ONES) + tuple(TENS) + ("few", "several", "many", "couple", "dozen", "half", "some", "numerous",
                                         "countless", "number", "handful"),
    "HALF": ("half", "h"),
    "Q": ("q", "quarter", "quarters", "period"),
    "AGO": ("ago", "earlier", "later", "before", "after", "hence", "now", "back"),
    "CENT": ("century", "centuries"),
    "EVERY": ("every", "each", "per"),
    "IN": ("in",),
}
WORD_KINDS: dict[str, frozenset[str]] = {}
for _kind, _words in TRIGGER_WORDS.items():
    for _w in _words:
        WORD_KINDS[_w] = WORD_KINDS.get(_w, frozenset()) | {_kind}

# rule -> (kinds that can anchor it, chars to search before the trigger, chars after it).
# "A/B": windows around A words, and only if some B word is present too. "A<B": windows around
# the A words that have a B word at most NEAR_BEFORE chars before them, from that B word on
# ("two consecutive trading days": anchored on the unit, searched from the number).
_RULE_TABLE = {
    "date_month_day_year": ("MONTH", 30, 30), "date_day_month_year": ("MONTH", 30, 30), "date_iso": ("DIGIT", 12, 12),
    "date_slash": ("DIGIT", 8, 12), "date_month_day": ("MONTH", 40, 25), "date_day_month": ("MONTH", 25, 20),
    "week_of": ("MONTH", 20, 15), "part_of_month": ("MONTH", 30, 10),
    "range_days": ("MONTH", 30, 30), "range_month_days": ("MONTH", 10, 40), "range_years": ("YEAR4", 8, 14),
    "month_year": ("MONTH", 30, 30), "month_rel_year": ("MONTH", 5, 25), "month": ("MONTH", 40, 10),
    "year": ("YEAR4", 40, 12), "year_spelled": ("SPELLED", 15, 40), "decade": ("DIGIT DECW", 25, 10),
    "century": ("CENT", 40, 5), "season": ("SEASON", 30, 40), "quarter": ("Q", 60, 50),
    "quarter_code": ("Q", 10, 10), "half": ("HALF", 30, 40), "deictic_day": ("DEICTIC", 40, 20),
    "day_part": ("DAYPART", 10, 5), "clock_time": ("CLOCK", 40, 50), "weekday": ("WD", 30, 20),
    "clock_in_the": ("DAYPART", 22, 2),
    "rel_period": ("UNIT", 50, 5), "year_end": ("UNIT", 12, 12), "anchor_same": ("UNIT DAYPART", 40, 5),
    "anchor_next": ("UNIT DAYPART", 30, 15), "ago": ("AGO/UNIT", 70, 10), "in_n": ("IN/UNIT", 2, 50),
    "duration": ("UNIT<DIGIT NUMW", 40, 25), "unit_long": ("UNIT", 5, 10), "bare_units": ("UNIT", 20, 30),
    "set_adverb": ("SETW", 2, 40), "set_every": ("EVERY", 2, 40), "set_per": ("UNIT", 28, 5),
    "set_weekdays": ("WD", 5, 20), "ref_word": ("REFW", 20, 20), "quarter_ref": ("Q", 90, 40),
    "the_year": ("UNIT", 40, 40), "holiday": ("HOLIDAY", 30, 20), "year_ago_adj": ("UNIT", 8, 30),
    "same_day_year": ("UNIT", 25, 15), "day_of_month": ("DIGIT", 20, 12),
}


NEAR_BEFORE = 50


def _needs(spec: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """'AGO/UNIT' -> (AGO, UNIT, -); 'UNIT<DIGIT NUMW' -> (UNIT, -, DIGIT NUMW)."""
    head, _, near = spec.partition("<")
    head, _, also = head.partition("/")
    return frozenset(head.split()), frozenset(also.split()), frozenset(near.split())


RULE_NEEDS = {name: (*_needs(kinds), back, fwd) for name, (kinds, back, fwd) in _RULE_TABLE.items()}


# The only characters that IGNORECASE matches to an ASCII letter or that lower() turns into ASCII
# or into two characters: without them, a pattern's lowercase form without IGNORECASE reads
# text.lower() exactly as the pattern reads text, several times faster.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


def lower_pattern(source: str) -> re.Pattern[str]:
    """A case-insensitive pattern's source, lowercased outside escapes and group names, compiled
    without IGNORECASE: for lower_exact(text)."""
    return re.compile(re.sub(r"(\\.|\(\?P[<=]\w+)|([^\\(]+)", lambda f: f[1] or f[2].lower(), source))


def lower_exact(text: str) -> str | None:
    """text.lower() when lowercase patterns read it as IGNORECASE ones read text, else None."""
    return text.lower() if text.isascii() or not _CASE_TRAPS.search(text) else None
