"""Late reference dates, corrections with history, the change feed and as_of queries."""

from __future__ import annotations

import time

TEXT = "Ukrainian forces captured two North Korean soldiers in the Kursk region last week, officials said."


def store_undated(client, ident="k1"):
    response = client.post("/api/v1/excerpts", json={"id": ident, "text": TEXT})
    assert response.status_code == 201
    return response.get_json()


def main_event(client, ident="k1"):
    return client.get(f"/api/v1/events/{ident}:0").get_json()


def test_a_late_reference_date_places_the_events(client):
    stored = store_undated(client)
    assert stored["mentions"][0]["interval"] is None
    assert main_event(client)["occurred"] is None
    response = client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    assert response.status_code == 200
    change = response.get_json()
    assert change["changed"] is True
    assert change["reference_date"] == {"old": None, "new": "2025-01-20"}
    assert change["mentions"] == [{"ordinal": 0, "text": "last week", "value": {"old": "XXXX-WXX", "new": "2025-W03"},
                                   "interval": {"old": None, "new": {"start": "2025-01-13", "end": "2025-01-19"}}}]
    moved = {e["id"]: e for e in change["events"]}
    assert moved["k1:0"]["change"] == "updated"
    assert moved["k1:0"]["occurred"] == {"old": None, "new": {"start": "2025-01-13", "end": "2025-01-19",
                                                             "precision": "week"}}
    event = main_event(client)
    assert event["occurred"]["start"] == "2025-01-13"
    assert event["reported"] == {"start": "2025-01-20", "end": "2025-01-20", "precision": "day"}
    listed = client.get("/api/v1/events?start=2025-01-15&end=2025-01-15").get_json()["items"]
    assert [e["id"] for e in listed] == ["k1:0"]


def test_the_same_date_twice_changes_nothing(client):
    store_undated(client)
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    history_before = client.get("/api/v1/events/k1:0/history").get_json()["history"]
    again = client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"}).get_json()
    assert again["changed"] is False and again["events"] == [] and again["mentions"] == []
    assert client.get("/api/v1/events/k1:0/history").get_json()["history"] == history_before


def test_taking_the_date_away_unresolves_again(client):
    store_undated(client)
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    client.patch("/api/v1/excerpts/k1", json={"reference_date": None})
    assert main_event(client)["occurred"] is None
    assert client.get("/api/v1/excerpts/k1").get_json()["mentions"][0]["value"] == "XXXX-WXX"


def test_history_records_each_change_with_its_cause(client):
    store_undated(client)
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    history = client.get("/api/v1/events/k1:0/history").get_json()["history"]
    assert [(h["kind"], h["cause"]) for h in history] == [("created", "extracted"), ("updated", "re-resolved")]
    assert history[0]["old"] is None and history[0]["new"]["occurred"] is None
    assert history[1]["old"]["occurred"] is None
    assert history[1]["new"]["occurred"]["start"] == "2025-01-13"


def test_a_correction_survives_re_extraction(client):
    store_undated(client)
    corrected = client.patch("/api/v1/events/k1:0", json={
        "type": "combat", "occurred": {"start": "2025-01-14", "precision": "day"}, "note": "per the ministry"})
    assert corrected.status_code == 200
    body = corrected.get_json()
    assert body["source"] == "corrected" and body["type"] == "combat"
    assert body["occurred"] == {"start": "2025-01-14", "end": "2025-01-14", "precision": "day"}
    assert "per the ministry" in body["explain"]["corrected"]
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    after = main_event(client)
    assert after["type"] == "combat" and after["occurred"]["start"] == "2025-01-14"
    history = client.get("/api/v1/events/k1:0/history").get_json()["history"]
    assert [h["cause"] for h in history] == ["extracted", "corrected"]


def test_change_feed_lists_changes_in_order_from_a_cursor(client):
    store_undated(client)
    feed = client.get("/api/v1/changes").get_json()
    assert {(c["event_id"], c["kind"]) for c in feed["items"]} == {("k1:0", "created"), ("k1:1", "created")}
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    later = client.get(f"/api/v1/changes?since={feed['next']}").get_json()
    assert [c["kind"] for c in later["items"]] and all(c["kind"] == "updated" for c in later["items"])
    assert all(c["seq"] > feed["next"] for c in later["items"])
    assert client.get(f"/api/v1/changes?since={later['next']}").get_json()["items"] == []


def test_as_of_answers_as_the_store_stood(client):
    store_undated(client)
    time.sleep(0.01)
    before = client.get("/api/v1/events/k1:0").get_json()["updated_at"]
    time.sleep(0.01)
    client.patch("/api/v1/excerpts/k1", json={"reference_date": "2025-01-20"})
    then = client.get(f"/api/v1/events?as_of={before.replace('Z', '%2B00:00')}&undated=include").get_json()
    assert [e["occurred"] for e in then["items"] if e["id"] == "k1:0"] == [None]
    now = client.get("/api/v1/events?as_of=2999-01-01T00:00:00Z&start=2025-01").get_json()
    assert "k1:0" in [e["id"] for e in now["items"]]
    empty = client.get("/api/v1/events?as_of=2000-01-01T00:00:00%2B00:00").get_json()
    assert empty["items"] == []


def test_bad_patches(client):
    store_undated(client)
    assert client.patch("/api/v1/excerpts/nope", json={"reference_date": "2025-01-20"}).status_code == 404
    assert client.patch("/api/v1/excerpts/k1", json={"reference_date": "20/01/2025"}).status_code == 422
    assert client.patch("/api/v1/excerpts/k1", json={}).status_code == 422
    assert client.patch("/api/v1/events/k1:0", json={"note": "only a note"}).status_code == 422
    assert client.patch("/api/v1/events/k1:0", json={"colour": "red"}).status_code == 422
    assert client.patch("/api/v1/events/k1:0", json={"occurred": {"start": "2025-02-30"}}).status_code == 422
    assert client.patch("/api/v1/events/nope", json={"type": "combat"}).status_code == 404
    assert client.get("/api/v1/events/nope/history").status_code == 404
    assert client.get("/api/v1/changes?since=-1").status_code == 400
    assert client.get("/api/v1/events?as_of=yesterday").status_code == 400
    assert client.get("/api/v1/events?as_of=2025-01-01T00:00:00").status_code == 400  # no time zone
    assert client.get("/api/v1/events?as_of=2025-01-01T00:00:00Z&q=x").status_code == 400


def test_bulk_reference_date_records(client):
    lines = b"\n".join([
        b'{"id": "b1", "text": "Troops were deployed to the border last week."}',
        b'{"kind": "reference_date", "excerpt": "b1", "reference_date": "2025-03-10"}',
        b'{"kind": "reference_date", "excerpt": "missing", "reference_date": "2025-03-10"}',
        b'{"kind": "reference_date", "excerpt": "b1", "reference_date": "2025-13-01"}',
    ])
    response = client.post("/api/v1/bulk", data=lines, content_type="application/x-ndjson")
    assert response.status_code == 207
    statuses = [(r["line"], r["status"]) for r in response.get_json()["records"]]
    assert statuses == [(1, "created"), (2, "updated"), (3, "error"), (4, "error")]
    assert client.get("/api/v1/excerpts/b1").get_json()["reference_date"] == "2025-03-10"
    again = client.post("/api/v1/bulk", data=lines.split(b"\n")[1], content_type="application/x-ndjson")
    assert again.get_json()["records"][0]["status"] == "unchanged"
