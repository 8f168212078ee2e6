"""A preview (`mkdocs serve --dirty`) rebuilds only what an edit touches, and equals a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.mkdocs_adapter import build_site

from conftest import REPO

EDITS = {
    "a quote's context": ("quotes/esper-no-decision-to-leave-iraq-period.yaml",
                          lambda text: text.replace("It does not say where", "It never says where")),
    "a person's name": ("people/mark-esper.yaml", lambda text: text.replace("name: Mark Esper", "name: Mark T. Esper")),
    "a new tag on an article": ("articles/breitbart-letter-coalition-to-withdraw-from-iraq.yaml",
                                lambda text: text.replace("tags:\n", "tags:\n  - Letters\n", 1)),
    "a quote's day": ("quotes/esper-no-decision-to-leave-iraq-period.yaml",
                      lambda text: text.replace("said: 2020-01-06", "said: 2020-01-05")),
    "a new quote": ("quotes/esper-repeats.yaml", lambda _: (
        'text: "We are not leaving."\nspeaker: mark-esper\n'
        "article: daily-caller-military-tells-iraq-preparing-to-move-out\nsaid: 2020-01-06\n"
        "events:\n  - esper-milley-deny-letter\n")),
}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _differences(one: Path, other: Path) -> list[str]:
    mine, theirs = _files(one), _files(other)
    return sorted(set(mine) ^ set(theirs)) + [name for name in mine if name in theirs and mine[name] != theirs[name]]


class Session:
    """A preview session as `mkdocs serve --dirty` runs it: one plugin, a build per change."""

    def __init__(self, root: Path):
        self.root, self.site_dir = root, root / "preview"
        self.plugin = None
        MkDocsConfig.plugins.plugin_cache.pop("archive", None)  # a new session: a new plugin

    def __del__(self):
        if self.plugin is not None:
            self.plugin.on_shutdown()

    def build(self) -> set[str]:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir), strict=True)
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["archive"]
        mkdocs_build(config, dirty=True)
        self.plugin.background.result()  # search and data outputs, written after the pages
        return set(self.plugin.preview.fresh)


@pytest.fixture
def archive(tmp_path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "site_config", tmp_path / "site_config")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_each_edit_rebuilds_a_few_pages_and_the_site_equals_a_full_build(archive):
    session = Session(archive)
    first = session.build()
    build_site(archive / "mkdocs.yml", archive / "full", archive / "content")
    assert _differences(session.site_dir, archive / "full") == []
    for number, (what, (name, edit)) in enumerate(EDITS.items()):
        path = archive / "content" / name
        path.write_text(edit(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")
        written = session.build()
        assert 0 < len(written) < len(first), what
        full = archive / f"full-{number}"
        build_site(archive / "mkdocs.yml", full, archive / "content")
        assert _differences(session.site_dir, full) == [], what


def test_with_short_pages_each_edit_still_equals_a_full_build(archive):
    """Two entries a page: people and organizations have several pages, whose count an edit changes for
    the records it touches and keeps (without working it out again) for the others."""
    settings = archive / "site_config/archive.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "page_size: 2\n", encoding="utf-8")
    session = Session(archive)
    session.build()
    assert (session.site_dir / "people/mark-esper/2/index.html").exists()
    for number, (what, (name, edit)) in enumerate(EDITS.items()):
        path = archive / "content" / name
        path.write_text(edit(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")
        session.build()
        full = archive / f"full-{number}"
        build_site(archive / "mkdocs.yml", full, archive / "content")
        assert _differences(session.site_dir, full) == [], what


def test_a_change_to_the_theme_rewrites_every_page(archive):
    """The pages' bodies stay the same; what the theme puts around them does not."""
    session = Session(archive)
    first = session.build()
    path = archive / "site_config/overrides/main.html"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", '{% block extrahead %}<meta name="x-edited" content="yes">', 1), encoding="utf-8")
    assert session.build() == first
    build_site(archive / "mkdocs.yml", archive / "full", archive / "content")
    assert _differences(session.site_dir, archive / "full") == []
    assert '<meta name="x-edited" content="yes">' in (session.site_dir / "people/mark-esper/index.html").read_text()


def test_the_sitemap_is_written_again_only_when_a_page_or_its_day_changes(archive):
    session = Session(archive)
    session.build()
    sitemap = session.site_dir / "sitemap.xml"
    written = sitemap.stat().st_mtime_ns
    name, edit = EDITS["a quote's context"]  # no page's day moves
    path = archive / "content" / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    session.build()
    assert sitemap.stat().st_mtime_ns == written
    name, edit = EDITS["a quote's day"]
    path = archive / "content" / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    session.build()
    assert sitemap.stat().st_mtime_ns != written
    build_site(archive / "mkdocs.yml", archive / "full", archive / "content")
    assert _differences(session.site_dir, archive / "full") == []


def test_an_edit_that_changes_nothing_shown_writes_no_page(archive):
    session = Session(archive)
    session.build()
    path = archive / "content/people/mark-esper.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert session.build() == set()


def test_a_template_change_rebuilds_every_page(archive):
    session = Session(archive)
    first = session.build()
    path = archive / "site_config/templates/_page.html.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert session.build() == first


def test_a_preview_with_a_problem_says_so_and_the_next_fix_builds(archive, caplog):
    from mkdocs.exceptions import Abort

    session = Session(archive)
    session.build()
    path = archive / "content/quotes/esper-no-decision-to-leave-iraq-period.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("speaker: mark-esper", "speaker: mark-espr"), encoding="utf-8")
    with pytest.raises(Abort):
        session.build()
    assert "speaker: unknown person or organization 'mark-espr' (did you mean 'mark-esper'?)" in caplog.text
    path.write_text(good.replace("It does not say", "It doesn't say"), encoding="utf-8")
    session.build()
    build_site(archive / "mkdocs.yml", archive / "full", archive / "content")
    assert _differences(session.site_dir, archive / "full") == []


def test_an_embargo_lifting_between_two_previews_shows_the_record_as_a_full_build_does(archive, monkeypatch):
    (archive / "content/quotes/esper-embargoed.yaml").write_text(
        'text: "Embargoed words."\nspeaker: mark-esper\nembargo_until: 2026-12-07T09:00:00Z\n', encoding="utf-8")
    monkeypatch.setenv("ARCHIVE_NOW", "2026-12-07T08:00:00Z")
    session = Session(archive)
    session.build()
    assert not (session.site_dir / "quotes/esper-embargoed").exists()
    monkeypatch.setenv("ARCHIVE_NOW", "2026-12-07T09:00:00Z")  # no file changed: the clock moved on
    session.build()
    build_site(archive / "mkdocs.yml", archive / "full", archive / "content")
    assert (session.site_dir / "quotes/esper-embargoed/index.html").exists()
    assert _differences(session.site_dir, archive / "full") == []
