"""format=vis and format=timelinejs against what vis-timeline and TimelineJS3 demand
(shared/CLIENTS.md): the shape each library loads, unit by unit and through the API."""

from __future__ import annotations

import orjson
import pytest

from tests.conftest import event
from timeline.api.widgets import WIDGET_FORMATS, display_date, timelinejs, vis

EVENTS = [
    event("point", "2024-08-06", type="combat", summary="Forces <cross> the border & advance",
          occurred={"start": "2024-08-06", "end": "2024-08-06", "precision": "day"},
          actors=["Ukrainian forces"], places=["Kursk"]),
    event("month", None, type="deployment", summary="Troops arrive",
          occurred={"start": "2024-10-01", "end": "2024-10-31", "precision": "month"}),
    event("days", None, type="casualty", summary="Soldiers killed",
          occurred={"start": "2024-10-01", "end": "2025-01-10", "precision": "day"}),
    event("year", None, type="policy", summary="Sanctions tightened",
          occurred={"start": "2023-01-01", "end": "2023-12-31", "precision": "year"}),
    event("undated", None, type="report", summary="Officials said talks would resume"),
]


def as_api(record: dict) -> dict:
    """A bulk record as GET /events answers it (the fields the formats read)."""
    out = {k: record.get(k) for k in ("id", "type", "summary", "occurred", "reported")}
    out.update(actors=record.get("actors", []), places=record.get("places", []))
    return out


API_EVENTS = [as_api(r) for r in EVENTS]


def load(client, records=EVENTS):
    body = b"".join(orjson.dumps(r) + b"\n" for r in records)
    response = client.post("/api/v1/bulk", data=body, content_type="application/x-ndjson")
    assert response.status_code == 200, response.get_json()


# -- vis-timeline ------------------------------------------------------------------------

def test_vis_items_points_ranges_and_inclusive_end():
    out = vis(API_EVENTS)
    items = {i["id"]: i for i in out["items"]}
    assert set(items) == {"point", "month", "days", "year"}
    assert items["point"]["type"] == "point" and "end" not in items["point"]
    assert items["point"]["start"] == "2024-08-06"
    # vis ends a range at the start of its end day: our inclusive end becomes the next day
    assert (items["month"]["type"], items["month"]["start"], items["month"]["end"]) == \
        ("range", "2024-10-01", "2024-11-01")
    assert items["days"]["end"] == "2025-01-11"
    assert items["year"]["end"] == "2024-01-01"


def test_vis_never_sends_what_stops_the_widget():
    out = vis(API_EVENTS)
    for item in out["items"]:
        assert item["start"] is not None and item["content"]
        assert item["type"] in ("point", "range")
        assert len(item["start"]) == 10 and "T" not in item["start"]  # YYYY-MM-DD: local midnight
        assert item["type"] == "point" or item["end"] > item["start"]
        assert all(v is not None for v in item.values())
    ids = [i["id"] for i in out["items"]] + [u["id"] for u in out["undated"]]
    assert len(ids) == len(set(ids))
    group_ids = {g["id"] for g in out["groups"]}
    assert {i["group"] for i in out["items"] + out["undated"]} <= group_ids
    assert all(g["content"] for g in out["groups"])


def test_vis_lists_undated_apart_and_escapes_html():
    out = vis(API_EVENTS)
    assert [u["id"] for u in out["undated"]] == ["undated"]
    assert "start" not in out["undated"][0]
    point = next(i for i in out["items"] if i["id"] == "point")
    assert point["content"] == "Forces &lt;cross&gt; the border &amp; advance"
    assert "<cross>" not in point["title"] and "6 August 2024" in point["title"]


@pytest.mark.parametrize("fmt", sorted(WIDGET_FORMATS))
def test_formats_take_stored_json_text_too(fmt):
    as_text = [orjson.dumps(e).decode() for e in API_EVENTS]
    assert WIDGET_FORMATS[fmt](as_text) == WIDGET_FORMATS[fmt](API_EVENTS)


def test_vis_ids_unique_even_if_the_input_repeats():
    out = vis(API_EVENTS + API_EVENTS[:2])
    assert [i["id"] for i in out["items"]].count("point") == 1


# -- TimelineJS ------------------------------------------------------------------------

def _no_nulls(value):
    if isinstance(value, dict):
        return all(v is not None and _no_nulls(v) for v in value.values())
    if isinstance(value, list):
        return all(_no_nulls(v) for v in value)
    return True


def test_timelinejs_dates_honour_precision():
    slides = {s["unique_id"]: s for s in timelinejs(API_EVENTS)["events"]}
    assert slides["point"]["start_date"] == {"year": 2024, "month": 8, "day": 6}
    assert "end_date" not in slides["point"]
    assert slides["month"]["start_date"] == {"year": 2024, "month": 10}
    assert "end_date" not in slides["month"] and slides["month"]["display_date"] == "October 2024"
    assert slides["days"]["end_date"] == {"year": 2025, "month": 1, "day": 10}
    assert slides["year"]["start_date"] == {"year": 2023} and "end_date" not in slides["year"]
    for slide in slides.values():
        for key in ("start_date", "end_date"):
            if key in slide:
                assert all(isinstance(v, int) for v in slide[key].values())


def test_timelinejs_shape_its_consumer_loads():
    out = timelinejs(API_EVENTS)
    assert "errors" not in out and _no_nulls(out)
    assert [u["unique_id"] for u in out["undated"]] == ["undated"]
    assert "start_date" not in out["undated"][0]
    ids = [s["unique_id"] for s in out["events"]]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) for i in ids)
    assert set(out["title"]["text"]) == {"headline", "text"}
    for slide in out["events"]:
        assert set(slide["text"]) == {"headline", "text"}
        assert all(isinstance(v, str) for v in slide["text"].values())
        assert slide["text"]["headline"] != slide["group"]  # says what happened, not the type
    point = next(s for s in out["events"] if s["unique_id"] == "point")
    assert point["text"]["headline"] == "Forces &lt;cross&gt; the border &amp; advance"
    assert point["group"] == "combat"


def test_timelinejs_numeric_ids_become_strings():
    out = timelinejs([dict(API_EVENTS[0], id=12)])
    assert out["events"][0]["unique_id"] == "12"


def test_timelinejs_empty_window_has_a_friendly_slide():
    from datetime import date

    out = timelinejs([API_EVENTS[-1]], window=(date(2025, 3, 1), date(2025, 3, 31)))
    assert out["empty"] is True and len(out["events"]) == 1
    slide = out["events"][0]
    assert slide["start_date"] == {"year": 2025, "month": 3, "day": 1}
    assert "No dated events" in slide["text"]["headline"] and _no_nulls(out)


@pytest.mark.parametrize(("start", "end", "precision", "expected"), [
    ("2024-08-06", "2024-08-06", "day", "6 August 2024"),
    ("2024-10-01", "2024-10-31", "month", "October 2024"),
    ("2024-12-01", "2025-02-28", "season", "December 2024 \u2013 February 2025"),
    ("2020-01-01", "2029-12-31", "decade", "2020 \u2013 2029"),
    ("2024-10-05", "2024-10-31", "month", "5 October 2024 \u2013 31 October 2024"),  # not aligned
])
def test_display_date(start, end, precision, expected):
    from datetime import date

    assert display_date(date.fromisoformat(start), date.fromisoformat(end), precision) == expected


# -- through the API ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(WIDGET_FORMATS))
def test_timeline_endpoint_serves_widget_formats(client, fmt):
    load(client)
    response = client.get(f"/api/v1/timeline?format={fmt}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    listed = body["items"] if fmt == "vis" else body["events"]
    assert len(listed) == 4 and [u["id" if fmt == "vis" else "unique_id"] for u in body["undated"]] == \
        ["undated"]
    assert body["next_cursor"] is None


def test_timeline_vis_window_fetches_only_what_overlaps(client):
    load(client)
    body = client.get("/api/v1/timeline?format=vis&start=2024-08-01&end=2024-08-31").get_json()
    assert [i["id"] for i in body["items"]] == ["point"]
    assert body["undated"] == []  # a window leaves undated events out unless asked


def test_timeline_timelinejs_empty_window(client):
    load(client)
    body = client.get("/api/v1/timeline?format=timelinejs&start=1990&end=1990").get_json()
    assert body["empty"] is True
    assert body["events"][0]["start_date"] == {"year": 1990, "month": 1, "day": 1}


def test_timeline_widget_format_respects_limit(client):
    load(client)
    body = client.get("/api/v1/timeline?format=vis&limit=2").get_json()
    assert len(body["items"]) == 2 and body["next_cursor"]
