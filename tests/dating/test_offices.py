"""offices.clues(): a holder taking or leaving an office, dated against the row's terms."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dating import offices


@pytest.mark.parametrize(("text", "expected"), [
    ("Mark Carney was sworn in as Canada's prime minister on Friday.", [(date(2025, 3, 14), date(2025, 3, 21))]),
    # two terms: either start
    ("Donald Trump was sworn in as the 47th president on Monday.",
     [(date(2017, 1, 20), date(2017, 1, 27)), (date(2025, 1, 20), date(2025, 1, 27))]),
    ("Friedrich Merz was elected German chancellor on Tuesday.", [(date(2025, 2, 5), date(2025, 5, 13))]),
    ("Liz Truss resigned as British prime minister on Thursday.", [(date(2022, 7, 27), date(2022, 11, 1))]),
    ("Keir Starmer became prime minister on Friday.", [(date(2024, 7, 5), date(2024, 7, 12))]),
])
def test_office_clue(text, expected):
    found = offices.clues(text)
    assert [c.spans for c in found] == [expected]


@pytest.mark.parametrize("text", [
    "Kamala Harris was sworn in as vice president.",  # the president row's office is not 'vice president'
    "Prices have doubled since Keir Starmer became prime minister.",
    "Justin Trudeau became prime minister ten years ago.",
    "Emmanuel Macron met the prime minister.",  # a row without a holder's phrasing
])
def test_no_office_clue(text):
    assert [c for c in offices.clues(text) if c.extra["anchor"] in ("president-trump", "president-biden",
                                                                      "pm-starmer", "pm-trudeau",
                                                                      "president-macron")] == []
