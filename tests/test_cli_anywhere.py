"""Every command works from any folder inside an archive (paths not given come from the archive's root,
the folder holding mkdocs.yml), from anywhere else with explicit paths, and never prints a traceback."""

from __future__ import annotations

import os

import pytest

from generator.core.sources import FOLDER_OF

from conftest import MINIMAL, make_archive, run

NO_ARCHIVE = "no archive here: run inside an archive (a folder with mkdocs.yml) or pass --content/--config\n"
MISSPELLED = MINIMAL + """
--- quotes/esper-no-decision.yaml
text: There's been no decision to leave Iraq. Period.
speaker: mark-espr
"""


def test_check_from_a_subfolder_finds_content_and_settings(content, tmp_path, monkeypatch):
    content(MISSPELLED)
    monkeypatch.chdir(tmp_path / "content/people")
    result = run("check")
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "../quotes/esper-no-decision.yaml:2:10: speaker: unknown person or organization 'mark-espr' "
        "(did you mean 'mark-esper'?)",
        "1 problem in 1 file (5 records checked).",
    ])


def test_settings_come_from_the_root_too(content, tmp_path, monkeypatch):
    (tmp_path / "site_config/archive.yml").write_text("title: T\ntimezone: America/New_York\n")
    content(MINIMAL + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09
text: t
""")
    monkeypatch.chdir(tmp_path / "site_config")
    result = run("check")
    assert (result.exit_code, result.output) == (0, "5 records checked, no problems.\n")


def test_explicit_relative_paths_stay_relative_to_the_working_directory(content, tmp_path, monkeypatch):
    content(MISSPELLED)
    (tmp_path / "content/people/notes").mkdir()
    monkeypatch.chdir(tmp_path / "content/people/notes")
    result = run("check", "../../../content", "--config", "../../../site_config/archive.yml", "--format", "json")
    assert result.exit_code == 1
    assert '"path": "../../quotes/esper-no-decision.yaml"' in result.output


def test_from_an_unrelated_folder_with_explicit_paths(tmp_path, monkeypatch):
    archive = make_archive(tmp_path / "archive")
    (archive / "mkdocs.yml").unlink()  # not even an archive: only the paths given count
    (archive / "content/people").mkdir(parents=True)
    (archive / "content/people/p.yaml").write_text("name: P\nsame_as: [https://example.org/<svg>]\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run("check", "../archive/content", "--config", str(archive / "site_config/archive.yml"))
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "../archive/content/people/p.yaml:2:11: same_as[0]: 'https://example.org/<svg>' is not a web address: "
        "the character '<' is not allowed in a URL; write it percent-encoded (%3C)",
        "1 problem in 1 file (1 records checked).",
    ])
    result = run("new", "person", "mark-milley", "--content", "../archive/content")
    assert (result.exit_code, result.output) == (0, "wrote ../archive/content/people/mark-milley.yaml\n")


@pytest.mark.parametrize("args", [
    ["check"],
    ["check", "--config", "settings.yml"],  # the content folder still needs a root
    ["check", "content"],  # and so do the settings
    ["new", "person", "mark-milley"],
    ["schema"],
    ["pages", "--out", "out"],
    ["build"],
])
def test_no_archive_here(tmp_path, monkeypatch, args):
    (tmp_path / "content").mkdir()
    (tmp_path / "settings.yml").write_text("title: T\n")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert (result.exit_code, result.output) == (1, NO_ARCHIVE)
    assert sorted(os.listdir(tmp_path)) == ["content", "settings.yml"]  # nothing written


def test_new_and_schema_from_a_subfolder_write_into_the_archive(content, tmp_path, monkeypatch):
    content(MINIMAL)
    monkeypatch.chdir(tmp_path / "content/people")
    result = run("new", "quote", "esper-no-decision")
    assert (result.exit_code, result.output) == (0, "wrote ../quotes/esper-no-decision.yaml\n")
    assert (tmp_path / "content/quotes/esper-no-decision.yaml").is_file()
    result = run("new", "event", "mark-esper")
    assert (result.exit_code, result.output) == (1, "mark-esper.yaml: the id 'mark-esper' is taken; ids are "
                                                    "unique across all kinds\n")
    result = run("schema")
    assert result.exit_code == 0
    assert sorted(os.listdir(tmp_path / "site_config/schema")) == sorted(f"{k}.schema.json" for k in FOLDER_OF)
    assert result.output.splitlines()[0].startswith("wrote ../../site_config/schema/")


def test_pages_from_a_subfolder(content, tmp_path, monkeypatch):
    content(MINIMAL)
    monkeypatch.chdir(tmp_path / "content")
    result = run("pages", "--out", "out")
    assert result.exit_code == 0, result.output
    written = len(list((tmp_path / "content/out").rglob("*.md")))  # into ./out, where the editor is
    assert written > 4 and result.output == f"wrote {written} pages to out\n"


# --- settings ------------------------------------------------------------------


def test_a_missing_settings_file_is_an_error(content, tmp_path, monkeypatch):
    content(MINIMAL)
    (tmp_path / "site_config/archive.yml").unlink()
    result = run("check")
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1, "site_config/archive.yml: settings file not found; create it with at least 'title: …' (see README)")
    monkeypatch.chdir(tmp_path / "content/events")
    assert run("check").output.splitlines()[0] == (
        "../../site_config/archive.yml: settings file not found; create it with at least 'title: …' (see README)")
    assert run("check", "--config", "nothing.yml").output.splitlines()[0] == (
        "nothing.yml: settings file not found; create it with at least 'title: …' (see README)")


# --- no traceback, ever ----------------------------------------------------------


def _failing(exception: BaseException):
    def load(*args, **kwargs):
        raise exception

    return load


def test_an_unexpected_error_is_one_line(content, monkeypatch):
    content(MINIMAL)
    monkeypatch.setattr("generator.core.archive.load", _failing(RuntimeError("something\nbroke")))
    result = run("check")
    assert (result.exit_code, result.output) == (1, "error: something broke (RuntimeError)\n")
    monkeypatch.setattr("generator.core.archive.load", _failing(KeyError("x")))
    assert run("check").output == "error: 'x' (KeyError)\n"
    monkeypatch.setattr("generator.core.archive.load", _failing(PermissionError(13, "Permission denied", "content/x")))
    assert run("check").output == "error: content/x: Permission denied\n"


def test_interrupted_exits_130(content, monkeypatch):
    content(MINIMAL)
    monkeypatch.setattr("generator.core.archive.load", _failing(KeyboardInterrupt()))
    result = run("check")
    assert (result.exit_code, result.output) == (130, "interrupted\n")


def test_usage_errors_keep_clicks_behaviour(content):
    content(MINIMAL)
    result = run("check", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
    assert run("build", "--config-file", "missing.yml").exit_code == 2


def test_absolute_paths_the_user_typed_are_shown_as_typed(content, tmp_path, monkeypatch):
    content(MINIMAL)
    monkeypatch.chdir(tmp_path / "content/people")
    result = run("check", str(tmp_path / "nowhere"))
    assert (result.exit_code, result.output) == (
        1, f"{tmp_path / 'nowhere'}: no such folder; give the content folder, e.g. 'content'\n")
    result = run("new", "person", "mark-milley", "--content", str(tmp_path / "content"))
    assert result.output == f"wrote {tmp_path / 'content/people/mark-milley.yaml'}\n"
    result = run("new", "person", "mark-milley")
    assert result.output == "mark-milley.yaml: the id 'mark-milley' is taken; ids are unique across all kinds\n"
