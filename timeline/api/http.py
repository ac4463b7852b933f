"""HTTP manners for browsers and caches: CORS, ETag / 304, Cache-Control and compression.

`register(app)` installs them for the whole app. Flask runs after_request hooks in reverse
order of registration, so the order below is deliberate: the ETag is computed on the plain
body first, then CORS headers are added, then Flask-Compress encodes the body. Flask-Compress
(rather than a WSGI middleware: werkzeug no longer ships one) negotiates gzip/br/zstd from
Accept-Encoding, sets `Vary: Accept-Encoding`, suffixes a strong ETag with the encoding
(`"abc:gzip"`, so a cache never hands gzip bytes to a client that did not ask for them) and
answers `If-None-Match` on the encoded ETag itself.

Streamed answers (`/timeline?format=ndjson|csv`) get no ETag: computing one would mean
holding the whole export, which streaming exists to avoid. They are still compressed, chunk
by chunk, and marked `no-cache`.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress
from flask_cors import CORS

# Every GET is revalidated (cheap with the ETag: a 304 and no body), so a widget never
# shows stale events after a bulk load, and nothing is served from cache unchecked.
CACHE_CONTROL = "no-cache"
COMPRESS_MIMETYPES = ["application/json", "application/x-ndjson", "text/csv", "text/html",
                      "text/css", "text/javascript", "application/javascript", "image/svg+xml",
                      "application/xml"]
EXPOSED_HEADERS = ["ETag", "Location", "Content-Disposition"]


def cors_origins(setting: str | list[str]) -> str | list[str]:
    """CORS_ORIGINS as flask-cors takes it: "*" for any origin, else a list.

    >>> cors_origins("https://a.example, https://b.example")
    ['https://a.example', 'https://b.example']
    >>> cors_origins("*")
    '*'
    """
    if isinstance(setting, list):
        return setting
    origins = [o.strip() for o in setting.split(",") if o.strip()]
    return "*" if origins in ([], ["*"]) else origins


def conditional(response: Response) -> Response:
    """Add a strong ETag (a hash of the body) to a complete GET answer, answer 304 when
    If-None-Match matches, and set Cache-Control where the view did not."""
    if request.method not in ("GET", "HEAD"):
        return response
    if response.status_code == 200 and not response.is_streamed and "ETag" not in response.headers:
        response.add_etag()
        response.make_conditional(request)
    if response.status_code in (200, 304) and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def register(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESS_MIMETYPES)
    # gzip for streams too: Flask-Compress leaves it out by default, but it streams fine
    # (zlib with a gzip header, flushed at the end) and it is what every client accepts.
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["zstd", "br", "gzip", "deflate"])
    Compress(app)
    origins = cors_origins(app.config["CORS_ORIGINS"])
    # With any origin allowed, answer "*" rather than echo the origin: the answer is then the
    # same for every origin, and a shared cache needs no `Vary: Origin`.
    CORS(app, resources={r"/api/*": {"origins": origins}}, send_wildcard=origins == "*",
         expose_headers=EXPOSED_HEADERS, max_age=600)
    app.after_request(conditional)
