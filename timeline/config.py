"""Configuration: defaults here, environment variables (TIMELINE_*) override them,
and the dict given to create_app() overrides both."""

from __future__ import annotations

import os
from typing import Any

DEFAULTS: dict[str, Any] = {
    # A file path (SQLite) or a postgresql:// URL. Relative paths are under the instance folder.
    "DATABASE": "timeline.db",
    # Load the excerpts in seeds/ into an empty store on first start.
    "LOAD_SEEDS": True,
    # Request bodies larger than this get 413 (bulk bodies are streamed, but still bounded).
    "MAX_CONTENT_LENGTH": 512 * 1024 * 1024,
    # Largest JSON body for the non-bulk endpoints (excerpts, extract).
    "MAX_JSON_BODY": 1024 * 1024,
    # Largest excerpt text accepted, in characters.
    "MAX_TEXT_LENGTH": 100_000,
    # Page size when a query gives none, and the largest page a client may ask for.
    "DEFAULT_LIMIT": 100,
    "MAX_LIMIT": 1000,
    # Records per committed chunk in non-atomic bulk loads.
    "BULK_CHUNK": 2000,
    # Milliseconds a writer waits for SQLite's lock before giving up.
    "BUSY_TIMEOUT_MS": 10_000,
    # Bytes of the database file the service maps into memory for reading (0: no mmap).
    "MMAP_SIZE": 1 << 30,
    # Origins allowed to call the API from a browser ("*" for any).
    "CORS_ORIGINS": "*",
    # PostgreSQL: events rows past which the table is to be partitioned by year (0: from the
    # start, negative: never). Past it the store warns; `python -m timeline partition` converts.
    "PG_PARTITION_AT": 50_000_000,
}

_INT_KEYS = {"MAX_CONTENT_LENGTH", "MAX_JSON_BODY", "MAX_TEXT_LENGTH", "DEFAULT_LIMIT",
             "MAX_LIMIT", "BULK_CHUNK", "BUSY_TIMEOUT_MS", "MMAP_SIZE", "PG_PARTITION_AT"}
_BOOL_KEYS = {"LOAD_SEEDS"}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Read TIMELINE_<KEY> variables for every key in DEFAULTS, converted to the default's type."""
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for key in DEFAULTS:
        raw = environ.get(f"TIMELINE_{key}")
        if raw is None:
            continue
        if key in _INT_KEYS:
            found[key] = int(raw)
        elif key in _BOOL_KEYS:
            found[key] = raw.strip().lower() not in {"0", "false", "no", "off", ""}
        else:
            found[key] = raw
    return found
