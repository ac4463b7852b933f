"""Factuality: whether the text states an event as having happened (timeline/events/factuality.py).

Hand-written sentences, not taken from any evaluation data. Each names the event type it must yield
and the factuality the event must carry; the reference date is Wednesday 2024-03-06.
"""

import datetime as dt

import pytest

from timeline.pipeline import analyse

REF = dt.date(2024, 3, 6)

CASES = [
    # modal verbs
    ("NATO will deploy 4,000 troops to Romania next spring.", "deployment", "expected"),
    ("Troops could be deployed as early as next week, a spokesman said on Friday.", "deployment", "possible"),
    ("Russia said it would send more troops to the border.", "deployment", "expected"),
    ("He could have been killed in the attack last week.", "casualty", "possible"),
    ("Ukraine may have lost the town, analysts said.", "other", "possible"),
    # a verb or adjective governing an infinitive
    ("The government plans to deploy 2,000 troops next month.", "deployment", "expected"),
    ("The army is expected to launch a counteroffensive in the coming weeks.", "combat", "expected"),
    ("The prime minister is to visit Washington on Thursday.", "other", "expected"),
    ("France is ready to station troops in Ukraine, a senior official said.", "deployment", "expected"),
    # a modifier of the event noun, or the verb governing it
    ("A possible ground offensive worries officials in Kyiv.", "combat", "possible"),
    ("The company plans layoffs of 5,000 workers.", "other", "expected"),
    # conditions, before or after the event
    ("If Russian forces capture the town, the front could collapse.", "other", "possible"),
    ("Officials said that if the ceasefire fails, troops would be deployed to the border.", "other", "possible"),
    ("He said he would resign if the party lost the election.", "other", "possible"),
    ("The junta threatened to respond with force if the protests spread.", "combat", "possible"),
    ("The risk of flooding remains high along the river.", "other", "possible"),
    # a state assumed, not known
    ("Six miners are missing and presumed dead after the collapse.", "casualty", "possible"),
    # a modal after the event noun, before a verb of taking place
    ("Vaccinations against dengue will begin in schools in March.", "other", "expected"),
    ("The election could be held as early as June.", "other", "possible"),
    ("The election was held in June.", "other", "asserted"),
    ("Parliament voted to dissolve itself, paving the way for an early election.", "other", "expected"),
    ("Two climbers were feared killed in an avalanche on Monday.", "casualty", "possible"),
    # no cue: dated after the reference date
    ("Talks are scheduled to resume in Geneva next week.", "other", "expected"),
    ("Officials said the vote will be held on Sunday.", "other", "expected"),
    # asserted: what happened, whatever words surround it
    ("Israel launched airstrikes on Gaza on Tuesday.", "combat", "asserted"),
    ("Troops were sent to recapture the bridge on Friday.", "capture", "asserted"),
    ("Protesters have been arrested in the capital.", "capture", "asserted"),
    ("Rebels had seized the airport before dawn.", "capture", "asserted"),
    ("Dozens died due to shelling in the city.", "casualty", "asserted"),
    ("The planned evacuation of the town began on Monday.", "other", "asserted"),
    ("Azerbaijan launched what it called anti-terrorist operations on Tuesday.", "combat", "asserted"),
    # statements are acts: deciding or saying took place even when what is decided has not
    ("The EU agreed to impose new sanctions on Russia on Friday.", "policy_statement", "asserted"),
    ("Trump imposed 25% tariffs on imports from Canada, effective from Tuesday next week.",
     "policy_statement", "asserted"),
    ("If talks fail, troops could be sent to the border, officials said on Monday.", "report", "asserted"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), CASES)
def test_factuality(text, kind, expected):
    _, events = analyse(text, REF)
    found = [e for e in events if e["type"] == kind]
    assert found, f"no {kind} event in {[e['type'] for e in events]}"
    event = found[0]
    assert event["factuality"] == expected, event["explain"]
    if expected == "asserted":
        assert "factuality" not in event["explain"]
    else:
        assert event["explain"]["factuality"], "a cue is named"


def test_no_reference_date_no_date_rule():
    """Without a reference date nothing can be 'after' it: a cue-less event stays asserted."""
    _, events = analyse("Talks resume in Geneva on Monday.", None)
    assert events and all(e["factuality"] == "asserted" for e in events)


def test_the_will_of_the_people_is_not_a_modal():
    _, events = analyse("Troops killed 12 protesters against the will of the people, activists said.", REF)
    casualty = [e for e in events if e["type"] == "casualty"]
    assert casualty and casualty[0]["factuality"] == "asserted"
