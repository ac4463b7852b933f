"""Dates that get better, over HTTP: a reference date given late (PATCH an excerpt), a
person's correction (PATCH an event), an event's history, and the change feed."""

from __future__ import annotations

from flask import Response
from marshmallow import ValidationError

from timeline.api.errors import APIError
from timeline.api.views import bp, get_store, json_body, json_response, request_args, validate_args
from timeline.correct import correct_event
from timeline.redate import redate
from timeline.schemas import ChangesQuery, EventPatch, ExcerptPatch

_EXCERPT_PATCH = ExcerptPatch()
_EVENT_PATCH = EventPatch()
_CHANGES_QUERY = ChangesQuery()


def _load(schema, body) -> dict:
    if not isinstance(body, dict):
        raise APIError(422, "validation_failed", "the body must be a JSON object")
    try:
        return schema.load(body)
    except ValidationError as exc:
        raise APIError(422, "validation_failed", "the correction is not valid", exc.messages) from exc


@bp.patch("/excerpts/<excerpt_id>")
def patch_excerpt(excerpt_id: str) -> Response:
    """Set (or clear, with null) the excerpt's reference date: its relative mentions are
    resolved again and its events re-dated, in one transaction. Answers what changed."""
    data = _load(_EXCERPT_PATCH, json_body())
    result = redate(get_store(), excerpt_id, data["reference_date"])
    if result is None:
        raise APIError(404, "not_found", f"no excerpt {excerpt_id!r}")
    return json_response(result)


@bp.patch("/events/<event_id>")
def patch_event(event_id: str) -> Response:
    data = _load(_EVENT_PATCH, json_body())
    event = correct_event(get_store(), event_id, data)
    if event is None:
        raise APIError(404, "not_found", f"no event {event_id!r}")
    return json_response(event)


@bp.get("/events/<event_id>/history")
def event_history(event_id: str) -> Response:
    store = get_store()
    history = store.event_history(event_id)
    if not history:
        raise APIError(404, "not_found", f"no event {event_id!r} has ever been stored")
    return json_response({"event_id": event_id, "history": history})


@bp.get("/changes")
def changes() -> Response:
    """Changed, created and deleted events after `since` (the `next` of the previous call)."""
    params = validate_args(_CHANGES_QUERY, request_args(_CHANGES_QUERY))
    items, last = get_store().changes(params["since"], params["limit"])
    return json_response({"items": items, "next": last, "more": len(items) == params["limit"]})



