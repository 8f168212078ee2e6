"""Licences: the `licence` and `data_licence` settings are SPDX expressions checked against the SPDX
list; `init` takes them as options; unset, nothing invents one."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.core.licences import parse_licence
from generator.core.settings import load_settings

from conftest import MINIMAL, check

EXAMPLE = "write an SPDX licence id from https://spdx.org/licenses/, e.g. CC-BY-4.0 or CC0-1.0"


@pytest.mark.parametrize("written, expression, url", [
    ("CC-BY-4.0", "CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0.html"),
    ("cc0-1.0", "CC0-1.0", "https://spdx.org/licenses/CC0-1.0.html"),  # the list's own spelling
    ("CC-BY-4.0 OR MIT", "CC-BY-4.0 OR MIT", None),  # several: no single text to link
])
def test_settings_read_spdx_expressions(tmp_path, written, expression, url):
    (tmp_path / "s.yml").write_text(f"title: T\nlicence: {written}\ndata_licence: {written}\n")
    settings = load_settings(tmp_path / "s.yml")
    assert settings.licence.expression == settings.data_licence.expression == expression
    assert settings.licence.url == url


def test_no_licence_is_assumed(tmp_path):
    (tmp_path / "s.yml").write_text("title: T\n")
    settings = load_settings(tmp_path / "s.yml")
    assert settings.licence is None and settings.data_licence is None


@pytest.mark.parametrize("settings, message", [
    ("licence: CC BY 4.0", f"licence: 'CC BY 4.0' is not an SPDX licence expression (unknown: CC BY 4.0): {EXAMPLE}"),
    ("data_licence: Public-Domain", "data_licence: 'Public-Domain' is not an SPDX licence expression (unknown: "
                                    f"Public-Domain): {EXAMPLE}"),
    ("licence: ''", f"licence: empty: {EXAMPLE}, or leave the setting out"),
    ("licence: 4", "licence: got the number 4, not a licence: write an SPDX licence id, e.g. licence: CC-BY-4.0"),
    ('licence: "MIT\\u202e"', f"licence: the character U+202E is in no SPDX expression: {EXAMPLE}"),
    ('licence: "MIT\\n"', f"licence: the character U+000A is in no SPDX expression: {EXAMPLE}"),
    ('licence: "<script>"', f"licence: the character U+003C is in no SPDX expression: {EXAMPLE}"),
    ("licence: ../MIT", f"licence: the character U+002F is in no SPDX expression: {EXAMPLE}"),
    ("licences: MIT", "unknown setting 'licences' (did you mean 'licence'?): known settings are title, description, "
                      "timezone, language, page_size, repository, licence, data_licence"),
])
def test_bad_licences_are_refused_with_the_settings_file(content, tmp_path, settings, message):
    content(MINIMAL)
    (tmp_path / "site_config/archive.yml").write_text(f"title: T\n{settings}\n")
    status, lines = check()
    assert (status, lines[0]) == (1, f"site_config/archive.yml: {message}")


def _init(*args: str):
    return CliRunner().invoke(main, ["init", *args], catch_exceptions=False)


def test_init_writes_the_licences_it_is_given(tmp_path):
    result = _init(str(tmp_path / "a"), "--title", "T", "--licence", "cc-by-4.0", "--data-licence", "CC0-1.0")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "a/site_config/archive.yml").read_text())
    assert (written["licence"], written["data_licence"]) == ("CC-BY-4.0", "CC0-1.0")
    assert _init(str(tmp_path / "b"), "--title", "T").exit_code == 0
    assert not {"licence", "data_licence"} & set(yaml.safe_load((tmp_path / "b/site_config/archive.yml").read_text()))


def test_init_refuses_a_licence_that_is_not_spdx(tmp_path):
    result = _init(str(tmp_path / "a"), "--title", "T", "--data-licence", "CC-BY")
    assert (result.exit_code, result.stderr) == (1, "--data-licence: 'CC-BY' is not an SPDX licence expression "
                                                    f"(unknown: CC-BY): {EXAMPLE}\n")
    assert not (tmp_path / "a").exists()


def test_expressions_name_their_licences():
    assert parse_licence("GPL-2.0-only WITH Classpath-exception-2.0").ids == ("GPL-2.0-only", "Classpath-exception-2.0")
