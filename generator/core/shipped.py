"""Where the generator's own theme files are: its source checkout, or the installed package data.

`init` copies them into a new archive; pages render with their templates when an archive
names none. pyproject.toml installs site_config/ as the package `generator.defaults`.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

DISTRIBUTION = "news-archive-generator"
PACKAGE = Path(__file__).resolve().parent.parent  # the generator package
# the folders of site_config/ copied into a new archive (pyproject.toml installs the same ones)
THEME_FOLDERS = ("templates", "overrides", "docs", "schema")



class MissingDefaults(Exception):
    """The theme files are neither in a checkout nor installed."""


@dataclass(frozen=True)
class Defaults:
    """Where the generator's default theme files are, and where pip can install it from."""

    site_config: Path  # holds templates/, overrides/, docs/, schema/
    mkdocs_yml: Path  # the generator's own mkdocs.yml, which a new archive starts from
    content_guide: Path  # the editors' guide copied to content/README.md
    source: str  # a checkout folder, or anything pip accepts (name, VCS URL)


def find_defaults() -> Defaults:
    """The running generator's defaults: its checkout, else the installed package data."""
    checkout = PACKAGE.parent
    if _is_checkout(checkout):
        return Defaults(checkout / "site_config", checkout / "mkdocs.yml", checkout / "content" / "README.md",
                        str(checkout))
    installed = PACKAGE / "defaults"
    if all((installed / name).is_dir() for name in THEME_FOLDERS):
        return Defaults(installed, installed / "project" / "mkdocs.yml", installed / "content" / "README.md",
                        _installed_source())
    raise MissingDefaults(f"the generator's theme files are missing (looked in {checkout / 'site_config'} and "
                        f"{installed}); reinstall it with pip")


def _is_checkout(folder: Path) -> bool:
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return project.get("project", {}).get("name") == DISTRIBUTION and (folder / "site_config" / "templates").is_dir()


def _installed_source() -> str:
    """Where pip installed the generator from (PEP 610), else its distribution name."""
    try:
        direct = json.loads(metadata.distribution(DISTRIBUTION).read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, json.JSONDecodeError):
        direct = None
    if isinstance(direct, dict) and isinstance(direct.get("url"), str):
        url, vcs = direct["url"], direct.get("vcs_info")
        if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id"):
            return f"{vcs['vcs']}+{url}@{vcs['commit_id']}"
        parsed = urlparse(url)
        if "dir_info" in direct and parsed.scheme == "file":
            folder = Path(unquote(parsed.path))
            if _is_checkout(folder):
                return str(folder)
    return DISTRIBUTION
