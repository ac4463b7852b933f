"""SIGKILL mid-way: `python -m timeline load` (atomic: the store exactly as before; chunked: whole
chunks from the file's start, the rest absent, and a rerun completes it with no duplicates) and
the service during a POST /bulk (restarted: integrity_check ok, counts match the committed chunks,
the body sent again completes the load)."""

from __future__ import annotations

import pytest

from bench.reliability import Workload, kill_loads, kill_server_during_bulk


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return Workload(tmp_path_factory.mktemp("kill"), events=3000, chunk=100)


def assert_survived(figures, kills: int) -> None:
    assert figures.problems == []
    assert figures.kills == kills
    assert figures.lost == 0 and figures.duplicates == 0


def test_load_killed_half_way(work):
    assert_survived(kill_loads(work, [0.5]), kills=2)


def test_service_killed_during_bulk(work):
    figures = kill_server_during_bulk(work, [0.5])
    assert_survived(figures, kills=1)
    assert set(figures.statuses) == {200}


@pytest.mark.slow
def test_load_killed_at_several_points(tmp_path):
    work = Workload(tmp_path, events=20_000, chunk=250)
    points = [0.05, 0.25, 0.5, 0.75, 0.95]
    assert_survived(kill_loads(work, points), kills=2 * len(points))
    assert_survived(kill_server_during_bulk(work, points), kills=len(points))
