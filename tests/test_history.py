"""A record's public history from git: first published, each change, the fields that changed."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import LETTER_STORY, REPO, commit, git_archive, write_tree


@pytest.fixture
def repo(tmp_path):
    """An archive whose content was committed on fixed days: added, then a context, then a new tag."""
    root = tmp_path / "archive"
    git_archive(root, LETTER_STORY, "title: Test archive\nrepository: https://example.org/o/r/\n")
    commit(root, "Add the letter and Esper's words", "2026-01-05")
    quote = root / "content/quotes/period.yaml"
    quote.write_text(quote.read_text(encoding="utf-8") + "context: Via Breaking Defense.\n", encoding="utf-8")
    commit(root, "Context for <script>alert(1)</script> & co", "2026-02-10")
    (root / "content/people/mark-esper.yaml").write_text("name: Mark Esper\n# a comment only\n", encoding="utf-8")
    commit(root, "A comment, no field changed", "2026-03-01")
    return root


def _build(root, site):
    from generator.mkdocs_adapter import build_site

    build_site(root / "mkdocs.yml", site, root / "content")
    return site


def test_a_record_page_shows_when_it_was_published_and_each_change(repo):
    site = _build(repo, repo / "site")
    page = BeautifulSoup((site / "quotes/period/index.html").read_text("utf-8"), "html.parser")
    items = [" ".join(li.get_text(" ").split()) for li in page.select("ul.arc-history li")]
    assert items == ["5 January 2026 · first published · Add the letter and Esper's words",
                     "10 February 2026 · changed: context · Context for <script>alert(1)</script> & co"]
    assert page.select("ul.arc-history script") == []  # the subject is text
    links = [a["href"] for a in page.select("ul.arc-history a")]
    commits = subprocess.run(["git", "log", "--reverse", "--format=%H"], cwd=repo, capture_output=True,
                             text=True).stdout.split()
    assert links == [f"https://example.org/o/r/commit/{commits[0]}", f"https://example.org/o/r/commit/{commits[1]}"]
    # a change that touches no field (a comment) is not a change of the record
    person = BeautifulSoup((site / "people/mark-esper/index.html").read_text("utf-8"), "html.parser")
    assert len(person.select("ul.arc-history li")) == 1


def test_the_record_json_and_json_ld_carry_the_history(repo):
    site = _build(repo, repo / "site")
    document = json.loads((site / "quotes/period/index.json").read_text("utf-8"))
    assert [(c["day"], c["subject"], c["fields"]) for c in document["history"]] == [
        ("2026-01-05", "Add the letter and Esper's words", []),
        ("2026-02-10", "Context for <script>alert(1)</script> & co", ["context"])]
    page = BeautifulSoup((site / "quotes/period/index.html").read_text("utf-8"), "html.parser")
    graph = json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]
    [webpage] = [n for n in graph if n.get("@id", "").endswith("#webpage")]
    assert webpage["dateModified"] == "2026-02-10"


def test_the_same_history_builds_the_same_bytes_on_another_day(repo, monkeypatch):
    one = _build(repo, repo.parent / "one")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2100000000")
    two = _build(repo, repo.parent / "two")
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()] == []


def test_a_folder_without_git_builds_and_says_so_once(tmp_path, caplog):
    root = tmp_path / "plain"
    shutil.copytree(REPO / "site_config", root / "site_config")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_tree(root / "content", LETTER_STORY)
    with caplog.at_level("INFO"):
        site = _build(root, root / "site")
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("history:")] == [
        "history: not a git repository: pages show no history"]
    assert "arc-history" not in (site / "quotes/period/index.html").read_text("utf-8")


def test_a_shallow_clone_builds_and_says_where_its_history_starts(repo, tmp_path, caplog):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    with caplog.at_level("INFO"):
        site = _build(clone, clone / "site")
    assert "history: a shallow clone: each record's history starts at the oldest commit fetched" in [
        r.getMessage() for r in caplog.records]
    page = BeautifulSoup((site / "quotes/period/index.html").read_text("utf-8"), "html.parser")
    assert [" ".join(li.get_text(" ").split()) for li in page.select("ul.arc-history li")] == [
        "1 March 2026 · first published · A comment, no field changed"]


def test_reading_the_history_costs_two_processes_whatever_the_size(repo, monkeypatch):
    from generator.core import history

    calls = []
    real = subprocess.run
    monkeypatch.setattr(history.subprocess, "run", lambda args, **kw: calls.append(args[3]) or real(args, **kw))
    found = history.read_history(repo, repo / "content")
    assert calls == ["rev-parse", "log", "cat-file"] and len(found.changes) == 4
