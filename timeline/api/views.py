"""Views: parse the request, call the store or the ingest layer, answer JSON."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import orjson
from flask import Blueprint, Response, current_app, g, request, stream_with_context
from marshmallow import ValidationError, fields
from werkzeug.exceptions import RequestEntityTooLarge

from timeline.api import formats
from timeline.api.errors import APIError
from timeline.api.widgets import WIDGET_FORMATS
from timeline.bulk import BulkLoader
from timeline.bulk_read import loads, read_records
from timeline.pipeline import analyse
from timeline.schemas import BulkQuery, EventsQuery, ExtractRequest
from timeline.store import Cursor, CursorError, EventQuery, QueryError, open_store

bp = Blueprint("api", __name__, url_prefix="/api/v1")

_EVENTS_QUERY = EventsQuery()
_EXTRACT = ExtractRequest()
_BULK_QUERY = BulkQuery()
_NDJSON_TYPES = {"application/x-ndjson", "application/ndjson", "application/jsonl",
                 "application/json", "text/plain"}
IGNORED_PARAMS = {"_"}  # cache-busting parameters some widget libraries add


def get_store():
    """This thread's store. Connections live as long as the worker: opening one per request
    (PRAGMAs, mapping the file, and a WAL checkpoint when the last one closes) cost more
    than the queries themselves."""
    stores = current_app.extensions.setdefault("timeline.stores", threading.local())
    store = getattr(stores, "store", None)
    if store is None:
        config = current_app.config
        store = stores.store = open_store(config["DATABASE"], config["BUSY_TIMEOUT_MS"], config["MMAP_SIZE"],
                                          config["PG_PARTITION_AT"])
    g.store = store
    return store


@bp.teardown_app_request
def end_transaction(_exc: BaseException | None) -> None:
    """A request never leaves its connection inside a transaction for the next one."""
    store = g.pop("store", None)
    if store is not None:
        store.rollback()


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def json_body() -> Any:
    """The request's JSON body, or a 4xx that says what is wrong with it."""
    if request.mimetype != "application/json":
        raise APIError(415, "unsupported_media_type", "send the body as application/json",
                       {"content_type": request.content_type})
    limit = current_app.config["MAX_JSON_BODY"]
    if (request.content_length or 0) > limit:
        raise APIError(413, "request_entity_too_large", f"the body is over {limit} bytes")
    raw = request.stream.read(limit + 1)
    if len(raw) > limit:
        raise APIError(413, "request_entity_too_large", f"the body is over {limit} bytes")
    try:
        return loads(raw)
    except ValueError as exc:
        raise APIError(400, "invalid_json", f"the body is not valid JSON: {exc}") from exc


def request_args(schema) -> dict[str, Any]:
    """The query string as a dict for `schema`: list fields take repeats and commas; any other
    parameter given twice must say the same thing twice (`atomic=true&atomic=false` is no choice
    for us to make)."""
    args: dict[str, Any] = {}
    repeated: dict[str, list[str]] = {}
    for key in request.args:
        if key in IGNORED_PARAMS:
            continue
        values = request.args.getlist(key)
        field = schema.fields.get(key)
        if isinstance(field, fields.List):
            args[key] = [v for value in values for v in value.split(",") if v]
        elif len(set(values)) > 1:
            repeated[key] = ["given more than once with different values"]
        else:
            args[key] = values[0]
    if repeated:
        raise APIError(400, "invalid_parameter", "a query parameter is not valid", repeated)
    return args


def validate_args(schema, args: dict[str, Any]) -> dict[str, Any]:
    try:
        return schema.load(args)
    except ValidationError as exc:
        raise APIError(400, "invalid_parameter", "a query parameter is not valid", exc.messages) from exc


def _text_limit(text: str) -> None:
    limit = current_app.config["MAX_TEXT_LENGTH"]
    if len(text) > limit:
        raise APIError(413, "text_too_long", f"a text is limited to {limit} characters",
                       {"length": len(text)})


# -- service ------------------------------------------------------------------------

@bp.get("")
def index() -> Response:
    return json_response({"service": "timeline", "version": 1,
                          "counts": get_store().counts(),
                          "endpoints": sorted({str(r) for r in current_app.url_map.iter_rules()
                                              if str(r).startswith("/api/")})})


@bp.get("/health")
def health() -> Response:
    return json_response({"status": "ok"})


# -- extraction ------------------------------------------------------------------------

@bp.post("/extract")
def extract() -> Response:
    body = json_body()
    try:
        data = _EXTRACT.load(body)
    except ValidationError as exc:
        raise APIError(400, "invalid_parameter", "the request is not valid", exc.messages) from exc
    _text_limit(data["text"])
    ref = data["reference_date"]
    mentions, events = analyse(data["text"], ref)
    return json_response({"reference_date": ref.isoformat() if ref else None,
                          "mentions": mentions, "events": events})


# -- excerpts ------------------------------------------------------------------------

@bp.post("/excerpts")
def post_excerpt() -> Response:
    body = json_body()
    if isinstance(body, dict):  # anything else is refused by the loader, in the same shape
        if isinstance(body.get("text"), str):
            _text_limit(body["text"])
        if body.setdefault("kind", "excerpt") != "excerpt":
            raise APIError(422, "validation_failed", "this endpoint takes excerpts",
                           {"kind": ["must be 'excerpt'"]})
    store = get_store()
    report = BulkLoader(store).run([(1, body)])
    entry = report.records[0]
    if entry["status"] == "error":
        err = entry["error"]
        raise APIError(422, err["code"], err["message"], err["details"])
    excerpt = store.get_excerpt(entry["id"])
    excerpt["status"] = entry["status"]
    response = json_response(excerpt, 201 if entry["status"] == "created" else 200)
    response.headers["Location"] = f"{bp.url_prefix}/excerpts/{entry['id']}"
    return response


@bp.get("/excerpts/<excerpt_id>")
def get_excerpt(excerpt_id: str) -> Response:
    excerpt = get_store().get_excerpt(excerpt_id)
    if excerpt is None:
        raise APIError(404, "not_found", f"no excerpt {excerpt_id!r}")
    return json_response(excerpt)


# -- events ------------------------------------------------------------------------

@bp.get("/events/<event_id>")
def get_event(event_id: str) -> Response:
    store = get_store()
    event = store.get_event(event_id)
    if event is None:
        raise APIError(404, "not_found", f"no event {event_id!r}")
    event["provenance"] = _provenance(store, event)
    return json_response(event)


def _provenance(store, event: dict[str, Any]) -> dict[str, Any] | None:
    """Where the event came from: its excerpt, the mentions that dated it, and why."""
    if event["excerpt_id"] is None:
        return None
    excerpt = store.get_excerpt(event["excerpt_id"])
    used = set(event.get("mentions") or ())
    return {
        "excerpt": {k: excerpt[k] for k in ("id", "text", "reference_date", "source", "url")},
        "mentions": [m for i, m in enumerate(excerpt["mentions"]) if i in used],
        "explain": event.get("explain"),
    }


def build_query(args: dict[str, Any], config, limit: int | None = None) -> tuple[EventQuery, dict[str, Any]]:
    """An EventQuery (and the validated parameters) from a query string, or a 400 saying why not.

    Without start or end, undated events are included (after the dated ones); with a range
    they are left out unless undated=include or only is asked for."""
    params = validate_args(_EVENTS_QUERY, args)
    limit = params["limit"] if params["limit"] is not None else (limit or config["DEFAULT_LIMIT"])
    if not 1 <= limit <= config["MAX_LIMIT"]:
        raise APIError(400, "invalid_parameter", f"limit is 1 to {config['MAX_LIMIT']}",
                       {"limit": limit})
    cursor = None
    if params["cursor"]:
        try:
            cursor = Cursor.decode(params["cursor"])
        except CursorError as exc:
            raise APIError(400, "invalid_cursor", "cursor is not one this service issued") from exc
    ranged = params["start"] is not None or params["end"] is not None
    query = EventQuery(**filters(params), undated=params["undated"] or ("exclude" if ranged else "include"),
                       limit=limit, cursor=cursor)
    return query, params


def filters(params: dict[str, Any]) -> dict[str, Any]:
    """The EventQuery fields every event filter takes (window, mode, axis, type, factuality, q,
    excerpt) from validated query parameters: /events, /timeline and the histogram."""
    return {"start": params["start"] and params["start"].toordinal(),
            "end": params["end"] and params["end"].toordinal(),
            "mode": params["mode"], "axis": params["axis"], "types": tuple(params["type"]), "q": params["q"],
            "factuality": tuple(dict.fromkeys(params["factuality"])), "excerpt_id": params["excerpt"]}


def _run(store, query: EventQuery) -> tuple[list[str], Cursor | None]:
    """A page of events as stored JSON text, or a 400 for a search the engine refuses."""
    try:
        return store.query_json(query)
    except QueryError as exc:
        raise APIError(400, "invalid_search", str(exc), {"q": query.q}) from exc


def _page(store, query: EventQuery) -> Response:
    """{items, next_cursor}, with the stored events passed through unparsed."""
    bodies, cursor = _run(store, query)
    payload = "".join(('{"items":[', ",".join(bodies), '],"next_cursor":',
                       f'"{cursor.encode()}"' if cursor else "null", "}"))
    return Response(payload, mimetype="application/json")


@bp.get("/events")
def list_events() -> Response:
    query, params = build_query(request_args(_EVENTS_QUERY), current_app.config)
    if params["format"] != "json":
        raise APIError(400, "invalid_parameter", "/events answers JSON pages; "
                       "use /timeline for ndjson and csv", {"format": params["format"]})
    if params["as_of"] is not None:
        return _page_as_of(get_store(), query, params["as_of"])
    return _page(get_store(), query)


def _page_as_of(store, query: EventQuery, as_of: datetime) -> Response:
    """The page as the store stood at `as_of` (its history); search is not versioned."""
    if query.q:
        raise APIError(400, "invalid_parameter", "as_of cannot be combined with q (the search index "
                       "holds only the current events)", {"as_of": as_of.isoformat(), "q": query.q})
    moment = as_of.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    items, cursor = store.events_as_of(query, moment)
    return json_response({"items": items, "next_cursor": cursor.encode() if cursor else None, "as_of": moment})


@bp.get("/timeline")
def timeline() -> Response:
    """Events in timeline order: a JSON page, a widget's JSON (vis, timelinejs: up to
    MAX_LIMIT events unless limit says otherwise), or every match streamed as NDJSON or CSV."""
    config = current_app.config
    args = request_args(_EVENTS_QUERY)
    query, params = build_query(args, config)
    fmt = params["format"]
    if params["as_of"] is not None:
        raise APIError(400, "invalid_parameter", "as_of is answered by /events", {"as_of": args["as_of"]})
    store = get_store()
    if fmt == "json":
        return _page(store, query)
    if "limit" not in args:
        query = replace(query, limit=config["MAX_LIMIT"])
    items, cursor = _run(store, query)  # a bad query fails here, before the stream starts
    if fmt in WIDGET_FORMATS:
        window = tuple(None if d is None else date.fromordinal(d) for d in (query.start, query.end))
        body = WIDGET_FORMATS[fmt](items, axis=query.axis, window=window)
        body["next_cursor"] = cursor.encode() if cursor else None
        return json_response(body)
    streaming = "limit" not in args

    def rows():
        yield from items
        if streaming and cursor is not None:
            yield from store.iter_json(replace(query, cursor=cursor))

    return Response(stream_with_context(formats.STREAMS[fmt](rows())), mimetype=formats.MIMETYPES[fmt])


# -- bulk ------------------------------------------------------------------------

@bp.post("/bulk")
def bulk() -> Response:
    params = validate_args(_BULK_QUERY, request_args(_BULK_QUERY))
    if request.mimetype not in _NDJSON_TYPES:
        raise APIError(415, "unsupported_media_type",
                       "send NDJSON (application/x-ndjson) or a JSON array (application/json)",
                       {"content_type": request.content_type})
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if (request.content_length or 0) > limit:
        raise APIError(413, "request_entity_too_large", f"the body is over {limit} bytes")
    loader = BulkLoader(get_store(), atomic=params["atomic"],
                        chunk_size=current_app.config["BULK_CHUNK"], keep=params["report"])
    try:
        report = loader.run(read_records(_body_chunks()))
    except RequestEntityTooLarge as exc:
        # A body without Content-Length is found too large on the way, after the chunks before
        # the limit were committed (unless atomic): the report says which.
        raise APIError(413, "request_entity_too_large", f"the body is over {limit} bytes; "
                       + ("records before the limit were written: see details" if loader.report.committed
                          and loader.report.totals["records"] else "nothing was written"),
                       loader.report.as_dict()) from exc
    totals = report.totals
    if totals["error"] == 0:
        return json_response(report.as_dict())
    if not report.committed or totals["error"] == totals["records"]:
        raise APIError(422, "batch_rejected", f"{totals['error']} of {totals['records']} records "
                       "are not valid; nothing was written", report.as_dict())
    return json_response(report.as_dict(), 207)  # partly written: the report says which


def _body_chunks(size: int = 64 * 1024):
    stream = request.stream
    while piece := stream.read(size):
        yield piece
