"""Find event trigger words ("killed", "took control of", "according to") in a tokenised text."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from timeline.events.entities import Entity
from timeline.events.factuality import data_set
from timeline.events.lexicon import TriggerWord, lengths_by_first_word, triggers, type_rank, word_set, words
from timeline.events.text import Token

_COORDINATORS = frozenset({"or", "and", ",", ", and", ", or"})


@dataclass(slots=True)
class Trigger:
    word: TriggerWord
    first: int  # token indexes, last exclusive
    last: int
    start: int  # character offsets
    end: int
    text: str

    @property
    def type(self) -> str:
        return self.word.type

    @property
    def lower_text(self) -> str:
        return self.text.lower()


def _capitalised_name(tokens: list[Token], i: int, sentence_starts: frozenset[int]) -> bool:
    """A capitalised word inside a sentence is part of a name ("National Intelligence Service")."""
    tok = tokens[i]
    return tok.capitalized and not tok.text.isupper() and tok.start not in sentence_starts


def find_triggers(text: str, tokens: list[Token], sentence_starts: frozenset[int],
                  blocked: list[bool]) -> list[Trigger]:
    """Longest match first at each token; triggers on `blocked` tokens (temporal mentions) are skipped."""
    table = triggers()
    starts = lengths_by_first_word()
    heads = word_set("modifier_heads")
    lowers = [t.lower for t in tokens]
    found: list[Trigger] = []
    resume = 0  # a match covers its tokens: none of them starts another
    for i in [k for k, w in enumerate(lowers) if w in starts]:
        if i < resume:
            continue
        for size in starts[lowers[i]]:
            key = tuple(lowers[i:i + size])
            if len(key) == size and key in table:
                break
        else:
            continue
        word = table[key]
        resume = i + size
        start, end = tokens[i].start, tokens[i + size - 1].end
        if word is not None and word.noun and resume < len(tokens) and tokens[resume].lower in heads \
                and tokens[resume].start == end + 1:
            continue  # "the election commission", "the ruling party", "rescue workers": a noun modifying another
        if word is not None and not _capitalised_name(tokens, i, sentence_starts) and not blocked[i]:
            found.append(Trigger(word, i, i + size, start, end, text[start:end]))
    found = _intransitive(tokens, lowers, blocked, found)
    return _coordinate(text, _offices(tokens, lowers, _movements(text, tokens, lowers, found)))


def _intransitive(tokens: list[Token], lowers: list[str], blocked: list[bool],
                  found: list[Trigger]) -> list[Trigger]:
    """"Teachers will strike for three days", "voted to strike over pay": a trigger noun read as a verb (after
    a modal or "to") with no object has its intransitive sense (words.json), not the noun's type ("a strike" on
    a target is combat)."""
    senses = words("intransitive_senses")
    if senses.keys().isdisjoint(lowers):
        return found
    before, preps = data_set("modals") | {"to"}, word_set("prepositions")
    out = []
    for t in found:
        k, sense = t.first, senses.get(t.lower_text)
        if sense is not None and t.word.noun and k > 0 and lowers[k - 1] in before and (
                t.last >= len(tokens) or lowers[t.last] in preps or blocked[t.last]
                or not tokens[t.last].text[0].isalnum()):
            t = Trigger(TriggerWord(sense, type_rank()[sense], verb=True, noun=False, frame=False),
                        t.first, t.last, t.start, t.end, t.text)
        out.append(t)
    return out


def _movements(text: str, tokens: list[Token], lowers: list[str], found: list[Trigger]) -> list[Trigger]:
    """"flew soldiers into Sudan", "ordered a second aircraft carrier to the Mediterranean": a verb moving
    military units to a place is a deployment (it replaces what the verb alone would be)."""
    verbs = word_set("movement_verbs")
    units = word_set("military_units")
    kind = TriggerWord("deployment", type_rank()["deployment"], verb=True, noun=False, frame=False)
    at = {t.first: t for t in found}
    inner = {k for t in found for k in range(t.first + 1, t.last)}
    for i in [k for k, w in enumerate(lowers) if w in verbs and k not in inner]:
        unit = next((j for j in range(i + 1, min(i + 5, len(lowers))) if lowers[j] in units), None)
        if unit is None or unit + 2 >= len(lowers) or lowers[unit + 1] not in ("to", "into"):
            continue
        place = tokens[unit + 2]
        if not (place.capitalized or place.lower == "the"):
            continue  # "ordered troops to withdraw": an order, not a movement
        tok = tokens[i]
        at[i] = Trigger(kind, i, i + 1, tok.start, tok.end, tok.text)
    return [at[k] for k in sorted(at)]


def _offices(tokens: list[Token], lowers: list[str], found: list[Trigger]) -> list[Trigger]:
    """"became Britain's prime minister", "becomes the party's leader": taking an office is an event (other);
    "became clear", "has become harder" are states, not events."""
    verbs = word_set("becoming_verbs")
    if verbs.isdisjoint(lowers):
        return found
    offices = {tuple(o.split()) for o in word_set("offices")}
    kind = TriggerWord("other", type_rank()["other"], verb=True, noun=False, frame=False)
    at = {t.first: t for t in found}
    for i in [k for k, w in enumerate(lowers) if w in verbs and k not in at]:
        ahead = lowers[i + 1:i + 6]
        if any(tuple(ahead[j:j + len(o)]) == o for o in offices for j in range(len(ahead))):
            tok = tokens[i]
            at[i] = Trigger(kind, i, i + 1, tok.start, tok.end, tok.text)
    return [at[k] for k in sorted(at)]


@cache
def _attack_verbs() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(word_set("attack_verbs"), key=len, reverse=True)) + r")\b")


def strikes_by_names(tokens: list[Token], found: list[Trigger], entities: list[Entity], text: str) -> list[Trigger]:
    """"Israel struck the port of Hodeidah": "struck" or "hit" right after a named state or force is an
    attack. The verb alone is none: an earthquake, a storm or a ship strikes too, and a trigger noun
    ("an earthquake struck", "missiles struck") already gives its type. A named hazard ("Hurricane Milton
    hit Florida") is no attacker."""
    if "struck" not in text and "strik" not in text and "hit" not in text:  # substring tests in C: fast
        return found
    verbs = list(_attack_verbs().finditer(text))
    if not verbs:
        return found
    names = {e.end: e.text for e in entities if e.kind != "demonym"}
    table = triggers()
    kind = TriggerWord("combat", type_rank()["combat"], verb=True, noun=False, frame=False)
    taken = {k for t in found for k in range(t.first, t.last)}
    added = []
    for m in verbs:
        i = bisect_left(tokens, m.start(), key=lambda t: t.start)
        if i == 0 or i >= len(tokens) or tokens[i].start != m.start() or i in taken:
            continue
        tok = tokens[i]
        name = names.get(tokens[i - 1].end)
        if name is None or tok.start != tokens[i - 1].end + 1 or (name.split()[0].lower(),) in table:
            continue
        added.append(Trigger(kind, i, i + 1, tok.start, tok.end, tok.text))
    return sorted(found + added, key=lambda t: t.first) if added else found


def _coordinate(text: str, found: list[Trigger]) -> list[Trigger]:
    """"killed or injured", "killed and wounded": one trigger of one type."""
    out: list[Trigger] = []
    for trig in found:
        prev = out[-1] if out else None
        if prev is not None and prev.type == trig.type and trig.first - prev.last <= 1 \
                and _plain_gap(text, prev.end, trig.start):
            prev.last, prev.end = trig.last, trig.end
            prev.text = text[prev.start:prev.end]
            prev.word = TriggerWord(prev.type, prev.word.rank, prev.word.verb or trig.word.verb,
                                    prev.word.noun and trig.word.noun, prev.word.frame)
            continue
        out.append(trig)
    return out


def _plain_gap(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() in _COORDINATORS


def is_passive(tokens: list[Token], trig: Trigger) -> bool:
    """"are estimated to", "is believed", "were reported": the verb hedges, it does not report."""
    i = trig.first
    if i == 0:
        return False
    aux = word_set("passive_aux")
    last = tokens[i - 1].lower
    return last in aux or (i >= 2 and tokens[i - 2].lower in aux and last.endswith("ly"))


def after_determiner(tokens: list[Token], trig: Trigger) -> bool:
    """"an estimated 92": the verb form is an adjective."""
    return trig.first > 0 and tokens[trig.first - 1].lower in word_set("determiners")
