"""The OpenAPI document: complete (every API route), valid, and obeyed by the real app
(schemathesis: generated requests never get a 500, and every answer conforms to the doc)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.test_widgets import EVENTS, load
from timeline import create_app
from timeline.api.openapi import OPERATIONS, PREFIX, document

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance)


def test_every_api_route_is_documented(app):
    served: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if str(rule).startswith(PREFIX):
            path = str(rule).replace("<", "{").replace(">", "}")
            served.setdefault(path, set()).update(set(rule.methods) - {"HEAD", "OPTIONS"})
    documented = {path: {m.upper() for m in operations} for path, operations in document()["paths"].items()}
    assert served == documented, "document each route in OPERATIONS (timeline/api/openapi.py)"


def test_served_document_and_docs_page(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.get_json()["openapi"].startswith("3.")
    assert served.get_json() == document()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    for path in OPERATIONS:
        assert (PREFIX + path).encode() in page.data
    assert b"<script" not in page.data  # renders without a script or anything from elsewhere
    assert b'id="schema-VisOut"' in page.data


def test_document_is_valid_openapi():
    schemathesis.openapi.from_dict(document())  # raises on a document it cannot read
    schemas = document()["components"]["schemas"]
    assert "additionalProperties" not in schemas["EventOut"]  # answers may grow
    assert schemas["EventIn"]["additionalProperties"] is False  # requests are closed


@schemathesis.serializer("application/x-ndjson")
def _ndjson(_ctx, value):
    return value.encode() if isinstance(value, str) else None


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    app = create_app({"TESTING": True, "LOAD_SEEDS": False,
                      "DATABASE": str(tmp_path_factory.mktemp("openapi") / "timeline.db")})
    load(app.test_client(), EVENTS)
    return app


@pytest.fixture(scope="module")
def api_schema(api_app):
    return schemathesis.openapi.from_wsgi(f"{PREFIX}/openapi.json", api_app)


# Driven by hand rather than by schemathesis' pytest plugin (which does not run under pytest 9):
# one test per operation, a handful of generated cases each, so the suite stays fast.
def _cases():
    """Every operation with valid input; those that take input with invalid input too."""
    for path, operations in OPERATIONS.items():
        for method, operation in operations.items():
            yield pytest.param(method, PREFIX + path, GenerationMode.POSITIVE, id=f"{method} {path} valid")
            if "parameters" in operation or "requestBody" in operation:
                yield pytest.param(method, PREFIX + path, GenerationMode.NEGATIVE,
                                   id=f"{method} {path} invalid")


@pytest.mark.parametrize(("method", "path", "mode"), list(_cases()))
def test_api_conforms_to_its_document(api_schema, method, path, mode):
    """Valid and invalid requests alike: never a 500, only documented statuses and shapes."""
    operation = api_schema[path][method.upper()]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=25, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case):
        # The WSGI client does not decode compressed bodies; compression has its own tests.
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    check()
