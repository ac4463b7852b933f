"""Each benchmark script runs end to end at a tiny size, so none of them rots.
(No timing is asserted here: figures come from bench/run.py.)"""

from __future__ import annotations

import orjson

from bench import extraction, generate, http_load, store


def test_generate_is_deterministic_and_valid(tmp_path, capsysbinary):
    first = list(generate.generate(300, seed=4))
    assert first == list(generate.generate(300, seed=4))
    assert {r["type"] for r in first} == set(generate.TYPES)
    precisions = {r["occurred"]["precision"] for r in first if "occurred" in r}
    assert {"day", "week", "month", "year"} <= precisions
    for record in first:
        orjson.dumps(record)
        if "occurred" in record:
            assert record["occurred"]["start"] <= record["occurred"]["end"]


def test_store_bench_runs_and_answers_agree(tmp_path, capsys):
    results = store.main(["--sizes", "300", "1200", "--queries", "40", "--workdir", str(tmp_path)])
    assert all(q["mismatches"] == 0 for q in results["queries"].values())
    assert "deep paging" in capsys.readouterr().out


def test_extraction_bench_runs(tmp_path):
    assert extraction.main(["--excerpts", "20", "--workdir", str(tmp_path)])["load_rate"] > 0


def test_http_bench_runs(tmp_path):
    results = http_load.main(["--events", "200", "--seconds", "1", "--rounds", "1", "--connections", "2",
                              "--workdir", str(tmp_path)])
    assert results["timeline_rps"] > 0 and results["health_rps"] > 0
