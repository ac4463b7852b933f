"""Cut sentences into clauses and find the reporting frames ("X said", "according to X").

A clause is the unit that owns dates, actors, places and figures. Segments are cut at punctuation and
clause openers ("that", "which", ", and"); segments that state no event are merged into a neighbour, so a
leading "On Monday," dates the clause it introduces. A frame's content is the clause it reports; words
like "in an interview in early January" at the end of the content belong to the frame.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from timeline.events.lexicon import word_set, words
from timeline.events.triggers import Trigger

_OPENERS = r"that|which|who|whom|whose|while|whereas|although|though|because|but|where"
# Cuts: "; " and ": ", " — ", " -- ", ", ", and the space before a clause opener. The pattern opens with a
# character class so the regex engine skips ahead in C to the next space or punctuation mark.
_BOUNDARY = re.compile(rf"[\s;:,](?:(?<=\s)\s*(?:[;:]\s+|[—–]\s+|--\s+|(?=(?:{_OPENERS})\b))"
                       r"|(?<=[;:])\s+|(?<=,)[”\"’']?\s+)")
_WORD = re.compile(r"[A-Za-z']+")
_CUT_OFF = re.compile(r"[^.!?…\"”’'\s]\s*$")
_BY_GERUND = re.compile(r"by [a-z]+ing\b")
_SEQUENCE = re.compile(r"\s(after|before)\s", re.IGNORECASE)


@dataclass
class Clause:
    start: int
    end: int
    sentence: int
    opener: str = ""
    role: str = "main"  # main | sub | frame | content
    frame: int | None = None  # a content clause's frame (index into the clause list)
    extra: list[tuple[int, int]] = field(default_factory=list)  # a frame's pieces cut from its content
    inherits: int | None = None  # ", killing 12": dated like the clause before it
    triggers: list[Trigger] = field(default_factory=list)
    frame_trigger: Trigger | None = None

    def spans(self) -> list[tuple[int, int]]:
        return [(self.start, self.end), *self.extra]


@cache
def _speech_context() -> re.Pattern[str]:
    phrases = sorted(words("speech_context"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b")


@cache
def _comma_openers() -> frozenset[str]:
    return word_set("comma_openers") | word_set("clause_openers")


@cache
def _sub_openers() -> frozenset[str]:
    return word_set("subordinate_openers") | {"that"}


def _segments(text: str, start: int, end: int, sentence: int) -> list[Clause]:
    comma_openers = _comma_openers()
    out: list[Clause] = []
    pos, opener = start, ""
    for m in _BOUNDARY.finditer(text, start, end):
        if m.start() > pos:
            out.append(Clause(pos, m.start(), sentence, opener))
        pos = m.end()
        word = _WORD.match(text, pos)
        nxt = word.group().lower() if word else ""
        opener = nxt if (nxt in comma_openers and "," in m.group()) or not m.group().strip() else m.group().strip()[:1]
    if pos < end:
        out.append(Clause(pos, end, sentence, opener))
    return out


def _assign(clauses: list[Clause], triggers: list[Trigger]) -> None:
    k = 0
    for trig in triggers:
        while k < len(clauses) and trig.start >= clauses[k].end:
            k += 1
        if k < len(clauses) and trig.start >= clauses[k].start:
            clauses[k].triggers.append(trig)


def split(text: str, sentence_spans: list[tuple[int, int]], triggers: list[Trigger],
          frame_ok: set[int], live: set[int], mention_spans: list[tuple[int, int]]) -> list[Clause]:
    """Clauses of the whole text, in order. `frame_ok` / `live` hold ids of triggers that may open a frame /
    that state an event of their own."""
    out: list[Clause] = []
    trigger_starts = [t.start for t in triggers]
    for n, (s, e) in enumerate(sentence_spans):
        segs = _segments(text, s, e, n)
        if n == len(sentence_spans) - 1 and len(segs) > 1 and _CUT_OFF.search(text) \
                and segs[-1].opener == "," and len(text[segs[-1].start:segs[-1].end].split()) <= 2:
            segs.pop()  # a snippet cut off mid-attribution: "..., Kyiv" (said)
        _assign(segs, triggers[bisect_left(trigger_starts, s):bisect_left(trigger_starts, e)])
        if _SEQUENCE.search(text, s, e):
            segs = [part for seg in segs for part in _sequence_cut(text, seg, live)]
        segs = _frames(text, segs, frame_ok, live, mention_spans)
        out.extend(_merge(text, segs, live))
    for i, c in enumerate(out):
        if c.frame is not None:
            c.frame = next(j for j, f in enumerate(out)
                           if f.role == "frame" and f.frame_trigger is not None and f.frame_trigger is c.frame_trigger)
        first = _WORD.match(text, c.start)
        if c.role != "frame" and c.opener == "," and i > 0 and out[i - 1].sentence == c.sentence \
                and first and first.group().endswith("ing"):
            c.inherits = i - 1
    _speech_split(text, out)
    return out


def _sequence_cut(text: str, seg: Clause, live: set[int]) -> list[Clause]:
    """"flew marines to Curacao on Friday after the unrest spread": with no comma before it, an "after" or
    "before" followed by a subject and its verb (or a verb phrase: "after gunmen stormed a studio", "after a
    woman was found dead") still opens a clause of its own, told at another time, so
    each keeps its own dates. A phrase ("after months of fierce fighting", "before marching on Moscow")
    stays in the clause it dates."""
    for m in _SEQUENCE.finditer(text, seg.start, seg.end):
        words_ = _WORD.findall(text, m.end(), seg.end)
        if not words_ or words_[0].endswith("ing"):
            continue
        verb = next((t for t in seg.triggers if t.start > m.end() and id(t) in live and not t.word.noun), None)
        if verb is None:
            continue
        between = _WORD.findall(text, m.end(), verb.start)
        if not verb.word.verb and not verb.text.endswith("ed") \
                and word_set("passive_aux").isdisjoint(w.lower() for w in [*between, verb.lower_text.split()[0]]):
            continue  # a phrase with no verb of its own ("after heavy losses"), unless a finite one comes first
        if not between or len(between) > 6 or between[-1].lower() in word_set("determiners") \
                or not word_set("context_preps").isdisjoint(w.lower() for w in between):
            continue
        cut = m.start() + 1
        head = Clause(seg.start, m.start(), seg.sentence, seg.opener, seg.role,
                      triggers=[t for t in seg.triggers if t.start < cut])
        tail = Clause(cut, seg.end, seg.sentence, m.group(1).lower(), seg.role,
                      triggers=[t for t in seg.triggers if t.start >= cut])
        return [head, *_sequence_cut(text, tail, live)]
    return [seg]


def _cut_after(text: str, trig: Trigger, end: int, mention_spans: list[tuple[int, int]]) -> tuple[int, bool]:
    """Where a frame's own words end: after the verb, an adjacent date ("said on Monday") and "that"."""
    cut = trig.end
    for ms, me in mention_spans:
        if cut <= ms <= cut + 4 and text[cut:ms].strip().lower() in ("", "on", "in", "at") and me <= end:
            cut = me
    m = re.match(r"\s+that\b", text[cut:end])
    return (cut + m.end(), True) if m else (cut, False)


def _frames(text: str, segs: list[Clause], frame_ok: set[int], live: set[int],
            mention_spans: list[tuple[int, int]]) -> list[Clause]:
    out: list[Clause] = []
    k = 0
    while k < len(segs):
        seg = segs[k]
        next_that = k + 1 < len(segs) and segs[k + 1].opener == "that"
        cands = [t for t in seg.triggers if id(t) in frame_ok and (t.word.verb or not t.word.noun or next_that)]
        if not cands:
            out.append(seg)
            k += 1
            continue
        negative = [t for t in cands if t.lower_text in word_set("negative_frames")]
        trig = negative[0] if negative else cands[-1]  # "denied X and said Y": all of it is denied
        cut, has_that = _cut_after(text, trig, seg.end, mention_spans)
        rest_words = _WORD.findall(text, cut, seg.end)
        tail = not rest_words and k > 0
        if trig.type != "report" and not next_that and not has_that and not tail:
            out.append(seg)  # "announced a ban": a policy verb frames only a "that" clause
            k += 1
            continue
        later_that = next((j for j in range(k + 1, len(segs)) if segs[j].opener == "that"), None)
        between_quiet = later_that is not None and not any(
            id(t) in live for j in range(k + 1, later_that) for t in segs[j].triggers)
        addressee = trig.lower_text in ("told", "tells", "tell") and not has_that
        context = _speech_context().match(text, cut + len(text[cut:seg.end]) - len(text[cut:seg.end].lstrip()))
        if trig.lower_text == "according to" or between_quiet or len(rest_words) < 2 or addressee or context:
            seg.role, seg.frame_trigger = "frame", trig
            out.append(seg)
            if between_quiet:
                for j in range(k + 1, later_that):
                    segs[j].role, segs[j].frame_trigger = "frame", trig
                    out.append(segs[j])
                k = later_that
                head = True
            else:
                k += 1
                head = not any(c.role in ("main", "sub") and c.sentence == seg.sentence for c in out[:-1]) \
                    and k < len(segs)
            if head:
                while k < len(segs) and not any(id(t) in frame_ok for t in segs[k].triggers):
                    segs[k].role, segs[k].frame, segs[k].frame_trigger = "content", 0, trig
                    out.append(segs[k])
                    k += 1
            else:
                for c in out[:-1]:
                    if c.sentence == seg.sentence and c.role in ("main", "sub"):
                        c.role, c.frame, c.frame_trigger = "content", 0, trig
            continue
        frame = Clause(seg.start, cut, seg.sentence, seg.opener, "frame", frame_trigger=trig,
                       triggers=[t for t in seg.triggers if t.start < cut])
        content = Clause(cut, seg.end, seg.sentence, "that", "content", frame=0, frame_trigger=trig,
                         triggers=[t for t in seg.triggers if t.start >= cut])
        out.extend((frame, content))
        k += 1
        while k < len(segs) and not any(id(t) in frame_ok for t in segs[k].triggers):
            segs[k].role, segs[k].frame, segs[k].frame_trigger = "content", 0, trig
            out.append(segs[k])
            k += 1
    for seg in out:
        if seg.role == "main" and seg.opener in _sub_openers():
            seg.role = "sub"
    return out


def _merge(text: str, segs: list[Clause], live: set[int]) -> list[Clause]:
    """Fold segments that state nothing into a neighbour of the same role and frame."""
    def quiet(c: Clause) -> bool:
        """States nothing of its own; ", by cutting support" is the means of the clause before it."""
        if c.role != "frame" and _BY_GERUND.match(text, c.start):
            return True
        return c.role != "frame" and not any(id(t) in live for t in c.triggers)

    out: list[Clause] = []
    pending: list[Clause] = []
    for seg in segs:
        if seg.opener in ("that", "which", "who") and out and out[-1].frame_trigger is seg.frame_trigger \
                and out[-1].role in ("main", "content") and seg.role in ("main", "sub", "content") \
                and len(text[out[-1].start:out[-1].end].split()) <= 5 \
                and all(not t.word.verb for t in out[-1].triggers):
            # "The earthquake that struck Morocco ... has killed": the noun phrase is the subject of what follows
            head = out.pop()
            seg.start, seg.role = head.start, head.role
            seg.triggers[:0] = head.triggers
        same = out and out[-1].role == seg.role and out[-1].frame_trigger is seg.frame_trigger
        if seg.role == "frame" and out and out[-1].role == "frame" and out[-1].frame_trigger is seg.frame_trigger:
            _absorb(out[-1], seg)
            continue
        if quiet(seg) and out and (same or seg.role == "main" and out[-1].role in ("main", "sub", "frame")):
            _absorb(out[-1], seg)
            continue
        if quiet(seg):
            if pending and pending[-1].role == seg.role and pending[-1].frame_trigger is seg.frame_trigger:
                _absorb(pending[-1], seg)
            else:
                pending.append(seg)
            continue
        subordinate = seg.opener in word_set("subordinate_openers")
        for p in pending:
            if (p.frame_trigger is seg.frame_trigger and not (subordinate and p.role == "content")) or p.role == "main":
                seg.start = min(seg.start, p.start)
                seg.triggers[:0] = p.triggers
            else:
                out.append(p)
        pending = []
        if seg.role == "content" and not subordinate and out and out[-1].role == "content" and quiet(out[-1]) \
                and out[-1].frame_trigger is seg.frame_trigger:
            _absorb(out[-1], seg)
            continue
        out.append(seg)
    out.extend(pending)
    return out


def _absorb(into: Clause, seg: Clause) -> None:
    into.end = max(into.end, seg.end)
    into.start = min(into.start, seg.start)
    into.triggers.extend(seg.triggers)


def _speech_split(text: str, clauses: list[Clause]) -> None:
    """"... in an interview in early January": the rest of the content is the frame's."""
    pattern = _speech_context()
    for c in clauses:
        if c.role != "content" or c.frame is None:
            continue
        m = pattern.search(text, c.start, c.end)
        if m and m.start() > c.start:
            clauses[c.frame].extra.append((m.start(), c.end))
            c.triggers = [t for t in c.triggers if t.start < m.start()]
            c.end = m.start()
