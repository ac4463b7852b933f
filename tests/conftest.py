"""Shared fixtures: an app on a temporary database, its client, and a store.

With TIMELINE_TEST_POSTGRES set to a server URL (scripts/with-postgres.sh sets it), the
store and API tests run three times: on SQLite, on PostgreSQL, and on PostgreSQL with events
partitioned by year from the start; each PostgreSQL test in a fresh schema of that server.
Tests of something only SQLite has carry `@pytest.mark.sqlite_only("why")`.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from timeline import create_app
from timeline.store import open_store

POSTGRES = os.environ.get("TIMELINE_TEST_POSTGRES")
BOTH_ENGINES = [Path(__file__).parent / "store", Path(__file__).parent / "api"]


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): a test of SQLite's own features, skipped on PostgreSQL")


def pytest_generate_tests(metafunc):
    if POSTGRES and "engine" in metafunc.fixturenames and any(
            folder in Path(metafunc.definition.path).parents for folder in BOTH_ENGINES):
        metafunc.parametrize("engine", ["sqlite", "postgresql", "postgresql-partitioned"], indirect=True)


@pytest.fixture
def engine(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(tmp_path, engine, request):
    if engine == "sqlite":
        yield str(tmp_path / "timeline.db")
        return
    marker = request.node.get_closest_marker("sqlite_only")
    if marker is not None:
        pytest.skip(f"SQLite only: {marker.args[0] if marker.args else ''}")
    yield from _fresh_schema(partitioned=engine == "postgresql-partitioned")


def _fresh_schema(partitioned: bool = False):
    """A URL whose search_path is a new schema, empty or (partitioned) holding the schema with
    events partitioned by year; the schema is dropped afterwards."""
    import psycopg

    from timeline.store.postgres import PostgresStore, close_pools

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            url = f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options={quote(f'-csearch_path={schema}')}"
            if partitioned:
                store = PostgresStore(url, partition_at=0)
                store.migrate()
                store.close()
            yield url
        finally:
            close_pools()
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


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
