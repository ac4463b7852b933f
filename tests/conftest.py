"""Shared fixtures: an app on a temporary database, its client, and a store."""

from __future__ import annotations

import pytest

from timeline import create_app
from timeline.store import open_store


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "timeline.db")


@pytest.fixture
def app(db_path):
    return create_app({"TESTING": True, "DATABASE": db_path, "LOAD_SEEDS": False})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def store(db_path):
    store = open_store(db_path)
    store.migrate()
    yield store
    store.close()


def event(ident: str, start: str | None, end: str | None = None, **fields) -> dict:
    """A ready-made event record for bulk loading."""
    record = {"kind": "event", "id": ident, "type": fields.pop("type", "combat"),
              "summary": fields.pop("summary", f"event {ident}")}
    if start is not None:
        record["occurred"] = {"start": start, "end": end or start}
    record.update(fields)
    return record
