"""Factuality through the API: extracted and loaded events carry it, `factuality=` filters on it
(absent means asserted), and every export shows it."""

from __future__ import annotations

import csv
import io

import orjson

from tests.conftest import event


def _bulk(client, records, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"/api/v1/bulk?{query}", data=b"".join(orjson.dumps(r) + b"\n" for r in records),
                       content_type="application/x-ndjson")


LOADED = [
    event("done", "2025-01-10", summary="Troops shelled the port"),
    event("plan", "2025-02-01", "2025-02-28", summary="Troops to deploy in February", factuality="expected"),
    event("maybe", "2025-01-20", summary="The town could fall", factuality="possible"),
    event("open", None, summary="Talks could resume", factuality="possible"),
]


def _ids(client, query):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 200, response.get_json()
    return [e["id"] for e in response.get_json()["items"]]


def test_loaded_events_keep_what_they_were_given(client):
    assert _bulk(client, LOADED).status_code == 200
    events = {e["id"]: e for e in client.get("/api/v1/events").get_json()["items"]}
    assert "factuality" not in events["done"]  # given none: asserted, and its stored JSON unchanged
    assert events["plan"]["factuality"] == "expected"
    assert _bulk(client, LOADED).get_json()["totals"]["unchanged"] == 4


def test_filter_by_factuality(client):
    _bulk(client, LOADED)
    assert _ids(client, "factuality=asserted") == ["done"]
    assert _ids(client, "factuality=expected,possible") == ["maybe", "plan", "open"]
    assert _ids(client, "factuality=possible&factuality=expected&start=2025-01-01&end=2025-01-31") == ["maybe"]
    assert _ids(client, "factuality=possible&undated=only") == ["open"]
    assert _ids(client, "factuality=possible&type=report") == []


def test_filter_pages_without_gaps(client):
    records = [event(f"e{i:02d}", f"2025-01-{i + 1:02d}", factuality="expected" if i % 3 else None)
               for i in range(30)]
    _bulk(client, [{k: v for k, v in r.items() if v is not None} for r in records])
    seen, cursor = [], None
    while True:
        url = "/api/v1/events?factuality=expected&limit=4" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).get_json()
        seen += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [f"e{i:02d}" for i in range(30) if i % 3]


def test_bad_factuality_is_a_400_and_a_bad_record_is_reported(client):
    response = client.get("/api/v1/events?factuality=probably")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_parameter"
    rejected = _bulk(client, [event("x", "2025-01-01", factuality="certain")])
    assert rejected.status_code == 422  # the whole batch was bad: nothing written
    report = rejected.get_json()["error"]["details"]
    assert report["totals"]["error"] == 1
    assert "factuality" in report["records"][0]["error"]["details"]


def test_extracted_events_and_the_histogram(client):
    text = ("Russian forces captured the village on Monday. The army will deploy 2,000 troops to the "
            "region next month, the ministry said.")
    client.post("/api/v1/excerpts", json={"id": "x1", "text": text, "reference_date": "2025-03-05"})
    events = client.get("/api/v1/events?excerpt=x1").get_json()["items"]
    by_type = {e["type"]: e for e in events}
    assert by_type["capture"]["factuality"] == "asserted"
    assert by_type["deployment"]["factuality"] == "expected"
    assert "will" in by_type["deployment"]["explain"]["factuality"]
    counts = client.get("/api/v1/timeline/histogram?bucket=month&factuality=expected&start=2025-01-01&end=2025-12-31")
    assert counts.status_code == 200
    assert counts.get_json()["total"] == 1


def test_exports_show_it(client):
    _bulk(client, LOADED)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/timeline?format=csv").get_data(as_text=True))))
    assert {r["id"]: r["factuality"] for r in rows} == {
        "done": "asserted", "plan": "expected", "maybe": "possible", "open": "possible"}
    vis = client.get("/api/v1/timeline?format=vis").get_json()
    classes = {i["id"]: i["className"] for i in vis["items"]}
    assert "factuality-expected" in classes["plan"] and "factuality-asserted" in classes["done"]
    slides = {s["unique_id"]: s for s in client.get("/api/v1/timeline?format=timelinejs").get_json()["events"]}
    assert "(possible)" in slides["maybe"]["text"]["text"]
    assert "(" not in slides["done"]["text"]["text"].split("</em>")[0]


def test_a_person_corrects_it(client):
    text = "The army will deploy 2,000 troops to the region next month."
    client.post("/api/v1/excerpts", json={"id": "x2", "text": text, "reference_date": "2025-03-05"})
    (deployment,) = [e for e in client.get("/api/v1/events?excerpt=x2").get_json()["items"]
                     if e["type"] == "deployment"]
    fixed = client.patch(f"/api/v1/events/{deployment['id']}", json={"factuality": "asserted", "note": "it happened"})
    assert fixed.status_code == 200, fixed.get_json()
    body = fixed.get_json()
    assert body["factuality"] == "asserted" and "factuality" not in body["explain"]
    assert client.patch(f"/api/v1/events/{deployment['id']}", json={"factuality": "sure"}).status_code == 422
