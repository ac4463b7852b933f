"""The example corpus (tests/corpus/*.jsonl): every text must yield exactly its expected mentions.

A line: {"text", "ref": "YYYY-MM-DD" | null, "expect": [{"text", "type", "value",
"interval"?: {"start", "end"} | null, "mod"?}]}; "interval" and "mod" are checked when given.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.temporal import extract

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _cases() -> list:
    cases = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                cases.append(pytest.param(json.loads(line), id=f"{path.stem}:{i}"))
    return cases


CASES = _cases()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 400


@pytest.mark.parametrize("case", CASES)
def test_example(case: dict) -> None:
    ref = dt.date.fromisoformat(case["ref"]) if case["ref"] else None
    got = extract(case["text"], ref)
    assert [(m.text, m.type, m.value) for m in got] == [(e["text"], e["type"], e["value"]) for e in case["expect"]]
    for m, e in zip(got, case["expect"], strict=True):
        if "interval" in e:
            assert (m.interval.to_dict() if m.interval else None) == e["interval"], m.explain
        if "mod" in e:
            assert m.mod == e["mod"]
        assert m.explain
