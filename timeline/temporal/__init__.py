"""Temporal engine: text + optional reference date -> temporal mentions (TIMEX3).

>>> import datetime
>>> [m.value for m in extract("It rained yesterday.", datetime.date(2025, 1, 12))]
['2025-01-11']
"""

from timeline.temporal.engine import extract, resolve
from timeline.temporal.timex import Interval, Mention

__all__ = ["Interval", "Mention", "extract", "resolve"]
