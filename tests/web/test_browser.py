"""The page as a person uses it, in Debian's chromium driven by Playwright (no browser is
ever downloaded): the app on a free loopback port with the seed excerpts, a dated sample and
one excerpt with a publication date; the test sees the events, zooms, filters, searches,
opens one and saves screenshots."""

from __future__ import annotations

import pytest

from tests.web.conftest import NEEDS_CHROMIUM

pytestmark = [pytest.mark.slow, NEEDS_CHROMIUM]


def loads(page) -> int:
    return int(page.evaluate("document.body.dataset.loads || 0"))


def wait_for_load_after(page, count: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.loads || 0) > {count}", timeout=10_000)


def shown_items(page) -> list[dict]:
    return page.evaluate("timelineApp.items.get().map(i => ({id: i.id, group: i.group}))")


def test_see_zoom_filter_search_and_open(base_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, requests = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url) if "/api/v1/timeline" in r.url else None)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-state=ready]")

    # sees the dated events drawn, and the seed excerpts' undated events listed apart
    page.wait_for_selector(".vis-item >> text=Russia launches its full-scale invasion")
    ids = {i["id"] for i in shown_items(page)}
    assert {"ev-invasion", "ev-kursk-incursion", "ev-deployment", "kyiv-1:0"} <= ids
    page.wait_for_selector("#undated li")
    assert page.locator("#undated li").count() >= 5
    deployment = page.locator(".vis-item.vis-range", has_text="North Korean troops")
    assert deployment.count() == 1  # a month-precision event is a range, a day a point
    assert page.locator(".vis-item.vis-point").count() >= 2

    # zooms: the visible window narrows and only that window is fetched
    before = page.evaluate("timelineApp.timeline.getWindow().end - timelineApp.timeline.getWindow().start")
    count = loads(page)
    for _ in range(3):
        page.click("#zoom-in")
        page.wait_for_timeout(350)
    wait_for_load_after(page, count)
    after = page.evaluate("timelineApp.timeline.getWindow().end - timelineApp.timeline.getWindow().start")
    assert after < before / 2
    windowed = [u for u in requests if "start=" in u and "end=" in u]
    assert windowed, requests
    count = loads(page)
    page.click("#fit")  # an animated zoom out: its window is fetched when the animation ends
    wait_for_load_after(page, count)

    # filters by type: combat events leave the timeline
    page.click("#types-box summary")
    count = loads(page)
    page.uncheck("#types input[value=combat]")
    wait_for_load_after(page, count)
    groups = {i["group"] for i in shown_items(page)}
    assert "combat" not in groups and groups
    assert any("type=" in u for u in requests)
    page.check("#types input[value=combat]")
    # they come back (waited for, not slept for: on a busy machine a pan's load may finish first)
    page.wait_for_function("timelineApp.items.get().some(i => i.group === 'combat')", timeout=10_000)

    # searches
    count = loads(page)
    page.fill("#q", "Kursk")
    wait_for_load_after(page, count)
    found = {i["id"] for i in shown_items(page)}
    assert "ev-invasion" not in found and "ev-kursk-incursion" in found
    assert any("q=Kursk" in u for u in requests)
    page.fill("#q", "")
    page.wait_for_timeout(600)

    # opens an event: its excerpt, the dating mention highlighted, and why
    page.locator(".vis-item", has_text="Ukrainian forces captured").first.click()
    page.wait_for_selector("body[data-open='kyiv-1:0']")
    assert page.locator("#d-excerpt mark").first.inner_text() == "Monday"
    assert "Kursk region" in page.locator("#d-excerpt").inner_text()
    assert "2025-01-13" in page.locator("#d-explain").inner_text()
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
    assert errors == []


def test_readable_on_a_phone(base_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(base_url + "/?embed=1")
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_selector(".vis-item")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # nothing wider than the screen
    box = page.locator("#timeline").bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    page.locator("#undated li button").first.click()
    page.wait_for_selector("body[data-open]")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
