"""Our widget formats loaded into the real libraries in chromium (shared/CLIENTS.md: one bad
item stops a whole widget, and some mistakes make items vanish silently, so the JSON shape
alone proves little), and the API called from a page on another origin (CORS)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.web.conftest import NEEDS_CHROMIUM, serve

pytestmark = [pytest.mark.slow, NEEDS_CHROMIUM]

TIMELINEJS = Path(__file__).resolve().parent / "vendor" / "timelinejs"
VIS = Path(__file__).resolve().parents[2] / "timeline" / "static" / "vendor" / "vis-timeline"


def get_json(base_url: str, path: str) -> dict:
    from urllib.request import urlopen

    with urlopen(base_url + path, timeout=10) as response:
        return orjson.loads(response.read())


def _blank_site(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html")])
    return [b"<!doctype html><title>another site</title><div id='tl' style='width:960px;height:600px'></div>"]


@pytest.fixture(scope="module")
def other_site():
    """A page on another origin, as a widget's host page is."""
    url, server = serve(_blank_site)
    yield url
    server.shutdown()


def render_timelinejs(browser, host: str, source: str | dict) -> dict:
    """Load TimelineJS on the host page from a URL, as an embedder does (TimelineJS reads a
    top-level `errors` only on that path). A dict is served from a blob: URL."""
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(host + "/")
    page.add_style_tag(path=str(TIMELINEJS / "timeline.css"))
    page.add_script_tag(path=str(TIMELINEJS / "timeline.js"))
    page.evaluate("""source => {
        const url = typeof source === 'string' ? source
            : URL.createObjectURL(new Blob([JSON.stringify(source)], {type: 'application/json'}));
        window.tl = new TL.Timeline('tl', url);
    }""", source)
    # Wait for the first thing TimelineJS draws (a marker, or a message), not a fixed time; if it
    # draws nothing at all, the assertions below say so.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("document.querySelector('.tl-timemarker, .tl-message-content, .tl-message-full')",
                               timeout=10_000)
    page.wait_for_timeout(300)  # the rest of the markers land in the same pass
    seen = page.evaluate("""() => ({
        markers: document.querySelectorAll('.tl-timemarker').length,
        messages: [...document.querySelectorAll('.tl-message-content, .tl-message-full')]
                  .map(e => e.innerText.trim()).filter(Boolean),
        headlines: [...document.querySelectorAll('.tl-timemarker .tl-headline')].map(e => e.innerText)})""")
    page.close()
    return {**seen, "errors": errors}


def test_timelinejs_renders_every_dated_event(base_url, browser, other_site):
    url = base_url + "/api/v1/timeline?format=timelinejs"
    data = get_json(base_url, "/api/v1/timeline?format=timelinejs")
    assert data["undated"]  # the seeds' undated events ride along under their own key
    seen = render_timelinejs(browser, other_site, url)  # cross-origin, straight from the API
    assert seen["errors"] == [] and seen["messages"] == []
    assert seen["markers"] == len(data["events"]) >= 5
    assert "Russia launches its full-scale invasion of Ukraine" in seen["headlines"]


def test_timelinejs_empty_window_shows_the_friendly_slide(base_url, browser, other_site):
    seen = render_timelinejs(browser, other_site,
                             base_url + "/api/v1/timeline?format=timelinejs&start=1990&end=1990")
    assert seen["messages"] == [] and seen["headlines"] == ["No dated events here"]


def test_timelinejs_control_an_errors_key_breaks_it(base_url, browser, other_site):
    """The detector works: what CLIENTS.md says breaks TimelineJS is seen as broken here."""
    data = get_json(base_url, "/api/v1/timeline?format=timelinejs")
    assert render_timelinejs(browser, other_site, data)["markers"] == len(data["events"])
    data["errors"] = data.pop("undated")
    seen = render_timelinejs(browser, other_site, data)
    assert seen["messages"] or seen["markers"] < len(data["events"])


def test_vis_answer_renders_every_item(base_url, browser):
    data = get_json(base_url, "/api/v1/timeline?format=vis&start=2022&end=2025")
    page = browser.new_page(viewport={"width": 1200, "height": 700})
    page.set_content("<div id='vis'></div>")
    page.add_style_tag(path=str(VIS / "vis-timeline-graph2d.min.css"))
    page.add_script_tag(path=str(VIS / "vis-timeline-graph2d.min.js"))
    page.evaluate("""data => { window.t = new vis.Timeline(document.getElementById('vis'),
        new vis.DataSet(data.items), new vis.DataSet(data.groups),
        {start: '2022-01-01', end: '2026-01-01'}); }""", data)
    page.wait_for_function(f"document.querySelectorAll('.vis-item-content').length >= {len(data['items'])}",
                           timeout=10_000)
    drawn = page.evaluate("document.querySelectorAll('.vis-item-content').length")
    assert drawn == len(data["items"]) >= 5
    # vis reads our exclusive end as local midnight of 1 November: October is drawn whole
    end = page.evaluate("""() => { const d = new Date(t.itemSet.items['ev-deployment'].data.end);
        return [d.getMonth() + 1, d.getDate(), d.getHours()]; }""")
    assert end == [11, 1, 0]
    page.close()


def test_cross_origin_calls_from_another_site(base_url, browser, other_site):
    page = browser.new_page()
    page.goto(other_site + "/")
    result = page.evaluate("""async api => {
        const got = await fetch(api + '/api/v1/timeline?format=vis');
        const posted = await fetch(api + '/api/v1/extract', {method: 'POST',
            headers: {'Content-Type': 'application/json'},  // not a simple request: preflight first
            body: JSON.stringify({text: 'Troops arrived yesterday.', reference_date: '2025-01-20'})});
        return {get: got.status, items: (await got.json()).items.length, etag: got.headers.get('ETag'),
                post: posted.status, mentions: (await posted.json()).mentions.length};
    }""", base_url)
    assert result["get"] == 200 and result["items"] >= 5 and result["etag"]
    assert result["post"] == 200 and result["mentions"] == 1
