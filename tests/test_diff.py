"""`generator diff BASE`: what a change does to the site, against a git ref or a published site."""

from __future__ import annotations

import pytest

from conftest import commit, git_archive, run, write_tree

BASE = """
--- people/mark-esper.yaml
name: Mark Esper
--- organizations/daily-caller.yaml
name: The Daily Caller
kind: outlet
--- articles/dc-letter.yaml
headline: Letter contradicted
outlet: daily-caller
published: 2020-01-06
--- quotes/esper-period.yaml
text: "There’s been no decision to leave Iraq. Period."
speaker: mark-esper
article: dc-letter
context: Said on Monday.
--- people/gone.yaml
name: Someone Removed
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """An archive in a git repository, its content committed once."""
    git_archive(tmp_path, BASE)
    commit(tmp_path, "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_against_a_ref_lists_records_pages_and_urls(repo):
    quote = repo / "content/quotes/esper-period.yaml"
    quote.write_text(quote.read_text(encoding="utf-8").replace("Said on Monday.", "Said on Monday, in Washington.")
                     .replace("Period.", "Full stop."), encoding="utf-8")
    (repo / "content/people/gone.yaml").unlink()
    write_tree(repo / "content", """
--- corrections/period-note.yaml
target: esper-period
at: 2026-12-05
issuer: archive
text: The wording was corrected.
""")
    result = run("diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Records: 1 added, 1 changed, 1 removed",
        "+ correction period-note",
        "~ quote esper-period",
        '    context: "Said on Monday." → "Said on Monday, in Washington."',
        '    text (printed): "There’s been no decision to leave Iraq. Period." → '
        '"There’s been no decision to leave Iraq. Full stop."',
        "- person gone",
        "Corrections added: 1 (period-note)",
        "Pages: 2 added, 8 changed, 2 removed",
        "+ /archive/2026-12/",  # the note's month
        "+ /corrections/period-note/",
        "~ /",
        "~ /archive/",
        "~ /archive/2020-01/",
        "~ /articles/dc-letter/",
        "~ /corrections/",
        "~ /people/",
        "~ /people/mark-esper/",
        "~ /quotes/esper-period/",
        "- /people-a-z/r/",  # "Someone Removed" filed under R
        "- /people/gone/",
        "URLs: 2 added, 2 removed",
        "+ /archive/2026-12/",
        "+ /corrections/period-note/",
        "- /people-a-z/r/",
        "- /people/gone/",
    ]


def test_no_change_is_said_so(repo):
    result = run("diff", "HEAD")
    assert result.output.splitlines()[0] == "Records: 0 added, 0 changed, 0 removed"
    assert "Pages: 0 added, 0 changed, 0 removed" in result.output


def test_a_bad_ref_is_one_line_and_status_2(repo):
    result = run("diff", "no-such-branch")
    assert result.exit_code == 2
    assert result.output.startswith("diff: no-such-branch: not a git ref with a content/ folder: fatal:")


def test_diff_against_a_published_site_compares_records_and_urls(repo):
    from generator.mkdocs_adapter import build_site

    build_site(repo / "mkdocs.yml", repo / "published", repo / "content")
    (repo / "content/people/mark-esper.yaml").write_text("name: Mark T. Esper\n", encoding="utf-8")
    result = run("diff", "published")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Records: 0 added, 1 changed, 0 removed",
        "~ person mark-esper",
        '    name: "Mark Esper" → "Mark T. Esper"',
        "Corrections added: 0",
        "URLs: 0 added, 0 removed",
    ]


def test_values_with_line_breaks_stay_on_one_line(repo):
    quote = repo / "content/quotes/esper-period.yaml"
    quote.write_text(quote.read_text(encoding="utf-8").replace("Said on Monday.", '"Said\\non\\u202eMonday."'),
                     encoding="utf-8")
    lines = run("diff", "HEAD").output.splitlines()
    assert '    context: "Said on Monday." → "Said\\non\\u202eMonday."' in lines  # a bidi control, shown escaped
