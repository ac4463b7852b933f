"""The OpenAPI 3 document, generated from the marshmallow schemas (apispec), and its docs page.

GET /api/v1/openapi.json is the document; GET /api/v1/docs renders it as one HTML page on the
server (no script, nothing fetched from elsewhere: it works offline). The operations are
listed here as data; `tests/web/test_openapi.py` checks that every API route is in it and
that the real answers conform to it (schemathesis).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, render_template

from timeline import schemas
from timeline.api.views import json_response

PREFIX = "/api/v1"
bp = Blueprint("openapi", __name__, url_prefix=PREFIX)

_ERRORS = {400: "a parameter or the body is not valid", 404: "no such resource",
           413: "the body or a text is over its limit", 415: "wrong content type",
           409: "the resource is in a state that does not allow it",
           422: "the record does not validate, or the batch was rejected"}
_DATE_BOUND = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _json(schema: str | dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses(ok: dict[int, dict[str, Any]], *errors: int) -> dict[int, dict[str, Any]]:
    out = dict(ok)
    for status in errors:
        out[status] = _json("ErrorOut", _ERRORS[status])
    return out


def _id_param(name: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "required": True,
            "schema": {"type": "string", "pattern": schemas.ID_PATTERN}}


_TIMELINE_JSON = {"anyOf": [{"$ref": "#/components/schemas/PageOut"},
                            {"$ref": "#/components/schemas/VisOut"},
                            {"$ref": "#/components/schemas/TimelineJSOut"}]}
_BULK_ITEM = {"anyOf": [{"$ref": "#/components/schemas/ExcerptIn"},
                        {"$ref": "#/components/schemas/EventIn"},
                        {"$ref": "#/components/schemas/ReferenceDateIn"}]}

OPERATIONS: dict[str, dict[str, dict[str, Any]]] = {
    "": {"get": {"summary": "The service, its counts and its endpoints", "tags": ["service"],
                 "responses": _responses({200: _json("ServiceOut", "the service")})}},
    "/health": {"get": {"summary": "Liveness", "tags": ["service"],
                        "responses": _responses({200: _json("HealthOut", "up")})}},
    "/extract": {"post": {
        "summary": "Temporal mentions and events of a text; nothing is stored", "tags": ["extract"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "ExtractRequest"}}},
        "responses": _responses({200: _json("ExtractOut", "mentions and events")}, 400, 413, 415)}},
    "/excerpts": {"post": {
        "summary": "Store an excerpt and derive its events (idempotent by id)", "tags": ["excerpts"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "ExcerptIn"}}},
        "responses": _responses({201: _json("ExcerptOut", "created"),
                                 200: _json("ExcerptOut", "unchanged or updated")},
                                400, 413, 415, 422)}},
    "/excerpts/{excerpt_id}": {"get": {
        "summary": "An excerpt with its mentions and events", "tags": ["excerpts"],
        "description": "`format=timeml` answers the excerpt as TimeML 1.2.1 (a TempEval-3 .tml "
                       "document): the reference date as the DCT, each mention as a TIMEX3 in <TEXT>.",
        "parameters": [_id_param("excerpt_id"), {"in": "query", "schema": "ExcerptQuery"}],
        "responses": _responses({200: {
            "description": "the excerpt",
            "content": {"application/json": {"schema": "ExcerptOut"},
                        "application/xml": {"schema": {"type": "string"}}}}}, 400, 404)}, "patch": {
        "summary": "Give (or correct, or take away with null) the reference date: mentions and "
                   "events are resolved again", "tags": ["corrections"],
        "parameters": [_id_param("excerpt_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "ExcerptPatch"}}},
        "responses": _responses({200: _json("RedateOut", "what changed")}, 400, 404, 413, 415, 422)}},
    "/excerpts/{excerpt_id}/dating": {"get": {
        "summary": "An estimate of when an undated excerpt was written, with its evidence (never applied by GET)",
        "tags": ["corrections"], "parameters": [_id_param("excerpt_id")],
        "responses": _responses({200: _json("DatingOut", "the estimate")}, 400, 404)}, "post": {
        "summary": "Apply the estimate: relative dates and events get intervals marked 'estimated'",
        "tags": ["corrections"], "parameters": [_id_param("excerpt_id")],
        "responses": _responses({200: _json("DatingAppliedOut", "what changed")}, 404, 409, 422)}},
    "/events": {"get": {
        "summary": "A page of events in timeline order (keyset pagination)", "tags": ["events"],
        "parameters": [{"in": "query", "schema": "EventsQuery"}],
        "responses": _responses({200: _json("PageOut", "a page")}, 400)}},
    "/events/{event_id}": {"get": {
        "summary": "One event, with the excerpt and mentions that dated it", "tags": ["events"],
        "parameters": [_id_param("event_id")],
        "responses": _responses({200: _json("EventDetailOut", "the event")}, 404)}, "patch": {
        "summary": "A person's correction of an event (kept in its history)", "tags": ["corrections"],
        "parameters": [_id_param("event_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "EventPatch"}}},
        "responses": _responses({200: _json("EventOut", "the corrected event")}, 400, 404, 413, 415, 422)}},
    "/events/{event_id}/history": {"get": {
        "summary": "Every version of an event, oldest first", "tags": ["corrections"],
        "parameters": [_id_param("event_id")],
        "responses": _responses({200: _json("HistoryOut", "the history")}, 404)}},
    "/changes": {"get": {
        "summary": "The change feed: events created, updated or deleted after `since`",
        "tags": ["corrections"], "parameters": [{"in": "query", "schema": "ChangesQuery"}],
        "responses": _responses({200: _json("ChangesOut", "a page of changes")}, 400)}},
    "/timeline": {"get": {
        "summary": "The timeline as a JSON page, a widget's JSON, NDJSON or CSV", "tags": ["events"],
        "description": "`format=json` answers a page like /events; `vis` vis-timeline's items and "
                       "groups, `timelinejs` TimelineJS3's events (both with undated events under "
                       "`undated`, never placed at a made-up date); `ndjson` and `csv` stream "
                       "every match (or `limit` of them).",
        "parameters": [{"in": "query", "schema": "EventsQuery"}],
        "responses": _responses({200: {
            "description": "the timeline in the format asked for",
            "content": {"application/json": {"schema": _TIMELINE_JSON},
                        "application/x-ndjson": {"schema": {"type": "string"}},
                        "text/csv": {"schema": {"type": "string"}}}}}, 400)}},
    "/timeline/histogram": {"get": {
        "summary": "How many events overlap each calendar bucket (day, ISO week, month, year)",
        "tags": ["events"],
        "description": "The filters of /events. An event counts in every bucket its interval "
                       "overlaps, clipped to the window (start/end of the first and last bucket "
                       "are cut to the window too); undated events are counted apart. Empty "
                       "buckets are omitted, or listed with count 0 with `empty=zero` (needs start "
                       "and end, at most 5000 buckets). Over 100,000 buckets is a 400.",
        "parameters": [{"in": "query", "schema": "HistogramQuery"}],
        "responses": _responses({200: _json("HistogramOut", "counts per bucket")}, 400)}},
    "/bulk": {"post": {
        "summary": "Load excerpts and events, streamed (NDJSON or a JSON array)", "tags": ["bulk"],
        "parameters": [{"in": "query", "schema": "BulkQuery"}],
        "requestBody": {"required": True, "content": {
            "application/x-ndjson": {"schema": {"type": "string",
                                                "description": "one excerpt or event record a line"}},
            "application/json": {"schema": {"type": "array", "items": _BULK_ITEM}}}},
        "responses": _responses({200: _json("BulkReportOut", "every record loaded"),
                                 207: _json("BulkReportOut", "some records failed; the good ones "
                                                             "were written")},
                                400, 413, 415, 422)}},
    "/openapi.json": {"get": {"summary": "This document", "tags": ["service"],
                              "responses": {200: _json({"type": "object"}, "OpenAPI 3")}}},
    "/docs": {"get": {"summary": "This document as a page", "tags": ["service"],
                      "responses": {200: {"description": "HTML",
                                          "content": {"text/html": {"schema": {"type": "string"}}}}}}},
}


def _bound_pattern(_converter, field, **_kwargs) -> dict[str, Any]:
    return {"pattern": _DATE_BOUND} if isinstance(field, schemas.Bound) else {}


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.0 document as a dict (built once: it depends only on the code)."""
    plugin = MarshmallowPlugin()
    spec = APISpec(title="timeline", version="1", openapi_version="3.0.3", plugins=[plugin], info={
        "description": "News excerpts in, dated events out: temporal mentions, events, range "
                       "queries and timelines. Every failure answers `ErrorOut`."})
    plugin.map_to_openapi_type(schemas.IsoDay, "string", "date")
    plugin.map_to_openapi_type(schemas.Bound, "string", None)
    plugin.converter.add_attribute_function(_bound_pattern)
    for name in ("ErrorOut", "PageOut", "VisOut", "TimelineJSOut", "ExcerptIn", "EventIn"):
        spec.components.schema(name, schema=getattr(schemas, name))
    for path, operations in OPERATIONS.items():
        spec.path(path=PREFIX + path, operations=operations)
    doc = spec.to_dict()
    # apispec closes every schema (marshmallow 4 raises on unknown fields by default). Request
    # schemas are closed indeed; answers may carry more than documented (timestamps, metadata).
    for name, schema in doc["components"]["schemas"].items():
        if name.endswith("Out") or name.startswith("ErrorBody"):
            schema.pop("additionalProperties", None)
    return doc


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return json_response(document())


@bp.get("/docs")
def docs() -> str:
    return render_template("docs.html", doc=document())
