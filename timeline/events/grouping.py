"""Which triggers state events, and which of them are one event.

"strike killed" (subject noun + verb) and "declared war" (verb + its object) are one event each; a noun
that sets the scene ("killed in an airstrike", "after the fall of Assad") is no event of its own when
its clause has another; negated, counterfactual and generic triggers ("no one was killed", "rather than be
captured", "to prevent attacks", "a history of flooding") state nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from timeline.events.factuality import data_set
from timeline.events.lexicon import type_rank, word_set, words
from timeline.events.text import Token
from timeline.events.triggers import Trigger, after_determiner, is_passive


@dataclass
class Group:
    """The triggers of one event; `head` names its type."""

    type: str
    head: Trigger
    triggers: list[Trigger] = field(default_factory=list)


@cache
def _phrases(key: str) -> tuple[frozenset[tuple[str, ...]], dict[str, tuple[int, ...]]]:
    """A phrase list as a set of word tuples, and the lengths of the phrases each first word starts."""
    phrases = frozenset(tuple(p.split()) for p in words(key))
    lengths: dict[str, set[int]] = {}
    for p in phrases:
        lengths.setdefault(p[0], set()).add(len(p))
    return phrases, {w: tuple(sorted(n)) for w, n in lengths.items()}


def window(tokens: list[Token], trig: Trigger, size: int) -> list[str]:
    """Up to `size` words before a trigger, stopping at a clause opener."""
    stop = word_set("clause_openers")
    out = [t.lower for t in tokens[max(0, trig.first - size):trig.first]]
    for k in range(len(out) - 1, -1, -1):
        if out[k] in stop:
            return out[k + 1:]
    return out


def _contains(words_: list[str], table: tuple[frozenset[tuple[str, ...]], dict[str, tuple[int, ...]]]) -> bool:
    phrases, lengths = table
    n = len(words_)
    for i, w in enumerate(words_):
        for size in lengths.get(w, ()):
            if i + size <= n and tuple(words_[i:i + size]) in phrases:
                return True
    return False


def _generic(tokens: list[Token], trig: Trigger) -> bool:
    """"a long history of flooding", "a tradition of mass protests": a kind of event that recurs, no event that
    happened at a time (a timeline has no date for it, and it is neither expected nor merely possible). "the
    history of the war" names one event, and stays."""
    heads, determiners = word_set("generic_heads"), word_set("determiners")
    for k in range(trig.first - 1, max(-1, trig.first - 4), -1):
        w = tokens[k].lower
        if w == "of":
            return k > 0 and tokens[k - 1].lower in heads
        if w in determiners or not w.isalpha():
            return False
    return False


def _thing_object(tokens: list[Token], trig: Trigger) -> bool:
    """The verb's object, before a preposition other than "of" or "and", is a thing, not people."""
    things, preps = word_set("things_not_people"), word_set("prepositions")
    for tok in tokens[trig.last:trig.last + 5]:
        if tok.lower in things:
            return True
        if tok.lower == "and" or tok.lower in preps and tok.lower != "of" or not tok.text[0].isalnum():
            return False
    return False


def blocked(tokens: list[Token], trig: Trigger) -> bool:
    """Negated ("no one was killed"), counterfactual ("rather than be captured"), generic ("a history
    of flooding") or an adjective ("the most promising")."""
    if trig.word.noun and _generic(tokens, trig):
        return True
    if trig.type == "casualty" and not trig.word.noun and _thing_object(tokens, trig):
        return True  # "a landslide buried dozens of homes", "killed the bill": no one died
    if not trig.word.noun and trig.first > 0 and tokens[trig.first - 1].lower in word_set("degree_adverbs") \
            and trig.lower_text.endswith(("ing", "ed")):
        return True  # "the most promising markets", "a highly anticipated vote": a graded adjective, no act
    wide = window(tokens, trig, 7)
    near = wide[-3:]
    negations = word_set("negations")
    for w in near:
        if w in negations or w.endswith("n't"):
            return True
    if not trig.word.noun and "since" in near[-2:]:
        return True  # "since Pyongyang sent troops": an anchor in time, told as background
    wide.append(tokens[trig.first].lower)
    return _contains(wide, _phrases("counterfactual"))


def classify(tokens: list[Token], trigs: list[Trigger]) -> tuple[set[int], set[int]]:
    """Ids of triggers that may open a reporting frame, and of triggers that state an event."""
    frame_ok: set[int] = set()
    live: set[int] = set()
    for t in trigs:
        if blocked(tokens, t):
            continue
        adjective = is_passive(tokens, t) or after_determiner(tokens, t) or _attributive(tokens, t)
        if t.word.frame and (t.word.noun and not t.word.verb or not adjective):
            frame_ok.add(id(t))
            if t.type == "report" and (t.word.verb or not t.word.noun):
                live.add(id(t))
        if t.type != "report":
            live.add(id(t))
    return frame_ok, live


def _attributive(tokens: list[Token], t: Trigger) -> bool:
    """"for projected growth of 3%", "Reported cases rose": a participle with no subject before it (the
    sentence's first word, or after a preposition) and a common noun after it modifies that noun."""
    if not t.lower_text.endswith("ed") or t.last >= len(tokens):
        return False
    after = tokens[t.last]
    if not after.text.isalpha() or not after.text.islower() or after.lower in word_set("determiners") \
            or after.lower == "that":
        return False
    return t.first == 0 or tokens[t.first - 1].lower in word_set("prepositions") \
        or not tokens[t.first - 1].text[0].isalnum()


def _nounish(tokens: list[Token], t: Trigger) -> bool:
    """"floods", "the fall", "on suspicion of murder": a noun here (a trigger listed as both is read as a
    noun; so is a bare verb form right after "of", not a participle: "videos of captured troops")."""
    return t.word.noun or after_determiner(tokens, t) \
        or (t.first > 0 and tokens[t.first - 1].lower == "of" and not t.lower_text.endswith(("ed", "ing")))


def is_context(tokens: list[Token], t: Trigger) -> bool:
    """"killed in an airstrike", "since Pyongyang sent troops": scene-setting, not an event of its own. A
    counted noun is no scene ("56 cases of the virus and 12 deaths": the deaths are a figure of their own)."""
    if t.first > 0 and _counted(tokens[t.first - 1]):
        return False
    return _nounish(tokens, t) and not word_set("context_preps").isdisjoint(window(tokens, t, 5))


def _counted(tok: Token) -> bool:
    return tok.text[0].isdigit() or tok.lower in words("number_words")


def _releases(tokens: list[Token], trigs: list[Trigger]) -> None:
    """"released 13 hostages", "rescued a soldier held hostage": the captives are freed, an event of its own
    kind (other), not a capture."""
    release = word_set("release_words")
    for t in trigs:
        if t.type == "capture" and not release.isdisjoint(window(tokens, t, 6)):
            t.word = replace(t.word, type="other", rank=type_rank()["other"])


def group(tokens: list[Token], trigs: list[Trigger], strict_context: bool = False) -> list[Group]:
    """One group per event. A subject noun and its verb, or a verb and its object noun, are one event:
    the subject case takes the more important type ("the death toll has risen" is a casualty), the
    object case the verb's ("declared war" is a policy statement)."""
    _releases(tokens, trigs)
    plain = [t for t in trigs if not is_context(tokens, t)]
    if plain or strict_context:
        trigs = plain
    rank = type_rank()
    groups: list[Group] = []
    for t in trigs:
        prev = groups[-1] if groups else None
        if prev is not None:
            last = prev.triggers[-1]
            near = t.first - last.last <= 2
            infinitive = t.first > 0 and tokens[t.first - 1].lower == "to"  # "chose to blow himself up"
            # the subject may be a compound ("a missile attack ... killed"): all of it nouns
            if _nounish(tokens, last) and not _nounish(tokens, t) and not infinitive \
                    and all(_nounish(tokens, x) for x in prev.triggers):
                kind = min(prev.type, t.type, key=lambda k: rank[k])
                prev.type, prev.head = kind, (t if kind == t.type else prev.head)
                prev.triggers.append(t)
                continue
            if t.first - last.last <= 1 and not _nounish(tokens, t) and not _nounish(tokens, last):
                # "the number of people killed had risen": one event, the more important type
                if rank[t.type] < rank[prev.type]:
                    prev.type, prev.head = t.type, t
                prev.triggers.append(t)
                continue
            if near and _nounish(tokens, t):
                # "ordered a mobilisation", "announced her resignation": the object's type
                light = last.lower_text in word_set("light_verbs") and t.type in ("deployment", "other")
                if (_nounish(tokens, last) or light) and rank[t.type] < rank[prev.type] or light:
                    prev.type, prev.head = t.type, t
                prev.triggers.append(t)
                continue
        groups.append(Group(t.type, t, [t]))
    courts = word_set("court_nouns")
    for g in groups:
        if g.type == "policy_statement" and not courts.isdisjoint(window(tokens, g.head, 8)):
            g.type = "other"  # "a court ordered the liquidation": a ruling, not a policy
        elif g.type == "policy_statement" and _cuts_staff(tokens, g.head):
            g.type = "other"  # "would cut more than 10% of its workforce": a layoff, like "cut jobs"
    merged: dict[str, Group] = {}
    out: list[Group] = []
    for g in groups:
        same = merged.get(g.type)
        if same is not None and not _new_verb_group(tokens, same.triggers[-1], g.head):
            same.triggers.extend(g.triggers)
        else:
            merged[g.type] = g
            out.append(g)
    return out


def _cuts_staff(tokens: list[Token], head: Trigger) -> bool:
    """A cutting verb ("cut", "slash") whose object, within a few words, is a company's staff ("cut 10% of
    its workforce", "slashed 3,000 positions")."""
    if head.lower_text not in word_set("light_verbs") or head.lower_text.startswith(("order", "announc", "call")):
        return False
    staff, stop = word_set("staff_nouns"), word_set("clause_openers")
    for tok in tokens[head.last:head.last + 9]:
        if tok.lower in staff:
            return True
        if tok.lower in stop or tok.lower in ("for", "to", "in", "on", "from", "at", "by", "with") \
                or not tok.text[0].isalnum() and tok.text != "%":
            return False  # "cut funding for aid workers": the workers are not what is cut
    return False


def _new_verb_group(tokens: list[Token], last: Trigger, head: Trigger) -> bool:
    """"was found guilty and will be sentenced in May": a coordinated verb with a modal of its own tells
    another act, at another time and with another factuality, even when its type is the same."""
    modals = data_set("modals")
    return any(tokens[k].lower in ("and", "but") and tokens[k + 1].lower in modals
               for k in range(last.last, head.first - 1))
