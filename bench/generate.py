"""Synthetic events as NDJSON, for benchmarks: `python bench/generate.py N [--seed S] [-o FILE]`.

Realistic enough to exercise the query plans: dates from 1900 to 2030 weighted toward
recent years, a mix of day / week / month / year precision with a few decade-long
intervals, every event type, news-like summaries, actors and places from a pool.
The same N and seed give the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta

import orjson

TYPES = ["capture", "casualty", "combat", "deployment", "policy_statement", "report", "other"]
VERBS = {
    "capture": ["captured", "detained", "arrested", "seized"],
    "casualty": ["killed", "wounded", "injured", "lost"],
    "combat": ["attacked", "shelled", "stormed", "fought near"],
    "deployment": ["deployed to", "sent troops to", "stationed units in", "arrived in"],
    "policy_statement": ["announced sanctions on", "pledged aid to", "condemned", "threatened"],
    "report": ["reported on", "estimated losses in", "said fighting continued in", "claimed gains in"],
    "other": ["held talks in", "opened an inquiry in", "hosted a summit in", "visited"],
}
ACTORS = ["Ukrainian forces", "Russian troops", "North Korean soldiers", "NATO officials", "the United Nations",
          "the European Union", "rebel fighters", "government forces", "police", "the ministry of defence",
          "President Zelensky", "the Security Council", "local officials", "aid workers", "the army"]
PLACES = ["Kursk region", "Kyiv", "Kharkiv", "Donetsk", "Moscow", "Pyongyang", "Seoul", "Brussels",
          "Gaza", "Khartoum", "Kabul", "Baghdad", "Sahel", "Crimea", "Odesa", "Zaporizhzhia", "Geneva"]
WORDS = ["border", "village", "convoy", "offensive", "ceasefire", "talks", "supply", "bridge", "port",
         "airfield", "drone", "artillery", "negotiations", "humanitarian", "corridor", "civilians",
         "election", "parliament", "sanctions", "reserves", "frontline", "reinforcements"]


def _day(rng: random.Random) -> date:
    # Weighted toward recent years: 1 - u**3 of a uniform u crowds toward 1.
    offset = int((1 - rng.random() ** 3) * (date(2030, 12, 31) - date(1900, 1, 1)).days)
    return date(1900, 1, 1) + timedelta(days=offset)


def _interval(rng: random.Random) -> tuple[date, date, str]:
    day = _day(rng)
    roll = rng.random()
    if roll < 0.55:
        return day, day, "day"
    if roll < 0.70:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if roll < 0.88:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1), "month"
    if roll < 0.995:
        return day.replace(month=1, day=1), day.replace(month=12, day=31), "year"
    start = date(day.year - day.year % 10, 1, 1)
    return start, date(start.year + 9, 12, 31), "decade"


def generate(n: int, seed: int = 1):
    rng = random.Random(seed)
    for i in range(n):
        etype = TYPES[i % len(TYPES)] if i < len(TYPES) else rng.choice(TYPES)
        actor, place = rng.choice(ACTORS), rng.choice(PLACES)
        words = " ".join(rng.sample(WORDS, 3))
        summary = f"{actor[0].upper()}{actor[1:]} {rng.choice(VERBS[etype])} {place} amid {words}"
        record = {"kind": "event", "id": f"gen-{seed}-{i:08d}", "type": etype, "summary": summary,
                  "actors": [actor], "places": [place]}
        if rng.random() > 0.03:  # a few undated events, as in real text
            start, end, precision = _interval(rng)
            record["occurred"] = {"start": start.isoformat(), "end": end.isoformat(), "precision": precision}
            lag = timedelta(days=int(rng.expovariate(1 / 5)))
            reported = min(end + lag, date(2030, 12, 31))
            record["reported"] = {"start": reported.isoformat(), "end": reported.isoformat(),
                                  "precision": "day"}
        yield record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args(argv)
    out = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")  # noqa: SIM115
    with out:
        for record in generate(args.n, args.seed):
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))


if __name__ == "__main__":
    main()
