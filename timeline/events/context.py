"""What the clauses of one text share while their events are assembled (timeline/events/extract.py,
folding.py, frames.py): the text's tokens, mentions, entities and figures, and the helpers that build an
event from a clause's spans."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.dating import MentionLike
from timeline.events.entities import Entity
from timeline.events.factuality import by_date, factuality, may_have_cue
from timeline.events.grouping import Group
from timeline.events.model import Event, Quantity
from timeline.events.quantities import Figure
from timeline.events.text import Token
from timeline.events.triggers import Trigger

TRIM = " \t\n,;:.…—–-“”\"'‘’()"
HARD = frozenset({"casualty", "capture", "combat", "deployment"})
STATEMENTS = frozenset({"report", "policy_statement"})  # acts of saying or deciding (see factuality.py)
MODAL_VERBS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "must"})


@dataclass
class Context:
    """Everything found once in the text, shared by all its clauses."""

    text: str
    tokens: list[Token]
    mentions: list[MentionLike]
    entities: list[Entity]
    figures: list[Figure]
    reference_date: dt.date | None
    sentence_spans: list[tuple[int, int]]
    token_starts: list[int]
    hedges: list[int]  # offsets of hedging words ("believed", "could")
    cues: list[int]  # indexes of tokens that may start a factuality cue ("will", "to", "if", ...)
    said: dict[int | None, dating.Dated] = field(default_factory=dict)  # frame clause -> reported; None: no frame


@dataclass
class Found:
    key: tuple[int, int, int, int, int]  # sentence, role, after the clause's verb, type rank, offset
    event: Event
    clause: int


def inside(start: int, spans: list[tuple[int, int]]) -> bool:
    # a loop, not any(): called for every entity of every event, a generator per call costs a tenth of the run
    for s, e in spans:  # noqa: SIM110
        if s <= start < e:
            return True
    return False


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    left = piece.lstrip(TRIM)
    start, end = end - len(left), end - len(left) + len(left.rstrip(TRIM))
    for opener in ("that ", "and ", "but ", "while ", "as "):
        if text.startswith(opener, start):
            start += len(opener)
    return start, end


def mention_indexes(ctx: Context, spans: list[tuple[int, int]]) -> list[int]:
    return [i for i, m in enumerate(ctx.mentions) if inside(m.start, spans)]


def quantities(ctx: Context, spans: list[tuple[int, int]], head: str | None, head_at: int) -> list[Quantity]:
    out = []
    for f in ctx.figures:
        if inside(f.start, spans):
            at_head = f.start <= head_at < f.end
            q = f.quantity
            out.append(Quantity(q.value, q.text, q.unit, None if head is None or at_head else head, q.bound))
    return out


def build(ctx: Context, kind: str, spans: list[tuple[int, int]], summary: tuple[int, int],
           head: tuple[str, int] | None, when: dating.Dated, said: dating.Dated, mention_ids: list[int],
           confidence: float, why: str) -> Event:
    start, end = trim(ctx.text, *summary)
    actors: dict[str, None] = {}
    places: dict[str, None] = {}
    for e in ctx.entities:
        if inside(e.start, spans):
            if e.kind == "actor":
                actors[e.text] = None
            elif e.kind == "place":
                places[e.text] = None
    return Event(
        type=kind,
        summary=ctx.text[start:end],
        start=start,
        end=end,
        occurred=when.dating,
        reported=said.dating,
        actors=list(actors),
        places=list(places),
        quantities=quantities(ctx, spans, *(head or (None, -1))),
        mentions=mention_ids,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        explain={"type": why, "occurred": when.explain, "reported": said.explain},
    )


def set_factuality(ctx: Context, event: Event, clause: Clause, heads: list[Trigger],
                    statement: bool = False) -> None:
    """Asserted, expected or possible, from the words before the event's trigger words, the first cue
    found in text order ("is ready to station troops": 'station'), or, with none, the clause's first modal;
    the cue goes into explain."""
    places = [(t.first, t.word.noun) for t in sorted(heads, key=lambda t: t.first)]
    if not places:  # reported content with no typed trigger: its verb group is the first modal's
        k = next((k for k in range(bisect_left(ctx.token_starts, clause.start), len(ctx.tokens))
                  if ctx.tokens[k].start < clause.end and ctx.tokens[k].lower in MODAL_VERBS), None)
        places = [(k + 1, False)] if k is not None and k + 1 < len(ctx.tokens) else \
            [(bisect_left(ctx.token_starts, clause.start), True)]
    found = factuality_cue(ctx, clause, places, statement)
    if found is None:  # the date decides: told by a verb if the event has one ("imposed", "will meet")
        first, noun = next(((f, n) for f, n in places if not n), places[0])
        found = by_date(ctx.tokens[first], noun, event.occurred, ctx.reference_date)
    if found:
        event.factuality, event.explain["factuality"] = found


def factuality_cue(ctx: Context, clause: Clause, places: list[tuple[int, bool]],
         statement: bool = False) -> tuple[str, str] | None:
    """The first factuality cue before the trigger words at `places` (token index, read as a noun)."""
    floor = bisect_left(ctx.token_starts, ctx.sentence_spans[clause.sentence][0])
    return next(filter(None, (factuality(ctx.tokens, first, noun, floor, statement) for first, noun in places
                              if may_have_cue(ctx.cues, first, floor))), None)


def attached(ctx: Context, trig: Trigger, entity: Entity, subject: bool = True) -> bool:
    """The entity is the trigger's object ("captured North Korean troops"), its agent ("captured by
    Kyiv") or, with `subject`, right before it ("the North Koreans captured")."""
    tokens = ctx.tokens
    after = trig.last + (1 if trig.last < len(tokens) and tokens[trig.last].lower == "by" else 0)
    if after < len(tokens) and tokens[after].start == entity.start:
        return True
    return subject and trig.first > 0 and tokens[trig.first - 1].end == entity.end


def qualifier(g: Group) -> tuple[str, int]:
    """What a figure counts: the event's verb if it has one ("killed"), else its head word."""
    verb = next((t for t in g.triggers if not t.word.noun), g.head)
    return verb.text, verb.start
