"""Build excerpts.jsonl from the hand-written *.txt sources (one excerpt a line).

Line format: id|topic|reference date|text|events, events being `type@when` joined by `;` (or `[]` for none),
`when` being `-` (the text does not say), a day `2024-03-11`, or an inclusive range `2024-03-11..2024-03-17`.
heldout/ is written the same way and never used to tune the extractor: it shows how far the figures on
the main corpus carry to text the rules were not adjusted to.
Run: python tests/events/corpus/build.py
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

HERE = Path(__file__).parent
TYPES = {"casualty", "capture", "combat", "deployment", "policy_statement", "report", "other"}


def parse(line: str) -> dict:
    ident, topic, ref, text, specs = line.split("|")
    dt.date.fromisoformat(ref)
    events = []
    for spec in [] if specs == "[]" else specs.split(";"):
        kind, _, when = spec.partition("@")
        if kind not in TYPES:
            raise ValueError(f"{ident}: unknown type {kind}")
        occurred = None
        if when != "-":
            start, _, end = when.partition("..")
            occurred = {"start": dt.date.fromisoformat(start).isoformat(),
                        "end": dt.date.fromisoformat(end or start).isoformat()}
        events.append({"type": kind, "occurred": occurred})
    return {"id": ident, "topic": topic, "reference_date": ref, "text": text, "events": events}


def build(folder: Path) -> None:
    records = [parse(line) for src in sorted(folder.glob("*.txt")) for line in src.read_text().splitlines() if line]
    if len({r["id"] for r in records}) != len(records):
        raise ValueError("duplicate ids")
    with (folder / "excerpts.jsonl").open("w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{folder.name}: {len(records)} excerpts")


def main() -> None:
    build(HERE)
    build(HERE / "heldout")


if __name__ == "__main__":
    main()
