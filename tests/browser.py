"""Real Chromium for tests and screenshots: serve a built site under a sub-path and open it.

Playwright drives Debian's Chromium (`playwright install` cannot download browsers here).
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PREFIX = "/archive/"
REPO = Path(__file__).resolve().parent.parent


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX, like GitHub project pages; 404.html elsewhere."""

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path, port: int = 0) -> Iterator[str]:
    """Serve `site_dir` at http://127.0.0.1:PORT/archive/ in a thread; yields that base URL."""
    handler = functools.partial(_SubPathHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def preview_of(content_dir: Path, log: Path, name: str, env: dict | None = None) -> Iterator[str]:
    """`mkdocs serve --dirty` (the preview `make serve` runs) of this repository's mkdocs.yml on
    `content_dir`, its output in `log`; yields the server's base URL. The configuration is written
    beside mkdocs.yml, whose paths are relative to it, as `.mkdocs-NAME.yml`, and removed after."""
    config = REPO / f".mkdocs-{name}.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("content: content", f"content: {content_dir}")
                      .replace("  - content\n", f"  - {content_dir}\n"), encoding="utf-8")
    port = free_port()
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
                                   "-a", f"127.0.0.1:{port}"], cwd=REPO, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(30)
        config.unlink()


def page_showing(url: str, text: str | None = None, timeout: float = 60) -> str | None:
    """The page at `url` as soon as it is served (and holds `text`, if given); None after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if text is None or text in body:
                return body
        except OSError:
            pass
        time.sleep(0.05)
    return None


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def serve_built(content_dir: Path, site_dir: Path) -> Iterator[str]:
    """Build `content_dir` into `site_dir` for the address it is then served at (`site_url`
    http://127.0.0.1:PORT/archive/, as GitHub Pages serves a project site); yields that URL."""
    import os

    from site_helpers import build

    port = free_port()
    saved = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        build(content_dir, site_dir)
    finally:
        if saved is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = saved
    with serve(site_dir, port) as url:
        yield url
