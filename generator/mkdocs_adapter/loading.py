"""Content and settings loaded and checked for a build; problems become one PluginError."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from generator.core.archive import Archive, load
from generator.core.embargo import NOW_VARIABLE, DateError
from generator.core.problems import ContentError, as_text
from generator.core.settings import Settings, load_settings
from generator.mkdocs_adapter.mkdocs_api import PluginError

log = logging.getLogger("mkdocs.plugins.archive")

def load_content(content_dir: Path, settings_file: Path, now: datetime | None = None) -> tuple[Settings, Archive]:
    """Validate everything; any problem stops the build before a file is written. Records under
    embargo at `now` (default: $ARCHIVE_NOW, else the clock) are withheld, and the next to lift is said."""
    try:
        settings = load_settings(settings_file)
        archive, problems, count = load(content_dir, settings, now)
    except ContentError as error:
        problems, count = error.problems, 0
    except DateError as error:  # $ARCHIVE_NOW that is not an instant
        raise PluginError(f"{NOW_VARIABLE}: {error}") from None
    if problems:
        raise refused(problems, count)
    if archive.withheld.message():
        log.info(archive.withheld.message())
    return settings, archive

def checked(load):
    try:
        return load()
    except ContentError as error:
        raise refused(error.problems, error.files) from None
    except DateError as error:  # $ARCHIVE_NOW that is not an instant
        raise PluginError(f"{NOW_VARIABLE}: {error}") from None

def refused(problems, files: int) -> PluginError:
    return PluginError("content has problems, nothing was built:\n" + as_text(problems, files))
