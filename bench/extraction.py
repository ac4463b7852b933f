"""Extraction throughput: excerpts through `python -m timeline load` (temporal + event
extraction + storage), on one core.

    python bench/extraction.py [--excerpts 5000] [--chars 300]

Excerpts of about --chars characters are built from the hand-written news corpus
(tests/events/corpus/excerpts.jsonl) by joining consecutive texts of one topic, each with
its reference date and a unique id. Prints excerpts/s through the loader and, side by
side in the same run, through the analysis alone (no storage), against the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "events" / "corpus" / "excerpts.jsonl"


def excerpts(n: int, chars: int) -> list[dict]:
    source = [orjson.loads(line) for line in CORPUS.read_bytes().splitlines() if line.strip()]
    built: list[dict] = []
    i = 0
    while len(built) < n:
        first = source[i % len(source)]
        text, j = first["text"], i + 1
        while len(text) < chars:
            text += " " + source[j % len(source)]["text"]
            j += 1
        built.append({"id": f"bench-{len(built):07d}", "text": text[: chars + 100],
                      "reference_date": first["reference_date"]})
        i += 1
    return built


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="extraction throughput")
    parser.add_argument("--excerpts", type=int, default=5000)
    parser.add_argument("--chars", type=int, default=300)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    records = excerpts(args.excerpts, args.chars)
    source = workdir / f"excerpts-{args.excerpts}.ndjson"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    database = workdir / f"excerpts-{args.excerpts}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)

    from timeline.pipeline import analyse

    started = time.perf_counter()
    for record in records:
        analyse(record["text"], date.fromisoformat(record["reference_date"]))
    analyse_rate = len(records) / (time.perf_counter() - started)

    env = dict(os.environ, TIMELINE_LOAD_SEEDS="0")
    started = time.perf_counter()
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    subprocess.run([*one_core, sys.executable, "-m", "timeline", "load", str(source),
                    "--database", str(database), "--quiet"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    load_rate = len(records) / (time.perf_counter() - started)
    mean_chars = sum(len(r["text"]) for r in records) / len(records)
    print(f"extraction: load {load_rate:,.0f} excerpts/s on one core (target >= 1,000), analysis alone"
          f" {analyse_rate:,.0f} excerpts/s; {len(records):,} excerpts of {mean_chars:.0f} chars on average")
    return {"load_rate": load_rate, "analyse_rate": analyse_rate}


if __name__ == "__main__":
    main()
