"""Rules as data: each rule is a record (name, pattern, builder, examples).

Patterns use {PLACEHOLDERS} from the lexicon and are compiled once, at import. The
examples are (text, expected value) with the reference date EXAMPLE_REF (a Wednesday);
tests/temporal/test_rules.py runs every one of them.

Day/month order: "11/01/2025" is read month/day (November 1), as in US English news wires
(AP, Reuters US, and the TempEval-3 corpora); a first field above 12 ("25/01/2025") can
only be a day and is read day/month.
"""

from __future__ import annotations

import datetime as dt

from timeline.temporal import builders_abs as ab
from timeline.temporal.builders import Rule

EXAMPLE_REF = dt.date(2025, 1, 15)

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ explicit dates
    Rule("date_month_day_year",
         r"\b(?:{WD},?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR}|{SPELLED})\b",
         ab.full_date,
         (("January 11, 2025", "2025-01-11"), ("Friday, Oct. 23, 1998", "1998-10-23"),
          ("Jan. 1st 2000", "2000-01-01"))),
    Rule("date_day_month_year",
         r"\b(?:{WD},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<year>{YEAR})\b",
         ab.full_date,
         (("11 January 2025", "2025-01-11"), ("the 3rd of March, 2024", "2024-03-03"))),
    Rule("date_iso", r"\b(?P<year>1\d{3}|20\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b",
         ab.full_date, (("2025-01-11", "2025-01-11"),)),
    Rule("date_slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d\d)(?![\d/])",
         ab.slash_date,
         (("11/01/2025", "2025-11-01"), ("25/01/2025", "2025-01-25"), ("08/13/90", "1990-08-13"))),
    Rule("date_month_day",
         r"\b(?:(?P<rel>this\s+coming|this\s+past|this)\s+)?(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MONTH})\s+"
         r"(?:(?P<day>{DAY})|(?P<ord>{ORD}))\b(?!\s*[-,]?\s*\d{4})(?!\s*(?:%|percent|\d))",
         ab.month_day,
         (("Jan. 11", "2025-01-11"), ("on March 12", "2024-03-12"), ("Monday, Oct. 26", "2024-10-26"),
          ("March eighth", "2024-03-08"))),
    Rule("week_of", r"\bthe\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?\b",
         ab.week_of, (("the week of March 6", "2024-W10"), ("the week of March 6, 2000", "2000-W10"))),
    Rule("part_of_month",
         r"\bthe\s+(?P<ord>first|second|third|fourth|last|final)\s+(?P<what>week|half)\s+of\s+(?P<mon>{MONTH})"
         r"(?:,?\s+(?P<year>{YEAR}))?\b",
         ab.part_of_month, (("the first week of March", "2024-W10"), ("the last week of June 2023", "2023-W26"),
                            ("the second half of March", "2024-03"))),
    Rule("date_day_month",
         r"\b(?:{WD},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})\b(?!\s*,?\s*\d{4})",
         ab.month_day, (("11 Jan", "2025-01-11"), ("the 5th of December", "2024-12-05"),
                        ("Tuesday 14 January", "2025-01-14"))),
    Rule("range_days",
         r"\b(?P<d1>{DAY})\s*(?:-|–|to|until|through|and)\s*(?P<d2>{DAY})\s+(?P<mon>{MONTH})"
         r"(?:,?\s+(?P<year>{YEAR}))?\b",
         ab.day_range, (("from 3 to 5 February 2025", "2025-02-03"),)),
    Rule("range_month_days",
         r"\b(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|to|until|through|and)\s*(?P<d2>{DAY})"
         r"(?:,?\s+(?P<year>{YEAR}))?\b(?!\s*(?:%|percent))",
         ab.day_range, (("March 3-5, 2024", "2024-03-03"),)),
    Rule("range_years",
         r"(?<![\d$#.,/-])(?P<y1>1[5-9]\d\d|20\d\d)\s*(?:-|–|to|through)\s*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)\b"
         r"(?![-/]\d)",
         ab.year_range, (("2019-2021", "2019"), ("1998-99", "1998"))),
    Rule("month_year",
         r"\b(?:(?P<part>{PART})[\s-]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}|{SPELLED})\b",
         ab.month_year,
         (("March 2023", "2023-03"), ("early January 2025", "2025-01"),
          ("January nineteen ninety-seven", "1997-01"))),
    Rule("month_rel_year",
         r"\b(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
         ab.month_rel_year, (("June last year", "2024-06"), ("January this year", "2025-01"))),
    Rule("month", r"\b(?:(?P<rel>{RELW})\s+)?(?:(?P<part>{PART})[\s-]+)?(?P<mon>{MONTH})\b", ab.month,
         (("in December", "2024-12"), ("next March", "2025-03"), ("early January", "2025-01"),
          ("last November", "2024-11"), ("mid-November", "2024-11"))),
    Rule("year",
         r"\b(?:(?P<part>{PART})[\s-]+)?(?:(?P<fy>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|"
         r"the\s+(?:fiscal\s+)?year\s+ended)\s*)?(?:(?P<pp>pre|post)-)?(?P<year>{YEAR})\b",
         ab.year, (("1998", "1998"), ("mid-2025", "2025"), ("FY2024", "2024"), ("fiscal 1989", "1989"),
                   ("the end of 1990", "1990"), ("post-1959", "1959"))),
    Rule("year_spelled", r"\b(?:the\s+year\s+)?(?P<year>{SPELLED})\b", ab.spelled_year,
         (("nineteen ninety-six", "1996"), ("the year two thousand", "2000"))),
    Rule("decade",
         r"\b(?:the\s+)?(?:(?P<part>{PART})[\s-]+)?(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0'?s"
         r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
         ab.decade, (("the 1990s", "199"), ("the late 1970s", "197"), ("the '80s", "198"),
                     ("the nineties", "199"))),
    Rule("century",
         r"\b(?:the\s+)?(?:(?P<part>{PART})[\s-]+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<ord>{ORD}|twentieth|"
         r"twenty-first))[\s-]+century\b",
         ab.century, (("the 20th century", "19"), ("the eleventh century", "10"))),
    Rule("season",
         r"\b(?:(?P<rel>{RELW}|the)\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<season>{SEASON})"
         r"(?:\s+(?:of\s+)?(?P<year>{YEAR}|{SPELLED}))?\b",
         ab.season, (("last fall", "2024-FA"), ("summer 2024", "2024-SU"), ("this summer", "2025-SU"),
                     ("the winter of nineteen ninety-four", "1994-WI"))),
    Rule("quarter",
         r"\b(?:(?P<det>the|its|their|this\s+year's|last\s+year's|next\s+year's|(?:the\s+)?(?P<py>{YEAR})(?:'s)?)\s+)?"
         r"(?:(?:fiscal|calendar|flat|latest)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
         r"[\s-]+(?:fiscal[\s-]+)?quarter\b(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>{YEAR})|(?P<rel>this|last|next)"
         r"\s+year|the\s+(?P<cur>current\s+)?year))?",
         ab.quarter, (("the third quarter", "2025-Q3"), ("third-quarter", "2025-Q3"),
                      ("the fourth quarter of 1990", "1990-Q4"), ("the 1988 second quarter", "1988-Q2"),
                      ("next year's first quarter", "2026-Q1"), ("2023's first quarter", "2023-Q1"))),
    Rule("quarter_code",
         r"\b(?:(?P<q>Q[1-4])\s*(?P<year>{YEAR})|(?P<year2>{YEAR})\s*(?P<q2>Q[1-4])|(?P<q3>Q[1-4]))\b(?![-/.]?\d)",
         ab.quarter_code, (("Q3 2024", "2024-Q3"), ("revenue rose in Q4", "2024-Q4"), ("Q1 sales", "2025-Q1"))),
    Rule("half",
         r"\b(?:the\s+|(?P<py>{YEAR})'s\s+)?(?P<ord>first|second|last|latter)\s+half(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last"
         r"|next)\s+year|the\s+year))?\b|\b(?P<h>H[12])\s*(?P<year2>{YEAR})\b",
         ab.half, (("the first half", "2025-H1"), ("the second half of 2024", "2024-H2"),
                   ("H1 2024", "2024-H1"), ("2023's second half", "2023-H2"))),
)
