"""The events, timeline and bulk endpoints with ready-made events."""

from __future__ import annotations

import csv
import io

import orjson

from tests.conftest import event
from timeline import create_app


def ndjson(records) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def bulk(client, records, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"/api/v1/bulk?{query}", data=ndjson(records),
                       content_type="application/x-ndjson")


SAMPLE = [
    event("a", "2025-01-10", type="combat", summary="Heavy shelling of the port city"),
    event("b", "2025-01-01", "2025-01-31", type="casualty", summary="Dozens of soldiers killed",
          occurred={"start": "2025-01-01", "end": "2025-01-31", "precision": "month"}),
    event("c", "2024-06-01", type="capture", summary="Two soldiers captured near the river"),
    event("d", None, type="report", summary="Officials said talks would resume"),
]


def test_bulk_reports_each_record_and_is_idempotent(client):
    first = bulk(client, SAMPLE)
    assert first.status_code == 200
    body = first.get_json()
    assert body["totals"] == {"records": 4, "created": 4, "updated": 0, "unchanged": 0, "error": 0}
    assert [r["status"] for r in body["records"]] == ["created"] * 4
    again = bulk(client, SAMPLE).get_json()
    assert again["totals"]["unchanged"] == 4
    changed = [dict(SAMPLE[0], summary="Renewed shelling of the port city")]
    assert bulk(client, changed).get_json()["records"] == [{"line": 1, "id": "a", "status": "updated"}]
    assert client.get("/api/v1/events/a").get_json()["summary"] == "Renewed shelling of the port city"


def test_bulk_json_array_body(client):
    response = client.post("/api/v1/bulk", data=orjson.dumps(SAMPLE), content_type="application/json")
    assert response.status_code == 200
    assert response.get_json()["totals"]["created"] == 4


def test_bulk_partial_failure_writes_the_good_records(client):
    records = [SAMPLE[0], {"kind": "event", "id": "bad", "type": "combat"}, SAMPLE[1]]
    response = bulk(client, records)
    assert response.status_code == 207
    body = response.get_json()
    assert body["totals"]["created"] == 2 and body["totals"]["error"] == 1
    error = body["records"][1]
    assert error["line"] == 2 and error["status"] == "error"
    assert "summary" in error["error"]["details"]
    assert client.get("/api/v1/events/a").status_code == 200


def test_atomic_bulk_writes_nothing_when_any_record_is_bad(client):
    records = [SAMPLE[0], SAMPLE[1], {"kind": "event", "id": "x", "type": "Combat!", "summary": "s"}]
    response = bulk(client, records, atomic="true")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "batch_rejected"
    assert [r["status"] for r in error["details"]["records"]] == ["skipped", "skipped", "error"]
    assert client.get("/api/v1/events/a").status_code == 404


def test_bulk_bad_json_line_is_reported_with_its_line(client):
    body = ndjson([SAMPLE[0]]) + b"{not json\n" + ndjson([SAMPLE[1]])
    response = client.post("/api/v1/bulk", data=body, content_type="application/x-ndjson")
    assert response.status_code == 207
    bad = response.get_json()["records"][1]
    assert bad["line"] == 2 and bad["error"]["code"] == "invalid_json"


def test_events_range_query_and_filters(client):
    bulk(client, SAMPLE)
    page = client.get("/api/v1/events?start=2025-01-15&end=2025-01-15").get_json()
    assert [e["id"] for e in page["items"]] == ["b"]
    assert page["next_cursor"] is None
    within = client.get("/api/v1/events?start=2025-01&end=2025-01&mode=within").get_json()
    assert [e["id"] for e in within["items"]] == ["b", "a"]
    typed = client.get("/api/v1/events?type=combat,capture").get_json()
    assert [e["id"] for e in typed["items"]] == ["c", "a"]
    assert [e["id"] for e in client.get("/api/v1/events?undated=only").get_json()["items"]] == ["d"]
    everything = client.get("/api/v1/events").get_json()["items"]
    assert [e["id"] for e in everything] == ["c", "b", "a", "d"]


def test_events_full_text_search(client):
    bulk(client, SAMPLE)
    hits = client.get("/api/v1/events?q=soldiers").get_json()["items"]
    assert [e["id"] for e in hits] == ["c", "b"]
    ranged = client.get("/api/v1/events?q=soldiers&start=2025").get_json()["items"]
    assert [e["id"] for e in ranged] == ["b"]


def test_events_paging_with_cursor(client):
    bulk(client, [event(f"e{i:02d}", f"2025-02-{i:02d}") for i in range(1, 26)])
    seen, url = [], "/api/v1/events?limit=10"
    while url:
        page = client.get(url).get_json()
        seen += [e["id"] for e in page["items"]]
        url = page["next_cursor"] and f"/api/v1/events?limit=10&cursor={page['next_cursor']}"
    assert seen == [f"e{i:02d}" for i in range(1, 26)]


def test_event_shape(client):
    bulk(client, SAMPLE)
    b = client.get("/api/v1/events/b").get_json()
    assert b["occurred"] == {"start": "2025-01-01", "end": "2025-01-31", "precision": "month"}
    assert b["reported"] is None
    assert b["source"] == "loaded"
    assert b["provenance"] is None
    assert client.get("/api/v1/events/a").get_json()["occurred"]["precision"] == "day"


def test_timeline_streams_ndjson_and_csv(client):
    bulk(client, SAMPLE)
    lines = client.get("/api/v1/timeline?format=ndjson").data.splitlines()
    assert [orjson.loads(line)["id"] for line in lines] == ["c", "b", "a", "d"]
    response = client.get("/api/v1/timeline?format=csv&start=2025")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    assert [r["id"] for r in rows] == ["b", "a"]
    assert rows[0]["occurred_start"] == "2025-01-01" and rows[0]["occurred_precision"] == "month"


def test_csv_cells_cannot_start_a_formula(client):
    bulk(client, [event("f", "2025-01-01", summary="=HYPERLINK(\"x\")")])
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/timeline?format=csv").data.decode())))
    assert rows[0]["summary"].startswith("'=")


def test_an_oversized_line_is_reported_and_the_rest_still_loaded(client, monkeypatch):
    from timeline import bulk_read as bulk_module

    monkeypatch.setattr(bulk_module, "MAX_RECORD_BYTES", 500)
    big = orjson.dumps(event("big", "2025-01-01", summary="x" * 2000))
    body = ndjson([SAMPLE[0]]) + big + b"\n" + ndjson([SAMPLE[1]])
    response = client.post("/api/v1/bulk", data=body, content_type="application/x-ndjson")
    assert response.status_code == 207
    records = response.get_json()["records"]
    assert [(r["line"], r["status"]) for r in records] == [(1, "created"), (2, "error"), (3, "created")]
    assert records[1]["error"]["code"] == "record_too_large"


def test_content_after_a_json_array_is_reported_not_dropped(client):
    """`cat a.json b.json | curl --data-binary @-` sends two arrays: the second was dropped
    without a word, with a 200."""
    for tail in (b"[" + orjson.dumps(SAMPLE[1]) + b"]", b"\n" + orjson.dumps(SAMPLE[1])):
        body = b"[" + orjson.dumps(SAMPLE[0]) + b"]" + tail
        response = client.post("/api/v1/bulk", data=body, content_type="application/json")
        assert response.status_code == 207, response.data
        records = response.get_json()["records"]
        assert [(r["line"], r["status"]) for r in records] == [(1, records[0]["status"]), (2, "error")]
        assert records[1]["error"]["code"] == "invalid_json"
    spaced = b"[" + orjson.dumps(SAMPLE[2]) + b"] \r\n\t\n"
    assert client.post("/api/v1/bulk", data=spaced, content_type="application/json").status_code == 200


def test_invalid_utf8_deep_in_an_array_is_reported_with_what_was_written(db_path):
    """A bad byte past the first 64 KiB piece was a 400 "the body could not be read", though the
    chunks before it were committed: the answer hid writes. It is a record error now."""
    app = create_app({"TESTING": True, "DATABASE": db_path, "LOAD_SEEDS": False, "BULK_CHUNK": 10})
    client = app.test_client()
    records = [event(f"u{i:03d}", "2025-01-01", summary="s" * 500) for i in range(200)]
    body = orjson.dumps(records)[:-1] + b', {"summary": "\xff"}]'
    response = client.post("/api/v1/bulk", data=body, content_type="application/json")
    assert response.status_code == 207, response.data[:300]
    report = response.get_json()
    assert report["totals"]["created"] == 200 and report["totals"]["error"] == 1
    assert report["records"][-1]["line"] == 201 and report["records"][-1]["error"]["code"] == "invalid_json"
    assert client.get("/api/v1").get_json()["counts"]["events"] == 200
    atomic = client.post("/api/v1/bulk?atomic=true", data=body.replace(b'"u', b'"v'), content_type="application/json")
    assert atomic.status_code == 422
    assert client.get("/api/v1").get_json()["counts"]["events"] == 200


def test_an_integer_past_64_bits_is_refused_not_rounded(client):
    """orjson reads 99999999999999999999999 as the float 1e+23: an NDJSON record or a JSON body
    was stored with another number than the one sent. A JSON array body already refused it."""
    line = b'{"kind": "event", "id": "big", "type": "combat", "summary": "s", "metadata": {"n": 9' + b"9" * 22 + b"}}"
    response = client.post("/api/v1/bulk", data=line + b"\n", content_type="application/x-ndjson")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["records"][0]["error"]["code"] == "invalid_json"
    assert client.get("/api/v1/events/big").status_code == 404
    for number in (b"-9223372036854775809", b"18446744073709551616"):
        body = b'{"text": "x", "metadata": {"n": ' + number + b'}}'
        response = client.post("/api/v1/excerpts", data=body, content_type="application/json")
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"
    kept = (b'{"text": "x", "metadata": {"n": 18446744073709551615, "m": -9223372036854775808,'
            b' "s": "12345678901234567890"}}')
    stored = client.post("/api/v1/excerpts", data=kept, content_type="application/json").get_json()
    assert stored["metadata"] == {"n": 18446744073709551615, "m": -9223372036854775808, "s": "12345678901234567890"}
