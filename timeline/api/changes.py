"""Dates that get better, over HTTP: a reference date given late (PATCH an excerpt), an
estimate of it (GET, then POST to apply), a person's correction (PATCH an event), an
event's history, and the change feed."""

from __future__ import annotations

from flask import Response, request
from marshmallow import ValidationError

from timeline.api.errors import APIError
from timeline.api.views import bp, get_store, json_body, json_response, request_args, validate_args
from timeline.correct import correct_event
from timeline.redate import DatingConflict, apply_estimate, estimate_for, redate
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


@bp.get("/excerpts/<excerpt_id>/dating")
def excerpt_dating(excerpt_id: str) -> Response:
    """An estimate of when an excerpt was written, with its evidence. Never applied here:
    applying changes the store, so it is a POST to this URL."""
    if request.args:
        raise APIError(400, "invalid_parameter", "GET only reads the estimate; apply it with POST to this URL",
                       {"parameters": sorted(request.args)})
    found = estimate_for(get_store(), excerpt_id)
    if found is None:
        raise APIError(404, "not_found", f"no excerpt {excerpt_id!r}")
    excerpt, guess = found
    body = guess.to_dict() if guess else {"estimate": None, "confidence": None, "evidence": []}
    return json_response({"excerpt_id": excerpt_id, "reference_date": excerpt["reference_date"],
                          "applied": excerpt["metadata"].get("reference_date_estimate"), **body})


@bp.post("/excerpts/<excerpt_id>/dating")
def apply_dating(excerpt_id: str) -> Response:
    """Apply the estimate: the excerpt's relative dates and its events get intervals marked
    "estimated"; its reference date stays unknown. It takes nothing: a date sent here (a
    parameter, a body) would be a real date mistaken for a request to guess one."""
    if request.args or (request.content_length and json_body() != {}):
        raise APIError(400, "invalid_parameter", "POST applies the estimate and takes no parameters or "
                       "body; give a known reference date with PATCH /excerpts/<id>",
                       {"parameters": sorted(request.args)})
    try:
        result = apply_estimate(get_store(), excerpt_id)
    except DatingConflict as exc:
        raise APIError(409, "has_reference_date", str(exc)) from exc
    if result is None:
        raise APIError(404, "not_found", f"no excerpt {excerpt_id!r}")
    if result["estimate"] is None:
        raise APIError(422, "no_estimate", "nothing in the excerpt bounds when it was written")
    return json_response(result)
