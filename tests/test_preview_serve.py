"""`mkdocs serve --dirty` as an editor runs it: a saved edit reaches the served page, noticed from the
system's file events (generator/mkdocs_adapter/watching.py) rather than by polling every file."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import REPO

QUOTE = "quotes/esper-no-decision-to-leave-iraq-period"


def _page(url: str, wanted: str | None, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if wanted is None or wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.1)
    return None


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation...")


def test_a_saved_edit_reaches_the_served_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    config = REPO / f".mkdocs-test-serve-{tmp_path.name}.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("content: content", f"content: {content}").replace("  - content\n",
                                                                                      f"  - {content}\n"),
                      encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
                                   "-a", f"127.0.0.1:{port}"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/{QUOTE}/"
        assert _page(url, None, 120), log.read_text()
        source = Path(content / f"{QUOTE}.yaml")
        edited = source.read_text(encoding="utf-8").replace("context: >\n", "context: >\n  Edited in the preview.\n", 1)
        source.write_text(edited, encoding="utf-8")
        assert _page(url, "Edited in the preview.", 60), log.read_text()
        # then the server is quiet: a build reads the watched files, which must not start another
        settled = _builds(log)
        time.sleep(4)
        assert _builds(log) == settled, log.read_text()
    finally:
        server.terminate()
        server.wait(30)
        config.unlink()
    observer = "InotifyObserver" if sys.platform == "linux" else ""
    assert f"preview: the system's file events ({observer}" in log.read_text()
