"""Per-type precision and recall of event extraction on the hand-written corpus (tests/events/corpus).

A predicted event matches a gold event of the same type in the same excerpt (counts, not order). For
matched pairs, `dates` is the share whose `occurred` interval equals the gold one (null included).
`--speed` also times extraction (temporal + events) over the corpus texts on one core.
`--heldout` scores tests/events/corpus/heldout/excerpts.jsonl instead (excerpts never used to tune the
rules); `--file PATH` any file of that shape (heldout/blind2.jsonl: 40 excerpts written blind in the
second session, scored before any fix). Where gold events give `factuality`, matched pairs are checked.
Run: .venv/bin/python bench/events_quality.py [--heldout | --file PATH] [--errors] [--speed]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.events import EVENT_TYPES, extract_events  # noqa: E402
from timeline.temporal import extract  # noqa: E402

CORPUS = ROOT / "tests" / "events" / "corpus" / "excerpts.jsonl"
HELDOUT = ROOT / "tests" / "events" / "corpus" / "heldout" / "excerpts.jsonl"


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    dated: int = 0
    dated_right: int = 0
    factual: int = 0
    factual_right: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        gold = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / gold if gold else 1.0


def _occurred(event: dict) -> tuple[str, str] | None:
    occ = event["occurred"]
    return (occ["start"], occ["end"]) if occ else None


def evaluate(records: list[dict]) -> Scores:
    scores = Scores()
    for r in records:
        ref = dt.date.fromisoformat(r["reference_date"]) if r["reference_date"] else None
        predicted = [e.to_dict() for e in extract_events(r["text"], extract(r["text"], ref), ref)]
        for kind in EVENT_TYPES:
            gold = [e for e in r["events"] if e["type"] == kind]
            got = [e for e in predicted if e["type"] == kind]
            matched = min(len(gold), len(got))
            scores.tp[kind] += matched
            scores.fp[kind] += len(got) - matched
            scores.fn[kind] += len(gold) - matched
            for g, p in zip(gold, got, strict=False):
                scores.dated += 1
                if _occurred(g) == _occurred(p):
                    scores.dated_right += 1
                else:
                    scores.errors.append(f"{r['id']} {kind} date: gold {_occurred(g)} got {_occurred(p)}")
                if "factuality" in g:
                    scores.factual += 1
                    if g["factuality"] == p["factuality"]:
                        scores.factual_right += 1
                    else:
                        scores.errors.append(f"{r['id']} {kind} factuality: gold {g['factuality']}"
                                             f" got {p['factuality']}")
            if len(gold) != len(got):
                scores.errors.append(f"{r['id']} {kind}: gold {len(gold)} got {len(got)}  | {r['text'][:90]}")
    return scores


def load(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def speed(records: list[dict], rounds: int = 10) -> None:
    """Excerpts per second, temporal + events, and the events step alone (first call warms the tables)."""
    items: list[tuple[str, dt.date]] = []
    text = ""
    for r in records:  # consecutive excerpts joined into texts of about 300 characters
        text = f"{text} {r['text']}".strip()
        if len(text) >= 280:
            items.append((text, dt.date.fromisoformat(r["reference_date"])))
            text = ""
    extract_events(items[0][0], extract(*items[0]), items[0][1])
    chars = sum(len(t) for t, _ in items) / len(items)
    # CPU time of this process, best of `rounds`: the machine is shared, and wall time counts the others
    both = events = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        found = [(text, ref, extract(text, ref)) for text, ref in items]
        t1 = time.process_time()
        for text, ref, mentions in found:
            extract_events(text, mentions, ref)
        t2 = time.process_time()
        both, events = min(both, t2 - t0), min(events, t2 - t1)
    n = len(items)
    print(f"speed: {n} texts of {chars:.0f} chars on average, best of {rounds} rounds, CPU time")
    print(f"  temporal + events: {n / both:,.0f} excerpts/s")
    print(f"  events alone:      {events / n * 1000:.3f} ms per excerpt ({n / events:,.0f}/s)")


def main() -> None:
    path = HELDOUT if "--heldout" in sys.argv else CORPUS
    if "--file" in sys.argv:
        path = Path(sys.argv[sys.argv.index("--file") + 1])
    records = load(path)
    scores = evaluate(records)
    print(f"{len(records)} excerpts, {sum(len(r['events']) for r in records)} gold events")
    print(f"{'type':<18}{'gold':>6}{'found':>7}{'P':>7}{'R':>7}")
    for kind in EVENT_TYPES:
        gold = scores.tp[kind] + scores.fn[kind]
        found = scores.tp[kind] + scores.fp[kind]
        print(f"{kind:<18}{gold:>6}{found:>7}{scores.precision(kind):>7.2f}{scores.recall(kind):>7.2f}")
    tp, fp, fn = (sum(c.values()) for c in (scores.tp, scores.fp, scores.fn))
    print(f"{'all':<18}{tp + fn:>6}{tp + fp:>7}{tp / max(1, tp + fp):>7.2f}{tp / max(1, tp + fn):>7.2f}")
    print(f"occurred right on matched events: {scores.dated_right}/{scores.dated}")
    if scores.factual:
        print(f"factuality right on matched events: {scores.factual_right}/{scores.factual}")
    if "--speed" in sys.argv:
        speed(records)
    if "--errors" in sys.argv:
        print("\n".join(scores.errors))


if __name__ == "__main__":
    main()
