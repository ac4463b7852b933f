"""Folding: a clause that continues the event before it in its sentence ("killed 5, and wounded 12",
"struck a block, killing 12") joins it instead of standing alone."""

from __future__ import annotations

import re
from bisect import bisect_left

from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.context import (
    HARD,
    Context,
    Found,
    factuality_cue,
    inside,
    mention_indexes,
    qualifier,
    quantities,
    trim,
)
from timeline.events.grouping import Group
from timeline.events.lexicon import type_rank, word_set
from timeline.events.model import Event
from timeline.events.triggers import Trigger

# "declared martial law, only to lift it hours later": a later act undoing the first, not more of it
_SEQUEL = re.compile(r"\s*only\s+to\b", re.IGNORECASE)


def folded(ctx: Context, clauses: list[Clause], i: int, g: Group, found: list[Found], when: dating.Dated) -> bool:
    """Fold an event into one of the clause before it in the same sentence: the same type ("killed 5, and
    wounded 12"), or a cause upgraded by its participle ("missiles struck a block, killing 12")."""
    clause = clauses[i]
    if clause.role == "frame" or clause.opener in ("after", "before"):
        return False  # "became prime minister on Friday after Labour won": told at another time, an act of its own
    rank = type_rank()
    for f in reversed(found):
        prev = clauses[f.clause]
        other_frame = prev.frame_trigger is not None and clause.frame_trigger is not None \
            and prev.frame_trigger is not clause.frame_trigger
        if prev.sentence != clause.sentence or prev.role == "frame" or other_frame:
            continue
        participle = clause.inherits == f.clause and f.event.type in ("combat", "other") \
            and rank[g.type] < rank[f.event.type]
        # harm raises its cause ("struck a block, killing 12"); a decision does not: "went on strike, closing
        # schools" is what the strike did, not a policy of its own
        upgrade = participle and g.type in HARD
        if f.event.type == g.type and (_own_subject(ctx, clause, g.head) or _SEQUEL.match(ctx.text, clause.start)):
            break  # "Prosecutors charged Trump, and he pleaded not guilty", "declared ..., only to lift it": two acts
        if f.event.type == g.type and not participle:
            cue = factuality_cue(ctx, clause, [(t.first, t.word.noun) for t in g.triggers])
            if cue is not None and cue[0] != f.event.factuality:
                return False  # "buried dozens of homes, and 600 people are feared dead": known, then feared
        if f.event.type == g.type or participle:
            if upgrade:
                f.event.type = g.type
                f.event.explain["type"] = f"'{g.head.text}' ({g.type}) in the clause after: {f.event.explain['type']}"
            if f.event.occurred is None and when.dating is not None:
                f.event.occurred, f.event.explain["occurred"] = when.dating, when.explain
            _extend(ctx, f.event, clause, g)
            return True
    return False


def _own_subject(ctx: Context, clause: Clause, head: Trigger) -> bool:
    """A clause that opens with a subject of its own ("..., and he pleaded not guilty") tells an act of its own;
    a participle (", ending 14 years of rule") or a bare verb (", and ordered a siege") continues the one before."""
    if head.word.noun or clause.inherits is not None:
        return False
    k = bisect_left(ctx.token_starts, clause.start)
    while k < head.first and ctx.tokens[k].lower in ("and", "but", "then", "yet", "so"):
        k += 1
    if k >= head.first:
        return False
    first = ctx.tokens[k]
    return first.lower in word_set("subject_pronouns") \
        or any(e.kind == "actor" and e.start == first.start for e in ctx.entities)


def _extend(ctx: Context, event: Event, clause: Clause, g: Group) -> None:
    """A folded clause adds its words, people, places and figures to the event it joins."""
    start, end = trim(ctx.text, min(event.start, clause.start), max(event.end, clause.end))
    if end - start > event.end - event.start and clause.start - event.end <= 3:
        event.start, event.end, event.summary = start, end, ctx.text[start:end]
    spans = clause.spans()
    for e in ctx.entities:
        named = event.actors if e.kind == "actor" else event.places if e.kind == "place" else None
        if named is not None and inside(e.start, spans) and e.text not in named:
            named.append(e.text)
    event.quantities += quantities(ctx, spans, *qualifier(g))
    event.mentions = sorted(set(event.mentions) | set(mention_indexes(ctx, spans)))
