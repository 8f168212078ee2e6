"""Dates and datetimes as sources give them, with the exact instant kept too.

Order is by the instant: two datetimes compare by the moment they name, whatever
UTC offset each was written in. A bare day stands for the start of that day in the
site's time zone (UTC when none is set), so it sorts before every instant of that
day and after every instant of the day before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# an offset may carry seconds (+00:19:32), as the old local mean times did
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2}){1,2})?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EXAMPLE = "a date like 2020-01-06 or a datetime with its UTC offset like 2020-01-06T16:09:00-05:00"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_DAY_US = 86_400_000_000
DAY, INSTANT = 0, 1  # second item of a sort key: a whole day sorts before an instant at the same moment
# The sort key of "no date": after every date, so records without one sort last.
NO_DATE_SORT_KEY: tuple[int, int] = (2**63, 2)
NO_DATE_SORT_TEXT = "9999-12-31T23:59:59.999999Z2"  # sort_text of "no date": after every date


class DateError(ValueError):
    """A date the editor wrote that cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class When:
    """A day, or an instant with the UTC offset the source used.

    `zone` is the time zone a day is read in (the site's zone) when days are
    ordered among instants; it does not change how anything is displayed.
    """

    text: str  # exactly as written in the record
    value: date | datetime  # a datetime is always timezone-aware
    zone: tzinfo = field(default=UTC, compare=False, repr=False)

    @property
    def is_day(self) -> bool:
        return not isinstance(self.value, datetime)

    @property
    def day(self) -> date:
        return self.value.date() if isinstance(self.value, datetime) else self.value

    @property
    def moment(self) -> datetime:
        """The instant, for a When that is not a day (callers ask is_day first)."""
        if not isinstance(self.value, datetime):
            raise TypeError(f"{self.text!r} is a day, not an instant")
        return self.value

    @property
    def year(self) -> int:
        return self.value.year

    @cached_property
    def sort_key(self) -> tuple[int, int]:
        """(microseconds since 1970-01-01T00:00Z, DAY or INSTANT): order by the instant.

        A day's instant is its first moment in `zone`; at the same moment a day sorts
        before an instant.
        """
        if self.is_day:
            return (_day_start(self.value, self.zone), DAY)
        return (_micros(self.moment), INSTANT)

    @property
    def last_key(self) -> tuple[int, int]:
        """The sort key of the last moment this covers: an instant itself, a day its last microsecond."""
        if not self.is_day:
            return self.sort_key
        day: date = self.value
        start = self.sort_key[0]
        following = _day_start(day + timedelta(days=1), self.zone) if day < date.max else start + _DAY_US
        return (following - 1, INSTANT)

    @property
    def sort_text(self) -> str:
        """A string that sorts (as text) exactly like sort_key: the UTC instant and 0 (day) or 1 (instant),
        e.g. '2020-01-06T21:09:00.000000Z1'. For sorts that compare strings, such as Pagefind's."""
        micros, kind = self.sort_key
        m = _EPOCH + timedelta(microseconds=micros)
        return (f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
                f".{m.microsecond:06d}Z{kind}")

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
        moment = self.moment
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
    """Read an ISO 8601 day or datetime; a datetime needs an offset or a default zone.

    `default_zone` (the site's zone) reads datetimes written without an offset, and
    places days among instants when sorting (UTC when there is none).
    """
    text = text.strip()
    zone = default_zone or UTC
    if _DAY_RE.match(text):
        if not day_allowed:
            raise DateError(f"'{text}' is a day, but this field needs a time too, e.g. '{text}T16:09:00-05:00'")
        try:
            day = date.fromisoformat(text)
        except ValueError as error:
            raise DateError(f"'{text}' is not a real date ({error}); expected {EXAMPLE}") from None
        return _in_range(When(text, day, zone))
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
        moment = _local(text, moment, default_zone)
    elif moment.utcoffset() == timedelta(0) and text.endswith("Z"):
        moment = moment.astimezone(UTC)
    return _in_range(When(text, moment, zone))


def parse_instant(text: str, what: str = "an instant") -> When:
    """A datetime that names one instant everywhere: its UTC offset written, never the site's zone
    (an embargo, a capture time: a reader's zone or a changed setting must not move it)."""
    text = text.strip()
    if _DAY_RE.match(text):
        raise DateError(f"'{text}' is a day, but {what} needs a time and a UTC offset, e.g. '{text}T09:00:00+00:00'")
    when = parse_when(text, UTC, day_allowed=False)  # UTC only to read it; refused below when it had no offset
    if datetime.fromisoformat(text).tzinfo is None:
        raise DateError(f"'{text}' has no UTC offset: {what} names one instant, write it with its offset, "
                        f"e.g. '{text}+00:00' or '{text}Z'")
    return when


def _local(text: str, naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time read in `zone`; refused when the clocks skipped it or showed it twice."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    earlier, later = first.utcoffset(), second.utcoffset()  # fold=0: the offset before a change
    if earlier == later:
        return first
    name = getattr(zone, "key", None) or str(zone)
    if _exists(first):
        what = f"happened twice in {name}: the clocks went back from {_offset(earlier)} to {_offset(later)}"
        which = " (the first time)", " (the second)"
    else:
        what = f"does not exist in {name}: the clocks jumped from {_offset(earlier)} to {_offset(later)}"
        which = "", ""
    raise DateError(f"'{text}' {what}; write the UTC offset the source meant, e.g. "
                    f"'{text}{_offset(earlier)}'{which[0]} or '{text}{_offset(later)}'{which[1]}")


def _exists(moment: datetime) -> bool:
    """Whether an aware wall-clock time is one the clocks of its zone really showed."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == \
        moment.replace(tzinfo=None)


def _offset(offset: timedelta | None) -> str:
    """-05:00, +05:30 (and seconds for the old local mean times)."""
    seconds = int((offset or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    text = f"{sign}{hours:02d}:{rest // 60:02d}"
    return text + (f":{rest % 60:02d}" if rest % 60 else "")


# The last year a date may name: the site's files carry times as 32-bit seconds since 1970 (gzip
# and ZIP headers: the sitemap's .gz, Pagefind's files), which end in February 2106.
LAST_YEAR = 2105


def _in_range(when: When) -> When:
    try:
        when.sort_text  # noqa: B018 - the UTC instant must be a datetime Python can hold
    except OverflowError:
        raise DateError(f"'{when.text}' is out of range: dates must fall within the years 1 to {LAST_YEAR} "
                        "in UTC") from None
    if when.year > LAST_YEAR:
        raise DateError(f"'{when.text}' is after the year {LAST_YEAR}, the last the site's files can date; "
                        "check the year") from None
    return when


def _micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01T00:00Z, exactly (no float rounding)."""
    return (moment - _EPOCH) // _MICROSECOND


def _day_start(day: date, zone: tzinfo) -> int:
    """The first instant (as _micros) whose wall-clock date in `zone` is `day`."""
    midnight = datetime.combine(day, time(), tzinfo=zone)
    if _exists(midnight):
        return _micros(midnight)  # fold=0: the first of two midnights, if the clocks went back over it
    # the clocks jumped over midnight: the day starts at the jump, between these two readings
    before, after = _micros(midnight.replace(fold=1)), _micros(midnight)
    while after - before > 1:
        middle = (before + after) // 2
        if (_EPOCH + timedelta(microseconds=middle)).astimezone(zone).date() >= day:
            after = middle
        else:
            before = middle
    return after
