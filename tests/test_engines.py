"""The archive's plugin under a second engine: ProperDocs, the maintained fork of MkDocs 1.6,
loads it through the same `mkdocs.plugins` entry point and builds the same pages."""

from __future__ import annotations

import os
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import REPO


def _bodies(site) -> dict[str, str]:
    """Every page's record content (the theme's chrome aside), by path."""
    bodies = {}
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        bodies[page.relative_to(site).as_posix()] = str(article) if article else ""
    return bodies


def test_properdocs_builds_the_seed_with_the_same_plugin_and_page_bodies(tmp_path, seed_site, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)  # the same address as the seed build
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(tmp_path / "properdocs")], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    mkdocs = seed_site
    assert result.returncode == 0, result.stderr
    assert "search: indexed 62 records with Pagefind" in result.stderr  # our plugin ran, search included
    ours, theirs = _bodies(mkdocs), _bodies(tmp_path / "properdocs")
    assert len(ours) > 80 and ours.keys() == theirs.keys()
    assert [page for page in ours if ours[page] != theirs[page]] == []
    for output in ("data/archive.jsonl.gz", "data/archive.sqlite.gz", "feed.xml", "events.ics", "sitemap.xml", "urls.txt"):
        assert (tmp_path / "properdocs" / output).read_bytes() == (mkdocs / output).read_bytes(), output
