"""The API as a frontend on another origin uses it (issue 24), in headless Chromium driven by
Playwright (Debian's `chromium` through `executable_path`: Playwright's own browsers cannot be
downloaded here). A page served from another origin ingests the hostile briefs with a
token, searches them, renders every snippet with innerHTML, and finds that no dialog opened, no
script ran and each snippet reads as the brief's text; it creates and deletes a document under
the default CORS policy, and is refused both by a service whose allow-list leaves it out."""

from __future__ import annotations

import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.server import flask, start
from tests.conftest import BACKENDS
from tests.contract.conftest import service_env
from tests.hostile_briefs import MARKUP, TERMS, text_of

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("REQUIRE_BROWSER is set but chromium is not installed")
pytestmark = pytest.mark.skipif(
    not CHROMIUM, reason="no chromium here: the browser tests did not run (.ci/run installs it)"
)

ELSEWHERE = "http://allowed.example"
# No favicon request: a 404 for it would be a console error.
HTML = b'<!doctype html><link rel="icon" href="data:,"><title>frontend</title><body>'


class Frontend(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(HTML)))
        self.end_headers()
        self.wfile.write(HTML)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def frontend():
    """The page's origin: a server of its own on loopback, like the service (Chromium lets a
    page reach the loopback address space only from there; a routed page counts as public)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Frontend)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", params=BACKENDS)
def services(request, tmp_path_factory):
    """(default-policy base, allow-list base, write token): two services on one database,
    the second with CORS_ORIGINS naming another origin than the page's."""
    tmp = tmp_path_factory.mktemp("browser")
    env = service_env(request.param, tmp, "browser")
    flask(env, "db", "upgrade")
    token = flask(env, "tokens", "create", "browser").strip()
    servers = []
    try:
        for extra in ({}, {"CORS_ORIGINS": ELSEWHERE}):
            log = open(tmp / f"server{len(servers)}.log", "w")  # noqa: SIM115 - closed below
            proc, base = start(
                "api:create_app()", {**env, **extra}, ready="/readyz", log=log, workers=1
            )
            servers.append((proc, base, log))
        yield servers[0][1], servers[1][1], token
    finally:
        for proc, _, log in servers:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, origin: str):
    """A page on the second origin, and the console errors and dialogs it gives rise to."""
    page = browser.new_page()
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(f"{origin}/")
    return page, errors, dialogs


INGEST_AND_RENDER = """async ({base, token, briefs, terms}) => {
  const auth = {Authorization: `Bearer ${token}`, "Content-Type": "application/json"};
  for (const text of briefs) {
    const r = await fetch(`${base}/api/v1/documents`, {method: "POST", headers: auth,
                                                      body: JSON.stringify({text})});
    if (r.status !== 201 && r.status !== 200) throw new Error(`ingest ${r.status}`);
  }
  const shown = [];
  for (const path of ["documents", "quotes", "events"]) {
    for (const q of terms) {
      const r = await fetch(`${base}/api/v1/${path}?q=${encodeURIComponent(q)}`);
      for (const item of await r.json()) {
        if (!item.search) continue;
        const div = document.createElement("div");
        div.innerHTML = item.search.snippet;
        document.body.appendChild(div);
        shown.push({path, q, text: div.textContent, plain: item.search.snippet_text,
                    tags: [...div.querySelectorAll("*")].map((e) => e.tagName),
                    marked: [...div.querySelectorAll("mark")].map((e) => e.textContent)});
      }
    }
  }
  await new Promise((done) => setTimeout(done, 500));  // time for any onerror to fire
  return {shown, pwned: window.__pwned ?? null};
}"""

CREATE_AND_DELETE = """async ({base, token}) => {
  const auth = {Authorization: `Bearer ${token}`};
  const made = await fetch(`${base}/api/v1/documents`, {method: "POST",
    headers: {...auth, "Content-Type": "application/json"},
    body: JSON.stringify({text: "Cross-origin brief\\n\\nRussia met Ukraine on Monday."})});
  const location = made.headers.get("Location");
  const gone = await fetch(`${base}${location}`, {method: "DELETE", headers: auth});
  return {created: made.status, location, deleted: gone.status,
          type: gone.headers.get("Content-Type")};
}"""

REFUSED = """async ({base, token, id}) => {
  const tries = {
    create: () => fetch(`${base}/api/v1/documents`, {method: "POST",
      headers: {Authorization: `Bearer ${token}`, "Content-Type": "application/json"},
      body: JSON.stringify({text: "Refused brief\\n\\nRussia met Ukraine."})}),
    delete: () => fetch(`${base}/api/v1/documents/${id}`, {method: "DELETE",
      headers: {Authorization: `Bearer ${token}`}}),
    read: () => fetch(`${base}/api/v1/documents/${id}`),
  };
  const out = {};
  for (const [name, attempt] of Object.entries(tries)) {
    try { out[name] = (await attempt()).status; } catch (e) { out[name] = e.name; }
  }
  return out;
}"""


def _get(url: str, **headers) -> tuple[int, dict]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def test_a_page_on_another_origin_renders_hostile_snippets_inertly(services, browser, frontend):
    base, _, token = services
    page, errors, dialogs = open_page(browser, frontend)
    briefs = [text_of(title, body) for title, body in MARKUP]
    result = page.evaluate(
        INGEST_AND_RENDER, {"base": base, "token": token, "briefs": briefs, "terms": TERMS}
    )
    shown = result["shown"]
    assert {s["path"] for s in shown} >= {"documents", "quotes"}, shown
    assert {s["q"] for s in shown if s["path"] == "documents"} == set(TERMS)
    for s in shown:
        assert set(s["tags"]) <= {"MARK"} and s["marked"], s
        assert s["text"] == s["plain"], s  # what the page shows is the plain snippet
        assert any(s["plain"].strip("…") in brief for brief in briefs), s  # the brief's text
    assert result["pwned"] is None and dialogs == []
    assert errors == []
    page.close()


def test_writes_cross_origin_follow_the_policy(services, browser, frontend):
    base, listed, token = services
    page, errors, _ = open_page(browser, frontend)
    done = page.evaluate(CREATE_AND_DELETE, {"base": base, "token": token})
    assert (done["created"], done["deleted"], done["type"]) == (201, 204, None), done
    assert _get(f"{base}{done['location']}")[0] == 404
    assert errors == []
    page.close()

    # A document to delete, made without a browser; the allow-list service refuses the page.
    body = json.dumps({"text": "Kept brief\n\nRussia met Ukraine in Minsk."}).encode()
    req = urllib.request.Request(
        f"{base}/api/v1/documents",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        kept = json.load(resp)["id"]
    before = _get(f"{base}/api/v1/documents")[1]
    page, _, _ = open_page(browser, frontend)  # console errors here: the refusals
    refused = page.evaluate(REFUSED, {"base": listed, "token": token, "id": kept})
    # The browser sees no answer it may read (the preflight, or the read itself, is refused).
    assert refused == {"create": "TypeError", "delete": "TypeError", "read": "TypeError"}
    page.close()
    assert _get(f"{base}/api/v1/documents")[1] == before  # nothing created, nothing deleted
    # ... and it is the server that refuses, not only the browser: a 403 problem.
    status, problem = _get(f"{listed}/api/v1/documents/{kept}", Origin=frontend)
    assert status == 403 and problem["status"] == 403 and frontend in problem["detail"]
    status, _ = _get(f"{listed}/api/v1/documents/{kept}", Origin=ELSEWHERE)
    assert status == 200
