"""Fuzz the command line (`load`, `extract`, `export`): bad input ends with a message and
exit status 1 or 2, never a traceback, and a rejected atomic load leaves the store as it was."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.reliability import fingerprint
from tests.reliability.test_fuzz_api import ARRAY, NDJSON, RAW, TRICKY, VALID
from timeline import create_app
from timeline.__main__ import cli

EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    create_app({"DATABASE": path, "LOAD_SEEDS": False})
    assert invoke(["load", "tests/data/events.ndjson", "--database", path]).exit_code == 0
    return path


def invoke(args: list[str], input: bytes | None = None):
    result = CliRunner().invoke(cli, args, input=input)
    # a ClickException or UsageError is a SystemExit(1 or 2); anything else is a crash
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    return result


def _load(cli_db, body, atomic):
    before = fingerprint(cli_db)
    result = invoke(["load", "-", "--database", cli_db, "--chunk-size", "2", *(["--atomic"] if atomic else [])],
                    input=body)
    if result.exit_code and atomic:
        assert fingerprint(cli_db) == before, result.output


@EXAMPLES
@given(body=st.one_of(NDJSON, ARRAY, RAW), atomic=st.booleans())
def test_load(cli_db, body, atomic):
    _load(cli_db, body, atomic)


@pytest.mark.slow
@SLOW_EXAMPLES
@given(body=st.one_of(NDJSON, ARRAY, RAW), atomic=st.booleans())
def test_load_slow(cli_db, body, atomic):
    _load(cli_db, body, atomic)


# Arguments arrive as the OS gives them: invalid UTF-8 in argv becomes lone surrogates.
ARG = st.one_of(st.sampled_from(TRICKY), st.text(max_size=60), st.binary(max_size=20).map(
    lambda b: b.decode("utf-8", "surrogateescape")))


@EXAMPLES
@given(text=ARG, reference=st.one_of(st.none(), ARG, st.sampled_from(["2025-01-20", "2024-02-29"])))
def test_extract(text, reference):
    invoke(["extract", "--", text, *([] if reference is None else ["--reference-date", reference])])


def option(name: str, values: list[str]):
    return st.tuples(st.just(f"--{name}"), st.one_of(st.sampled_from(values or TRICKY), ARG))


EXPORT_OPTIONS = st.lists(st.one_of(*(option(name, VALID[name]) for name in ("start", "end", "type", "q"))),
                          max_size=4)


@EXAMPLES
@given(options=EXPORT_OPTIONS, fmt=st.sampled_from(["ndjson", "csv", "json"]),
       undated=st.sampled_from([[], ["--undated", "only"], ["--undated", "include"]]))
def test_export(cli_db, options, fmt, undated):
    before = fingerprint(cli_db)
    invoke(["export", "--database", cli_db, "--format", fmt, *undated, *(x for pair in options for x in pair)])
    assert fingerprint(cli_db) == before


def test_found_by_fuzzing(cli_db):
    """Each was a traceback: a report whose details are keyed by list index, and an option
    that is not valid UTF-8 reaching SQLite."""
    bad = b'{"kind": "event", "type": "combat", "summary": "s", "actors": [null]}\n'
    result = invoke(["load", "-", "--database", cli_db], input=bad)
    assert result.exit_code == 1 and '"actors":{"0":' in result.stderr
    result = invoke(["export", "--database", cli_db, "--q", "\udcff"])
    assert result.exit_code == 2 and "not valid UTF-8" in result.stderr
