"""Golden pages: the exact files the core hands to any builder (reviewable diffs).

Each is a Markdown file of front matter (title, description) and the page's HTML
body, which every MkDocs-compatible builder passes through untouched.

After an intended change: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os

import pytest

from generator.core.archive import load_or_raise
from generator.core.settings import load_settings
from generator.render.pages import render_site

from conftest import REPO, run

GOLDEN = REPO / "tests/golden"
PAGES = [
    "people/mark-esper.md",
    "articles/breitbart-letter-coalition-to-withdraw-from-iraq.md",
    "quotes/seely-letter-opening-daily-caller.md",
    "events/coalition-repositioning-letter.md",
    "organizations/breitbart-news.md",
    "updates/breitbart-update-1.md",
    "corrections/daily-caller-quads-force-misspelling.md",  # an editor's note
    "corrections/coalition-letter-disputed-by-esper.md",  # a third party's dispute
    "quotes/milley-letter-draft.md",  # excerpts of the same remarks
    "corrections.md",
    "people.md",
]


@pytest.fixture(scope="module")
def pages(seed_pages):
    return {uri: page.markdown for uri, page in seed_pages[1].items()}


@pytest.mark.parametrize("uri", PAGES)
def test_page_markdown_matches_golden(pages, uri):
    golden = GOLDEN / uri
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[uri], encoding="utf-8")
    assert pages[uri] == golden.read_text(encoding="utf-8")


OUTLET_CORRECTION = """
--- organizations/gazette.yaml
name: The Gazette
kind: outlet
--- articles/story.yaml
headline: Council approves budget
outlet: gazette
published: 2024-03-01T09:00:00+01:00
--- corrections/story-amount.yaml
target: story
issuer: outlet
kind: correction
at: 2024-03-02
text_format: plain
text: |
  An earlier version of this article misstated the budget.
  It is €2.1m, not €21m.
"""


def test_an_outlets_correction_matches_golden(tmp_path):
    from conftest import write_tree

    settings = load_settings(REPO / "site_config/archive.yml")
    content = write_tree(tmp_path / "content", OUTLET_CORRECTION)
    _, pages = render_site(load_or_raise(content, settings), settings)
    by_uri = {p.uri: p.markdown for p in pages}
    for uri in ("corrections/story-amount.md", "articles/story.md"):
        golden = GOLDEN / "outlet-correction" / uri
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(by_uri[uri], encoding="utf-8")
        assert by_uri[uri] == golden.read_text(encoding="utf-8")


def test_pages_command_writes_the_same_markdown(tmp_path, monkeypatch, pages):
    """(In a copy outside git: pages then carry no history, which the goldens do not hold.)"""
    import shutil

    copy = tmp_path / "archive"
    for part in ("content", "site_config"):
        shutil.copytree(REPO / part, copy / part)
    shutil.copy(REPO / "mkdocs.yml", copy)
    monkeypatch.chdir(copy)
    tmp_path = tmp_path / "out"
    result = run("pages", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert result.output == f"wrote {len(pages)} pages to {tmp_path}\n"
    for uri in PAGES:
        assert (tmp_path / uri).read_text(encoding="utf-8") == pages[uri]
