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
from dataclasses import dataclass, field

from timeline.events import clauses as clause_mod
from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.dating import MentionLike
from timeline.events.entities import Entity, find_entities
from timeline.events.factuality import by_date, cue_positions, factuality, may_have_cue
from timeline.events.grouping import Group, classify, group
from timeline.events.lexicon import type_rank, word_set
from timeline.events.model import Event, Quantity
from timeline.events.quantities import Figure, find_figures
from timeline.events.text import Token, sentences, tokenize
from timeline.events.triggers import Trigger, find_triggers, strikes_by_names

_PRONOUN = re.compile(r"\s*(?:He|She)\b")
# Reported content with no typed trigger still states something when its verb is an action in progress
# or a passive ("are resorting to", "would be formed"), not a state ("was in a good place").
_ACTION = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?\w+(?:ing|ed)\b")
# "declared martial law, only to lift it hours later": a later act undoing the first, not more of it
_SEQUEL = re.compile(r"\s*only\s+to\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[\"'“‘(\s]*([A-Za-z]+)\b")
_ROLE_RANK = {"main": 0, "content": 0, "sub": 1, "frame": 1}
_TRIM = " \t\n,;:.…—–-“”\"'‘’()"
_HARD = frozenset({"casualty", "capture", "combat", "deployment"})
_STATEMENTS = frozenset({"report", "policy_statement"})  # acts of saying or deciding (see factuality.py)
_RELATIVES = frozenset({"which", "who"})  # "that" also opens content: "Monday's ruling that ..."
_MODAL_VERBS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "must"})


@dataclass
class _Context:
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
class _Found:
    key: tuple[int, int, int, int, int]  # sentence, role, after the clause's verb, type rank, offset
    event: Event
    clause: int


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    # a loop, not any(): called for every entity of every event, a generator per call costs a tenth of the run
    for s, e in spans:  # noqa: SIM110
        if s <= start < e:
            return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    left = piece.lstrip(_TRIM)
    start, end = end - len(left), end - len(left) + len(left.rstrip(_TRIM))
    for opener in ("that ", "and ", "but ", "while ", "as "):
        if text.startswith(opener, start):
            start += len(opener)
    return start, end


def _mention_indexes(ctx: _Context, spans: list[tuple[int, int]]) -> list[int]:
    return [i for i, m in enumerate(ctx.mentions) if _inside(m.start, spans)]


def _quantities(ctx: _Context, spans: list[tuple[int, int]], head: str | None, head_at: int) -> list[Quantity]:
    out = []
    for f in ctx.figures:
        if _inside(f.start, spans):
            inside = f.start <= head_at < f.end
            q = f.quantity
            out.append(Quantity(q.value, q.text, q.unit, None if head is None or inside else head, q.bound))
    return out


def _build(ctx: _Context, kind: str, spans: list[tuple[int, int]], summary: tuple[int, int],
           head: tuple[str, int] | None, when: dating.Dated, said: dating.Dated, mention_ids: list[int],
           confidence: float, why: str) -> Event:
    start, end = _trim(ctx.text, *summary)
    actors: dict[str, None] = {}
    places: dict[str, None] = {}
    for e in ctx.entities:
        if _inside(e.start, spans):
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
        quantities=_quantities(ctx, spans, *(head or (None, -1))),
        mentions=mention_ids,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        explain={"type": why, "occurred": when.explain, "reported": said.explain},
    )


def _set_factuality(ctx: _Context, event: Event, clause: Clause, heads: list[Trigger],
                    statement: bool = False) -> None:
    """Asserted, expected or possible, from the words before the event's trigger words, the first cue
    found in text order ("is ready to station troops": 'station'), or, with none, the clause's first modal;
    the cue goes into explain."""
    places = [(t.first, t.word.noun) for t in sorted(heads, key=lambda t: t.first)]
    if not places:  # reported content with no typed trigger: its verb group is the first modal's
        k = next((k for k in range(bisect_left(ctx.token_starts, clause.start), len(ctx.tokens))
                  if ctx.tokens[k].start < clause.end and ctx.tokens[k].lower in _MODAL_VERBS), None)
        places = [(k + 1, False)] if k is not None and k + 1 < len(ctx.tokens) else \
            [(bisect_left(ctx.token_starts, clause.start), True)]
    found = _cue(ctx, clause, places, statement)
    if found is None:  # the date decides: told by a verb if the event has one ("imposed", "will meet")
        first, noun = next(((f, n) for f, n in places if not n), places[0])
        found = by_date(ctx.tokens[first], noun, event.occurred, ctx.reference_date)
    if found:
        event.factuality, event.explain["factuality"] = found


def _cue(ctx: _Context, clause: Clause, places: list[tuple[int, bool]],
         statement: bool = False) -> tuple[str, str] | None:
    """The first factuality cue before the trigger words at `places` (token index, read as a noun)."""
    floor = bisect_left(ctx.token_starts, ctx.sentence_spans[clause.sentence][0])
    return next(filter(None, (factuality(ctx.tokens, first, noun, floor, statement) for first, noun in places
                              if may_have_cue(ctx.cues, first, floor))), None)


def _hedged(ctx: _Context, clause: Clause) -> bool:
    return any(clause.start <= s < clause.end for s in ctx.hedges)


def _attached(ctx: _Context, trig: Trigger, entity: Entity, subject: bool = True) -> bool:
    """The entity is the trigger's object ("captured North Korean troops"), its agent ("captured by
    Kyiv") or, with `subject`, right before it ("the North Koreans captured")."""
    tokens = ctx.tokens
    after = trig.last + (1 if trig.last < len(tokens) and tokens[trig.last].lower == "by" else 0)
    if after < len(tokens) and tokens[after].start == entity.start:
        return True
    return subject and trig.first > 0 and tokens[trig.first - 1].end == entity.end


def _looks_like_clause(text: str, clause: Clause) -> bool:
    """Three words or more, not a bare phrase ("on his journey to Russia")."""
    words_ = text[clause.start:clause.end].split()
    return len(words_) >= 3 and words_[0].lower() not in word_set("context_preps")


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


def _dates(ctx: _Context, indexes: list[int]) -> bool:
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
        trigs = [t for t in trigs if not _inside(t.start, asked)]
    hedges = word_set("hedges")
    ctx = _Context(text, tokens, mentions, entities,
                   find_figures(text, blocked, frozenset(t.start for t in trigs if not t.word.noun)),
                   reference_date, spans, token_starts, [t.start for t in tokens if t.lower in hedges],
                   cue_positions(tokens))
    frame_ok, live = classify(tokens, trigs)
    clauses = clause_mod.split(text, spans, trigs, frame_ok, live, blocked)
    statements = {i: dating.occurred(text, mentions, _mention_indexes(ctx, c.spans()), reference_date)
                  for i, c in enumerate(clauses) if c.role == "frame"}
    ctx.said = {i: dating.reported(d, reference_date) for i, d in statements.items()}
    ctx.said[None] = dating.reported(None, reference_date)
    found: list[_Found] = []
    for i in range(len(clauses)):
        found.extend(_clause_events(ctx, clauses, i, live, found))
    for i, clause in enumerate(clauses):
        if clause.role == "frame" and clause.frame_trigger is not None:
            found = _frame_events(ctx, clauses, i, statements[i], live, found)
    found.sort(key=lambda f: f.key)
    return [f.event for f in found]


def _clause_events(ctx: _Context, clauses: list[Clause], i: int, live: set[int],
                   found: list[_Found]) -> list[_Found]:
    clause = clauses[i]
    trigs = [t for t in clause.triggers if id(t) in live and t.type != "report" and t is not clause.frame_trigger]
    groups = group(ctx.tokens, trigs, strict_context=clause.role == "frame") if trigs else []
    if not groups and clause.role != "content":
        return []
    said = ctx.said[clause.frame]
    own = _mention_indexes(ctx, clause.spans())
    dated_by = own
    owner = None
    if clause.inherits is not None and not _dates(ctx, own):
        dated_by = own + _mention_indexes(ctx, clauses[clause.inherits].spans())
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
    out: list[_Found] = []
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
        if _folded(ctx, clauses, i, g, found, own_when):
            continue
        also = ", ".join(f"'{t.text}'" for t in g.triggers if t is not g.head)
        why = f"'{g.head.text}' is a {g.type} trigger" + (f" (with {also})" if also else "")
        base = 0.8 if g.head.word.verb else 0.65
        event = _build(ctx, g.type, clause.spans(), (clause.start, clause.end), _qualifier(g), own_when, said,
                       governed, base + (0.1 if own_when.dating else 0) - hedge, why)
        if clause.role == "frame":
            # "Videos of captured North Korean troops posted by Zelensky show ...": only the words around
            # "captured" belong to the capture; the rest of the frame is the speaker's
            event.actors = [a.text for a in ctx.entities if a.kind == "actor" and _inside(a.start, clause.spans())
                            and any(_attached(ctx, t, a) for t in g.triggers)]
        _set_factuality(ctx, event, clause, g.triggers, statement=g.type in _STATEMENTS)
        # a noun after the clause's verb, or "after rejecting" after it, sets the scene of that verb's event
        background = g.head.start > verb_at and (g.head.word.noun or _after_gerund(ctx, g.head))
        out.append(_Found((clause.sentence, _ROLE_RANK[clause.role], background, rank[g.type], g.head.start),
                          event, i))
    if clause.role == "content" and not groups and _states_action(ctx, clause):
        event = _build(ctx, "other", clause.spans(), (clause.start, clause.end), None, when, said, dated_by, 0.4,
                       "reported content with no typed trigger: an action is stated")
        _set_factuality(ctx, event, clause, [])
        out.append(_Found((clause.sentence, 0, 0, rank["other"], clause.start), event, i))
    return out


def _governed_dates(ctx: _Context, groups: list[Group], g: Group, dated_by: list[int]) -> list[int] | None:
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


def _sequenced_dates(ctx: _Context, groups: list[Group], g: Group, dated_by: list[int]) -> list[int] | None:
    """"walked off the job on Friday after rejecting a contract offer": 'after' / 'before' and a gerund tell
    an act at another time than the verb before it, so a date before the phrase is that verb's, not the
    gerund's. None when nothing is taken away."""
    if not _after_gerund(ctx, g.head) or not any(h.head.start < g.head.start for h in groups if h is not g):
        return None
    kept = [m for m in dated_by if ctx.mentions[m].start > g.head.start]
    return kept if len(kept) < len(dated_by) else None


def _after_gerund(ctx: _Context, head: Trigger) -> bool:
    """"after rejecting", "before marching": a gerund telling an act at another time than the clause's verb."""
    k = head.first
    return k > 0 and ctx.tokens[k - 1].lower in ("after", "before") and head.lower_text.endswith("ing")


def _possessive_event(ctx: _Context, clauses: list[Clause], i: int) -> int | None:
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


def _states_action(ctx: _Context, clause: Clause) -> bool:
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


def _folded(ctx: _Context, clauses: list[Clause], i: int, g: Group, found: list[_Found], when: dating.Dated) -> bool:
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
        upgrade = participle and g.type in _HARD
        if f.event.type == g.type and (_own_subject(ctx, clause, g.head) or _SEQUEL.match(ctx.text, clause.start)):
            break  # "Prosecutors charged Trump, and he pleaded not guilty", "declared ..., only to lift it": two acts
        if f.event.type == g.type and not participle:
            cue = _cue(ctx, clause, [(t.first, t.word.noun) for t in g.triggers])
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


def _own_subject(ctx: _Context, clause: Clause, head: Trigger) -> bool:
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


def _extend(ctx: _Context, event: Event, clause: Clause, g: Group) -> None:
    """A folded clause adds its words, people, places and figures to the event it joins."""
    start, end = _trim(ctx.text, min(event.start, clause.start), max(event.end, clause.end))
    if end - start > event.end - event.start and clause.start - event.end <= 3:
        event.start, event.end, event.summary = start, end, ctx.text[start:end]
    spans = clause.spans()
    for e in ctx.entities:
        named = event.actors if e.kind == "actor" else event.places if e.kind == "place" else None
        if named is not None and _inside(e.start, spans) and e.text not in named:
            named.append(e.text)
    event.quantities += _quantities(ctx, spans, *_qualifier(g))
    event.mentions = sorted(set(event.mentions) | set(_mention_indexes(ctx, spans)))


def _qualifier(g: Group) -> tuple[str, int]:
    """What a figure counts: the event's verb if it has one ("killed"), else its head word."""
    verb = next((t for t in g.triggers if not t.word.noun), g.head)
    return verb.text, verb.start


def _frame_events(ctx: _Context, clauses: list[Clause], i: int, statement: dating.Dated, live: set[int],
                  found: list[_Found]) -> list[_Found]:
    """The statement itself. A report of nothing is dropped; a denial drops what it denies; a policy
    verb framing soft content ("warned that it may spread") is one policy statement."""
    frame = clauses[i]
    trig = frame.frame_trigger
    assert trig is not None
    content = [f for f in found if clauses[f.clause].frame == i]
    types = {f.event.type for f in content}
    kind = trig.type
    if trig.lower_text in word_set("negative_frames") or (trig.type != "report" and not types & _HARD):
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
    event = _build(ctx, kind, spans, (s, e), None, statement, said, _mention_indexes(ctx, frame.spans()),
                   0.8 + (0.1 if statement.dating else 0), why)
    _set_factuality(ctx, event, frame, [trig], statement=True)
    others = [t for t in frame.triggers if id(t) in live and t.type != "report" and t is not trig]
    if kind == "report" and others:
        event.actors = [a for a in event.actors if not any(
            _attached(ctx, t, e, subject=False) for t in others for e in ctx.entities if e.text == a)]
    if not event.actors and frame.sentence > 0 and _PRONOUN.match(ctx.text, frame.start):
        # "He pointed to ...": the speaker is the first person named in the sentence before.
        ps, pe = ctx.sentence_spans[frame.sentence - 1]
        event.actors = [a.text for a in ctx.entities if a.kind == "actor" and ps <= a.start < pe][:1]
    rank = 2 if kind == "report" else 0
    return [*found, _Found((frame.sentence, rank, 0, type_rank()[kind], trig.start), event, i)]
