"""timeline: event timelines from news text, with a temporal query API."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from timeline import config as config_module

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "excerpts.jsonl"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The application factory. `config` overrides TIMELINE_* environment variables,
    which override the defaults in timeline/config.py."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.merge_slashes = False  # "/events/%2F" is an id to look up and "/events//x" a 404, not redirects
    app.config.update(config_module.DEFAULTS)
    app.config.update(config_module.from_environment())
    app.config.update(config or {})
    app.config["DATABASE"] = _database_path(app)

    from timeline import web
    from timeline.api import bp, errors, http, openapi

    errors.register(app)
    http.register(app)
    app.register_blueprint(bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(web.bp)
    _prepare_store(app)
    return app


def _database_path(app: Flask) -> str:
    database = str(app.config["DATABASE"])
    if "://" in database or database == ":memory:" or os.path.isabs(database):
        return database
    os.makedirs(app.instance_path, exist_ok=True)
    return os.path.join(app.instance_path, database)


def _prepare_store(app: Flask) -> None:
    """Create or migrate the schema, and load the seed excerpts into a new store once."""
    from timeline.bulk import BulkLoader
    from timeline.bulk_read import read_records
    from timeline.store import open_store

    store = open_store(app.config["DATABASE"], app.config["BUSY_TIMEOUT_MS"],
                       partition_at=app.config["PG_PARTITION_AT"])
    try:
        store.migrate()
        if not app.config["LOAD_SEEDS"] or not SEEDS.exists():
            return
        with store.transaction():  # one process seeds; the others wait, then see the mark
            if store.get_meta("seeded") is not None:
                return
            with SEEDS.open("rb") as seeds:
                report = BulkLoader(store).run(read_records(seeds))
            store.set_meta("seeded", str(report.totals["records"]))
    finally:
        store.close()
