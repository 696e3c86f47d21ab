"""Every `curl` example of the README, run in the README's order against an app seeded as
`make seed` seeds it (issue 19, item 8): each answers a success and something, never `[]`.

The commands are read from README.md itself, so an example that is edited, added or made
stale is checked as written: `$B` is the API's base, `$TOKEN` a write token, other shell
variables are empty, output redirections are dropped.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from api.db import db
from tests.conftest import BACKENDS, fresh_database, own_app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def examples() -> list[tuple[int, str]]:
    """(line, command) of every curl command on the API (`$B/...`), continuations joined."""
    lines = README.read_text(encoding="utf-8").splitlines()
    out, i = [], 0
    while i < len(lines):
        number, command = i + 1, lines[i]
        while command.rstrip().endswith("\\"):
            i += 1
            command = command.rstrip()[:-1] + " " + lines[i].strip()
        if re.match(r"\s*curl\s", command) and '"$B/' in command:
            out.append((number, command.strip()))
        i += 1
    return out


def request_of(command: str, token: str) -> dict:
    """The test client's arguments for a curl command line."""
    words = shlex.split(command, comments=True)
    words = words[: words.index(">")] if ">" in words else words
    args = {"method": "GET", "headers": {}}
    it = iter(words[1:])
    for word in it:
        if word in ("-s", "--silent"):
            continue
        if word == "-D":
            next(it)  # a file for the headers: the test reads them from the response
        elif word == "-X":
            args["method"] = next(it)
        elif word == "-H":
            name, _, value = next(it).partition(":")
            args["headers"][name.strip()] = value.strip().replace("$TOKEN", token)
        elif word in ("-d", "--data-binary"):
            data = next(it)
            args["data"] = (ROOT / data[1:]).read_bytes() if data.startswith("@") else data
        elif word.startswith("$B/"):
            args["path"] = "/api/v1/" + re.sub(r"\$\w+", "", word.removeprefix("$B/"))
        else:
            raise AssertionError(f"an option this test does not know: {word!r} in {command}")
    return args


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    """An app of its own, seeded as `make seed` does (`flask --app api ingest seeds/`)."""
    url = fresh_database(request.param, tmp_path_factory.mktemp("readme"), "readme")
    app, token = own_app(url, "readme")
    # The Makefile's own command line, so the ids the README names are the ones it makes.
    seed = re.search(r"^seed:.*\n\t\$\(BIN\)/flask --app api (.+)$", MAKEFILE, re.M).group(1)
    result = app.test_cli_runner().invoke(args=shlex.split(seed))
    assert result.exit_code == 0, result.output
    yield app, token
    app.extensions["ingest_queue"].drain()
    with app.app_context():
        db.engine.dispose()


MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_readme_has_examples_of_every_collection():
    paths = " ".join(command for _, command in examples())
    for collection in ("documents", "actors", "events", "quotes", "stats", "deletions"):
        assert f"$B/{collection}" in paths, collection
    assert len(examples()) >= 30


def test_every_readme_example_answers_something(seeded):
    app, token = seeded
    client = app.test_client()
    empty = []
    for line, command in examples():
        args = request_of(command, token)
        resp = client.open(args.pop("path"), **args)
        body = resp.get_data()
        if resp.status_code == 204 and args["method"] == "DELETE":
            continue  # a deletion answers nothing, by design
        parsed = json.loads(body) if resp.mimetype == "application/json" else body
        if resp.status_code >= 300 or parsed in ([], {}, b"", None):
            empty.append(f"README line {line}: {resp.status_code} {body[:200]!r} <- {command}")
    assert not empty, "\n".join(empty)
