"""Full-text search with ranges: both plans (from the hits, or from the window's keys)
give exactly the brute-force answer, page after page."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.conftest import event
from tests.store.test_ranges import d, load
from timeline.store import EventQuery, QueryError
from timeline.store import sqlite as sqlite_store

WORDS = ["convoy", "border", "ceasefire", "harbour", "drone", "talks"]


def corpus(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        words = rng.sample(WORDS, 2)
        if rng.random() < 0.1:
            records.append(event(f"u{i:04d}", None, summary=" ".join(words)))
            continue
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(3000))
        end = start + timedelta(days=rng.choice([0, 0, 6, 30, 364]))
        records.append(event(f"e{i:04d}", start.isoformat(), end.isoformat(), summary=" ".join(words)))
    return records


def brute(records, word, a, b, mode, undated):
    dated, plain = [], []
    for r in records:
        if word not in r["summary"].split():
            continue
        if "occurred" not in r:
            plain.append(r["id"])
            continue
        s, e = d(r["occurred"]["start"]), d(r["occurred"]["end"])
        if (mode == "overlaps" and s <= b and e >= a) or (mode == "within" and s >= a and e <= b):
            dated.append((s, e, r["id"]))
    ids = [] if undated == "only" else [i for *_, i in sorted(dated)]
    return ids + (sorted(plain) if undated != "exclude" else [])


def all_pages(store, query):
    seen, cursor = [], None
    while True:
        items, cursor = store.query_events(replace(query, cursor=cursor))
        seen += [e["id"] for e in items]
        if cursor is None:
            return seen


@pytest.mark.parametrize("driven_by", ["hits", "window"])
def test_search_matches_brute_force(store, monkeypatch, driven_by):
    monkeypatch.setattr(sqlite_store, "_HITS_DRIVEN", 10**9 if driven_by == "hits" else 0)
    records = corpus(400, seed=11)
    load(store, records)
    rng = random.Random(2)
    for _ in range(25):
        word = rng.choice(WORDS)
        a = d("2010-01-01") + rng.randrange(3000)
        b = a + rng.choice([0, 30, 365, 2000])
        mode = rng.choice(["overlaps", "within"])
        undated = rng.choice(["exclude", "include", "only"])
        query = EventQuery(start=a, end=b, mode=mode, q=word, undated=undated, limit=rng.choice([3, 10, 50]))
        assert all_pages(store, query) == brute(records, word, a, b, mode, undated)


def test_search_sees_new_writes(store):
    load(store, [event("a", "2020-01-01", summary="convoy")])
    assert [e["id"] for e in store.query_events(EventQuery(q="convoy"))[0]] == ["a"]
    load(store, [event("b", "2020-01-02", summary="convoy again")])
    assert [e["id"] for e in store.query_events(EventQuery(q="convoy"))[0]] == ["a", "b"]


@pytest.mark.parametrize("text", ['"', "NEAR(", "AND", "summary:", "(("])
def test_search_syntax_errors_are_query_errors(store, text):
    with pytest.raises(QueryError):
        store.query_events(EventQuery(q=text))


@pytest.mark.sqlite_only("a connection's temporary tables of FTS5 hits")
def test_alternating_searches_reuse_their_hits(store):
    load(store, [event("a", "2020-01-01", summary="convoy"), event("b", "2020-01-02", summary="drone")])
    for word in ("convoy", "drone", "convoy", "drone"):
        store.query_events(EventQuery(q=word))
    assert len(store._hits) == 2
