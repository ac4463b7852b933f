"""Every benchmark in one run, each figure beside its target: `python bench/run.py`.

    python bench/run.py                  # the full run: 10k, 100k and 1M events (about 10 minutes)
    python bench/run.py --sizes 2000 20000 --excerpts 500 --seconds 1   # a quick look

Figures are ratios measured side by side in the same run (this machine is shared and
noisy; absolute times wander). bench/README.md has the last figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import extraction, http_load, store  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--excerpts", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    args = parser.parse_args(argv)
    common = ["--workdir", args.workdir]
    print("== store: load, range queries, growth, deep paging, search", flush=True)
    store.main(["--sizes", *map(str, args.sizes), "--queries", str(args.queries), *common])
    print("== http", flush=True)
    http_load.main(["--events", str(sorted(args.sizes)[len(args.sizes) // 2]), "--seconds", str(args.seconds),
                    *common])
    print("== extraction", flush=True)
    extraction.main(["--excerpts", str(args.excerpts), *common])


if __name__ == "__main__":
    main()
