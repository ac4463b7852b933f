"""Whether the text states an event as having happened: "asserted", "expected" or "possible".

TimeML records an event's modality (the modal word) and FactBank its factuality; a timeline needs the
consequence: "will deploy troops next month" and "could capture the town" are not things that happened,
and a researcher filtering what did happen must be able to tell them apart. The cue is read from the
words before the event's head word in its own clause (data/factuality.json):

- a modal verb: "will be deployed", "could capture" ("would/could have been killed": possible);
- a verb or adjective before an infinitive: "plans to deploy", "is expected to announce", "threatened to cut";
- a modifier of an event noun: "the planned withdrawal", "a possible offensive", "plans for an offensive";
- a condition: "if troops are deployed";
- a modal after an event noun, before a verb of taking place: "the vaccinations will begin";
- an assumed state: "are presumed dead", "feared dead" (the death is not known to have happened).

Without a cue an event dated after the reference date is expected: it cannot have happened by then.
Hedges on a past event ("reportedly killed") leave it asserted: they lower confidence, not factuality.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from functools import cache

from timeline.events.lexicon import load, words
from timeline.events.model import Dating
from timeline.events.text import Token

ASSERTED, EXPECTED, POSSIBLE = "asserted", "expected", "possible"
_REACH = 8  # tokens read back from the head word
_NOMINAL = {  # "plans for an offensive", "the threat of an invasion": the noun before the preposition
    ("plans", "for"): EXPECTED, ("plan", "for"): EXPECTED, ("preparations", "for"): EXPECTED,
    ("call", "for"): POSSIBLE, ("calls", "for"): POSSIBLE, ("threat", "of"): POSSIBLE,
    ("threats", "of"): POSSIBLE, ("risk", "of"): POSSIBLE, ("fears", "of"): POSSIBLE, ("fear", "of"): POSSIBLE,
    ("prospect", "of"): POSSIBLE, ("possibility", "of"): POSSIBLE, ("danger", "of"): POSSIBLE,
    ("talk", "of"): POSSIBLE, ("talks", "on"): POSSIBLE,
    ("way", "for"): EXPECTED,  # "paving / clearing the way for an early election": it now lies ahead
}
_GOVERNING = {  # a verb whose object is an event that has not happened: "plans layoffs", "threatens strikes"
    "plans": EXPECTED, "plan": EXPECTED, "planning": EXPECTED, "schedules": EXPECTED, "scheduled": EXPECTED,
    "threatens": POSSIBLE, "threatened": POSSIBLE, "threatening": POSSIBLE, "proposes": POSSIBLE,
    "proposed": POSSIBLE, "proposing": POSSIBLE, "considers": POSSIBLE, "considering": POSSIBLE,
}
_REPORTING = frozenset({"said", "says", "say", "told", "announced", "added", "stated"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "any", "further", "new", "another"})


@cache
def data_set(key: str) -> frozenset[str]:
    return frozenset(load("factuality")[key])


@cache
def _data() -> dict:
    data = load("factuality")
    return {**data, "boundaries": frozenset(data["boundaries"]), "skip": frozenset(data["skip"]),
            "conditional_openers": frozenset(data["conditional_openers"])}


@cache
def _cue_words() -> frozenset[str]:
    """Every word that can start a cue: where none is near a trigger, there is nothing to read."""
    data = _data()
    return frozenset({*data["modals"], "to", *data["premodifiers"], *data["before_state"],
                      *data["conditional_openers"], *_GOVERNING,
                      *(noun for noun, _ in _NOMINAL)})


def cue_positions(tokens: list[Token]) -> list[int]:
    """Indexes of the tokens that may start a cue, in order (computed once per text)."""
    words = _cue_words()
    return [k for k, t in enumerate(tokens) if t.lower in words]


def may_have_cue(positions: list[int], first: int, floor: int) -> bool:
    """Whether a cue word stands where factuality() would read for the trigger at `first`."""
    k = bisect_left(positions, floor)
    return k < len(positions) and positions[k] <= first + _REACH


def _verb_cue(tokens: list[Token], first: int, floor: int, infinitive: bool = True) -> tuple[str, str] | None:
    """A modal or (with `infinitive`) an infinitive's governing word in the verb group before tokens[first]."""
    data = _data()
    if tokens[first].lower == "to" and first - 1 >= floor:
        if not infinitive:
            return None  # a trigger that opens with it: "to station"
        before = tokens[first - 1]
        cue = data["before_to"].get(before.lower)
        return (cue, f"'{before.text} to' before the event's verb") if cue else None
    k = first - 1
    saw_have = False
    while k >= floor and first - k <= _REACH:
        tok = tokens[k]
        w = tok.lower
        if w in data["boundaries"]:
            return None
        modal = data["modals"].get(w)
        if modal and tok.text.islower() and not (k > 0 and tokens[k - 1].lower in _DETERMINERS):
            if saw_have and w != "will":
                return POSSIBLE, f"'{tok.text} have' states what might have happened"
            return modal, f"'{tok.text}' before the event's verb"
        if w == "to":
            if not infinitive or tokens[first].lower.endswith(("ing", "s")):
                return None  # "due to shelling", "owing to attacks": a preposition before a noun
            before = tokens[k - 1] if k - 1 >= floor else None
            cue = data["before_to"].get(before.lower) if before is not None else None
            if cue:
                return cue, f"'{before.text} to' before the event's verb"
            return None  # "sent troops to capture": a purpose stated with a verb that happened
        state = data["before_state"].get(w) if k == first - 1 else None
        if state:
            return state, f"'{tok.text}' before it: assumed, not known"
        if w in ("have", "has", "had"):
            saw_have = True
        elif w not in data["skip"] and not w.endswith("ly"):
            return None  # another word: the verb group has ended
        k -= 1
    return None


def _noun_cue(tokens: list[Token], first: int, floor: int, governing: bool = True) -> tuple[str, str] | None:
    """A modifier ("the planned withdrawal"), a noun and preposition ("plans for an offensive"), or the verb
    governing the noun phrase ("is expected to launch a counteroffensive", "plans layoffs")."""
    data = _data()
    k = first - 1
    while k >= floor and first - k <= 4:
        tok = tokens[k]
        w = tok.lower
        cue = data["premodifiers"].get(w)
        if cue:
            if _happened_after(tokens, first):
                return None  # "the planned evacuation of the town began on Monday"
            return cue, f"'{tok.text}' before the event's noun"
        if w in ("for", "of", "on") and k - 1 >= floor and (tokens[k - 1].lower, w) in _NOMINAL:
            return _NOMINAL[(tokens[k - 1].lower, w)], f"'{tokens[k - 1].text} {tok.text}' before the event's noun"
        if w in data["boundaries"] or w in ("for", "of", "on", "in", "by", "to"):
            break
        k -= 1
    if not governing:
        return None
    k = first - 1
    while k >= floor and (tokens[k].lower in _DETERMINERS or tokens[k].text[0].isdigit()):
        k -= 1
    if k < floor or k == first - 1 and tokens[k].lower not in _GOVERNING:
        return None  # no determiner between: a compound ("ground offensive"), not a verb and its object
    w = tokens[k].lower
    governing = _GOVERNING.get(w)
    if governing:
        return governing, f"'{tokens[k].text}' governs the event's noun"
    return _verb_cue(tokens, k, floor)


def _happened_after(tokens: list[Token], first: int) -> bool:
    """A verb of taking place follows the event noun in its clause."""
    happening, stop = data_set("happening"), _data()["boundaries"]
    for t in tokens[first + 1:first + 7]:
        if t.lower in happening:
            return True
        if t.lower in stop:
            return False
    return False


def _condition(tokens: list[Token], first: int, floor: int) -> tuple[str, str] | None:
    """"if the ceasefire fails", and what follows it in the sentence ("If X falls, Y will collapse"),
    back to the start of the sentence or a reporting verb."""
    data = _data()
    for k in range(first - 1, floor - 1, -1):
        w = tokens[k].lower
        if w in data["conditional_openers"]:
            return POSSIBLE, f"'{tokens[k].text}' makes it a condition"
        if w in _REPORTING:
            return None
    return None


@cache
def _past_forms() -> frozenset[str]:
    """Irregular simple pasts and participles ("sent", "struck"): with "-ed", a verb that tells what happened."""
    return frozenset(f for forms in words("irregular_verbs").values() for f in forms)


def _past(tok: Token) -> bool:
    return tok.lower.endswith("ed") or tok.lower in _past_forms()


def factuality(tokens: list[Token], first: int, noun: bool, floor: int,
               statement: bool = False) -> tuple[str, str] | None:
    """The factuality cue before the trigger word tokens[first] (`noun`: read as a noun), reading no further
    back than token `floor` (the start of its sentence): (factuality, why), or None when there is none.

    A `statement` (a report or policy statement) is the act of saying or deciding: "agreed to impose
    sanctions", "obliges each side to help if attacked" and "..., if Russia breaks through, an official said"
    state acts that took place. Only a modal ("will announce") or a modifier ("the planned sanctions") makes
    one expected or possible."""
    if statement:
        return (noun and _noun_cue(tokens, first, floor, governing=False)) \
            or _verb_cue(tokens, first, floor, infinitive=False) or None
    return _condition(tokens, first, floor) or _condition_after(tokens, first) \
        or (noun and (_noun_cue(tokens, first, floor) or _modal_after(tokens, first))) \
        or _verb_cue(tokens, first, floor) or None


def _modal_after(tokens: list[Token], first: int) -> tuple[str, str] | None:
    """"Vaccinations against dengue will begin in March", "the vote could be held": an event noun whose own
    verb, after it in its clause, is a modal and a verb of taking place has the modal's cue."""
    data = _data()
    for k in range(first + 1, min(len(tokens), first + 1 + _REACH)):
        tok = tokens[k]
        if tok.lower in data["boundaries"]:
            return None
        modal = data["modals"].get(tok.lower)
        if modal:
            verb = next((t.lower for t in tokens[k + 1:k + 4] if t.lower not in data["skip"]), None)
            return (modal, f"'{tok.text} {verb}' after the event's noun") if verb in data_set("to_happen") else None
    return None


def _condition_after(tokens: list[Token], first: int) -> tuple[str, str] | None:
    """"would resign if the party lost": a condition right after the event, in its clause."""
    data = _data()
    for t in tokens[first + 1:first + 1 + _REACH]:
        if t.lower in data["conditional_openers"] and t.lower != "whether":
            return POSSIBLE, f"'{t.text}' after it makes it a condition"
        if t.lower in data["boundaries"]:
            return None
    return None


def by_date(head: Token, noun: bool, occurred: Dating | None, reference_date: dt.date | None) -> tuple[str, str] | None:
    """With no cue, an event dated after the reference date is expected, unless its verb tells it in the
    past ("imposed tariffs, effective from Tuesday": the act happened; the date is its effect's)."""
    if occurred is not None and reference_date is not None and occurred.start > reference_date \
            and (noun or not _past(head)):
        return EXPECTED, f"dated after the reference date ({reference_date.isoformat()})"
    return None
