"""The corpus bench as a test: every type keeps precision and recall >= 0.85 (bench/events_quality.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from timeline.events import EVENT_TYPES

BENCH = Path(__file__).resolve().parents[2] / "bench" / "events_quality.py"


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("events_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    records = module.load()
    assert len(records) >= 150
    return module.evaluate(records)


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_type_precision_and_recall(scores, kind: str) -> None:
    assert scores.precision(kind) >= 0.85, f"{kind} precision {scores.precision(kind):.3f}"
    assert scores.recall(kind) >= 0.85, f"{kind} recall {scores.recall(kind):.3f}"


def test_dates_of_matched_events(scores) -> None:
    # occurred also depends on timeline.temporal; this floor catches a regression, not perfection
    assert scores.dated_right / scores.dated >= 0.85
