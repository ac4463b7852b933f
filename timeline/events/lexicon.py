"""Language data (data/*.json) turned, once and lazily, into lookup tables.

Each table is built on first use and cached; nothing is mutated afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class TriggerWord:
    type: str
    rank: int
    verb: bool  # an inflected verb form (can be passive, can introduce reported content)
    noun: bool
    frame: bool  # may introduce reported content: "said (that) ..."


@cache
def load(name: str) -> dict[str, Any]:
    with resources.files("timeline.events").joinpath("data", f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)


def words(key: str) -> Any:
    return load("words")[key]


@cache
def word_set(key: str) -> frozenset[str]:
    return frozenset(words(key))


def verb_forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Regular English inflections of a (possibly multi-word) verb lemma, plus its irregular forms."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in ("a", "e", "i", "o", "u"):
        forms = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = {head, head + "es", head + "ed", head + "ing"}
    else:
        forms = {head, head + "s", head + "ed", head + "ing"}
    out = {f + tail for f in forms}
    out.update(irregular.get(lemma, ()))
    out.update(f + tail for f in irregular.get(head, ()) if tail)
    return out


def noun_forms(noun: str) -> set[str]:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return {noun, noun[:-1] + "ies"}
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return {noun, noun + "es"}
    return {noun, noun + "s"}


@cache
def event_types() -> tuple[str, ...]:
    types = load("taxonomy")["types"]
    return tuple(sorted(types, key=lambda t: types[t]["rank"]))


@cache
def type_rank() -> dict[str, int]:
    return {name: spec["rank"] for name, spec in load("taxonomy")["types"].items()}


@cache
def triggers() -> dict[tuple[str, ...], TriggerWord | None]:
    """Lower-cased token tuple -> trigger; None marks a phrase that is no trigger ("in order to")."""
    taxonomy = load("taxonomy")
    irregular = words("irregular_verbs")
    table: dict[tuple[str, ...], TriggerWord | None] = {}
    # Lowest rank is written last so it wins when two types claim the same word.
    for name, spec in sorted(taxonomy["types"].items(), key=lambda kv: -kv[1]["rank"]):
        frames = set(spec.get("frames", ()))
        entries: dict[str, list[bool]] = {}
        for lemma in spec.get("verbs", ()):
            for form in verb_forms(lemma, irregular):
                entries.setdefault(form, [False, False, False])[0] = True
                if "*" in frames or lemma in frames:
                    entries[form][2] = True
        for noun in spec.get("nouns", ()):
            for form in noun_forms(noun):
                entries.setdefault(form, [False, False, False])[1] = True
        for phrase in spec.get("phrases", ()):
            entries.setdefault(phrase.lower(), [False, False, "*" in frames])
        for form, (verb, noun, frame) in entries.items():
            table[tuple(form.lower().split())] = TriggerWord(name, spec["rank"], verb, noun, frame)
    for phrase in taxonomy.get("non_triggers", ()):
        table[tuple(phrase.lower().split())] = None
    return table


@cache
def lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of a trigger -> the lengths of the triggers it starts, longest first."""
    out: dict[str, set[int]] = {}
    for key in triggers():
        out.setdefault(key[0], set()).add(len(key))
    return {w: tuple(sorted(n, reverse=True)) for w, n in out.items()}
