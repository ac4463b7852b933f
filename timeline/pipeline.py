"""Text -> mentions and events: the temporal engine, then the event engine.

The one place that joins the two engines, so the API, the loader, re-dating and the CLI
all derive events the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.events import extract_events
from timeline.temporal import Mention, extract, resolve


def analyse(text: str, reference_date: date | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Mentions and events of a text, as JSON-able dicts (see TEMPORAL.md)."""
    mentions = extract(text, reference_date)
    return [m.to_dict() for m in mentions], derive_events(text, mentions, reference_date)


def reanalyse(text: str, mentions: list[dict[str, Any]], reference_date: date | None
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """analyse() for stored mentions and a new reference date: the mentions are resolved again
    from their underspecified form (the temporal rules do not run again), then the events
    are derived from them."""
    resolved = resolve([Mention.from_dict(m) for m in mentions], reference_date)
    return [m.to_dict() for m in resolved], derive_events(text, resolved, reference_date)


def derive_events(text: str, mentions: list[Mention], reference_date: date | None) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract_events(text, mentions, reference_date)]
