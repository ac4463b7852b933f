"""The bulk fast path accepts only what the marshmallow schema accepts, and loads it the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from timeline.fastpath import quick_event
from timeline.schemas import EventIn

SCHEMA = EventIn()
days = st.one_of(st.dates().map(str), st.sampled_from(["2025-02-30", "2025-1-1", "20250101", "", "x"]),
                 st.integers(), st.none())
spans = st.one_of(st.none(), st.integers(), st.fixed_dictionaries(
    {"start": days}, optional={"end": days, "precision": st.sampled_from(["day", "month", "eon", None]),
                               "extra": st.just(1)}))
texts = st.one_of(st.text(max_size=12), st.integers(), st.none(), st.just("abc\n"))
records = st.fixed_dictionaries(
    {"kind": st.sampled_from(["event", "event", "excerpt"])},
    optional={"id": texts, "type": st.one_of(st.sampled_from(["combat", "report", "Combat"]), texts),
              "summary": texts, "occurred": spans, "reported": spans,
              "actors": st.one_of(st.lists(texts, max_size=3), texts),
              "places": st.lists(st.text(max_size=5), max_size=2),
              "quantities": st.lists(st.fixed_dictionaries({"value": st.integers()}), max_size=1),
              "confidence": st.one_of(st.none(), st.floats(), st.integers(-1, 2), st.just("0.5"), st.booleans()),
              "factuality": st.one_of(st.sampled_from(["asserted", "expected", "possible", "maybe", None]), texts),
              "description": texts, "url": texts,
              "metadata": st.one_of(st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), texts),
              "colour": st.just("red")})


@settings(max_examples=1500, deadline=None)
@given(records)
def test_fast_path_agrees_with_the_schema(record):
    quick = quick_event(record)
    try:
        loaded = SCHEMA.load(record)
    except ValidationError:
        assert quick is None
        return
    if quick is not None:
        assert quick == loaded


def test_fast_path_takes_the_common_record():
    record = {"kind": "event", "id": "e1", "type": "combat", "summary": "Shelling",
              "occurred": {"start": "2025-01-01", "end": "2025-01-31", "precision": "month"},
              "actors": ["army"], "places": ["Kyiv"]}
    assert quick_event(record) == SCHEMA.load(record)
