"""Score estimate() on excerpts with known publication dates: containment and interval width.

    python -m timeline.dating.evaluate [tests/dating/known_dates.jsonl] [-v]
"""

from __future__ import annotations

import json
import statistics
import sys
from datetime import date
from pathlib import Path
from typing import Any

from timeline.dating.estimator import estimate

KNOWN = Path(__file__).resolve().parents[2] / "tests" / "dating" / "known_dates.jsonl"


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Containment (a text with no estimate counts as a miss), median width, per-row results."""
    results = []
    for r in rows:
        e = estimate(r["text"])
        truth = date.fromisoformat(r["date"])
        results.append({"id": r["id"], "date": r["date"], "hit": bool(e and e.start <= truth <= e.end),
                        "start": e and e.start.isoformat(), "end": e and e.end.isoformat(),
                        "width": e and e.width_days, "confidence": e and e.confidence})
    widths = [x["width"] for x in results if x["width"]]
    return {"n": len(rows), "estimated": len(widths), "contained": sum(x["hit"] for x in results),
            "containment": sum(x["hit"] for x in results) / len(rows) if rows else 0.0,
            "median_width_days": statistics.median(widths) if widths else None, "results": results}


def load(path: Path = KNOWN) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> None:
    args = [a for a in argv if a != "-v"]
    s = score(load(Path(args[0]) if args else KNOWN))
    if "-v" in argv:
        for x in s["results"]:
            mark = "ok  " if x["hit"] else "MISS"
            print(f"{mark} {x['id']} true {x['date']}  est {x['start']} .. {x['end']}  "
                  f"({x['width']} d, {x['confidence']})")
    given = s["contained"] / s["estimated"] if s["estimated"] else 0.0
    print(f"{s['n']} excerpts: {s['estimated']} estimated, {s['n'] - s['estimated']} with no clue (None); "
          f"contained {s['contained']}: {given:.0%} of the estimates, {s['containment']:.0%} of all; "
          f"median width {s['median_width_days']} days")


if __name__ == "__main__":
    main(sys.argv[1:])
