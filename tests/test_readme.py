"""The README's examples run against the app, so they never go stale.

Every `curl` line in a ```bash block is sent to a fresh app (seeds loaded, like a new
user's first start), in README order. When a ```json block follows the bash block, the
last response must contain what it shows: objects may have more keys than shown, lists
more items, and the string "..." matches anything.
Every `python -m timeline` line runs through the CLI and must exit 0.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from timeline import create_app
from timeline.__main__ import cli

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def readme_examples() -> list[tuple[str, list[str], object]]:
    """(kind, commands, expected json or None) per bash block of the README."""
    blocks = BLOCK.findall((ROOT / "README.md").read_text())
    examples = []
    for i, (lang, body) in enumerate(blocks):
        if lang != "bash":
            continue
        commands = [line for line in _logical_lines(body) if line.startswith(("curl ", "python -m timeline"))]
        if not commands:
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else ("", "")
        expected = orjson.loads(following[1]) if following[0] == "json" else None
        examples.append((commands, expected))
    return examples


def _logical_lines(body: str) -> list[str]:
    return [line.strip() for line in body.replace("\\\n", " ").splitlines() if line.strip()]


def contains(actual, expected) -> bool:
    if expected == "...":
        return True
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v)
                                                for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) >= len(expected) and all(
            contains(a, e) for a, e in zip(actual, expected, strict=False))
    return actual == expected


def run_curl(client, command: str):
    args = shlex.split(command)[1:]
    method, data, headers, url = "GET", None, {}, None
    it = iter(args)
    for arg in it:
        if arg in ("-X", "--request"):
            method = next(it)
        elif arg in ("-d", "--data", "--data-binary"):
            data = next(it)
            method = "POST" if method == "GET" else method
        elif arg in ("-H", "--header"):
            name, _, value = next(it).partition(":")
            headers[name.strip()] = value.strip()
        elif arg.startswith("-"):
            continue
        else:
            url = arg
    assert url and url.startswith("http://127.0.0.1:5000/"), command
    body = (ROOT / data[1:]).read_bytes() if data and data.startswith("@") else (data or "").encode()
    return client.open(url.removeprefix("http://127.0.0.1:5000"), method=method, data=body or None,
                       headers=headers, buffered=True)


@pytest.fixture(scope="module")
def readme_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("readme") / "timeline.db"
    return create_app({"TESTING": True, "DATABASE": str(path)})


EXAMPLES = readme_examples()


def test_readme_has_examples():
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_readme_example(readme_app, index):
    commands, expected = EXAMPLES[index]
    client = readme_app.test_client()
    response = None
    for command in commands:
        if command.startswith("curl "):
            response = run_curl(client, command)
            assert response.status_code < 500, (command, response.data)
            last = response.get_json(silent=True) if response.mimetype == "application/json" else None
        else:
            result = CliRunner().invoke(cli, shlex.split(command)[3:] + _db(command, readme_app))
            assert result.exit_code == 0, (command, result.output)
            last = orjson.loads(result.output) if expected is not None else None
    if expected is not None:
        assert contains(last, expected), (commands[-1], last)


def _db(command: str, app) -> list[str]:
    name = shlex.split(command)[3]
    return ["--database", app.config["DATABASE"]] if name in {"load", "export"} else []
