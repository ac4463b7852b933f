"""Every kind of bad input gets a 4xx in the one error shape, and changes nothing."""

from __future__ import annotations

import pytest

from timeline import create_app

BAD_QUERIES = [
    ("/api/v1/events?mode=sideways", 400, "invalid_parameter"),
    ("/api/v1/events?axis=published", 400, "invalid_parameter"),
    ("/api/v1/events?start=2025-03-01&end=2025-01-01", 400, "invalid_parameter"),
    ("/api/v1/events?start=2025-02-30", 400, "invalid_parameter"),
    ("/api/v1/events?start=0000-00-00", 400, "invalid_parameter"),
    ("/api/v1/events?end=99999-01-01", 400, "invalid_parameter"),
    ("/api/v1/events?start=yesterday", 400, "invalid_parameter"),
    ("/api/v1/events?start=2024%0A", 400, "invalid_parameter"),  # "$" matched before the newline
    ("/api/v1/events?start=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94", 400, "invalid_parameter"),  # fullwidth digits
    ("/api/v1/events?limit=-1", 400, "invalid_parameter"),
    ("/api/v1/events?limit=0", 400, "invalid_parameter"),
    ("/api/v1/events?limit=99999999999999999999", 400, "invalid_parameter"),
    ("/api/v1/events?limit=ten", 400, "invalid_parameter"),
    ("/api/v1/events?undated=maybe", 400, "invalid_parameter"),
    ("/api/v1/events?type=Not%20A%20Type", 400, "invalid_parameter"),
    ("/api/v1/events?colour=red", 400, "invalid_parameter"),
    ("/api/v1/events?cursor=not-a-cursor", 400, "invalid_cursor"),
    ("/api/v1/events?cursor=WzEsMiwzXQ", 400, "invalid_cursor"),
    ("/api/v1/events?cursor=WzEsMiwiXHVkODAwIl0", 400, "invalid_cursor"),  # [1,2,"\ud800"]: a lone surrogate
    ("/api/v1/timeline?format=csv&cursor=WzEsMiwiXHVkODAwIl0", 400, "invalid_cursor"),
    ("/api/v1/events?as_of=0001-01-01T00:00:00%2B14:00", 400, "invalid_parameter"),  # before year 1 in UTC
    ("/api/v1/events?as_of=9999-12-31T23:59:59-14:00", 400, "invalid_parameter"),  # after year 9999 in UTC
    ("/api/v1/events?q=%22", 400, "invalid_search"),
    ("/api/v1/events?q=NEAR(", 400, "invalid_search"),
    ("/api/v1/events?q=summary:%20OR", 400, "invalid_search"),
    ("/api/v1/events?q=%27%3B%20DROP%20TABLE%20events%3B--", 400, "invalid_search"),
    ("/api/v1/events?format=xml", 400, "invalid_parameter"),
    ("/api/v1/timeline?format=csv&q=%22", 400, "invalid_search"),
    ("/api/v1/events/nope", 404, "not_found"),
    ("/api/v1/excerpts/nope", 404, "not_found"),
    ("/api/v1/nothing-here", 404, "not_found"),
    ("/api/v1/bulk", 405, "method_not_allowed"),
]


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code
    return error


@pytest.mark.parametrize(("url", "status", "code"), BAD_QUERIES)
def test_bad_queries(client, url, status, code):
    assert_error_shape(client.get(url), status, code)


BAD_BODIES = [
    ("/api/v1/extract", b"{not json", "application/json", 400, "invalid_json"),
    ("/api/v1/extract", b"\xff\xfe{}", "application/json", 400, "invalid_json"),
    ("/api/v1/extract", b'{"text": "x", "reference_date": "20/01/2025"}', "application/json", 400,
     "invalid_parameter"),
    ("/api/v1/extract", b'{"text": "x", "reference_date": "2025-02-30"}', "application/json", 400,
     "invalid_parameter"),
    ("/api/v1/extract", b'{"reference_date": "2025-02-03"}', "application/json", 400, "invalid_parameter"),
    ("/api/v1/extract", b'["text"]', "application/json", 400, "invalid_parameter"),
    ("/api/v1/extract", b'{"text": 5}', "application/json", 400, "invalid_parameter"),
    ("/api/v1/extract", b"text=hello", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("/api/v1/excerpts", b'{"text": ""}', "application/json", 422, "validation_failed"),
    ("/api/v1/excerpts", b'{"text": "x", "id": "has space"}', "application/json", 422, "validation_failed"),
    ("/api/v1/excerpts", b'{"text": "x", "reference_date": "tomorrow"}', "application/json", 422,
     "validation_failed"),
    ("/api/v1/excerpts", b'{"text": "x", "colour": "red"}', "application/json", 422, "validation_failed"),
    ("/api/v1/excerpts", b'{"kind": "event", "text": "x"}', "application/json", 422, "validation_failed"),
    ("/api/v1/excerpts", b'[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]', "application/json", 422,
     "invalid_record"),
    ("/api/v1/excerpts", b"{}", "text/html", 415, "unsupported_media_type"),
    ("/api/v1/bulk", b'{"kind": "event"}\n', "multipart/form-data", 415, "unsupported_media_type"),
    ("/api/v1/bulk", b'{"kind": "spaceship"}\n', "application/x-ndjson", 422, "batch_rejected"),
    ("/api/v1/bulk", b'[{"kind": "event", "summary": "s"}, 5]', "application/json", 422, "batch_rejected"),
]


@pytest.mark.parametrize(("url", "body", "ctype", "status", "code"), BAD_BODIES)
def test_bad_bodies_change_nothing(client, url, body, ctype, status, code):
    before = client.get("/api/v1").get_json()["counts"]
    assert_error_shape(client.post(url, data=body, content_type=ctype), status, code)
    assert client.get("/api/v1").get_json()["counts"] == before


def test_wrong_method(client):
    error = assert_error_shape(client.delete("/api/v1/events"), 405, "method_not_allowed")
    assert error["message"]


def test_bodies_over_the_limit_get_413(db_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "LOAD_SEEDS": False,
                      "MAX_JSON_BODY": 100, "MAX_CONTENT_LENGTH": 200, "MAX_TEXT_LENGTH": 20})
    client = app.test_client()
    big = b'{"text": "' + b"a" * 200 + b'"}'
    assert_error_shape(client.post("/api/v1/extract", data=big, content_type="application/json"), 413)
    assert_error_shape(client.post("/api/v1/excerpts", json={"text": "b" * 30}), 413, "text_too_long")
    lines = b'{"kind": "event", "summary": "s", "type": "combat"}\n' * 10
    assert_error_shape(client.post("/api/v1/bulk", data=lines, content_type="application/x-ndjson"), 413)


@pytest.mark.parametrize("url", [
    "/api/v1/events?limit=5&limit=500",
    "/api/v1/timeline?format=csv&format=json",
    "/api/v1/timeline/histogram?bucket=day&bucket=year",
    "/api/v1/changes?since=1&since=2",
])
def test_a_parameter_given_twice_with_different_values_is_refused(client, url):
    """The last value silently won: `atomic=true&atomic=false` loaded without atomicity."""
    error = assert_error_shape(client.get(url), 400, "invalid_parameter")
    assert "different values" in str(error["details"])


def test_a_conflicting_atomic_flag_writes_nothing(client):
    body = b'{"kind": "event", "id": "ok-1", "type": "combat", "summary": "s"}\n{"kind": "event"}\n'
    response = client.post("/api/v1/bulk?atomic=true&atomic=false", data=body, content_type="application/x-ndjson")
    assert_error_shape(response, 400, "invalid_parameter")
    assert client.get("/api/v1/events/ok-1").status_code == 404
    same = client.get("/api/v1/events?limit=5&limit=5&type=combat&type=report")
    assert same.status_code == 200


def test_a_streamed_body_over_the_limit_says_what_was_written(db_path):
    """A body sent without Content-Length (chunked: curl -T -, requests with a generator) is
    found too large only on the way. The 413 said nothing of the chunks committed before it."""
    import io

    app = create_app({"TESTING": True, "DATABASE": db_path, "LOAD_SEEDS": False,
                      "MAX_CONTENT_LENGTH": 30_000, "BULK_CHUNK": 10})
    client = app.test_client()
    lines = b"".join(b'{"kind": "event", "id": "c%03d", "type": "combat", "summary": "%s"}\n' % (i, b"s" * 200)
                     for i in range(200))

    def post(query: str):
        return client.post(f"/api/v1/bulk{query}", input_stream=io.BytesIO(lines), content_type="application/x-ndjson",
                           headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})

    error = assert_error_shape(post("?atomic=true"), 413, "request_entity_too_large")
    assert client.get("/api/v1").get_json()["counts"]["events"] == 0
    assert not error["details"]["committed"] and error["details"]["totals"]["created"] == 0
    error = assert_error_shape(post(""), 413, "request_entity_too_large")
    written = client.get("/api/v1").get_json()["counts"]["events"]
    assert written > 0 and error["details"]["totals"]["created"] == written
    assert [r["id"] for r in error["details"]["records"]] == [f"c{i:03d}" for i in range(written)]
