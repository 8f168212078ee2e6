"""`links` against a local server: live, moved, gone, slow and changed pages, and a fake Save Page Now.

Nothing leaves the machine: every source URL and the Save Page Now endpoint are 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from generator.review import link_state, wayback

from conftest import MINIMAL, check, run


class Handler(BaseHTTPRequestHandler):
    pages = {"/live": "<html><script>var t = 1;</script><p>The  letter</p></html>"}
    saves: list[str] = []
    slow_down = False

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: str = "", headers: dict | None = None,
              kind: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/moved":
            self._send(301, headers={"Location": "/live"})
        elif self.path == "/gone":
            self._send(410, "gone")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "<p>late</p>")
        elif self.path.startswith("/save/status/"):
            url = self.path.removeprefix("/save/status/job-")
            self._send(200, json.dumps({"status": "success", "timestamp": "20261205173000",
                                        "original_url": f"http://127.0.0.1:{self.server.server_port}/{url}"}),
                       kind="application/json")
        elif self.path in self.pages:
            self._send(200, self.pages[self.path])
        else:
            self._send(404, "no")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        url = parse_qs(self.rfile.read(length).decode())["url"][0]
        if Handler.slow_down:
            self._send(429, "slow down")
            return
        Handler.saves.append(url)
        self._send(200, json.dumps({"url": url, "job_id": "job-" + url.rsplit("/", 1)[1]}), kind="application/json")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the slow page's client has gone when it answers: not news


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.saves, Handler.slow_down = [], False
    Handler.pages = {"/live": "<html><script>var t = 1;</script><p>The  letter</p></html>"}
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def sources(content, server, monkeypatch):
    monkeypatch.setattr(wayback, "SAVE_EVERY", 0.0)
    monkeypatch.setattr(wayback, "POLL_EVERY", 0.0)
    monkeypatch.delenv("WAYBACK_SAVE_URL", raising=False)
    spec = MINIMAL
    for name in ("live", "moved", "gone", "slow"):
        spec += f"""
--- articles/{name}.yaml
headline: The {name} one
outlet: daily-caller
published: 2020-01-06
url: {server}/{name}
"""
    spec += f"""
--- corrections/fix.yaml
target: live
at: 2020-01-07
text: Fixed.
source: {server}/live
archived:
  - url: https://web.archive.org/web/20200107120000/{server}/live
    captured: 2020-01-07T12:00:00Z
"""
    content(spec)
    return server


def links(*args: str) -> tuple[int, list[str]]:
    result = run("links", "--timeout", "0.5", *args)
    return result.exit_code, result.output.splitlines()


def test_links_reports_dead_moved_and_slow_ones_with_file_and_line_and_plans_the_captures(sources):
    code, lines = links()
    assert code == 1
    assert lines == [
        f"content/articles/gone.yaml:4:6: url: dead (410 Gone): {sources}/gone",
        f"content/articles/moved.yaml:4:6: url: moved (301 Moved Permanently) to {sources}/live: {sources}/moved",
        f"content/articles/slow.yaml:4:6: url: dead: no answer within 0.5 s: {sources}/slow",
        f"content/articles/live.yaml:4:6: url: no archived copy; Save Page Now: POST https://web.archive.org/save "
        f"url={sources}/live",
        f"content/articles/moved.yaml:4:6: url: no archived copy; Save Page Now: POST https://web.archive.org/save "
        f"url={sources}/moved",
        "4 source links checked: 2 live (1 moved, 0 changed), 2 dead; 4 with no archived copy.",
    ]
    state = json.loads(open("site_config/links.json").read())
    assert sorted(state) == [f"{sources}/live", f"{sources}/moved"]
    assert state[f"{sources}/moved"]["final_url"] == f"{sources}/live"


def test_a_page_whose_text_changed_since_the_last_run_is_reported(sources):
    links()
    Handler.pages["/live"] = "<html><script>var t = 2;</script>\n<p>The letter</p>  </html>"  # same text
    assert not any("changed" in line for line in links()[1][:-1])
    Handler.pages["/live"] = "<p>The letter, edited</p>"
    lines = links()[1]
    assert f"content/articles/live.yaml:4:6: url: changed since the last run (its text differs): {sources}/live" \
        in lines
    assert f"content/corrections/fix.yaml:4:9: source: changed since the last run (its text differs): " \
           f"{sources}/live" in lines
    # the moved link ends at the same page: it changed too
    assert f"content/articles/moved.yaml:4:6: url: changed since the last run (its text differs): {sources}/moved" \
        in lines
    assert lines[-1] == "4 source links checked: 2 live (1 moved, 2 changed), 2 dead; 4 with no archived copy."


def test_save_write_adds_the_captures_and_leaves_every_other_byte(sources, monkeypatch):
    monkeypatch.setenv("WAYBACK_SAVE_URL", f"{sources}/save")
    before = open("content/articles/live.yaml", "rb").read()
    code, lines = links("--save", "--write")
    assert code == 1  # two links are still dead
    assert Handler.saves == [f"{sources}/live", f"{sources}/moved"]
    copy = f"https://web.archive.org/web/20261205173000/{sources}/live"
    assert f"content/articles/live.yaml:4:6: url: saved {copy} (captured 2026-12-05T17:30:00Z); added to " \
           "content/articles/live.yaml" in lines
    assert f"content/articles/moved.yaml:4:6: url: saved https://web.archive.org/web/20261205173000/{sources}/moved " \
           "(captured 2026-12-05T17:30:00Z); added to content/articles/moved.yaml" in lines
    after = open("content/articles/live.yaml", "rb").read()
    assert after == before + f'archived:\n  - url: "{copy}"\n    captured: 2026-12-05T17:30:00Z\n'.encode()
    assert check() == (0, ["9 records checked, no problems."])
    # saved sources are not planned again
    assert not any(line.startswith("content/articles/live.yaml") and "Save Page Now" in line for line in links()[1])


def test_save_without_write_changes_no_file_and_a_429_stops_the_run(sources, monkeypatch):
    monkeypatch.setenv("WAYBACK_SAVE_URL", f"{sources}/save")
    before = open("content/articles/live.yaml", "rb").read()
    lines = links("--save")[1]
    assert any(line.endswith("; not written: without --write") for line in lines)
    assert open("content/articles/live.yaml", "rb").read() == before
    Handler.slow_down = True
    result = run("links", "--timeout", "0.5", "--save")
    assert "links: the Wayback Machine asks to slow down (429); 2 sources not saved: run again later" in result.output


def test_save_to_the_wayback_machine_needs_keys(sources, monkeypatch):
    for name in wayback.KEY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    result = run("links", "--timeout", "0.5", "--save")
    assert ("links: --save needs an archive.org account's S3 keys in WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY "
            "(archive.org → your account → S3 API keys); the requests to make are listed above") in result.output
    assert Handler.saves == []


def test_write_needs_save(sources):
    result = run("links", "--write")
    assert result.exit_code == 2 and "--write adds the captures --save makes: give both" in result.output


@pytest.mark.parametrize("ending", [b"", b"\n# a last comment\n", b"\r\n"])
def test_a_capture_is_appended_after_whatever_the_file_ends_with(tmp_path, ending):
    path = tmp_path / "a.yaml"
    text = b"headline: A\r\nurl: https://example.org/a" if ending == b"\r\n" else b"headline: A\nurl: https://example.org/a"
    path.write_bytes(text + ending)
    capture = wayback.Capture("https://example.org/a", "20200106210900", "https://example.org/a")
    assert wayback.add_copy(path, capture) is None
    written = path.read_bytes()
    assert written.startswith(text + ending)
    assert written.endswith(b"    captured: 2020-01-06T21:09:00Z" + (b"\r\n" if ending == b"\r\n" else b"\n"))


@pytest.mark.parametrize("text", ["headline: A\narchived: []\n", "{headline: A}\n...\n", "- a\n"])
def test_a_file_that_appending_would_not_fit_is_left_alone(tmp_path, text):
    path = tmp_path / "a.yaml"
    path.write_text(text)
    capture = wayback.Capture("https://example.org/a", "20200106210900", "https://example.org/a")
    assert wayback.add_copy(path, capture) is not None
    assert path.read_text() == text


def test_the_text_hash_ignores_markup_scripts_and_spacing():
    one = link_state.text_hash(b"<p>The <b>letter</b></p><script>x()</script>", "text/html", "utf-8")
    two = link_state.text_hash(b"<div>The\n letter</div><style>p{}</style>", "text/html; charset=utf-8", None)
    assert one == two != link_state.text_hash(b"<p>The letters</p>", "text/html", "utf-8")


@pytest.mark.parametrize("original,why", [
    ("https://example.org/a\n<script>alert(1)</script>",
     "Save Page Now answered a capture the archive would refuse: 'https://web.archive.org/web/20200106210900/"
     "https://example.org/a\\n<script>alert(1)</script>' is not a web address: a line break is not allowed in a "
     "URL; write it percent-encoded (%0A)"),
    ("https://example.org/\u202ea", "Save Page Now answered a capture the archive would refuse: 'https://web.archive"
     ".org/web/20200106210900/https://example.org/\\u202ea' is not a web address: the character U+202E is not "
     "allowed in a URL; write it percent-encoded (%E2%80%AE)"),
    ("https://example.org/../b", "the Wayback Machine captured 'https://example.org/../b', not this page (it "
     "redirects there)"),
])
def test_a_hostile_answer_from_save_page_now_is_never_written(original, why):
    capture = wayback.Capture("https://example.org/a", "20200106210900", original)
    assert wayback.captured_problem(capture, "https://example.org/a") == why
