"""Shared test helpers: inline content trees and running the CLI in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


# Fixtures that open Chromium: a test using any of them is marked `browser`, so that
# `pytest -m "not browser"` runs everything else (about a minute).
BROWSER_FIXTURES = {"browser", "scheme_page"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed archive, built once for the whole session at mkdocs.yml's site_url. Read it only."""
    from site_helpers import build

    root = tmp_path_factory.mktemp("seed") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SITE_URL", raising=False)
        build(REPO / "content", root)
    return root


@pytest.fixture(scope="session")
def seed_served(tmp_path_factory):
    """The seed archive built once for the session for the address it is served at,
    http://127.0.0.1:PORT/archive/ (as GitHub Pages serves a project site), and served there
    until the session ends; yields (base URL, site folder). Read it only."""
    from browser import serve_built

    root = tmp_path_factory.mktemp("seed-served") / "site"
    with serve_built(REPO / "content", root) as url:
        yield url, root


@pytest.fixture(scope="session")
def seed_pages():
    """The seed archive's pages as the core renders them (no MkDocs): (Site, {uri: Page})."""
    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings
    from generator.render.pages import render_site

    settings = load_settings(REPO / "site_config/archive.yml")
    site, pages = render_site(load_or_raise(REPO / "content", settings), settings, REPO / "site_config/templates")
    return site, {p.uri: p for p in pages}


def write_tree(root: Path, spec: str) -> Path:
    """Write files from one string: each file starts with a line '--- path'.

    Lines are written as given (text, UTF-8); use write_bytes for raw bytes.
    """
    current: Path | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            current.parent.mkdir(parents=True, exist_ok=True)
            current.write_text("\n".join(lines).strip("\n") + "\n", encoding="utf-8")

    for line in spec.strip("\n").splitlines():
        if line.startswith("--- ") and line.endswith((".yaml", ".yml", ".md", ".txt")):
            flush()
            current, lines = root / line[4:].strip(), []
        else:
            lines.append(line)
    flush()
    return root


SETTINGS = "title: Test archive\n"

# a small story: a person quoted in an outlet's article
LETTER_STORY = """
--- people/mark-esper.yaml
name: Mark Esper
--- organizations/outlet.yaml
name: The Outlet
kind: outlet
--- articles/letter.yaml
headline: Letter contradicted
outlet: outlet
published: 2020-01-06
--- quotes/period.yaml
text: "There’s been no decision to leave Iraq. Period."
speaker: mark-esper
article: letter
"""


def git_archive(root: Path, spec: str, settings: str = SETTINGS) -> Path:
    """An archive in a new git repository at `root`: the shipped theme files and mkdocs.yml, these
    settings and the content tree `spec` (nothing committed yet: see commit)."""
    shutil.copytree(REPO / "site_config", root / "site_config")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site_config/archive.yml").write_text(settings, encoding="utf-8")
    write_tree(root / "content", spec)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def commit(root: Path, message: str, day: str = "2026-01-05") -> None:
    """Commit everything in `root` as one editor on a fixed day (histories never depend on the clock)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "e@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-qm", message], cwd=root, check=True, env=env)


def make_archive(root: Path) -> Path:
    """Make `root` an archive's root: mkdocs.yml and the settings file (no default time zone)."""
    (root / "site_config").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Test archive\n", encoding="utf-8")
    (root / "site_config/archive.yml").write_text(SETTINGS, encoding="utf-8")
    return root


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A function writing an inline tree under tmp_path/content (tmp_path is an archive's root, and
    the working directory) and returning its path."""
    make_archive(tmp_path)
    monkeypatch.chdir(tmp_path)

    def make(spec: str = "") -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        return write_tree(root, spec)

    return make


def run(*args: str):
    """Run the CLI in-process; returns click's Result (exit_code, output)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check(*args: str) -> tuple[int, list[str]]:
    result = run("check", *args)
    return result.exit_code, result.output.splitlines()


MINIMAL = """
--- people/mark-esper.yaml
name: Mark Esper
--- organizations/daily-caller.yaml
name: The Daily Caller
kind: outlet
--- articles/dc-letter.yaml
headline: Letter contradicted
outlet: daily-caller
published: 2020-01-06
--- events/the-letter.yaml
title: The letter
date: 2020-01-06
"""


# tags, entities, quotes, runs of white space, a bidi override, `..`, the markers' own characters, an <h1>
HOSTILE = ("</title><script>alert(1)</script> {{ 7*7 }} & &amp; \"q\" 'a' <b>  two  spaces "
           "\u202eevil\u202c ../.. \ue000\ue0011\ue001 <h1>")


def hostile_tree(root: Path) -> Path:
    """Three records of each kind whose texts are hostile, so that each kind makes shapes of several pages."""
    records = {}
    for n in range(3):
        records |= {
            f"organizations/outlet-{n}": {"name": f"Outlet {n} {HOSTILE}", "kind": "outlet",
                                          "summary": f"Summary\n\n{HOSTILE}"},
            f"people/person-{n}": {"name": f"Person {n} {HOSTILE}", "summary": f"Line one\nline  two {HOSTILE}"},
            f"events/event-{n}": {"title": f"Event {n} {HOSTILE}", "date": f"2020-01-0{n + 1}",
                                  "summary": HOSTILE, "people": [f"person-{n}"]},
            f"articles/article-{n}": {"headline": f"Headline {n} {HOSTILE}", "outlet": f"outlet-{n}",
                                      "published": f"2020-01-0{n + 2}", "people": [f"person-{n}"],
                                      "events": [f"event-{n}"], "body": f"Body\n\n{HOSTILE}"},
            f"quotes/quote-{n}": {"text": f"{HOSTILE} {n}", "speaker": f"person-{n}", "article": f"article-{n}",
                                  "context": HOSTILE},
            f"updates/update-{n}": {"article": f"article-{n}", "at": f"2020-01-0{n + 3}T10:00:00Z",
                                    "label": f"Update {HOSTILE}", "text": f"Text\n{HOSTILE}"},
            f"corrections/correction-{n}": {"target": f"article-{n}", "at": f"2020-01-0{n + 4}T10:00:00Z",
                                            "kind": "correction", "issuer": "outlet", "text": HOSTILE},
        }
    for name, data in records.items():
        path = root / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root
