"""`mkdocs serve --dirty` as an editor runs it: a saved edit reaches the served page, noticed from the
system's file events (generator/mkdocs_adapter/watching.py) rather than by polling every file."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from browser import page_showing, preview_of
from conftest import REPO

QUOTE = "quotes/esper-no-decision-to-leave-iraq-period"


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation...")


def test_a_saved_edit_reaches_the_served_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    log = tmp_path / "serve.log"
    with preview_of(content, log, f"test-serve-{tmp_path.name}") as base:
        url = f"{base}{QUOTE}/"
        assert page_showing(url, None, 120), log.read_text()
        source = Path(content / f"{QUOTE}.yaml")
        edited = source.read_text(encoding="utf-8").replace("context: >\n", "context: >\n  Edited in the preview.\n", 1)
        source.write_text(edited, encoding="utf-8")
        assert page_showing(url, "Edited in the preview.", 60), log.read_text()
        # then the server is quiet: a build reads the watched files, which must not start another
        settled = _builds(log)
        time.sleep(4)
        assert _builds(log) == settled, log.read_text()
    observer = "InotifyObserver" if sys.platform == "linux" else ""
    assert f"preview: the system's file events ({observer}" in log.read_text()
