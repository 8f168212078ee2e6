"""Site settings from site_config/archive.yml (title, default time zone, …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import yaml

from generator.dates import DateError, load_zone
from generator.problems import ContentError, Problem
from generator.sources import display_path

DEFAULT_CONFIG = Path("site_config/archive.yml")


@dataclass(frozen=True)
class Settings:
    title: str = "News archive"
    description: str = ""
    timezone_name: str | None = None  # IANA name used for datetimes written without an offset
    timezone: tzinfo | None = None


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file if there is one; a missing file means defaults."""
    path = path or DEFAULT_CONFIG
    if not path.exists():
        return Settings()
    shown = display_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError([Problem(shown, 0, 0, f"cannot read settings: {error}")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(shown, 1, 0, "settings must be a mapping of 'name: value' lines")])
    unknown = sorted(set(data) - {"title", "description", "timezone"})
    if unknown:
        raise ContentError([Problem(shown, 0, 0, f"unknown setting '{unknown[0]}': "
                                    "known settings are title, description, timezone")])
    zone_name = data.get("timezone")
    try:
        zone = load_zone(str(zone_name)) if zone_name else None
    except DateError as error:
        raise ContentError([Problem(shown, 0, 0, f"timezone: {error}")]) from None
    return Settings(str(data.get("title") or Settings.title), str(data.get("description") or ""),
                    zone_name, zone)
