"""Fixtures for the browser tests: the app on a free loopback port, and Debian's chromium
driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from timeline import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "events.ndjson"
DATED_EXCERPT = {"id": "kyiv-1", "reference_date": "2025-01-15",
                 "text": "Ukrainian forces captured two soldiers in the Kursk region on Monday, officials said."}

NEEDS_CHROMIUM = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent: apt-get install -y chromium (CI installs it)")


def serve(app) -> tuple[str, object]:
    """Serve a WSGI app on a free loopback port in a thread: (base url, server)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    app = create_app({"DATABASE": str(tmp_path_factory.mktemp("browser") / "timeline.db"),
                      "LOAD_SEEDS": True})
    client = app.test_client()
    assert client.post("/api/v1/bulk", data=SAMPLE.read_bytes(),
                       content_type="application/x-ndjson").status_code == 200
    assert client.post("/api/v1/excerpts", json=DATED_EXCERPT).status_code == 201
    url, server = serve(app)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
