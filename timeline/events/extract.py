"""Assembly: text + temporal mentions -> events, one per clause and type (see issue 5).

Order: by sentence; in a sentence, main and reported clauses first, then subordinate ones, then the
statements that report them; in a clause, by type rank (data/taxonomy.json), except that an event named
only by a noun after the clause's verb comes after it ("are resorting to extreme measures as they support
Russia's war": the verb states the clause's event, the war is its background).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from timeline.events import clauses as clause_mod
from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.context import (
    STATEMENTS,
    Context,
    Found,
    attached,
    build,
    inside,
    mention_indexes,
    qualifier,
    set_factuality,
)
from timeline.events.dating import MentionLike
from timeline.events.entities import find_entities
from timeline.events.factuality import cue_positions
from timeline.events.folding import folded
from timeline.events.frames import frame_events
from timeline.events.grouping import Group, classify, group
from timeline.events.lexicon import type_rank, word_set
from timeline.events.model import Event
from timeline.events.quantities import find_figures
from timeline.events.text import sentences, tokenize
from timeline.events.triggers import Trigger, find_triggers, strikes_by_names

# Reported content with no typed trigger still states something when its verb is an action in progress
# or a passive ("are resorting to", "would be formed"), not a state ("was in a good place").
_ACTION = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?\w+(?:ing|ed)\b")
_FIRST_WORD = re.compile(r"[\"'“‘(\s]*([A-Za-z]+)\b")
_ROLE_RANK = {"main": 0, "content": 0, "sub": 1, "frame": 1}
_RELATIVES = frozenset({"which", "who"})  # "that" also opens content: "Monday's ruling that ..."


def _hedged(ctx: Context, clause: Clause) -> bool:
    return any(clause.start <= s < clause.end for s in ctx.hedges)


def _questions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences that ask rather than tell: a question ("Will the truce hold?") or an explainer headline
    ("How the war changed life in the capital.")."""
    openers = word_set("explainer_openers")
    out = []
    for s, e in spans:
        first = _FIRST_WORD.match(text, s)
        if text[s:e].rstrip("\"'”’) ").endswith("?") or (first and first.group(1).lower() in openers):
            out.append((s, e))
    return out


def _dates(ctx: Context, indexes: list[int]) -> bool:
    return any(ctx.mentions[i].type in ("DATE", "TIME") for i in indexes)


def extract_events(text: str, mentions: list[MentionLike], reference_date: dt.date | None) -> list[Event]:
    """Events stated in `text`, the main one first; see the docstring of timeline.events."""
    tokens = tokenize(text)
    spans = sentences(text)
    token_starts = [t.start for t in tokens]
    starts = frozenset(token_starts[k] if k < len(tokens) else s
                       for s, _ in spans for k in (bisect_left(token_starts, s),))
    blocked = [(m.start, m.end) for m in mentions]
    in_mention = [False] * len(tokens)
    for s, e in blocked:
        for k in range(bisect_left(token_starts, s), bisect_left(token_starts, e)):
            in_mention[k] = True
    entities = find_entities(text, tokens, starts, in_mention)
    trigs = find_triggers(text, tokens, starts, in_mention)
    trigs = strikes_by_names(tokens, trigs, entities, text)
    asked = _questions(text, spans)
    if asked:
        trigs = [t for t in trigs if not inside(t.start, asked)]
    hedges = word_set("hedges")
    ctx = Context(text, tokens, mentions, entities,
                   find_figures(text, blocked, frozenset(t.start for t in trigs if not t.word.noun)),
                   reference_date, spans, token_starts, [t.start for t in tokens if t.lower in hedges],
                   cue_positions(tokens))
    frame_ok, live = classify(tokens, trigs)
    clauses = clause_mod.split(text, spans, trigs, frame_ok, live, blocked)
    statements = {i: dating.occurred(text, mentions, mention_indexes(ctx, c.spans()), reference_date)
                  for i, c in enumerate(clauses) if c.role == "frame"}
    ctx.said = {i: dating.reported(d, reference_date) for i, d in statements.items()}
    ctx.said[None] = dating.reported(None, reference_date)
    found: list[Found] = []
    for i in range(len(clauses)):
        found.extend(_clause_events(ctx, clauses, i, live, found))
    for i, clause in enumerate(clauses):
        if clause.role == "frame" and clause.frame_trigger is not None:
            found = frame_events(ctx, clauses, i, statements[i], live, found)
    found.sort(key=lambda f: f.key)
    return [f.event for f in found]


def _clause_events(ctx: Context, clauses: list[Clause], i: int, live: set[int],
                   found: list[Found]) -> list[Found]:
    clause = clauses[i]
    trigs = [t for t in clause.triggers if id(t) in live and t.type != "report" and t is not clause.frame_trigger]
    groups = group(ctx.tokens, trigs, strict_context=clause.role == "frame") if trigs else []
    if not groups and clause.role != "content":
        return []
    said = ctx.said[clause.frame]
    own = mention_indexes(ctx, clause.spans())
    dated_by = own
    owner = None
    if clause.inherits is not None and not _dates(ctx, own):
        dated_by = own + mention_indexes(ctx, clauses[clause.inherits].spans())
    elif clause.opener in _RELATIVES and not _dates(ctx, own):
        owner = _possessive_event(ctx, clauses, i)
        dated_by = own if owner is None else [*own, owner]
    when = dating.occurred(ctx.text, ctx.mentions, dated_by, ctx.reference_date)
    if owner is not None and when.dating is not None:
        when = dating.Dated(when.dating, f"the date of the noun it describes ('{ctx.mentions[owner].text}'s'): "
                                         + when.explain)
    hedge = 0.2 if _hedged(ctx, clause) else 0.0
    rank = type_rank()
    verb_at = min((g.head.start for g in groups if not g.head.word.noun), default=clause.end)
    out: list[Found] = []
    for g in groups:
        governed, why_not = _governed_dates(ctx, groups, g, dated_by), \
            "a date between the verb governing it and 'to' is that verb's; "
        if governed is None:
            governed, why_not = _sequenced_dates(ctx, groups, g, dated_by), \
                f"a date before '{ctx.tokens[g.head.first - 1].text} {g.head.text}' is the earlier verb's; "
        if governed is not None:
            own_when = dating.occurred(ctx.text, ctx.mentions, governed, ctx.reference_date)
            own_when = dating.Dated(own_when.dating, why_not + own_when.explain)
        else:
            governed, own_when = dated_by, when
        if folded(ctx, clauses, i, g, found, own_when):
            continue
        also = ", ".join(f"'{t.text}'" for t in g.triggers if t is not g.head)
        why = f"'{g.head.text}' is a {g.type} trigger" + (f" (with {also})" if also else "")
        base = 0.8 if g.head.word.verb else 0.65
        event = build(ctx, g.type, clause.spans(), (clause.start, clause.end), qualifier(g), own_when, said,
                       governed, base + (0.1 if own_when.dating else 0) - hedge, why)
        if clause.role == "frame":
            # "Videos of captured North Korean troops posted by Zelensky show ...": only the words around
            # "captured" belong to the capture; the rest of the frame is the speaker's
            event.actors = [a.text for a in ctx.entities if a.kind == "actor" and inside(a.start, clause.spans())
                            and any(attached(ctx, t, a) for t in g.triggers)]
        set_factuality(ctx, event, clause, g.triggers, statement=g.type in STATEMENTS)
        # a noun after the clause's verb, or "after rejecting" after it, sets the scene of that verb's event
        background = g.head.start > verb_at and (g.head.word.noun or _after_gerund(ctx, g.head))
        out.append(Found((clause.sentence, _ROLE_RANK[clause.role], background, rank[g.type], g.head.start),
                          event, i))
    if clause.role == "content" and not groups and _states_action(ctx, clause):
        event = build(ctx, "other", clause.spans(), (clause.start, clause.end), None, when, said, dated_by, 0.4,
                       "reported content with no typed trigger: an action is stated")
        set_factuality(ctx, event, clause, [])
        out.append(Found((clause.sentence, 0, 0, rank["other"], clause.start), event, i))
    return out


def _governed_dates(ctx: Context, groups: list[Group], g: Group, dated_by: list[int]) -> list[int] | None:
    """"threatened on Saturday to respond with force": the date between the governing verb and the
    infinitive is the threat's, not the response's. None when nothing is taken away."""
    k = g.head.first
    if k == 0 or ctx.tokens[k - 1].lower != "to":
        return None
    to_at = ctx.tokens[k - 1].start
    governor = max((t.end for h in groups if h is not g for t in h.triggers if t.end <= to_at), default=None)
    if governor is None:
        return None
    kept = [m for m in dated_by if not governor <= ctx.mentions[m].start < to_at]
    return kept if len(kept) < len(dated_by) else None


def _sequenced_dates(ctx: Context, groups: list[Group], g: Group, dated_by: list[int]) -> list[int] | None:
    """"walked off the job on Friday after rejecting a contract offer": 'after' / 'before' and a gerund tell
    an act at another time than the verb before it, so a date before the phrase is that verb's, not the
    gerund's. None when nothing is taken away."""
    if not _after_gerund(ctx, g.head) or not any(h.head.start < g.head.start for h in groups if h is not g):
        return None
    kept = [m for m in dated_by if ctx.mentions[m].start > g.head.start]
    return kept if len(kept) < len(dated_by) else None


def _after_gerund(ctx: Context, head: Trigger) -> bool:
    """"after rejecting", "before marching": a gerund telling an act at another time than the clause's verb."""
    k = head.first
    return k > 0 and ctx.tokens[k - 1].lower in ("after", "before") and head.lower_text.endswith("ing")


def _possessive_event(ctx: Context, clauses: list[Clause], i: int) -> int | None:
    """"last week's earthquake, which killed 3,000": the mention in the possessive, when the noun phrase it
    heads names an event; not "Tuesday's report on the floods, which ...", where the clause tells of the floods
    and the date is the report's."""
    owner = dating.possessive(ctx.text, ctx.mentions, clauses[i].start)
    if owner is None:
        return None
    after = ctx.mentions[owner].end
    heads = sorted((t for c in clauses[:i] if c.sentence == clauses[i].sentence for t in c.triggers
                    if after <= t.start < clauses[i].start), key=lambda t: t.start)
    return owner if heads and heads[0].type != "report" else None


def _states_action(ctx: Context, clause: Clause) -> bool:
    """Reported content that states an action ("are resorting to"), not one negated before its verb
    ("saying no food or fuel would be allowed in", "said it was not considering")."""
    m = _ACTION.search(ctx.text, clause.start, clause.end)
    if m is None:
        return False
    negations = word_set("negations")
    k = bisect_left(ctx.token_starts, clause.start)
    while k < len(ctx.tokens) and ctx.tokens[k].start < m.end():
        if ctx.tokens[k].lower in negations or ctx.tokens[k].lower.endswith("n't"):
            return False
        k += 1
    return True


