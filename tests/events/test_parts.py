"""The extractor's parts on hand-built mentions, so these do not depend on timeline.temporal."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import EVENT_TYPES, extract_events
from timeline.events.entities import find_entities
from timeline.events.quantities import find_figures
from timeline.events.text import sentences, tokenize
from timeline.temporal import Interval, Mention


def _mention(text: str, words: str, value: str, start: dt.date | None, end: dt.date | None = None,
             kind: str = "DATE", precision: str = "day", mod: str | None = None) -> Mention:
    at = text.index(words)
    interval = Interval(start, end or start) if start else None
    return Mention(words, at, at + len(words), kind, value, mod=mod, interval=interval,
                   precision=precision if start else None)


def test_taxonomy_has_the_issue_types() -> None:
    assert set(EVENT_TYPES) >= {"capture", "casualty", "combat", "deployment", "policy_statement", "report", "other"}


@pytest.mark.parametrize(("text", "value", "bound", "unit"), [
    ("Over 12,000 North Korean troops are fighting", 12000, "lower", "North Korean troops"),
    ("an estimated 92 casualties every day", 92, "approx", "casualties"),
    ("at least twenty-five people died", 25, "lower", "people"),
    ("nearly 500 homes were destroyed", 500, "upper", "homes"),
    ("about 2.5 million people fled", 2500000, "approx", "people"),
    ("20 per cent of the country", 20, "exact", "per cent"),
])
def test_figures(text: str, value: float, bound: str, unit: str) -> None:
    stops = frozenset(t.start for t in tokenize(text) if t.lower in ("died", "fled", "were", "are"))
    (figure,) = find_figures(text, [], stops)
    assert (figure.quantity.value, figure.quantity.bound, figure.quantity.unit) == (value, bound, unit)


def test_no_figure_in_one_of_or_in_a_date() -> None:
    text = "One of the soldiers was captured on 3 March 2024."
    at = text.index("3 March 2024")
    assert find_figures(text, [(at, at + 12)]) == []


def test_actors_and_places() -> None:
    text = "Ukrainian President Volodymyr Zelensky said North Korean troops fought in Russia's Kursk region."
    tokens = tokenize(text)
    found = {(e.kind, e.text) for e in find_entities(text, tokens, frozenset({0}), [False] * len(tokens))}
    assert ("actor", "Ukrainian President Volodymyr Zelensky") in found
    assert ("actor", "North Korean troops") in found
    assert ("place", "Russia") in found and ("place", "Kursk region") in found


def test_sentences_skip_abbreviations() -> None:
    text = "U.S. troops arrived on Monday. Gen. Smith said so."
    assert len(sentences(text)) == 2


def test_reported_speech_main_event_first_and_statement_dated() -> None:
    text = "Five soldiers were killed on Sunday, officials said on Monday."
    mentions = [_mention(text, "Sunday", "2024-03-10", dt.date(2024, 3, 10)),
                _mention(text, "Monday", "2024-03-11", dt.date(2024, 3, 11))]
    casualty, report = extract_events(text, mentions, dt.date(2024, 3, 12))
    assert (casualty.type, report.type) == ("casualty", "report")
    assert casualty.occurred.start == dt.date(2024, 3, 10) and casualty.mentions == [0]
    assert casualty.reported.start == dt.date(2024, 3, 11)
    assert report.occurred.start == dt.date(2024, 3, 11) and report.mentions == [1]
    assert casualty.quantities[0].value == 5 and casualty.quantities[0].qualifier == "killed"


def test_occurred_is_never_the_reference_date() -> None:
    text = "Rebels seized the town, residents said."
    (capture, report) = extract_events(text, [], dt.date(2024, 3, 12))
    assert capture.occurred is None and "never borrowed" in capture.explain["occurred"]
    assert capture.reported == report.reported and capture.reported.start == dt.date(2024, 3, 12)


def test_unresolved_mention_listed_and_explained() -> None:
    text = "Troops were deployed to the border in early January."
    mentions = [_mention(text, "early January", "XXXX-01", None, mod="START")]
    (event,) = extract_events(text, mentions, None)
    assert event.type == "deployment" and event.occurred is None and event.mentions == [0]
    assert event.explain["occurred"] == "dated by 'early January' (XXXX-01, START) but no reference date to place it"
    assert event.reported is None


def test_durations_and_sets_do_not_date() -> None:
    text = "Fighting has raged every day of the three-year war."
    mentions = [_mention(text, "every day", "P1D", None, kind="SET"),
                _mention(text, "three-year", "P3Y", None, kind="DURATION")]
    (event,) = extract_events(text, mentions, dt.date(2025, 2, 10))
    assert event.type == "combat" and event.occurred is None and event.mentions == [0, 1]


def test_since_runs_to_the_reference_date() -> None:
    text = "At least 300 people have died since August."
    mentions = [_mention(text, "August", "2024-08", dt.date(2024, 8, 1), dt.date(2024, 8, 31), precision="month")]
    (event,) = extract_events(text, mentions, dt.date(2024, 11, 5))
    assert (event.occurred.start, event.occurred.end) == (dt.date(2024, 8, 1), dt.date(2024, 11, 5))
    # a "since" clause holding the date
    text = "The storm has killed 130 people since it made landfall in Florida on Thursday."
    mentions = [_mention(text, "Thursday", "2024-09-26", dt.date(2024, 9, 26))]
    (event,) = extract_events(text, mentions, dt.date(2024, 9, 30))
    assert (event.occurred.start, event.occurred.end) == (dt.date(2024, 9, 26), dt.date(2024, 9, 30))
    # a comma closes it: the date is the event's own
    text = "Prices have risen since the war began, and the bank raised rates on Thursday."
    mentions = [_mention(text, "Thursday", "2024-09-26", dt.date(2024, 9, 26))]
    assert all(e.occurred.end == dt.date(2024, 9, 26) for e in extract_events(text, mentions, dt.date(2024, 9, 30))
               if e.occurred)


def test_after_a_gerund_is_another_time() -> None:
    text = "Machinists walked off the job on Friday after rejecting a contract offer."
    mentions = [_mention(text, "Friday", "2024-09-13", dt.date(2024, 9, 13))]
    events = extract_events(text, mentions, dt.date(2024, 9, 16))
    assert [e.type for e in events] == ["other", "policy_statement"]  # the walkout is the main event
    by_type = {e.type: e for e in events}
    assert by_type["other"].occurred.start == dt.date(2024, 9, 13)
    assert by_type["policy_statement"].occurred is None


def test_range_is_kept_whole() -> None:
    text = "Voters went to the polls between 6 and 9 June."
    mentions = [_mention(text, "6", "2024-06-06", dt.date(2024, 6, 6)),
                _mention(text, "9 June", "2024-06-09", dt.date(2024, 6, 9))]
    (event,) = extract_events(text, mentions, dt.date(2024, 6, 10))
    assert (event.occurred.start, event.occurred.end) == (dt.date(2024, 6, 6), dt.date(2024, 6, 9))


@pytest.mark.parametrize(("text", "types"), [
    ("No one was injured.", []),
    ("No one was injured in the blast.", ["other"]),  # the blast happened; the injuries did not
    ("The soldier chose to die rather than be captured.", ["casualty"]),
    ("Kyiv denied that the city had fallen.", ["report"]),
    # reported content negated before its verb states no action
    ("The minister ordered a siege of the city, saying no food would be allowed in.", ["policy_statement"]),
    ("The minister said supplies were being delivered.", ["other", "report"]),
    # a bare verb form after "of" is a noun, the background of the clause's verb
    ("Police arrested a man on suspicion of murder.", ["capture"]),
])
def test_negated_and_counterfactual(text: str, types: list[str]) -> None:
    assert [e.type for e in extract_events(text, [], None)] == types


def test_excerpt_without_event() -> None:
    assert extract_events("The museum is open from Tuesday to Sunday.", [], None) == []


def test_to_dict_shape() -> None:
    text = "Police arrested 40 protesters on Monday."
    mentions = [_mention(text, "Monday", "2024-03-11", dt.date(2024, 3, 11))]
    (event,) = extract_events(text, mentions, dt.date(2024, 3, 12))
    d = event.to_dict()
    assert set(d) == {"type", "summary", "span", "occurred", "reported", "actors", "places", "quantities",
                      "mentions", "confidence", "factuality", "explain"}
    assert d["occurred"] == {"start": "2024-03-11", "end": "2024-03-11", "precision": "day"}
    assert d["quantities"] == [{"value": 40, "text": "40", "unit": "protesters", "qualifier": "arrested",
                                "bound": "exact"}]
    assert text[d["span"]["start"]:d["span"]["end"]] == d["summary"]


_PIECES = list("abcdeKNRTUZ ,.;:'’\"-—0123456789") + [
    " said ", " killed ", " that ", " Russia", " troops", " over ", " according to ", " who ", " Police ", " denied "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_never_crashes_and_spans_hold(text: str) -> None:
    for event in extract_events(text, [], None):
        assert text[event.start:event.end] == event.summary
        assert event.type in EVENT_TYPES and 0.0 <= event.confidence <= 1.0
        assert event.occurred is None and event.reported is None


def test_a_new_type_is_data_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.events import lexicon

    original = lexicon.load

    def with_protest(name: str) -> dict:
        data = original(name)
        if name != "taxonomy":
            return data
        types = dict(data["types"], protest={"rank": 5, "verbs": ["picket"], "nouns": ["sit-in"], "phrases": []})
        return {**data, "types": types}

    cached = (lexicon.triggers, lexicon.type_rank, lexicon.event_types, lexicon.lengths_by_first_word)
    for f in cached:
        f.cache_clear()
    monkeypatch.setattr(lexicon, "load", with_protest)
    try:
        assert [e.type for e in extract_events("Nurses picketed the hospital.", [], None)] == ["protest"]
    finally:
        monkeypatch.undo()
        for f in cached:
            f.cache_clear()
    assert extract_events("Nurses picketed the hospital.", [], None) == []


def test_docstring_examples() -> None:
    import doctest

    import timeline.events

    assert doctest.testmod(timeline.events).failed == 0


def test_sentences_skip_initials() -> None:
    text = "A jury ordered him to pay E. Jean Carroll. He appealed."
    assert [text[s:e] for s, e in sentences(text)] == ["A jury ordered him to pay E. Jean Carroll.", "He appealed."]


def test_tokens_keep_inner_marks_only() -> None:
    text = "U.S. officials' x-ray of Russia’s 1,000.5 (12%) end."
    assert [t.text for t in tokenize(text)] == ["U.S", "officials", "x-ray", "of", "Russia’s", "1,000.5", "12", "%",
                                                "end"]
    assert all(text[t.start:t.end] == t.text for t in tokenize(text))


def test_figure_words_in_any_case() -> None:
    (figure,) = find_figures("ABOUT Twenty soldiers", [])
    assert (figure.quantity.value, figure.quantity.bound) == (20, "approx")


def _types(text: str) -> list[str]:
    return [e.type for e in extract_events(text, [], None)]


@pytest.mark.parametrize(("text", "types"), [
    # captives set free: a release (other), not a capture
    ("Hamas released 13 hostages under a truce deal.", ["other"]),
    ("Commandos rescued a soldier held hostage by militants.", ["other"]),
    # a compound subject ("rocket attack") and its verb are one event
    ("A rocket attack on a market killed 27 people.", ["casualty"]),
    # a counted noun is a figure of its own, not scene-setting
    ("The ministry recorded 56 cases of the virus and 12 deaths.", ["casualty", "other"]),
    # a trigger noun modifying an organisation is no event
    ("The ruling party won the vote, the election commission said.", ["other", "report"]),
    # a court's order is a ruling, not a policy
    ("A federal judge ordered the agency to restore the funding.", ["other"]),
    # a second clause with its own subject is an act of its own; without one it continues the first
    ("Prosecutors charged the minister with bribery, and she resigned from parliament.", ["other", "other"]),
    ("Israel declared war on Hamas and ordered a siege of Gaza.", ["policy_statement"]),
    # "what it called" names, it does not report
    ("Azerbaijan launched what it called anti-terrorist operations in Karabakh.", ["combat"]),
    # questions and explainer headlines tell no event
    ("How the war changed life in the capital.", []),
    ("Will the central bank cut rates again?", []),
    # a participle's harm raises its cause; a participle's decision-word is what the cause did
    ("A storm hit the coast on Monday, closing schools and grounding flights.", ["other"]),
    # a coordinated verb with a modal of its own is another act, even of the same type
    ("The former minister was found guilty of bribery and will be sentenced in May.", ["other", "other"]),
    # cutting staff is a layoff, like cutting jobs; cutting funding for workers is a policy
    ("Tesla said it would cut more than 10% of its global workforce.", ["other", "report"]),
    ("The government cut funding for aid workers.", ["policy_statement"]),
    # a clause of the same type with another factuality cue is not folded into the one before
    ("Floods killed 12 people, and 30 more are feared dead.", ["casualty", "casualty"]),
    # "strike" as a verb with no object stops work; on a target it is an attack
    ("Nurses will strike over pay next month.", ["other"]),
    ("A strike on the port killed 12 people.", ["casualty"]),
    # a casualty verb whose object is a thing kills no one
    ("A landslide buried dozens of homes in the village.", ["other"]),
    # a verb form after a degree adverb is a graded adjective
    ("Analysts see it as one of the most promising markets for electric cars.", []),
    ("It was the most damaging result for the party in decades.", []),
])
def test_general_rules(text: str, types: list[str]) -> None:
    assert _types(text) == types


@pytest.mark.parametrize(("text", "types"), [
    ("Britain flew soldiers into Sudan to evacuate its diplomats.", ["deployment"]),
    ("The Pentagon ordered a second aircraft carrier to the eastern Mediterranean.", ["deployment"]),
    ("The general ordered his troops to withdraw from the town.", ["policy_statement"]),
])
def test_movements_of_military_units(text: str, types: list[str]) -> None:
    assert _types(text) == types


def test_the_clause_verb_comes_before_a_noun_after_it() -> None:
    # the verb states the clause's event; the war it mentions afterwards is background, ranked after it
    text = "Volunteers are resorting to desperate measures as they support the country's war effort."
    assert _types(text) == ["other", "combat"]
    # a noun before the verb keeps the order by rank
    assert _types("A soldier who survived the battle chose to blow himself up.") == ["casualty", "combat"]


@pytest.mark.parametrize(("text", "actors"), [
    ("The senator threatened to cut US military support to Ukraine.", []),
    ("Congress approved $61 billion of US military aid for Ukraine.", ["Congress"]),
])
def test_a_name_before_what_is_given_is_no_actor(text: str, actors: list[str]) -> None:
    (event,) = extract_events(text, [], None)
    assert event.actors == actors


def test_a_name_before_a_verb_of_giving_stays_an_actor() -> None:
    text = "Russian forces aid the rebels."
    tokens = tokenize(text)
    found = [e.text for e in find_entities(text, tokens, frozenset({0}), [False] * len(tokens))]
    assert found == ["Russian forces", "rebels"]


@pytest.mark.parametrize(("text", "types"), [
    # "struck" after a named state or force is an attack; after a hazard or a ship it is no combat
    ("Israel struck the port of Hodeidah.", ["combat"]),
    ("The United States and Britain struck Houthi targets in Yemen.", ["combat"]),
    ("Hurricane Milton hit the coast of Florida.", ["other"]),
    ("A cargo ship struck the bridge.", []),
    # closing schools or a border is a decision
    ("Kerala closed schools and offices in Kozhikode.", ["policy_statement"]),
    # "only to" undoes the first act: a second event, not more of the first
    ("The governor announced a curfew, only to cancel it after protests.", ["policy_statement", "policy_statement"]),
])
def test_verbs_read_by_their_neighbours(text: str, types: list[str]) -> None:
    assert _types(text) == types


def test_after_a_subject_and_verb_opens_a_clause_with_its_own_date() -> None:
    text = "Police arrested a suspect on Sunday after a man was stabbed outside a station."
    mentions = [_mention(text, "Sunday", "2024-05-19", dt.date(2024, 5, 19))]
    capture, casualty = extract_events(text, mentions, dt.date(2024, 5, 20))
    assert (capture.type, capture.occurred.start) == ("capture", dt.date(2024, 5, 19))
    assert (casualty.type, casualty.occurred) == ("casualty", None)
    # a phrase after "after" stays in the clause it dates
    text = "Russia took control of Avdiivka on Saturday after months of fierce fighting."
    mentions = [_mention(text, "Saturday", "2024-02-17", dt.date(2024, 2, 17))]
    (event,) = extract_events(text, mentions, dt.date(2024, 2, 18))
    assert (event.type, event.occurred.start) == ("capture", dt.date(2024, 2, 17))


@pytest.mark.parametrize(("text", "date_words", "dated", "undated"), [
    # the verb after "after" is a phrase ("stormed"), or a passive ahead of one ("was found dead")
    ("The president declared a state of emergency on Tuesday after gunmen stormed a studio.", "Tuesday",
     "policy_statement", "combat"),
    ("Police arrested a man after a woman was found dead in her home on Saturday.", "Saturday",
     "casualty", "capture"),
    ("A man was detained on Saturday after the mayor was shot outside his office.", "Saturday",
     "capture", "casualty"),
])
def test_after_a_verb_phrase_opens_a_clause_with_its_own_date(text: str, date_words: str, dated: str,
                                                              undated: str) -> None:
    mentions = [_mention(text, date_words, "2024-01-09", dt.date(2024, 1, 9))]
    events = {e.type: e for e in extract_events(text, mentions, dt.date(2024, 1, 10))}
    assert events[dated].occurred.start == dt.date(2024, 1, 9)
    assert events[undated].occurred is None
    # a phrase with no verb of its own stays in the clause it dates
    text = "The army withdrew from the town on Friday after heavy losses."
    mentions = [_mention(text, "Friday", "2024-01-05", dt.date(2024, 1, 5))]
    assert all(e.occurred is not None for e in extract_events(text, mentions, dt.date(2024, 1, 10)))


@pytest.mark.parametrize(("text", "kind"), [
    ("The mayor was shot outside his office.", "casualty"),
    ("A Russian jet was shot down over the Black Sea.", "combat"),
])
def test_was_shot_is_a_casualty_and_shot_down_a_combat(text: str, kind: str) -> None:
    assert [e.type for e in extract_events(text, [], None)] == [kind]


def test_taking_an_office_is_an_event_and_an_after_clause_keeps_its_own() -> None:
    text = "Keir Starmer became Britain's prime minister on Friday after Labour won a landslide on Thursday."
    mentions = [_mention(text, "Friday", "2024-07-05", dt.date(2024, 7, 5)),
                _mention(text, "Thursday", "2024-07-04", dt.date(2024, 7, 4))]
    events = extract_events(text, mentions, dt.date(2024, 7, 6))
    assert [(e.type, e.occurred.start) for e in events] == [("other", dt.date(2024, 7, 5)),
                                                            ("other", dt.date(2024, 7, 4))]
    assert extract_events("The situation became clear on Monday.", [], None) == []
