"""Statements: the event of a reporting or policy frame ("officials said", "warned that ..."), after the
events of what it reports."""

from __future__ import annotations

import re

from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.context import HARD, Context, Found, attached, build, mention_indexes, set_factuality
from timeline.events.lexicon import type_rank, word_set

_PRONOUN = re.compile(r"\s*(?:He|She)\b")


def frame_events(ctx: Context, clauses: list[Clause], i: int, statement: dating.Dated, live: set[int],
                  found: list[Found]) -> list[Found]:
    """The statement itself. A report of nothing is dropped; a denial drops what it denies; a policy
    verb framing soft content ("warned that it may spread") is one policy statement."""
    frame = clauses[i]
    trig = frame.frame_trigger
    assert trig is not None
    content = [f for f in found if clauses[f.clause].frame == i]
    types = {f.event.type for f in content}
    kind = trig.type
    if trig.lower_text in word_set("negative_frames") or (trig.type != "report" and not types & HARD):
        found = [f for f in found if f not in content]
    elif trig.type != "report" or not content:
        kind = "report"
        said_something = any(t for c in clauses if c.frame == i for t in c.triggers)
        stative = any(_looks_like_clause(ctx.text, c) for c in clauses if c.frame == i)
        if not content and not said_something and stative and trig.lower_text != "according to":
            return found  # a report of no event ("analysts say the conflict could drag on")
    spans = frame.spans()
    if kind != "report":
        spans = spans + [(c.start, c.end) for c in clauses if c.frame == i]
    why = f"'{trig.text}' introduces what was said" if kind == "report" else f"'{trig.text}' is a {kind} trigger"
    said = ctx.said[i]
    s, e = ctx.sentence_spans[frame.sentence]
    event = build(ctx, kind, spans, (s, e), None, statement, said, mention_indexes(ctx, frame.spans()),
                   0.8 + (0.1 if statement.dating else 0), why)
    set_factuality(ctx, event, frame, [trig], statement=True)
    others = [t for t in frame.triggers if id(t) in live and t.type != "report" and t is not trig]
    if kind == "report" and others:
        event.actors = [a for a in event.actors if not any(
            attached(ctx, t, e, subject=False) for t in others for e in ctx.entities if e.text == a)]
    if not event.actors and frame.sentence > 0 and _PRONOUN.match(ctx.text, frame.start):
        # "He pointed to ...": the speaker is the first person named in the sentence before.
        ps, pe = ctx.sentence_spans[frame.sentence - 1]
        event.actors = [a.text for a in ctx.entities if a.kind == "actor" and ps <= a.start < pe][:1]
    rank = 2 if kind == "report" else 0
    return [*found, Found((frame.sentence, rank, 0, type_rank()[kind], trig.start), event, i)]


def _looks_like_clause(text: str, clause: Clause) -> bool:
    """Three words or more, not a bare phrase ("on his journey to Russia")."""
    words_ = text[clause.start:clause.end].split()
    return len(words_) >= 3 and words_[0].lower() not in word_set("context_preps")
