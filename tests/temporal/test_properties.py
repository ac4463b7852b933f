"""Property tests: any string is safe; offsets are honest; resolve() reproduces extract()."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import Mention, extract, resolve

WORDS = ["yesterday", "today", "last", "next", "week", "Friday", "March", "12", "2024", "in", "three", "days",
         "ago", "later", "the", "following", "day", "early", "late", "1990s", "every", "quarter", "third",
         "11/01/2025", "Jan.", "5,", "summer", "now", "a", "year", "earlier", "by", "will", "said", "-", "to",
         "noon", "3", "p.m.", "May", "I", "fiscal", "weekend", "of", "since", ",", ".", "decade", "century"]
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(texts, dates)
def test_any_text_is_safe(text: str, ref: dt.date | None) -> None:
    mentions = extract(text, ref)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.type in ("DATE", "TIME", "DURATION", "SET")
        if m.interval:
            assert m.interval.start <= m.interval.end
        assert Mention.from_dict(m.to_dict()) == m


@settings(max_examples=300, deadline=None)
@given(texts, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_resolve_later_equals_extract_with_date(text: str, ref: dt.date) -> None:
    direct = extract(text, ref)
    later = resolve(extract(text, None), ref)
    assert [(m.start, m.end, m.value, m.interval) for m in later] == \
        [(m.start, m.end, m.value, m.interval) for m in direct]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))
def test_no_reference_date_no_relative_interval(text: str) -> None:
    for m in extract(text, None):
        if m.interval is None:
            assert m.explain
