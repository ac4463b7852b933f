"""Every rule's own examples (rules are data: name, pattern, builder, examples)."""

from __future__ import annotations

import pytest

from timeline.temporal import extract
from timeline.temporal.engine import ALL_RULES
from timeline.temporal.rules import EXAMPLE_REF

EXAMPLES = [pytest.param(rule.name, text, value, id=f"{rule.name}:{text}")
            for rule in ALL_RULES for text, value in rule.examples]


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in ALL_RULES)


def test_rule_names_unique() -> None:
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("name", "text", "value"), EXAMPLES)
def test_rule_example(name: str, text: str, value: str) -> None:
    mentions = extract(text, EXAMPLE_REF)
    assert mentions, f"{name}: nothing found in {text!r}"
    assert mentions[0].value == value, mentions[0].explain
