"""Site settings from site_config/archive.yml (title, default time zone, …), and
where the archive is: the folder holding mkdocs.yml, found from any folder inside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import yaml

from generator.core.dates import DateError, load_zone
from generator.core.fields import canonical_language, describe, one_line_problem, url_problem
from generator.core.licences import Licence, LicenceError, parse_licence
from generator.core.problems import ContentError, Problem, did_you_mean
from generator.core.sources import display_path

ROOT_MARKER = "mkdocs.yml"  # the file that makes a folder an archive's root
DEFAULT_CONTENT = Path("content")  # these are relative to the archive's root
DEFAULT_CONFIG = Path("site_config/archive.yml")
DEFAULT_SCHEMA_DIR = Path("site_config/schema")
DEFAULT_SITE_DIR = Path("site")
KNOWN_SETTINGS = ("title", "description", "timezone", "language", "page_size", "repository", "licence",
                  "data_licence")
PAGE_SIZE = 250  # entries a list page shows before it continues on a next page (see generator/site/paging.py)
# a plausible BCP 47 tag: a 2-3 letter language, then subtags (script, region, variants): en, hu, pt-BR
NO_ARCHIVE = "no archive here: run inside an archive (a folder with mkdocs.yml) or pass --content/--config"


class NoArchiveError(Exception):
    """No folder holding mkdocs.yml at or above the starting folder."""


@dataclass(frozen=True)
class Settings:
    title: str = "News archive"
    description: str = ""
    timezone_name: str | None = None  # IANA name used for datetimes written without an offset
    timezone: tzinfo | None = None
    language: str = "en"  # BCP 47 tag of the site's own words (pages, search)
    page_size: int = PAGE_SIZE  # entries per page of a long list (archive months, tags, logs, people…)
    repository: str | None = None  # the repository's web address: a record's history links its commits
    licence: Licence | None = None  # of the archive's pages (SPDX); None: no licence stated
    data_licence: Licence | None = None  # of the data it publishes (JSON, SQLite); None: no licence stated


def find_root(start: Path | None = None) -> Path:
    """The archive's root: the first folder holding mkdocs.yml, from `start` (the working directory) up.

    Raises NoArchiveError (its message is NO_ARCHIVE) when there is none.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ROOT_MARKER).is_file():
            return folder
    raise NoArchiveError(NO_ARCHIVE)


def default_settings_path(start: Path | None = None) -> Path:
    """site_config/archive.yml of the archive around `start` (the working directory)."""
    return find_root(start) / DEFAULT_CONFIG


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (default: the archive root's site_config/archive.yml); it must exist."""
    path = path or default_settings_path()
    shown = display_path(path)
    if not path.is_file():
        why = "is a folder, not a file" if path.is_dir() else "not found"
        raise ContentError([Problem(shown, 0, 0, f"settings file {why}; create it with at least "
                                    "'title: …' (see README)")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError([Problem(shown, 0, 0, f"cannot read settings: {error}")]) from None
    except OSError as error:
        raise ContentError([Problem(shown, 0, 0, f"cannot read settings: {error.strerror}")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(shown, 1, 0, "settings must be a mapping of 'name: value' lines")])
    unknown = sorted(str(key) for key in set(data) - set(KNOWN_SETTINGS))
    if unknown:
        raise ContentError([Problem(shown, 0, 0, f"unknown setting '{unknown[0]}'"
                                    f"{did_you_mean(unknown[0], KNOWN_SETTINGS)}: "
                                    f"known settings are {', '.join(KNOWN_SETTINGS)}")])
    zone_name = data.get("timezone")
    try:
        zone = load_zone(str(zone_name)) if zone_name else None
    except DateError as error:
        raise ContentError([Problem(shown, 0, 0, f"timezone: {error}")]) from None
    for name in ("title", "description"):
        problem = one_line_problem(str(data.get(name) or ""))
        if problem:
            raise ContentError([Problem(shown, 0, 0, f"{name}: {problem}")])
    language = _language(data.get("language", Settings.language), shown)
    page_size = _page_size(data.get("page_size", PAGE_SIZE), shown)
    repository = _repository(data.get("repository"), shown)
    return Settings(str(data.get("title") or Settings.title), str(data.get("description") or ""),
                    zone_name, zone, language, page_size, repository,
                    licence=_licence("licence", data.get("licence"), shown),
                    data_licence=_licence("data_licence", data.get("data_licence"), shown))


def _licence(name: str, value: object, shown: str) -> Licence | None:
    """An SPDX licence expression, or None when the setting is left out (no licence is ever assumed)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ContentError([Problem(shown, 0, 0, f"{name}: got {describe(value)}, not a licence: write an SPDX "
                                    f"licence id, e.g. {name}: CC-BY-4.0")])
    try:
        return parse_licence(value)
    except LicenceError as error:
        raise ContentError([Problem(shown, 0, 0, f"{name}: {error}")]) from None


def _repository(value: object, shown: str) -> str | None:
    """The repository's web address (https://github.com/OWNER/REPO), without a trailing slash."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ContentError([Problem(shown, 0, 0, f"repository: got {describe(value)}, not a web address: write "
                                    "the repository's address, e.g. repository: https://github.com/OWNER/REPO")])
    problem = url_problem(value)
    if problem:
        raise ContentError([Problem(shown, 0, 0, f"repository: '{value}' is not a web address: {problem}")])
    return value.rstrip("/")


def _page_size(value: object, shown: str) -> int:
    """How many entries a page of a long list shows: a whole number, at least 1."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value >= 1:
            return value
        message = f"page_size: {value} is too small: a page lists at least 1 entry (the default is {PAGE_SIZE})"
    else:
        message = (f"page_size: got {describe(value)}, not a whole number: write how many entries a page of a long "
                   f"list shows, e.g. page_size: {PAGE_SIZE}")
    raise ContentError([Problem(shown, 0, 0, message)])


def _language(value: object, shown: str) -> str:
    """A BCP 47 language tag such as 'en', 'hu' or 'pt-BR', in its standard spelling (as articles')."""
    if isinstance(value, str) and (canonical := canonical_language(value)) is not None:
        return canonical
    if isinstance(value, bool):  # `language: no` (Norwegian) is read as false
        message = (f"language: got true/false ({str(value).lower()}), not a language code; put the code in "
                   "quotes, e.g. language: \"no\"")
    else:
        shown_value = f"'{value}'" if isinstance(value, str) else describe(value)
        message = f"language: {shown_value} is not a language code: use a BCP 47 tag such as 'en', 'hu' or 'pt-BR'"
    raise ContentError([Problem(shown, 0, 0, message)])
