"""`generator init` writes a new, empty archive that builds, and refuses with one line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.utils.yaml import yaml_load

from generator.cli import main
from generator.core import shipped
from generator.core.kinds import FOLDERS
from generator.core.settings import load_settings
from generator.scaffold import new_archive as scaffold

from conftest import REPO

KINDS = tuple(FOLDERS)
SEED_NAMES = ("Coalition", "Iraq", "Esper", "Qasem", "Soleimani")


def init(*args: str):
    return CliRunner().invoke(main, ["init", *args], catch_exceptions=False)


def files_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_init_writes_the_whole_archive(tmp_path):
    result = init(str(tmp_path / "new"), "--title", "The Budget Archive")
    assert result.exit_code == 0, result.output
    root = tmp_path / "new"
    theme = {f"site_config/{path}" for name in scaffold.THEME_FOLDERS
             for path in files_under(REPO / "site_config") if path.startswith(f"{name}/")}
    assert files_under(root) == theme | {
        "mkdocs.yml", "site_config/archive.yml", "content/README.md", ".vscode/settings.json",
        ".github/workflows/pages.yml", "Makefile", ".gitignore", *(f"content/{kind}/.gitkeep" for kind in KINDS)}
    for path in theme:  # copied as they are
        assert (root / path).read_bytes() == (REPO / path).read_bytes()
    assert (root / "content/README.md").read_text() == (REPO / "content/README.md").read_text()
    assert yaml.safe_load((root / "site_config/archive.yml").read_text()) == {
        "title": "The Budget Archive", "description": "", "language": "en"}
    assert json.loads((root / ".vscode/settings.json").read_text()) == {"yaml.schemas": {
        f"site_config/schema/{kind}.schema.json": f"content/{folder}/*.yaml" for kind, folder in (
            ("article", "articles"), ("quote", "quotes"), ("update", "updates"), ("correction", "corrections"),
            ("event", "events"), ("person", "people"), ("organization", "organizations"))}}
    assert (root / ".gitignore").read_text().split() == ["site/", ".site-*/", ".venv/", "__pycache__/"]
    assert "GENERATOR ?= " + str(REPO) + "\n" in (root / "Makefile").read_text()  # run from this checkout
    lines = result.output.splitlines()
    assert lines[0] == f"Created a new archive in {tmp_path / 'new'} ({len(files_under(root))} files):"
    assert f"  cd {tmp_path / 'new'} && make site   set up .venv, check content/, build the site into site/" in lines


def test_the_new_archive_names_nothing_of_the_seed_story(tmp_path):
    assert init(str(tmp_path / "new"), "--title", "T").exit_code == 0
    generated = ["mkdocs.yml", "site_config/archive.yml", "Makefile", ".github/workflows/pages.yml",
                 ".vscode/settings.json", ".gitignore"]
    for name in generated:
        text = (tmp_path / "new" / name).read_text()
        assert not [word for word in SEED_NAMES if word.lower() in text.lower()], name


HOSTILE_TITLES = [
    "Archívum – Magyar Hírek",
    'He said: "no" — it\'s a <script>alert(1)</script> & more',
    "key: value # not a comment",
    "- a list?", "[1, 2]", "{a: b}", "!ENV [SITE_URL]", "&anchor *alias", "yes", "null", "~", "123", "1e3",
    "--- ...", "%TAG ! x", "@at `tick`", "   padded   ",
    "\ufeffbom", "日本語のアーカイブ", "Ελληνικά 🗞️", "back\\slash", "'single' \"double\"",
]


@pytest.mark.parametrize("title, message", [
    ("two\nlines", "a line break is not allowed here: write it on one line"),
    ("\x85nel", "a line break is not allowed here: write it on one line"),
    ("ls\u2028", "a line break is not allowed here: write it on one line"),
    ("tab\there", "the character U+0009 is a control character, not allowed in text"),
])
def test_a_title_on_more_than_one_line_is_refused(tmp_path, title, message):
    """A title reaches calendars, feeds and every page's <title>: one line (as check asks of records)."""
    result = init(str(tmp_path / "new"), "--title", title)
    assert (result.exit_code, result.output) == (1, f"--title: {message}\n")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_titles_round_trip_exactly(tmp_path, title):
    description = f"About {title}"
    result = init(str(tmp_path / "new"), "--title", title, "--description", description)
    assert result.exit_code == 0, result.output
    root = tmp_path / "new"
    settings = yaml.safe_load((root / "site_config/archive.yml").read_text(encoding="utf-8"))
    assert (settings["title"], settings["description"]) == (title, description)
    assert load_settings(root / "site_config/archive.yml").title == title
    mkdocs = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' own loader
    assert mkdocs["site_name"] == title


def test_mkdocs_yml_is_this_archives_apart_from_the_names(tmp_path):
    """The new archive's mkdocs.yml keeps up with this repo's (theme, plugin, nav, validation, …)."""
    assert init(str(tmp_path / "new"), "--title", "T", "--language", "hu").exit_code == 0
    ours = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    new = yaml_load((tmp_path / "new/mkdocs.yml").read_text(encoding="utf-8"))
    assert (new.pop("site_name"), new["theme"].pop("language")) == ("T", "hu")
    ours.pop("site_name")
    ours.pop("site_description", None)  # the adapter takes it from site_config/archive.yml
    ours["theme"].pop("language")
    assert new == ours


@pytest.mark.parametrize("given, written, theme", [
    ("en", "en", "en"), ("HU", "hu", "hu"), ("pt-br", "pt-BR", "pt-BR"), ("pt-PT", "pt-PT", "pt"),
    ("zh-hant-tw", "zh-Hant-TW", "zh-Hant"), ("no", "no", "en"), ("gsw", "gsw", "en"),
])
def test_language_is_normalized_and_the_theme_gets_the_closest_it_has(tmp_path, given, written, theme):
    result = init(str(tmp_path / "new"), "--title", "T", "--language", given)
    assert result.exit_code == 0
    assert yaml.safe_load((tmp_path / "new/site_config/archive.yml").read_text())["language"] == written
    assert yaml_load((tmp_path / "new/mkdocs.yml").read_text())["theme"]["language"] == theme
    note = f"Note: MkDocs Material has no labels in '{written}'; the theme's own labels are in 'en'"
    assert (note in result.output) == (theme == "en" != written)


def test_timezone_is_written_only_when_given(tmp_path):
    assert init(str(tmp_path / "a"), "--title", "T", "--timezone", "Europe/Budapest").exit_code == 0
    settings = load_settings(tmp_path / "a/site_config/archive.yml")
    assert (settings.timezone_name, settings.language) == ("Europe/Budapest", "en")
    assert init(str(tmp_path / "b"), "--title", "T").exit_code == 0
    assert "timezone" not in yaml.safe_load((tmp_path / "b/site_config/archive.yml").read_text())


def refused(args: list[str], message: str) -> None:
    result = init(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (1, message + "\n", "")


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old/.git").mkdir()
    refused([str(tmp_path / "old"), "--title", "T"],
            f"{tmp_path / 'old'}: not empty; init writes a new archive only into a new or empty folder")
    assert [path.name for path in (tmp_path / "old").iterdir()] == [".git"]


def test_refuses_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    refused([str(tmp_path / "file"), "--title", "T"],
            f"{tmp_path / 'file'}: exists and is not a folder; give a new or empty folder")


@pytest.mark.parametrize("title", ["", "   ", "\n"])
def test_refuses_an_empty_title(tmp_path, title):
    refused([str(tmp_path / "new"), "--title", title],
            "--title: the archive needs a title, e.g. --title 'The Budget Archive'")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("zone", ["Mars/Olympus", "EST+5", "", "localtime", "../etc/passwd", "/etc/localtime"])
def test_refuses_a_timezone_that_is_not_an_iana_name(tmp_path, zone):
    refused([str(tmp_path / "new"), "--title", "T", "--timezone", zone],
            f"--timezone: '{zone}' is not an IANA time zone name such as 'America/New_York' or 'Europe/Budapest'")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("code", ["en_US", "english", "e", "", "en-", "1en", "hu-HU-x", "en US"])
def test_refuses_a_language_that_is_not_a_bcp47_tag(tmp_path, code):
    refused([str(tmp_path / "new"), "--title", "T", "--language", code],
            f"--language: '{code}' is not a BCP 47 language tag such as 'en', 'hu' or 'pt-BR'")
    assert not (tmp_path / "new").exists()


def test_refuses_a_title_that_is_not_text(tmp_path):
    refused([str(tmp_path / "new"), "--title", "bad \udcff byte"], "--title: not valid UTF-8 text")


def test_an_empty_folder_is_used(tmp_path):
    (tmp_path / "empty").mkdir()
    assert init(str(tmp_path / "empty"), "--title", "T").exit_code == 0
    assert (tmp_path / "empty/mkdocs.yml").is_file()


def test_a_failed_write_leaves_no_half_archive(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "x")

    monkeypatch.setattr(scaffold, "makefile", broken)
    refused([str(tmp_path / "new"), "--title", "T"],
            f"{tmp_path / 'new'}: nothing was written: [Errno 13] Permission denied: 'x'")
    assert not (tmp_path / "new").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_makefile_gives_the_recorded_source_back_as_written(tmp_path):
    source = "/srv/a b/$HOME#x\"y`z\\w'q%"
    (tmp_path / "Makefile").write_text(scaffold.makefile(source) + '\nshow:\n\t@printf "%s\\n" "$(GENERATOR)"\n')
    for args in ([], ["GENERATOR="]):  # an empty value (an unset CI variable) means the recorded one
        shown = subprocess.run(["make", "-s", "show", *args], cwd=tmp_path, capture_output=True, text=True)
        assert shown.stdout == source + "\n"
    other = subprocess.run(["make", "-s", "show", "GENERATOR=git+https://example.org/g.git"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert other.stdout == "git+https://example.org/g.git\n"


def installed_layout(tmp_path, monkeypatch, direct_url: dict | None) -> None:
    """Pretend the generator was installed with pip, not run from this checkout."""
    package = tmp_path / "site-packages/generator"
    shutil.copytree(REPO / "site_config", package / "defaults", ignore=shutil.ignore_patterns("archive.yml"))
    (package / "defaults/content").mkdir()
    (package / "defaults/content/README.md").write_text("guide\n")
    (package / "defaults/project").mkdir()
    shutil.copy(REPO / "mkdocs.yml", package / "defaults/project/mkdocs.yml")
    monkeypatch.setattr(shipped, "PACKAGE", package)

    class Distribution:
        def read_text(self, name):
            return json.dumps(direct_url) if direct_url is not None and name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Distribution())


@pytest.mark.parametrize("direct_url, source", [
    (None, "news-archive-generator"),
    ({"url": "file:///tmp/generator-1.0-py3-none-any.whl", "archive_info": {}}, "news-archive-generator"),
    ({"url": "https://github.com/o/g.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     "git+https://github.com/o/g.git@abc123"),
    ({"url": REPO.as_uri(), "dir_info": {}}, str(REPO)),
])
def test_an_installed_generator_records_where_pip_got_it(tmp_path, monkeypatch, direct_url, source):
    installed_layout(tmp_path, monkeypatch, direct_url)
    result = init(str(tmp_path / "new"), "--title", "T")
    assert result.exit_code == 0
    assert f"GENERATOR ?= {source}\n" in (tmp_path / "new/Makefile").read_text()
    assert (tmp_path / "new/content/README.md").read_text() == "guide\n"
    assert ("which is not on PyPI" in result.output) == (source == "news-archive-generator")


def test_pyproject_installs_every_theme_folder_as_package_data():
    """`pip install .` must carry what init copies: setuptools wants every data folder listed."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {path.relative_to(REPO / "site_config") for name in scaffold.THEME_FOLDERS
               for path in [REPO / "site_config" / name, *(REPO / "site_config" / name).rglob("*")]
               if path.is_dir() and not any(part.startswith(".") for part in path.parts)}
    assert {"generator.defaults." + ".".join(folder.parts) for folder in folders} <= set(setuptools["packages"])
    assert setuptools["package-dir"] == {"generator.defaults": "site_config", "generator.defaults.content": "content",
                                         "generator.defaults.project": "."}
    # a hidden folder (the theme's icons, overrides/.icons/) is no package and `**` skips it: it is named
    hidden = sorted(path.relative_to(REPO / "site_config").as_posix() for name in scaffold.THEME_FOLDERS
                    for path in (REPO / "site_config" / name).glob(".*") if path.is_dir())
    assert hidden == ["overrides/.icons"]
    assert setuptools["package-data"]["generator.defaults"] == [
        "templates/**/*", "overrides/**/*", "overrides/.icons/**/*", "docs/**/*", "schema/**/*"]
    # the project's own mkdocs.yml, which a new archive starts from, and init's other files
    assert setuptools["package-data"]["generator.defaults.project"] == ["mkdocs.yml"]
    assert setuptools["package-data"]["generator.scaffold"] == ["files/*"]
    assert sorted(p.name for p in scaffold.FILES.iterdir()) == ["Makefile", "archive.yml", "gitignore", "pages.yml"]
    # anything else in site_config/ would be neither installed nor copied: decide where it belongs
    assert {path.name for path in (REPO / "site_config").iterdir()} == {"archive.yml", *scaffold.THEME_FOLDERS}


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)


def test_a_new_empty_archive_builds(tmp_path):
    title = "Archívum – Magyar Hírek"
    assert init(str(tmp_path / "new"), "--title", title, "--language", "hu").exit_code == 0
    built = build(tmp_path / "new")
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "new/site/index.html").read_text(encoding="utf-8")
    assert title in home and "Coalition" not in home


def test_a_new_archive_with_one_record_builds(tmp_path):
    title = 'Archívum – "Magyar" <script>alert(1)</script>'
    assert init(str(tmp_path / "new"), "--title", title, "--language", "hu").exit_code == 0
    (tmp_path / "new/content/people/jane-doe.yaml").write_text('name: "Jane Doe"\n')
    built = build(tmp_path / "new")
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "new/site/index.html").read_text(encoding="utf-8")
    assert "Archívum – &#34;Magyar&#34; &lt;script&gt;alert(1)&lt;/script&gt;" in home.replace("&quot;", "&#34;")
    assert "<script>alert" not in home and "Coalition" not in home
    assert '<html lang="hu"' in home
    assert (tmp_path / "new/site/people/jane-doe/index.html").is_file()


def test_a_new_archive_starts_from_the_generators_own_mkdocs_yml(tmp_path):
    """No copy of mkdocs.yml in Python: init writes the shipped file with the archive's name and language."""
    assert init(str(tmp_path / "new"), "--title", "Die Chronik: \"Jahr\" #1", "--language", "de").exit_code == 0
    written = (tmp_path / "new/mkdocs.yml").read_text(encoding="utf-8").splitlines()
    shipped = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(shipped, written, strict=True) if a != b]
    assert changed == [("site_name: News archive", "site_name: 'Die Chronik: \"Jahr\" #1'"),
                       ("  language: en", "  language: de")]
