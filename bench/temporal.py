"""Speed of the temporal engine against dateparser.search.search_dates, same documents, same run.

    python bench/temporal.py [DIR ...]     (default: ../shared/data/te3/aquaint and timebank)

Prints docs/s for both and the ratio, then the cost of extract() on ~300-character excerpts.
Each figure is the best of several passes (5 for extract, 2 for dateparser).
"""

import datetime as dt
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.temporal import extract  # noqa: E402
from timeline.temporal.evaluate import load_scorer  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "data" / "te3" / "aquaint", ROOT.parent / "shared" / "data" / "te3" / "timebank"]


def timed(fn, items, repeat=1):
    """Best of `repeat` passes: on a shared, noisy machine the minimum is the stable figure."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - t0)
    return best


def main(dirs):
    te3 = load_scorer()
    docs = [d for directory in dirs for d in te3.load_dir(str(directory))]
    pairs = [(d["text"], dt.date.fromisoformat(d["dct"])) for d in docs]
    ours = timed(lambda p: extract(*p), pairs, repeat=5)

    from dateparser.search import search_dates
    settings = {"RELATIVE_BASE": dt.datetime(2000, 1, 1), "PREFER_DATES_FROM": "past"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = timed(lambda p: search_dates(p[0], languages=["en"], settings=settings), pairs, repeat=2)
    n = len(pairs)
    print(f"documents: {n} ({sum(len(t) for t, _ in pairs) / n:.0f} chars on average)")
    print(f"timeline.temporal.extract      {n / ours:10.1f} docs/s")
    print(f"dateparser.search.search_dates {n / theirs:10.1f} docs/s")
    print(f"ratio                          {theirs / ours:10.1f}x")

    excerpts = [t[i:i + 300] for t, _ in pairs for i in range(0, len(t) - 300, 300)]
    ref = dt.date(2000, 1, 1)
    cost = timed(lambda e: extract(e, ref), excerpts, repeat=5) / len(excerpts)
    print(f"~300-char excerpts: {len(excerpts)}, {cost * 1000:.3f} ms each, {1 / cost:.0f} excerpts/s")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT)
