"""GET /timeline/histogram (counts per calendar bucket) and GET /excerpts/<id>?format=timeml."""

from __future__ import annotations

import importlib.util
import random
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import event
from tests.web.test_widgets import load
from timeline.api.exports import timeml
from timeline.store.sqlite_histogram import bucket_after, bucket_count, bucket_label, bucket_start

H = "/api/v1/timeline/histogram"


def span(start: str, end: str | None = None) -> dict:
    return {"start": start, "end": end or start}


EVENTS = [
    event("jan31-feb1", "2024-01-31", "2024-02-01"),                  # crosses a month end
    event("leap", "2024-02-29", type="policy"),                       # leap day
    event("nye", "2023-12-31", "2024-01-01"),                         # crosses a year end
    event("w53", "2020-12-31", "2021-01-04"),                         # ISO week 53, then week 1
    event("long", "2024-10-01", "2025-01-10", type="casualty", summary="Soldiers killed"),
    event("undated", None, type="report"),
    event("undated2", None, type="policy"),
    event("reported", None, reported=span("2024-03-05")),
]


@pytest.fixture
def loaded(client):
    load(client, EVENTS)
    return client


def hist(client, **params):
    response = client.get(H, query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def counts(body) -> dict[str, int]:
    return {b["bucket"]: b["count"] for b in body["buckets"]}


# -- buckets ------------------------------------------------------------------------------

def test_month_buckets_over_month_and_year_ends_and_a_leap_february(loaded):
    body = hist(loaded, bucket="month", start="2023-12", end="2024-02")
    assert body["buckets"] == [
        {"bucket": "2023-12", "start": "2023-12-01", "end": "2023-12-31", "count": 1},
        {"bucket": "2024-01", "start": "2024-01-01", "end": "2024-01-31", "count": 2},
        {"bucket": "2024-02", "start": "2024-02-01", "end": "2024-02-29", "count": 2},
    ]
    assert body["total"] == 3  # each event once, however many buckets it touches
    assert (body["bucket"], body["axis"], body["mode"], body["start"], body["end"], body["empty"]) == \
        ("month", "occurred", "overlaps", "2023-12-01", "2024-02-29", "omit")


def test_day_buckets_hold_the_leap_day(loaded):
    assert counts(hist(loaded, bucket="day", start="2024-02-28", end="2024-03-01")) == {"2024-02-29": 1}


def test_year_buckets_split_an_interval_over_new_year(loaded):
    assert counts(hist(loaded, bucket="year", start="2023", end="2024")) == {"2023": 1, "2024": 4}


def test_iso_week_53_and_week_1(loaded):
    body = hist(loaded, bucket="week", start="2020-12", end="2021-01")
    assert body["buckets"] == [
        {"bucket": "2020-W53", "start": "2020-12-28", "end": "2021-01-03", "count": 1},
        {"bucket": "2021-W01", "start": "2021-01-04", "end": "2021-01-10", "count": 1},
    ]


def test_an_interval_counts_in_every_bucket_it_overlaps_clipped_to_the_window(loaded):
    body = hist(loaded, bucket="month", start="2024-11-15", end="2025")
    assert body["buckets"] == [
        {"bucket": "2024-11", "start": "2024-11-15", "end": "2024-11-30", "count": 1},
        {"bucket": "2024-12", "start": "2024-12-01", "end": "2024-12-31", "count": 1},
        {"bucket": "2025-01", "start": "2025-01-01", "end": "2025-01-31", "count": 1},
    ]
    # within: only intervals entirely inside the window
    assert hist(loaded, bucket="month", start="2024-11-15", end="2025", mode="within")["buckets"] == []


def test_empty_buckets_omitted_or_zero_filled(loaded):
    omitted = counts(hist(loaded, bucket="month", start="2024-02", end="2024-10"))
    assert omitted == {"2024-02": 2, "2024-10": 1}
    filled = hist(loaded, bucket="month", start="2024-02", end="2024-10", empty="zero")["buckets"]
    assert [b["bucket"] for b in filled] == [f"2024-{m:02d}" for m in range(2, 11)]
    assert [b["count"] for b in filled] == [2, 0, 0, 0, 0, 0, 0, 0, 1]


def test_undated_counted_apart_and_filters_apply(loaded):
    body = hist(loaded, bucket="year")
    assert counts(body) == {"2020": 1, "2021": 1, "2023": 1, "2024": 4, "2025": 1}
    assert body["undated"] == 3 and body["total"] == 5  # "reported" has no occurred date
    assert (body["start"], body["end"]) == (None, None)
    policy = hist(loaded, bucket="year", type="policy")
    assert counts(policy) == {"2024": 1} and policy["undated"] == 1
    assert counts(hist(loaded, bucket="year", type="policy,casualty")) == {"2024": 2, "2025": 1}
    searched = hist(loaded, bucket="month", q="soldiers")
    assert counts(searched) == {"2024-10": 1, "2024-11": 1, "2024-12": 1, "2025-01": 1}
    reported = hist(loaded, bucket="day", axis="reported")
    assert counts(reported) == {"2024-03-05": 1} and reported["undated"] == 7


def test_excerpt_filter(client):
    text = "Ukrainian forces captured two North Korean soldiers in the Kursk region last week, officials said."
    client.post("/api/v1/excerpts", json={"id": "x1", "reference_date": "2025-01-20", "text": text})
    load(client, EVENTS)
    body = hist(client, bucket="week", excerpt="x1")
    assert counts(body) == {"2025-W03": 1}


def test_matches_counting_by_hand(client):
    """Random intervals and windows against a naive count, day by day."""
    rng = random.Random(8)
    records = []
    for i in range(150):
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(2200))
        length = rng.choice([0, 0, 1, 5, 20, 40, 200, 400, 1500])
        records.append(event(f"r{i}", start.isoformat(), (start + timedelta(days=length)).isoformat(),
                             type=rng.choice(["combat", "policy"])))
    load(client, records)
    for _ in range(12):
        bucket = rng.choice(["day", "week", "month", "year"])
        a = date(2018, 6, 1) + timedelta(days=rng.randrange(2500))
        b = a + timedelta(days=rng.choice([0, 6, 45, 400, 3000]))
        mode = rng.choice(["overlaps", "within"])
        got = counts(hist(client, bucket=bucket, start=a.isoformat(), end=b.isoformat(), mode=mode))
        want: Counter[str] = Counter()
        lo, hi = a.toordinal(), b.toordinal()
        for r in records:
            s, e = (date.fromisoformat(r["occurred"][k]).toordinal() for k in ("start", "end"))
            if (mode == "overlaps" and s <= hi and e >= lo) or (mode == "within" and s >= lo and e <= hi):
                first, last = max(s, lo), min(e, hi)
                day = bucket_start(first, bucket)
                while day <= last:
                    want[bucket_label(day, bucket)] += 1
                    day = bucket_after(day, bucket)
        assert got == dict(want), (bucket, a, b, mode)


def test_bucket_arithmetic_at_the_ends_of_the_calendar():
    last = date.max.toordinal()
    assert bucket_after(bucket_start(last, "year"), "year") == last + 1
    assert bucket_after(bucket_start(last, "month"), "month") == last + 1
    assert bucket_label(1, "week") == "0001-W01" and bucket_start(7, "week") == 1
    assert bucket_count(date(2024, 1, 31).toordinal(), date(2024, 3, 1).toordinal(), "month") == 3
    assert bucket_count(date(2020, 12, 27).toordinal(), date(2021, 1, 4).toordinal(), "week") == 3


# -- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("params", [
    {"bucket": "decade"}, {}, {"bucket": "day", "limit": "5"}, {"bucket": "day", "start": "2024-13"},
    {"bucket": "day", "start": "2024", "end": "2023"}, {"bucket": "day", "empty": "maybe"},
    {"bucket": "day", "empty": "zero"}, {"bucket": "day", "empty": "zero", "start": "2024"},
    {"bucket": "day", "empty": "zero", "start": "1900", "end": "2030"},  # > 5000 buckets
    {"bucket": "day", "q": "\"unbalanced"},
])
def test_bad_requests_are_400_in_the_error_shape(loaded, params):
    response = loaded.get(H, query_string=params)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["code"] in {"invalid_parameter", "too_many_buckets", "invalid_search"}


def test_an_answer_of_too_many_buckets_is_a_400(client):
    load(client, [event("millennium", "1000-01-01", "1999-12-31")])
    response = client.get(H, query_string={"bucket": "day"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "too_many_buckets"
    assert counts(hist(client, bucket="year"))["1500"] == 1


def test_histogram_gets_an_etag(loaded):
    first = loaded.get(H, query_string={"bucket": "year"})
    again = loaded.get(H, query_string={"bucket": "year"}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


# -- TimeML ------------------------------------------------------------------------------

TEXT = 'Forces <crossed> the border & advanced on 6 August 2024; R&D "cuts" <since> last week & in March.'
SCORER = Path("/work/shared/tools/te3eval.py")


def te3eval():
    if not SCORER.exists():
        pytest.skip(f"the shared TempEval-3 scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("te3eval", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_back(tmp_path, doc_id: str, xml: bytes) -> dict:
    path = tmp_path / f"{doc_id}.tml"
    path.write_bytes(xml)
    return te3eval().parse_tml(str(path))


def test_timeml_round_trips_through_the_scorers_reader(client, tmp_path):
    stored = client.post("/api/v1/excerpts", json={"id": "doc-1", "text": TEXT, "reference_date": "2024-08-20"})
    mentions = stored.get_json()["mentions"]
    assert len(mentions) >= 2
    response = client.get("/api/v1/excerpts/doc-1?format=timeml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    assert b"&amp;" in response.data and b"&lt;crossed&gt;" in response.data
    doc = read_back(tmp_path, "doc-1", response.data)
    assert doc["id"] == "doc-1" and doc["dct"] == "2024-08-20"
    assert doc["text"] == TEXT
    assert [(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in doc["timexes"]] == \
        [(m["start"], m["end"], m["text"], m["type"], m["value"]) for m in mentions]
    root = ET.fromstring(response.data)
    assert root.tag == "TimeML" and root.findtext("DOCID") == "doc-1"
    dct = root.find("DCT/TIMEX3")
    assert dct.get("tid") == "t0" and dct.get("functionInDocument") == "CREATION_TIME"
    assert [t.get("tid") for t in root.find("TEXT")] == [f"t{i}" for i in range(1, len(mentions) + 1)]


def test_timeml_without_a_reference_date_has_no_dct(client, tmp_path):
    client.post("/api/v1/excerpts", json={"id": "nodct", "text": "Talks resumed last week."})
    response = client.get("/api/v1/excerpts/nodct?format=timeml")
    root = ET.fromstring(response.data)
    assert root.find("DCT") is None
    doc = read_back(tmp_path, "nodct", response.data)
    assert doc["dct"] is None and doc["text"] == "Talks resumed last week."


def test_timeml_escapes_mentions_and_keeps_offsets():
    """Hand-made mentions: & and < inside a mention, mod, \\r and a control character (written
    as U+FFFD, so every offset still holds), and an overlapping mention left out."""
    text = "From Jan & Feb <2024>\r\nuntil\x01 mid-March 2024."
    mid = text.index("mid")
    mentions = [
        {"start": 5, "end": 21, "text": text[5:21], "type": "DATE", "value": "2024-01", "mod": None},
        {"start": 10, "end": 14, "text": text[10:14], "type": "DATE", "value": "2024-02", "mod": None},
        {"start": mid, "end": mid + 14, "text": text[mid:mid + 14], "type": "DATE", "value": "2024-03",
         "mod": "MID"},
    ]
    xml = timeml({"id": "hand", "text": text, "reference_date": None, "mentions": mentions})
    root = ET.fromstring(xml.encode())
    timexes = root.find("TEXT").findall("TIMEX3")
    assert [t.text for t in timexes] == ["Jan & Feb <2024>", "mid-March 2024"]
    assert timexes[1].get("mod") == "MID" and timexes[0].get("mod") is None
    plain = "".join(root.find("TEXT").itertext())
    assert plain == text.replace("\x01", "\ufffd")


def test_timeml_errors_and_json_default(client):
    client.post("/api/v1/excerpts", json={"id": "e1", "text": "Talks resumed on 3 March 2024."})
    missing = client.get("/api/v1/excerpts/nope?format=timeml")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    bad = client.get("/api/v1/excerpts/e1?format=tei")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_parameter"
    assert client.get("/api/v1/excerpts/e1?format=json").get_json() == client.get("/api/v1/excerpts/e1").get_json()
