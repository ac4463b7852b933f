"""Scores the temporal engine on TempEval-3 folders: python bench/te3.py DIR [DIR...] [-v]"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.temporal.evaluate import run_te3  # noqa: E402

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    if not args:
        sys.exit("usage: python bench/te3.py DIR [DIR...] [-v]")
    for directory in args:
        run_te3(directory, verbose="-v" in sys.argv)
