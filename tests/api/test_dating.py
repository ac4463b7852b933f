"""Dating an undated excerpt: the estimate is shown, applied only on request, marked
"estimated" wherever it is used, and replaced by a real reference date given later."""

from __future__ import annotations

TEXT = ("Ukrainian President Volodymyr Zelensky said 3,800 North Korean soldiers had been killed or "
        "injured in Kursk in an interview in early January.")


def stored(client, ident="z1", text=TEXT, **extra):
    assert client.post("/api/v1/excerpts", json={"id": ident, "text": text, **extra}).status_code == 201


def test_the_estimate_is_shown_with_its_evidence_and_not_applied(client):
    stored(client)
    dating = client.get("/api/v1/excerpts/z1/dating").get_json()
    assert dating["reference_date"] is None and dating["applied"] is None
    start, end = dating["estimate"]["start"], dating["estimate"]["end"]
    assert start <= "2025-01-15" <= end
    assert dating["evidence"] and all("reason" in e for e in dating["evidence"])
    assert client.get("/api/v1/excerpts/z1").get_json()["metadata"] == {}
    assert client.get("/api/v1/excerpts/z1/dating?apply=true").status_code == 400


def test_applying_marks_every_date_it_gives_as_estimated(client):
    stored(client)
    result = client.post("/api/v1/excerpts/z1/dating")
    assert result.status_code == 200
    excerpt = client.get("/api/v1/excerpts/z1").get_json()
    assert excerpt["reference_date"] is None
    assert excerpt["metadata"]["reference_date_estimate"]["start"] == result.get_json()["estimate"]["estimate"]["start"]
    early = next(m for m in excerpt["mentions"] if m["text"] == "early January")
    assert early["value"] == "XXXX-01" and early["precision"] == "estimated" and "estimated" in early["explain"]
    for event in excerpt["events"]:
        assert event["reported"]["precision"] == "estimated"
        assert "estimated" in event["explain"]["reported"]
    dated = [e for e in excerpt["events"] if e["occurred"] is not None]
    assert dated and all(e["occurred"]["precision"] == "estimated" for e in dated)
    history = client.get(f"/api/v1/events/{excerpt['events'][0]['id']}/history").get_json()["history"]
    assert history[-1]["cause"] == "estimated"


def test_a_real_reference_date_replaces_the_estimate(client):
    stored(client)
    client.post("/api/v1/excerpts/z1/dating")
    client.patch("/api/v1/excerpts/z1", json={"reference_date": "2025-01-20"})
    excerpt = client.get("/api/v1/excerpts/z1").get_json()
    early = next(m for m in excerpt["mentions"] if m["text"] == "early January")
    assert early["interval"] == {"start": "2025-01-01", "end": "2025-01-10"}
    assert early["precision"] != "estimated"
    assert all(e[axis] is None or e[axis]["precision"] != "estimated"
               for e in excerpt["events"] for axis in ("occurred", "reported"))


def test_estimates_are_for_undated_excerpts_with_evidence(client):
    stored(client, "dated", reference_date="2025-01-20")
    assert client.post("/api/v1/excerpts/dated/dating").get_json()["error"]["code"] == "has_reference_date"
    stored(client, "blank", text="Officials met to discuss the plan.")
    assert client.get("/api/v1/excerpts/blank/dating").get_json()["estimate"] is None
    assert client.post("/api/v1/excerpts/blank/dating").status_code == 422
    assert client.get("/api/v1/excerpts/nope/dating").status_code == 404
    assert client.post("/api/v1/excerpts/nope/dating").status_code == 404


def test_applying_takes_no_parameters_and_no_date(client):
    """POST ?reference_date=... or {"reference_date": ...} applied the estimate instead, with a
    200: a client meaning to give the real date got a guess written."""
    stored(client)
    for response in (client.post("/api/v1/excerpts/z1/dating?reference_date=2025-01-20"),
                     client.post("/api/v1/excerpts/z1/dating", json={"reference_date": "2025-01-20"})):
        assert response.status_code == 400, response.data
        assert response.get_json()["error"]["code"] == "invalid_parameter"
        assert "PATCH" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/excerpts/z1").get_json()["metadata"] == {}
    assert client.post("/api/v1/excerpts/z1/dating", json={}).status_code == 200
