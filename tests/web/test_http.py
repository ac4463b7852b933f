"""CORS (cross-origin and preflight), ETag / If-None-Match -> 304, Cache-Control, gzip."""

from __future__ import annotations

import gzip

import pytest

from tests.web.test_widgets import load
from timeline import create_app

ORIGIN = "https://widgets.example"


@pytest.fixture
def loaded(client):
    load(client)
    return client


def test_cors_default_allows_any_origin(loaded):
    response = loaded.get("/api/v1/timeline?format=vis", headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_cors_preflight(loaded):
    response = loaded.options("/api/v1/excerpts", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    assert response.headers["Access-Control-Max-Age"] == "600"


@pytest.fixture
def strict_client(db_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "LOAD_SEEDS": False,
                      "CORS_ORIGINS": "https://a.example, " + ORIGIN})
    return app.test_client()


def test_cors_configured_origins_only(strict_client):
    allowed = strict_client.get("/api/v1/health", headers={"Origin": ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in allowed.headers["Vary"]
    other = strict_client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = strict_client.options("/api/v1/bulk", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize("path", ["/api/v1", "/api/v1/events", "/api/v1/events/point",
                                  "/api/v1/timeline?format=timelinejs", "/api/v1/timeline?format=vis"])
def test_etag_and_304_on_every_get(loaded, path):
    first = loaded.get(path)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    again = loaded.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert loaded.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etag_changes_when_the_data_does(loaded):
    etag = loaded.get("/api/v1/events").headers["ETag"]
    load(loaded, [{"kind": "event", "id": "new", "type": "combat", "summary": "New shelling"}])
    response = loaded.get("/api/v1/events", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_errors_and_posts_have_no_etag(loaded):
    assert "ETag" not in loaded.get("/api/v1/events/missing").headers
    assert "ETag" not in loaded.post("/api/v1/extract", json={"text": "Troops moved."}).headers


def test_gzip_when_accepted_and_its_etag_revalidates(loaded):
    plain = loaded.get("/api/v1/timeline?format=vis")
    zipped = loaded.get("/api/v1/timeline?format=vis", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert zipped.headers["ETag"] != plain.headers["ETag"]  # one validator per encoding
    again = loaded.get("/api/v1/timeline?format=vis", headers={
        "Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304
    assert "Content-Encoding" not in plain.headers


def test_streamed_exports_are_gzipped_without_etag(loaded):
    response = loaded.get("/api/v1/timeline?format=csv", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip" and "ETag" not in response.headers
    assert gzip.decompress(response.data).startswith(b"id,type,summary")
    assert response.headers["Cache-Control"] == "no-cache"
