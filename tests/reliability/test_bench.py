"""bench/reliability.py at a tiny size: every scenario runs and every figure is what it must be."""

from __future__ import annotations

from bench.reliability import main


def test_reliability_bench_smoke(tmp_path, capsys):
    code = main(["--events", "2000", "--chunk", "100", "--kills", "1", "--writers", "2", "--readers", "1",
                 "--batches", "3", "--size", "6", "--fuzz", "60", "--workdir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    total = out.splitlines()[-1]
    assert total.startswith("total") and "lost 0  duplicates 0  ok" in total
