"""elapsed.clues(): how long an anchored story has run, read with the temporal engine's durations."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dating import elapsed
from timeline.temporal import extract


def spans(text: str) -> list[tuple[date | None, date | None]]:
    found = elapsed.clues(text, extract(text, None))
    assert len(found) == 1, found
    return found[0].spans


@pytest.mark.parametrize(("text", "expected"), [
    # 2022-02-24 + 7 months = 2022-09-24, a month either side
    ("Putin proclaimed the annexation, seven months into Russia's invasion of Ukraine.",
     [(date(2022, 8, 24), date(2022, 10, 24))]),
    # the 1,000th day: 999 days after 2022-02-24 = 2024-11-19
    ("Kyiv marked the 1,000th day of the war in Ukraine.", [(date(2024, 11, 18), date(2024, 11, 21))]),
    # "more than": from the point; years: up to a year after it
    ("Putin won, more than two years into the war in Ukraine.", [(date(2024, 2, 24), date(2025, 2, 23))]),
    # "nearly": up to the point (2023-10-07 + 10 months)
    ("Hamas and Israel talked, nearly ten months into the war in Gaza.", [(date(2024, 7, 7), date(2024, 8, 7))]),
    ("Syrians gathered a year on from the fall of Assad.", [(date(2025, 6, 8), date(2026, 12, 7))]),
    ("Russia's war in Ukraine began three years ago.", [(date(2024, 8, 24), date(2026, 2, 23))]),
    ("Troops advanced on the second day of the invasion, Kyiv said.", [(date(2022, 2, 24), date(2022, 2, 27))]),
    ("Kyiv marked the third anniversary of the invasion.", [(date(2025, 1, 24), date(2025, 3, 24))]),
    ("Ukraine is in the fourth year of Russia's full-scale invasion.", [(date(2025, 2, 24), date(2026, 2, 23))]),
    # the war in Ukraine: eight years or more counts from 2014 (elapsed_years of the rows)
    ("Ten years into the war in Ukraine, Kyiv asked for more.", [(date(2023, 2, 20), date(2026, 2, 19))]),
    ("Millions have fled since the invasion began, Kyiv said.", [(date(2022, 2, 24), None)]),
    ("Two years after the invasion of Iraq, Baghdad was unsafe.", [(date(2004, 9, 20), date(2006, 3, 19))]),
])
def test_elapsed(text, expected):
    assert spans(text) == expected


def test_the_war_in_two_stories_is_both():
    text = "Six months into the war, Gaza and Ukraine both needed aid, Kyiv said."
    assert spans(text) == [(date(2022, 7, 24), date(2022, 9, 24)), (date(2024, 3, 7), date(2024, 5, 7))]


@pytest.mark.parametrize("text", [
    "Two years after the invasion of Grenada, the island was calm.",  # no row names it
    "Seven months into the season, the club was top.",
    "The talks ended three years ago.",
])
def test_no_elapsed_clue(text):
    assert elapsed.clues(text, extract(text, None)) == []
