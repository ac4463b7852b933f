"""Assembly: text + temporal mentions -> events, one per clause and type (see issue 5)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from timeline.events import clauses as clause_mod
from timeline.events import dating
from timeline.events.clauses import Clause
from timeline.events.dating import MentionLike
from timeline.events.entities import Entity, find_entities
from timeline.events.lexicon import type_rank, word_set, words
from timeline.events.model import Event, Quantity
from timeline.events.quantities import Figure, find_figures
from timeline.events.text import Token, sentences, tokenize
from timeline.events.triggers import Trigger, after_determiner, find_triggers, is_passive

_PRONOUN = re.compile(r"\s*(?:He|She)\b")
_ROLE_RANK = {"main": 0, "content": 0, "sub": 1, "frame": 1}
_TRIM = " \t\n,;:.…—–-“”\"'‘’()"


@dataclass
class _Context:
    """Everything found once in the text, shared by all its clauses."""

    text: str
    tokens: list[Token]
    mentions: list[MentionLike]
    entities: list[Entity]
    figures: list[Figure]
    reference_date: dt.date | None


@cache
def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in words(key))


def _window(tokens: list[Token], trig: Trigger, size: int) -> list[str]:
    """Up to `size` words before a trigger, stopping at a clause opener."""
    out: list[str] = []
    stop = word_set("clause_openers")
    for tok in reversed(tokens[max(0, trig.first - size):trig.first]):
        if tok.lower in stop:
            break
        out.insert(0, tok.lower)
    return out


def _contains(window: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(window[i:i + len(p)]) == p for p in phrases for i in range(len(window) - len(p) + 1))


def _blocked(tokens: list[Token], trig: Trigger) -> bool:
    """Negated ("no one was killed") or counterfactual ("rather than be captured")."""
    near = _window(tokens, trig, 3)
    if any(w in word_set("negations") or w.endswith("n't") for w in near):
        return True
    return _contains(_window(tokens, trig, 7), _phrases("counterfactual"))


def _classify(ctx: _Context, trigs: list[Trigger]) -> tuple[set[int], set[int]]:
    frame_ok: set[int] = set()
    live: set[int] = set()
    for t in trigs:
        if t.word.frame and (t.word.noun and not t.word.verb or not (is_passive(ctx.tokens, t) or after_determiner(ctx.tokens, t))):
            frame_ok.add(id(t))
            if t.type == "report" and (t.word.verb or not t.word.noun):
                live.add(id(t))
        if t.type != "report" and not _blocked(ctx.tokens, t):
            live.add(id(t))
    return frame_ok, live


def _context_noun(ctx: _Context, trig: Trigger) -> bool:
    """"killed in an airstrike", "amid the fighting": a noun that sets the scene, not an event of its own."""
    if not trig.word.noun:
        return False
    return any(w in word_set("context_preps") for w in _window(ctx.tokens, trig, 4))


def _event_triggers(ctx: _Context, clause: Clause, live: set[int]) -> list[list[Trigger]]:
    """Groups of triggers, one group per event: adjacent triggers ("strike killed") are one event."""
    trigs = [t for t in clause.triggers if id(t) in live and t.type != "report" and t is not clause.frame_trigger]
    plain = [t for t in trigs if not _context_noun(ctx, t)]
    if plain:
        trigs = plain
    groups: list[list[Trigger]] = []
    for t in trigs:
        if groups and t.first - groups[-1][-1].last <= 2:
            groups[-1].append(t)
        else:
            groups.append([t])
    by_type: dict[str, list[Trigger]] = {}
    rank = type_rank()
    for g in groups:
        head = min(g, key=lambda t: (rank[t.type], t.start))
        by_type.setdefault(head.type, []).extend(sorted(g, key=lambda t: t is not head))
    return list(by_type.values())


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    for opener in ("that ", "and ", "but ", "while ", "as "):
        if text.startswith(opener, start):
            start += len(opener)
    return start, end


def _mention_indexes(ctx: _Context, spans: list[tuple[int, int]]) -> list[int]:
    return [i for i, m in enumerate(ctx.mentions) if _inside(m.start, spans)]


def _quantities(ctx: _Context, spans: list[tuple[int, int]], head: Trigger | None) -> list[Quantity]:
    out = []
    for f in ctx.figures:
        if _inside(f.start, spans):
            inside = head is not None and f.start <= head.start < f.end
            out.append(replace(f.quantity, qualifier=None if head is None or inside else head.text))
    return out


def _build(ctx: _Context, kind: str, spans: list[tuple[int, int]], summary: tuple[int, int], group: list[Trigger],
           when: dating.Dated, said: dating.Dated, mention_ids: list[int], confidence: float, why: str) -> Event:
    start, end = _trim(ctx.text, *summary)
    head = group[0] if group else None
    return Event(
        type=kind,
        summary=ctx.text[start:end],
        start=start,
        end=end,
        occurred=when.dating,
        reported=said.dating,
        actors=_unique([e.text for e in ctx.entities if e.kind == "actor" and _inside(e.start, spans)]),
        places=_unique([e.text for e in ctx.entities if e.kind == "place" and _inside(e.start, spans)]),
        quantities=_quantities(ctx, spans, head if kind != "report" else None),
        mentions=mention_ids,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        explain={"type": why, "occurred": when.explain, "reported": said.explain},
    )


def _hedged(ctx: _Context, clause: Clause) -> bool:
    hedges = word_set("hedges")
    return any(t.lower in hedges for t in ctx.tokens if clause.start <= t.start < clause.end)


def extract_events(text: str, mentions: list[MentionLike], reference_date: dt.date | None) -> list[Event]:
    """Events stated in `text`, the main one first; see the module docstring of timeline.events."""
    tokens = tokenize(text)
    spans = sentences(text)
    starts = frozenset(next((t.start for t in tokens if t.start >= s), s) for s, _ in spans)
    blocked = [(m.start, m.end) for m in mentions]
    trigs = find_triggers(text, tokens, starts, blocked)
    ctx = _Context(text, tokens, mentions, find_entities(text, tokens, starts, blocked),
                   find_figures(text, blocked, frozenset(t.start for t in trigs if not t.word.noun)), reference_date)
    frame_ok, live = _classify(ctx, trigs)
    clauses = clause_mod.split(text, spans, trigs, frame_ok, live, blocked)
    keyed: list[tuple[tuple[int, int, int, int], Event]] = []
    statements = {i: _statement(ctx, c) for i, c in enumerate(clauses) if c.role == "frame"}
    rank = type_rank()
    for i, clause in enumerate(clauses):
        statement = statements.get(clause.frame) if clause.frame is not None else None
        said = dating.reported(statement, reference_date)
        own = _mention_indexes(ctx, clause.spans())
        dated_by = own
        if clause.inherits is not None and not _dates(ctx, own):
            dated_by = own + _mention_indexes(ctx, clauses[clause.inherits].spans())
        when = dating.occurred(text, mentions, dated_by, reference_date)
        hedge = 0.2 if _hedged(ctx, clause) else 0.0
        groups = _event_triggers(ctx, clause, live)
        for group in groups:
            head = group[0]
            also = ", ".join(f"'{t.text}'" for t in group[1:])
            why = f"'{head.text}' is a {head.type} trigger" + (f" (with {also})" if also else "")
            base = 0.8 if head.word.verb else 0.65
            event = _build(ctx, head.type, clause.spans(), (clause.start, clause.end), group, when, said, dated_by,
                           base + (0.1 if when.dating else 0) - hedge, why)
            keyed.append(((clause.sentence, _ROLE_RANK[clause.role], rank[head.type], head.start), event))
        if clause.role == "content" and not groups and _looks_like_clause(text, clause):
            event = _build(ctx, "other", clause.spans(), (clause.start, clause.end), [], when, said, dated_by, 0.4,
                           "reported content with no typed trigger")
            keyed.append(((clause.sentence, 0, rank["other"], clause.start), event))
        if clause.role == "frame" and clause.frame_trigger is not None:
            keyed.append(_report(ctx, clauses, i, statements[i], spans, live))
    keyed.sort(key=lambda kv: kv[0])
    return [e for _, e in keyed]


def _looks_like_clause(text: str, clause: Clause) -> bool:
    """Reported content worth an `other` event: three words or more, not a bare phrase ("on his journey")."""
    words_ = text[clause.start:clause.end].split()
    return len(words_) >= 3 and words_[0].lower() not in word_set("context_preps")


def _dates(ctx: _Context, indexes: list[int]) -> bool:
    return any(ctx.mentions[i].type in ("DATE", "TIME") for i in indexes)


def _statement(ctx: _Context, frame: Clause) -> dating.Dated:
    return dating.occurred(ctx.text, ctx.mentions, _mention_indexes(ctx, frame.spans()), ctx.reference_date)


def _report(ctx: _Context, clauses: list[Clause], i: int, statement: dating.Dated,
            sentence_spans: list[tuple[int, int]], live: set[int]) -> tuple[tuple[int, int, int, int], Event]:
    frame = clauses[i]
    trig = frame.frame_trigger
    assert trig is not None
    content = [c for c in clauses if c.frame == i]
    content_types = {t.type for c in content for t in c.triggers if id(t) in live and t.type != "report"}
    kind = trig.type if trig.type == "report" or content_types - {trig.type} else trig.type
    if trig.type != "report" and content_types - {trig.type}:
        kind = "report"
    why = f"'{trig.text}' introduces what was said" if kind == "report" else f"'{trig.text}' is a {kind} trigger"
    said = dating.reported(statement, ctx.reference_date)
    s, e = sentence_spans[frame.sentence]
    event = _build(ctx, kind, frame.spans(), (s, e), [trig], statement, said,
                   _mention_indexes(ctx, frame.spans()), 0.8 + (0.1 if statement.dating else 0), why)
    if not event.actors and frame.sentence > 0 and _PRONOUN.match(ctx.text, frame.start):
        # "He pointed to ...": the speaker is the first person named in the sentence before.
        ps, pe = sentence_spans[frame.sentence - 1]
        event.actors = [a.text for a in ctx.entities if a.kind == "actor" and ps <= a.start < pe][:1]
    return (frame.sentence, 2, type_rank()[kind], trig.start), event
