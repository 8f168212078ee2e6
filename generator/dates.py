"""Dates and datetimes as sources give them, with the exact instant kept too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EXAMPLE = "a date like 2020-01-06 or a datetime with its UTC offset like 2020-01-06T16:09:00-05:00"


class DateError(ValueError):
    """A date the editor wrote that cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class When:
    """A day, or an instant with the UTC offset the source used."""

    text: str  # exactly as written in the record
    value: date | datetime  # a datetime is always timezone-aware

    @property
    def is_day(self) -> bool:
        return not isinstance(self.value, datetime)

    @property
    def day(self) -> date:
        return self.value if self.is_day else self.value.date()  # type: ignore[union-attr]

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def sort_key(self) -> tuple[date, int, float]:
        """Order by the day as the source saw it, a whole day before its hours."""
        if self.is_day:
            return (self.day, 0, 0.0)
        return (self.day, 1, self.value.timestamp())  # type: ignore[union-attr]

    @property
    def iso(self) -> str:
        """For <time datetime>: the day, or the exact instant with its offset."""
        return self.value.isoformat()

    @property
    def display(self) -> str:
        """As a reader reads it, in the time zone the source used."""
        day = f"{self.day.day} {MONTHS[self.day.month - 1]} {self.day.year}"
        if self.is_day:
            return day
        moment: datetime = self.value  # type: ignore[assignment]
        hour = moment.hour % 12 or 12
        half = "a.m." if moment.hour < 12 else "p.m."
        return f"{day}, {hour}:{moment.minute:02d} {half} {_zone_name(moment)}"

    def __str__(self) -> str:
        return self.text


def _zone_name(moment: datetime) -> str:
    name = moment.tzname()
    if name and not name.startswith(("UTC", "+", "-")):
        return name  # an abbreviation from a named zone, e.g. EST
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def load_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise DateError(f"unknown time zone '{name}': use an IANA name such as 'America/New_York'") from error


def parse_when(text: str, default_zone: tzinfo | None = None, day_allowed: bool = True) -> When:
    """Read an ISO 8601 day or datetime; a datetime needs an offset or a default zone."""
    text = text.strip()
    if _DAY_RE.match(text):
        if not day_allowed:
            raise DateError(f"'{text}' is a day, but this field needs a time too, e.g. '{text}T16:09:00-05:00'")
        try:
            return When(text, date.fromisoformat(text))
        except ValueError as error:
            raise DateError(f"'{text}' is not a real date ({error}); expected {EXAMPLE}") from None
    if not _DATETIME_RE.match(text):
        raise DateError(f"'{text}' is not an ISO 8601 date; expected {EXAMPLE}")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real date and time ({error}); expected {EXAMPLE}") from None
    if moment.tzinfo is None:
        if default_zone is None:
            raise DateError(f"'{text}' has no UTC offset: add one, e.g. '{text}-05:00', "
                            "or set a default 'timezone' in site_config/archive.yml")
        moment = moment.replace(tzinfo=default_zone)
    elif moment.utcoffset() == timedelta(0) and text.endswith("Z"):
        moment = moment.astimezone(timezone.utc)
    return When(text, moment)
