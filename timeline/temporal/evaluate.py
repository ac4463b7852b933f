"""TempEval-3 evaluation: run extract() over a folder of .tml files and score it.

Uses the shared scorer (../shared/tools/te3eval.py relative to the repository root), so
the figures are exactly those of the TempEval-3 task A toolkit.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from timeline.temporal.engine import extract

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "te3eval.py"


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("te3eval", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(docs: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], float]:
    """{doc id: {"timexes": [...]}} for the scorer, and the seconds extract() took."""
    preds: dict[str, dict[str, Any]] = {}
    elapsed = 0.0
    for doc in docs:
        ref = dt.date.fromisoformat(doc["dct"]) if doc.get("dct") else None
        t0 = time.perf_counter()
        mentions = extract(doc["text"], ref)
        elapsed += time.perf_counter() - t0
        preds[doc["id"]] = {"timexes": [{"start": m.start, "end": m.end, "type": m.type, "value": m.value}
                                        for m in mentions]}
    return preds, elapsed


def run_te3(directory: str, out: TextIO = sys.stdout, verbose: bool = False) -> dict[str, Any]:
    """Scores extract() on directory/*.tml (each document's DCT as reference date); prints and
    returns the scorer's figures plus docs_per_second."""
    te3 = load_scorer()
    docs = te3.load_dir(directory)
    preds, elapsed = predict(docs)
    figures = te3.score(docs, preds, (lambda s: print(s, file=out)) if verbose else None)
    figures["docs_per_second"] = len(docs) / elapsed if elapsed else float("inf")
    print(f"== {directory}", file=out)
    print(te3.report(figures), file=out)
    print(f"strict F1 {figures['strict_f1']:.4f}  relaxed F1 {figures['relaxed_f1']:.4f}  "
          f"value F1 {figures['value_f1']:.4f}  type F1 {figures['type_f1']:.4f}  "
          f"{figures['docs_per_second']:.0f} docs/s", file=out)
    return figures
