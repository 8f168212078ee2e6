"""Every command, option and setting is documented in the README (as Datasette's tests/test_docs.py does)."""

from __future__ import annotations

import re

import click
import pytest

from generator.cli import main
from generator.core.settings import KNOWN_SETTINGS

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(main.commands.items())


@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_command_is_documented(name):
    assert re.search(rf"python -m generator {name}\b", README), f"README never shows `python -m generator {name}`"


@pytest.mark.parametrize("command,option", [(name, opt) for name, command in _commands()
                                            for param in command.params if isinstance(param, click.Option)
                                            for opt in param.opts if opt.startswith("--")])
def test_every_option_is_documented(command, option):
    assert option in README, f"README never mentions {option} (of `{command}`)"


@pytest.mark.parametrize("setting", KNOWN_SETTINGS)
def test_every_setting_is_documented(setting):
    assert re.search(rf"`{setting}`|^\s*{setting}:", README, re.M), f"README never documents the setting {setting}"


def test_every_plugin_option_is_documented():
    from generator.mkdocs_adapter import ArchivePlugin

    for name, _ in ArchivePlugin.config_scheme:
        assert re.search(rf"`{name}`|^\s*{name}:", README, re.M), f"README never documents the plugin option {name}"
