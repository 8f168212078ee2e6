"""Golden pages: the exact files the core hands to any builder (reviewable diffs).

Each is a Markdown file of front matter (title, description) and the page's HTML
body, which every MkDocs-compatible builder passes through untouched.

After an intended change: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os

import pytest

from conftest import REPO, run
from generator.archive import load_or_raise
from generator.config import load_settings
from generator.pages import render_site

GOLDEN = REPO / "tests/golden"
PAGES = [
    "people/mark-esper.md",
    "articles/breitbart-letter-coalition-to-withdraw-from-iraq.md",
    "quotes/seely-letter-opening-daily-caller.md",
    "events/coalition-repositioning-letter.md",
    "organizations/breitbart-news.md",
    "updates/breitbart-update-1.md",
    "corrections/daily-caller-quads-force-misspelling.md",
    "corrections.md",
    "people.md",
]


@pytest.fixture(scope="module")
def pages():
    settings = load_settings(REPO / "site_config/archive.yml")
    _, pages = render_site(load_or_raise(REPO / "content", settings), settings, REPO / "site_config/templates")
    return {p.uri: p.markdown for p in pages}


@pytest.mark.parametrize("uri", PAGES)
def test_page_markdown_matches_golden(pages, uri):
    golden = GOLDEN / uri
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[uri], encoding="utf-8")
    assert pages[uri] == golden.read_text(encoding="utf-8")


def test_pages_command_writes_the_same_markdown(tmp_path, monkeypatch, pages):
    monkeypatch.chdir(REPO)
    result = run("pages", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert result.output == f"wrote {len(pages)} pages to {tmp_path}\n"
    for uri in PAGES:
        assert (tmp_path / uri).read_text(encoding="utf-8") == pages[uri]
