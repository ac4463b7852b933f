"""Text -> mentions and events: the temporal engine, then the event engine.

The one place that joins the two engines, so the API, the loader and the CLI all
derive events the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.temporal import extract


def analyse(text: str, reference_date: date | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Mentions and events of a text, as JSON-able dicts (see TEMPORAL.md)."""
    mentions = extract(text, reference_date)
    events = _events(text, mentions, reference_date)
    return [m.to_dict() for m in mentions], events


def _events(text: str, mentions: list, reference_date: date | None) -> list[dict[str, Any]]:
    from timeline.events import extract_events

    return [e.to_dict() for e in extract_events(text, mentions, reference_date)]
