"""The page at / without a browser: what it links to is served, offline, from this app."""

from __future__ import annotations

import re

from timeline.web import VIS_VERSION


def test_page_links_only_to_this_app(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.data.decode()
    assert 'data-api="/api/v1"' in html
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    for link in links:
        if link.startswith("data:"):
            continue
        assert link.startswith(("/", "http://localhost/")), link  # nothing fetched from elsewhere
        assert client.get(link.replace("http://localhost", "")).status_code == 200, link


def test_vendored_vis_timeline_matches_the_pinned_version(client):
    script = client.get("/static/vendor/vis-timeline/vis-timeline-graph2d.min.js")
    assert f"@version {VIS_VERSION}".encode() in script.data[:1000]
    licence = client.get("/static/vendor/vis-timeline/LICENSE.md")
    assert b"Apache-2.0" in licence.data and b"MIT" in licence.data


def test_embed_snippet_and_embed_mode(client):
    full = client.get("/").data.decode()
    assert '&lt;iframe src="http://localhost/?embed=1"' in full
    embedded = client.get("/?embed=1").data.decode()
    assert 'class="embed"' in embedded and "Embed this timeline" not in embedded


def test_page_is_cached_by_etag_and_compressed(client):
    first = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
