"""`check --against PUBLISHED`: what a source printed changes only through a correction."""

from __future__ import annotations

import gzip
import shutil

import pytest

from conftest import REPO, check, write_tree

PUBLISHED = """
--- people/mark-esper.yaml
name: Mark Esper
--- organizations/breitbart.yaml
name: Breitbart News
kind: outlet
--- articles/letter.yaml
headline: "Letter: U.S.-Led Coalition to Withdraw from Iraq"
outlet: breitbart
published: 2020-01-06
--- quotes/whatsoever.yaml
text: "no decision whatsoever to leave"
speaker: mark-esper
article: letter
context: From Update # 1.
"""


@pytest.fixture
def published(tmp_path, monkeypatch):
    """An archive whose content was published (built) into tmp_path/published; returns that folder."""
    shutil.copytree(REPO / "site_config", tmp_path / "site_config")
    (tmp_path / "site_config/archive.yml").write_text("title: Test archive\n", encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_tree(tmp_path / "content", PUBLISHED)
    from generator.mkdocs_adapter import build_site

    build_site(tmp_path / "mkdocs.yml", tmp_path / "published", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit(root, path, old, new):
    file = root / "content" / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_unchanged_content_passes(published):
    assert check("--against", "published") == (0, ["4 records checked, no problems."])


def test_a_quote_changed_without_a_correction_is_refused(published):
    _edit(published, "quotes/whatsoever.yaml", "no decision whatsoever to leave", "a decision to leave")
    assert check("--against", "published") == (1, [
        "content/quotes/whatsoever.yaml:1:7: text: changed since it was published ('no decision whatsoever to "
        "leave' → 'a decision to leave'); what a source printed changes only through a correction: add one with "
        "target: whatsoever, issuer: archive and previous: {text: 'no decision whatsoever to leave'}",
        "1 problem in 1 file (4 records checked).",
    ])


def test_a_correction_stating_what_was_published_lets_the_change_through(published):
    _edit(published, "quotes/whatsoever.yaml", "no decision whatsoever to leave", "no decision whatsoever to go")
    write_tree(published / "content", """
--- corrections/whatsoever-wording.yaml
target: whatsoever
at: 2026-12-05
issuer: archive
text: The quotation was mistyped; the update prints "to leave".
previous:
  text: "no decision whatsoever to leave"
""")
    assert check("--against", "published") == (0, ["5 records checked, no problems."])


def test_a_wrong_previous_is_refused(published):
    _edit(published, "quotes/whatsoever.yaml", "no decision whatsoever to leave", "no decision to leave")
    write_tree(published / "content", """
--- corrections/whatsoever-wording.yaml
target: whatsoever
at: 2026-12-05
issuer: archive
text: Corrected.
previous:
  text: "no decision at all to leave"
""")
    assert check("--against", "published") == (1, [
        "content/corrections/whatsoever-wording.yaml:6:9: previous.text: 'no decision at all to leave' is not "
        "what was published for 'whatsoever': 'no decision whatsoever to leave'",
        "1 problem in 1 file (5 records checked).",
    ])


def test_a_deleted_record_is_refused_and_a_renamed_one_is_not(published):
    (published / "content/quotes/whatsoever.yaml").unlink()
    assert check("--against", "published") == (1, [
        "content/quotes/whatsoever.yaml: quote 'whatsoever' was published and is gone: a published record is "
        "never deleted; restore it, and add a correction with kind: retraction that says what was retracted and why",
        "1 problem in 1 file (3 records checked).",
    ])
    write_tree(published / "content", """
--- quotes/esper-whatsoever.yaml
text: "no decision whatsoever to leave"
speaker: mark-esper
article: letter
previous_ids: [whatsoever]
""")
    assert check("--against", "published") == (0, ["4 records checked, no problems."])


def test_the_archives_own_words_change_freely(published):
    _edit(published, "quotes/whatsoever.yaml", "From Update # 1.", "From Breitbart's Update # 1.")
    _edit(published, "people/mark-esper.yaml", "Mark Esper", "Mark T. Esper")
    assert check("--against", "published") == (0, ["4 records checked, no problems."])


def test_a_site_built_before_the_downloads_were_gzipped_is_read_too(published):
    data = published / "published/data"
    (data / "archive.jsonl").write_bytes(gzip.decompress((data / "archive.jsonl.gz").read_bytes()))
    (data / "archive.jsonl.gz").unlink()
    _edit(published, "quotes/whatsoever.yaml", "no decision whatsoever to leave", "a decision to leave")
    code, lines = check("--against", "published")
    assert code == 1 and lines[0].startswith("content/quotes/whatsoever.yaml:1:7: text: changed since it was published")


def test_an_unreadable_published_site_is_one_line(published):
    code, lines = check("--against", "nowhere")
    assert code == 2
    assert lines[-1].startswith("check: nowhere: cannot read the published records (data/archive.jsonl.gz): ")


def test_the_correction_page_shows_both_wordings_with_the_change_marked(published):
    _edit(published, "quotes/whatsoever.yaml", "no decision whatsoever to leave", "no decision whatsoever to go")
    write_tree(published / "content", """
--- corrections/whatsoever-wording.yaml
target: whatsoever
at: 2026-12-05
issuer: archive
text: The quotation was mistyped.
previous:
  text: "no decision whatsoever to leave"
""")
    from bs4 import BeautifulSoup

    from generator.mkdocs_adapter import build_site

    build_site(published / "mkdocs.yml", published / "site", published / "content")
    page = BeautifulSoup((published / "site/corrections/whatsoever-wording/index.html").read_text("utf-8"),
                         "html.parser")
    rows = [(" ".join(dt.get_text(" ").split()), " ".join(dd.get_text(" ").split()), [m.get_text() for m in dd("mark")])
            for dt, dd in zip(page.select(".arc-previous dt"), page.select(".arc-previous dd"), strict=True)]
    assert rows == [("Text as published", "no decision whatsoever to leave", ["leave"]),
                    ("Text now", "no decision whatsoever to go", ["go"])]
    # and like every correction, it is in the log and the record's feed
    assert "whatsoever-wording" in (published / "site/corrections/index.html").read_text("utf-8")
    assert "whatsoever-wording" in (published / "site/quotes/whatsoever/index.html").read_text("utf-8")
