"""Relative rules as data: deictic days, weekdays, periods, anaphora, durations, sets.

Examples are (text, expected value of the first mention) at rules.EXAMPLE_REF (Wed 2025-01-15).
"""

from __future__ import annotations

from timeline.temporal import builders_ref as bf
from timeline.temporal import builders_rel as br
from timeline.temporal.builders import Rule

_DAY_UNITS = r"(?:day|morning|afternoon|evening|night|week|weekend|month|year|decade|quarter)"

RULES: tuple[Rule, ...] = (
    Rule("deictic_day",
         r"\b(?:(?P<part>early|late|earlier|later)\s+)?(?:(?P<dp0>mid-?afternoon|mid-?morning)\s+)?(?P<word>the\s+day"
         r"\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)"
         r"(?:\s+(?P<dp>morning|afternoon|evening|night))?\b",
         br.deictic,
         (("yesterday", "2025-01-14"), ("today", "2025-01-15"), ("the day before yesterday", "2025-01-13"),
          ("tomorrow morning", "2025-01-16TMO"), ("late yesterday", "2025-01-14"))),
    Rule("day_part", r"\b(?:this\s+(?:morning|afternoon|evening)|last\s+night|overnight|mid[-\s]?(?:morning"
         r"|afternoon))\b", br.day_part,
         (("this morning", "2025-01-15TMO"), ("last night", "2025-01-14TNI"), ("by mid afternoon", "2025-01-15TAF"))),
    Rule("clock_time",
         r"\b(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
         r"(?P<t>{CLOCK})(?:\s+(?P<tz>{TZ}))?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WDFULL})|(?P<dd>today|yesterday|tomorrow"
         r"|tonight)|(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?))?(?=\W|$)",
         br.clock_time,
         (("at 3 p.m. yesterday", "2025-01-14T15:00"), ("15:30 GMT", "2025-01-15T15:30"),
          ("10 p.m. Wednesday", "2025-01-15T22:00"), ("5 p.m. EST Nov. 9", "2024-11-09T17:00"))),
    Rule("clock_in_the",
         r"\b(?P<h>1[0-2]|[1-9])(?:\s+o'clock)?\s+in\s+the\s+(?P<dp>morning|afternoon|evening|night)\b",
         br.clock_in_the,
         (("at 4 in the morning", "2025-01-15T04:00"), ("9 o'clock in the evening", "2025-01-15T21:00"))),
    Rule("weekday",
         r"\b(?:(?P<rel>last|next|this\s+coming|this\s+past|this|the\s+previous|the\s+preceding|the\s+following"
         r"|the\s+next|coming|past)\s+|(?P<part>early|late|earlier|later)(?:\s+on)?\s+)?(?P<wd>{WDFULL})"
         r"(?:\s+(?P<dp>morning|afternoon|evening|night))?\b",
         br.weekday,
         (("on Monday", "2025-01-13"), ("last Friday", "2025-01-10"), ("next Tuesday", "2025-01-21"),
          ("Wednesday night", "2025-01-15"), ("Friday morning", "2025-01-10"), ("late on Tuesday", "2025-01-14"))),
    # "on the 4th", "by the 20th": a day of a month told before or of the reference date's; only after a
    # preposition and at a clause's end or before one of a few words ("the 4th floor", "the 20th century",
    # "the 4th and final day" are no dates; "the 4th of July" is date_day_month's)
    Rule("day_of_month",
         r"\b(?:on|by|until|till|from|since|before|after)\s+(?P<the>the\s+(?P<day>[12]\d|3[01]|0?[1-9])"
         r"(?:st|nd|rd|th))(?=\s*(?:[,.;:!?)]|$)|\s+(?:in|at|when|after|before|with|as|for)\b)",
         br.day_of_month, (("on the 4th.", "2025-01-04"), ("due by the 20th.", "2025-01-20"))),
    Rule("rel_period",
         r"\b(?:(?P<part>{PART}|earlier|later|sometime|around)\s+(?:in\s+|during\s+)?)?(?P<rel>this\s+past|this"
         r"\s+coming|the\s+coming|the\s+past|the\s+last|the\s+current|this|last|next|past|coming"
         r"|previous|current|the)\s+(?P<unit>day|week|weekend|month|quarter|year|decade|century)\b",
         br.rel_period,
         (("last week", "2025-W02"), ("this year", "2025"), ("next month", "2025-02"),
          ("early next year", "2026"), ("earlier this month", "2025-01"), ("the end of the month", "2025-01"),
          ("last decade", "201"), ("the weekend", "2025-W02-WE"))),
    Rule("year_end", r"\b(?:around\s+)?year(?:'s)?[\s-]+end\b", lambda m: br.Tag(
        "DATE", "UNDEF-REF-year-PLUS-0", mod="END"), (("year-end", "2025"),)),
    Rule("anchor_same",
         r"\b(?:(?P<part>earlier|later|early|late)\s+)?(?:that(?:\s+same)?|the\s+same|that\s+very)\s+(?P<unit>"
         + _DAY_UNITS + r")\b",
         br.anchor_same, (("that same day", "2025-01-15"), ("later that year", "2025"))),
    Rule("anchor_next",
         r"\bthe\s+(?P<rel>following|next|previous|preceding|prior)\s+(?P<unit>" + _DAY_UNITS + r")\b"
         r"|\bthe\s+(?P<unit2>day|night|week|month|year)\s+(?P<rel2>before|after)\b",
         br.anchor_next, (("the following day", "2025-01-16"), ("the next morning", "2025-01-16TMO"),
                          ("the day before", "2025-01-14"))),
    Rule("ago",
         r"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<n>{NUM}(?:\s+1/2|\s+and\s+a\s+half)?|{VAGUE})[\s-]+)?(?:more\s+)?"
         r"(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|hence|from\s+now|back)\b",
         br.ago,
         (("three years ago", "2022"), ("a decade ago", "2015"), ("two days later", "2025-01-17"),
          ("a year earlier", "2024"), ("six weeks ago", "2024-W49"), ("a few days ago", "PAST_REF"))),
    Rule("same_day_year",
         r"\b(?:(?:this|the\s+same)\s+time\s+(?P<rel>last|next)\s+year|(?:a|one)\s+year\s+(?P<dir>ago|from)\s+today)\b",
         br.same_day_year, (("this time last year", "2024-01-15"), ("a year ago today", "2024-01-15"))),
    Rule("in_n",
         r"\bin\s+(?:(?P<approx>about|around|roughly|nearly|less\s+than|more\s+than|just)\s+)?(?P<n>{NUM}|"
         r"{VAGUE})\s+(?P<unit>{UNIT})(?:'s)?(?:\s+time)?\b",
         br.in_n, (("will open in two weeks", "2025-W05"),)),
    Rule("duration",
         r"\b(?:(?P<det>the|each\s+of\s+the|all\s+of\s+the|an?\s+additional|another|a\s+further"
         r"|a)\s+)?(?:(?P<rel>past|last|next|first|final|coming|previous|remaining|following|latest|initial|prior"
         r"|ensuing|additional|further|preceding|same|full)\s+)?(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUM}(?:\s+1/2|"
         r"\s+and\s+a\s+half)?|{VAGUE})(?:\s+(?:or|to)\s+(?P<n2>{NUM}))?(?:\s+(?:more|additional|full|straight"
         r"|consecutive|trading|business|working|calendar|long|whole|extra|successive|solid))?[\s-]+"
         r"(?P<unit>{UNIT})(?:\s+and\s+a\s+half)?(?P<old>-old|-long)?(?:\s+or\s+so)?\b",
         br.duration,
         (("eight months", "P8M"), ("90 days", "P90D"), ("three-year war", "P3Y"), ("the past two weeks", "P2W"),
          ("the first nine months", "P9M"), ("5 1/2 hours", "PT5H30M"), ("a few days", "PXD"),
          ("two decades", "P20Y"), ("a couple of years", "P2Y"))),
    Rule("unit_long", r"\b(?P<unit>day|week|month|year|hour|decade|centur(?:y|ies)|days|weeks|months|years|hours"
         r"|decades)-long\b",
         lambda m: br.Tag("DURATION", br.duration_value(
             "X" if m["unit"].lower().endswith(("s", "ies")) else "1", br.lx.unit_name(m["unit"]))),
         (("a day-long strike", "P1D"), ("decades-long", "PXE"))),
    Rule("bare_units",
         r"\b(?P<pre>for|in|over|within|than|lasting|lasted|took|takes?|taking|spent|spanning|recent|coming"
         r"|the\s+coming|the\s+past|the\s+last|the\s+next|upcoming|the\s+first|the\s+early|the)\s+(?P<unit>{UNITS})(?P<ahead>\s+ahead)?\b(?!\s+(?:ago|of\s+"
         r"(?!the\b)|and\s+years))",
         br.bare_units, (("for years", "PXY"), ("in recent weeks", "PXW"), ("the coming months", "PXM"),
                         ("in the weeks ahead", "PXW"), ("it took weeks", "PXW"))),
    Rule("set_adverb",
         r"\b(?:daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly|biweekly|bimonthly|semi-?annually"
         r"|fortnightly)\b(?!\s+(?:dividends?|payments?|reports?|results|earnings|profits?|sales|figures"
         r"|volume|newspaper|meetings?|magazine|rate|average|basis|turnover|interest|installments?|fees?|loss(?:es)?"
         r"|(?:cash|stock)\s+dividends?|of\s+(?:\$|\d|[a-z]+\s+cents)|share\s+turnover))",
         bf.set_adverb, (("daily", "P1D"), ("quarterly", "P3M"))),
    Rule("set_every",
         r"\b(?:every|each|per)\s+(?:(?P<other>other|single|second)\s+)?(?:(?P<n>{NUM})\s+)?(?P<what>(?P<wd>"
         r"{WDFULL})|(?P<mon>{MONTH})|(?P<season>{SEASON})|{UNIT}|morning|afternoon|evening|night|weekday)s?\b",
         bf.set_every,
         (("every day", "P1D"), ("each month", "P1M"), ("every Thursday", "XXXX-WXX-4"), ("each July", "XXXX-07"),
          ("every two weeks", "P2W"))),
    Rule("set_per",
         r"\b(?P<freq>(?:once|twice|thrice|(?:\d+|{NUM})\s+times)\s+)?(?:a|an|per)\s+(?P<unit>day|week|month|year"
         r"|quarter|hour|minute)\b",
         bf.set_per, (("twice a week", "P1W"), ("$5 a year", "P1Y"))),
    Rule("set_weekdays",
         r"\b(?P<wd>{WDFULL})(?:s(?:\s+(?P<dp>mornings|afternoons|evenings|nights))?|\s+(?P<dp2>mornings"
         r"|afternoons|evenings|nights))\b",
         bf.set_weekdays, (("on Tuesdays", "XXXX-WXX-2"), ("Tuesday nights", "XXXX-WXX-2TNI"))),
    Rule("ref_word",
         r"\b(?:right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|"
         r"the\s+present|more\s+recently|recently|lately|the\s+past|current|"
         r"the\s+(?:near\s+|foreseeable\s+|distant\s+)?future|the\s+(?:near|short|long|medium)(?:er)?\s+term"
         r"|a\s+later\s+date|someday)\b",
         bf.ref_word,
         (("now", "PRESENT_REF"), ("recently", "PAST_REF"), ("currently", "PRESENT_REF"),
          ("in the future", "FUTURE_REF"), ("in the near term", "FUTURE_REF"))),
    Rule("quarter_ref",
         r"\b(?P<det>the|this|that|last|next|its|their)\s+(?:(?P<py>{YEAR})\s+)?(?P<adj>(?:(?:latest|current|most\s+recent|same|"
         r"comparable|corresponding|previous|prior|year-earlier|year-ago|year\s+earlier|fiscal|just-ended|"
         r"recent)[\s-]+)*)(?P<what>quarter|period)(?P<tail>\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year|of\s+"
         r"last\s+year))?\b",
         bf.quarter_ref, (("the latest quarter", "2024-Q4"), ("the year-earlier quarter", "2023-Q4"),
                          ("this quarter", "2025-Q1"), ("the 2023 quarter", "2023"))),
    Rule("the_year",
         r"\bthe\s+(?P<adj>(?:(?:full|fiscal|current|latest|whole|entire|calendar)[\s-]+)*)(?P<unit>year|week"
         r"|month)\b(?![\s-](?:earlier|ago|before|after|later|end|old|long)\b|'s|\s+(?:of|in|for|that|when)\b"
         r"|\s+to\b(?!\s+(?:date\b|{MONTH})))",
         bf.the_year, (("the fiscal year", "2025"), ("the week", "2025-W03"),
                       ("net for the year ended March 31", "P1Y"))),
    Rule("holiday",
         r"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<name>Thanksgiving(?:\s+Day)?|Christmas"
         r"(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Independence\s+Day|Halloween|Valentine's\s+Day|Labor"
         r"\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+Sunday)?|Veterans\s+Day|Boxing\s+Day|"
         r"Christmas\s+Day|St\.?\s+Patrick's\s+Day)(?P<week>\s+week)?\b",
         bf.holiday, (("Thanksgiving Day", "2024-11-28"), ("last Christmas", "2024-12-25"),
                      ("Easter", "2024-03-31"))),
    Rule("year_ago_adj", r"\byear[\s-](?:earlier|ago)\b(?!\s+(?:quarter|period))", bf.year_ago_adj,
         (("year-earlier", "2024"),)),
)
