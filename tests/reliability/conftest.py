"""Helpers for the reliability suite: the one error shape, checked on any response."""

from __future__ import annotations

import orjson

ERROR_KEYS = {"status", "code", "message", "details"}


def check_error(status: int, mimetype: str, body: bytes) -> dict:
    """The error of a 4xx answer, after checking it has the one error shape."""
    assert 400 <= status < 500, (status, body[:500])
    assert mimetype == "application/json", (status, mimetype)
    document = orjson.loads(body)
    assert set(document) == {"error"}, document
    error = document["error"]
    assert set(error) == ERROR_KEYS and error["status"] == status and error["message"], error
    return error
