"""Events from an excerpt: what happened, to whom, where, how many, and when (issue 5).

extract_events(text, mentions, reference_date) reads the temporal mentions that timeline.temporal found
in `text` and returns the events the text states, the main one first. For "X said Y happened", Y comes
first and the statement follows as a `report` event. An event's `occurred` comes only from the mentions
of its own clause (null when the text does not say); `reported` is the statement's own date, else the
reference date, else null. The types and their trigger words are data: timeline/events/data/taxonomy.json.

>>> import datetime
>>> from timeline.temporal import extract
>>> text = "Rebels seized the town on Sunday, officials said."
>>> ref = datetime.date(2024, 3, 12)
>>> [(e.type, e.occurred and str(e.occurred.start), str(e.reported.start))
...  for e in extract_events(text, extract(text, ref), ref)]
[('capture', '2024-03-10', '2024-03-12'), ('report', None, '2024-03-12')]
"""

from timeline.events.extract import extract_events
from timeline.events.lexicon import event_types
from timeline.events.model import Dating, Event, Quantity

EVENT_TYPES: tuple[str, ...] = event_types()

__all__ = ["EVENT_TYPES", "Dating", "Event", "Quantity", "extract_events"]
