"""estimate(): known-date set figures, edges, and every anchor row's examples."""

from __future__ import annotations

import doctest
import json
import re
from datetime import date
from pathlib import Path

import pytest

import timeline.dating.estimator as estimator
from timeline.dating import Estimate, estimate
from timeline.dating.anchors import ANCHORS, clues, load
from timeline.dating.evaluate import load as load_known
from timeline.dating.evaluate import score
from timeline.temporal import extract

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "excerpts.jsonl"


def test_held_out_set():
    """Written after the rules, never tuned on: figures printed, only the estimates given are held to 90%."""
    s = score(load_known(Path(__file__).with_name("held_out.jsonl")))
    print(f"\nheld out: {s['n']} excerpts, {s['estimated']} estimated, {s['contained']} contained; "
          f"median width {s['median_width_days']} days")
    assert s["contained"] >= 0.9 * s["estimated"]


def test_second_held_out_set():
    """Written after the rows, before the estimator was run on it (first run: 12 estimated, 10 contained,
    43% of all). Three general changes followed that run, so it is no longer blind: 'Former' at a
    sentence start is out of office, a term's end keeps a week of grace, and offices.py reads a holder
    taking or leaving an office. Figures printed; the estimates given are held to 90%."""
    s = score(load_known(Path(__file__).with_name("held_out_2.jsonl")))
    print(f"\nheld out 2: {s['n']} excerpts, {s['estimated']} estimated, {s['contained']} contained "
          f"({s['containment']:.0%} of all); median width {s['median_width_days']} days")
    assert s["n"] >= 15
    assert s["contained"] >= 0.9 * s["estimated"]


def test_conflict_keeps_an_open_end_open():
    e = estimate("The summit will open on 3 March 2024. Russia's three-year war with Ukraine goes on.")
    assert e.confidence == "low"
    # widened just enough to reach the conflicting clue (the war's window starts 2024-05-24); the
    # open start is closed by the horizon before the announced date, not by the conflict
    assert (e.start, e.end) == (date(2023, 3, 4), date(2024, 5, 24))


def test_known_dates_containment_and_width():
    s = score(load_known())
    assert s["n"] >= 40
    given = s["contained"] / s["estimated"]
    print(f"\nknown dates: {s['n']} excerpts, {s['estimated']} estimated, {s['contained']} contained "
          f"({given:.0%} of estimates, {s['containment']:.0%} of all); median width {s['median_width_days']} days")
    assert given >= 0.90  # an interval given contains the true date
    assert s["containment"] >= 0.90  # the target: over all excerpts, abstentions counted as misses


@pytest.mark.parametrize("text", ["", "It rained last week.", "Talks are planned for early January.",
                                  "Many of his compatriots are believed to have been used as cannon fodder."])
def test_no_evidence_gives_none(text):
    assert estimate(text) is None


def test_absolute_past_mention_bounds_from_below():
    e = estimate("Zelensky said on 11 January 2025 that the talks had failed.")
    assert e.start == date(2025, 1, 11)
    assert e.end == date(2026, 1, 11)  # recency horizon from the reported day
    kinds = [x["kind"] for x in e.evidence]
    assert kinds == ["absolute_mention", "recency"]


def test_future_tense_bounds_from_above():
    e = estimate("The leaders will meet on 3 March 2025 in Paris.")
    assert (e.start, e.end) == (date(2024, 3, 3), date(2025, 3, 3))
    assert e.evidence[0]["bound"] == {"end": "2025-03-03"}


def test_future_cue_ahead_of():
    e = estimate("Campaigning intensified ahead of the 2026 midterm elections, and Vice President JD Vance spoke.")
    assert e.evidence[0]["bound"] == {"end": "2026-12-31"}  # the midterms lie ahead: written before their year ends
    assert e.start == date(2025, 1, 20)
    assert e.end == date(2026, 6, 30)  # no news-of-the-day clue: the table's covers_until + horizon


def test_since_gives_no_recency():
    e = estimate("The Federal Reserve cut rates, its first reduction since March 2020.")
    assert e.start == date(2020, 3, 1)
    assert e.end > date(2021, 3, 31)  # "since" says time has passed: not dated within a year of it
    assert e.confidence == "low"


def test_conflicting_evidence_widens_and_lowers_confidence():
    e = estimate("Prime Minister Rishi Sunak met the president on 3 March 2025.")
    assert (e.start, e.end) == (date(2022, 10, 25), date(2025, 3, 3))
    assert e.confidence == "low"
    assert any(x.get("conflict") for x in e.evidence)


def test_consistent_clues_intersect():
    e = estimate("Russia's nearly three-year war with Ukraine continued as North Korean troops fought in Kursk.")
    assert e.end == date(2025, 2, 24)  # "nearly": before the third anniversary
    assert e.start == date(2024, 10, 1)  # North Korean troops reported from October 2024


def test_union_of_terms():
    e = estimate("President Donald Trump signed the order.")
    spans = e.evidence[0]["spans"]
    # each term, and a week after it for the news of its end (anchors.END_GRACE)
    assert spans == [{"start": "2017-01-20", "end": "2021-01-27"}, {"start": "2025-01-20", "end": "2029-01-27"}]
    assert e.confidence == "low"


def test_month_in_sentence_with_anchor_is_placed_after_it():
    text = ("Ukrainian President Volodymyr Zelensky said 3,800 North Korean soldiers had been killed or injured "
            "in Kursk in an interview in early January.")
    e = estimate(text)
    assert e.start == date(2025, 1, 1)
    placed = [x for x in e.evidence if x["kind"] == "anchored_relative"]
    assert placed and placed[0]["text"] == "early January"


def test_mentions_argument_is_used():
    text = "Zelensky said on 11 January 2025 that the talks had failed."
    assert estimate(text, extract(text, None)) == estimate(text)
    assert estimate(text, []) is None  # only the mentions given are read (no anchors here)


def test_to_dict_shape():
    d = estimate("The Kursk incursion by Ukrainian forces began on 6 August 2024.").to_dict()
    assert set(d) == {"estimate", "confidence", "evidence"}
    assert d["estimate"] == {"start": "2024-08-06", "end": "2025-08-06"}
    assert d["confidence"] in ("low", "medium", "high")
    for x in d["evidence"]:
        assert {"kind", "text", "start", "end", "bound", "reason"} <= set(x)
    assert json.loads(json.dumps(d)) == d
    first = d["evidence"][0]
    assert "The Kursk incursion by Ukrainian forces"[first["start"]:first["end"]] or first["kind"] == "recency"


def test_high_confidence_for_a_narrow_anchor():
    e = estimate("Kyiv marked the third anniversary of Russia's full-scale invasion of Ukraine on 24 February 2025.")
    assert (e.start, e.end) == (date(2025, 2, 24), date(2025, 3, 23))
    assert e.confidence == "high"
    assert isinstance(e, Estimate) and e.width_days == 28


def test_docstring_examples():
    assert doctest.testmod(estimator).failed == 0


# ---------------------------------------------------------------- the anchor table

ROWS = json.loads(ANCHORS.read_text(encoding="utf-8"))["rows"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_anchor_row_is_documented(row):
    assert row["fact"] and row["source"] and row["examples"]
    date.fromisoformat(row["date"])
    assert row["date"] in row["source"] or re.search(r"\d{4}", row["source"])
    assert row["kind"] in ("after", "during", "elapsed")


@pytest.mark.parametrize(("row_id", "example"), [(r["id"], x) for r in ROWS for x in r["examples"]])
def test_anchor_row_examples_match(row_id, example):
    anchor = [a for a in load() if a.id == row_id]
    found = clues(example, tuple(anchor))
    assert found, f"{row_id} does not match {example!r}"
    assert found[0].extra["anchor"] == row_id


def test_anchor_ids_are_unique():
    assert len({r["id"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(("text", "row_id"), [
    ("King Charles II restored the monarchy.", "king-charles-iii"),
    ("Vice President Joe Biden visited Kyiv.", "president-biden"),
    ("former President Donald Trump held a rally.", "president-trump"),
    ("Ukrainian drones hit an oil depot in Russia's Kursk region.", "kursk-offensive"),
    ("Martial law was lifted in Poland in 1983.", "south-korea-martial-law-2024"),
    ("the twelve-year war in Ukraine", "ukraine-invasion-n-year-war"),
    ("Former Japanese prime minister Shinzo Abe spoke.", "pm-abe"),
    ("Prime Minister Pierre Trudeau patriated the constitution.", "pm-trudeau"),
    ("The ousted President Bashar al-Assad is in Moscow.", "president-assad"),
    ("Hurricane Helene churned harmlessly in the Atlantic.", "hurricane-helene-2024"),  # no US landfall named
    ("The Prime Minister may call an election.", "pm-theresa-may"),
    ("Vice President Xi Jinping visited Iowa.", "president-xi"),
    ("Queen Elizabeth, the Queen Mother, died at Windsor.", "death-of-elizabeth-ii"),
])
def test_anchor_row_negatives(text, row_id):
    assert all(c.extra["anchor"] != row_id for c in clues(text))


# ---------------------------------------------------------------- purity

def test_pure_module():
    src = "\n".join(p.read_text() for p in (ROOT / "timeline" / "dating").glob("*.py"))
    assert "today(" not in src and "now(" not in src
    assert not re.search(r"^\s*(?:from|import)\s+(?:flask|sqlite3|timeline\.store|timeline\.api)", src, re.M)


# ---------------------------------------------------------------- the seeds

def test_seeds():
    rows = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    got = {r["id"]: estimate(r["text"]) for r in rows}
    print()
    for k, e in got.items():
        print(k, e and f"{e.start} .. {e.end} ({e.width_days} d, {e.confidence})")
    assert got["seed-003"].start == date(2025, 1, 1)  # "early January" after the North Korean deployment
    assert got["seed-004"].start <= date(2025, 2, 24) <= got["seed-004"].end  # three-year war
    assert got["seed-009"] is None  # no clue at all
