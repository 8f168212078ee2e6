"""Archived copies of a source: which addresses are Wayback Machine or archive.today copies, and what
their addresses say (the page copied, when it was captured).

A source URL (an article's `url`, a correction's `source`) may rot or change; its record may list
copies under `archived:` ({url, captured}). `check` reads each copy's address by pattern, so a copy
of another page, or a capture time that is not the one the address carries, is refused with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from generator.core.problems import Problem

if TYPE_CHECKING:  # the archive runs these checks when it is assembled: a type, not an import
    from generator.core.archive import Archive
    from generator.core.sources import Source

WAYBACK = "Wayback Machine"
ARCHIVE_TODAY = "archive.today"
# archive.today answers under several names; each copy keeps the one it was given
_TODAY_HOSTS = r"archive\.(?:today|ph|is|li|vn|fo|md)"
# https://web.archive.org/web/20200106210900/https://example.org/page (a flag such as id_ may follow the time)
_WAYBACK_RE = re.compile(r"https?://web\.archive\.org/web/(?P<time>\d{14})(?:[a-z]{2}_)?/(?P<original>https?://\S+)")
# https://archive.ph/2020.01.06-210900/https://example.org/page, or the short form https://archive.ph/AbC12
_TODAY_LONG_RE = re.compile(rf"https?://{_TODAY_HOSTS}/(?P<time>\d{{4}}\.\d{{2}}\.\d{{2}}-\d{{6}})/(?P<original>https?://\S+)")
_TODAY_SHORT_RE = re.compile(rf"https?://{_TODAY_HOSTS}/[A-Za-z0-9]{{4,8}}")
PATTERN = rf"^https?://(web\.archive\.org/web/[0-9]{{14}}([a-z]{{2}}_)?/https?://|{_TODAY_HOSTS}/)"
EXAMPLE = "https://web.archive.org/web/20200106210900/https://example.org/page or https://archive.ph/AbC12"
SOURCE_FIELD = {"article": "url", "correction": "source"}  # the field whose copies `archived` lists


def service(url: str) -> str | None:
    """Which archive holds this copy, or None when the address is neither's."""
    if _WAYBACK_RE.fullmatch(url):
        return WAYBACK
    if _TODAY_LONG_RE.fullmatch(url) or _TODAY_SHORT_RE.fullmatch(url):
        return ARCHIVE_TODAY
    return None


def copy_problem(url: str) -> str | None:
    """Why `url` is not the address of an archived copy, or None."""
    if service(url):
        return None
    return f"it is not the address of a Wayback Machine or archive.today copy, such as {EXAMPLE}"


def captured_at(url: str) -> datetime | None:
    """The capture time the address carries (both archives write it in UTC), if it carries one."""
    wayback = _WAYBACK_RE.fullmatch(url)
    if wayback:
        return _utc(wayback["time"], "%Y%m%d%H%M%S")
    today = _TODAY_LONG_RE.fullmatch(url)
    return _utc(today["time"], "%Y.%m.%d-%H%M%S") if today else None


def _utc(text: str, pattern: str) -> datetime | None:
    try:
        return datetime.strptime(text, pattern).replace(tzinfo=UTC)
    except ValueError:  # e.g. a 13th month
        return None


def original_of(url: str) -> str | None:
    """The address of the page copied, when the copy's address names it."""
    match = _WAYBACK_RE.fullmatch(url) or _TODAY_LONG_RE.fullmatch(url)
    return match["original"] if match else None


def same_page(a: str, b: str) -> bool:
    """Whether two addresses name the same page as the archives file it: the archives drop the
    scheme's difference, a leading 'www.' and a trailing '/' when they list a capture."""
    def key(url: str) -> str:
        rest = url.split("://", 1)[-1]
        rest = rest[4:] if rest.lower().startswith("www.") else rest
        host, slash, path = rest.partition("/")
        return f"{host.lower()}{slash}{path}".rstrip("/")

    return key(a) == key(b)


def wayback_url(timestamp: str, original: str) -> str:
    """The address of a Wayback Machine capture, from what Save Page Now answers."""
    return f"https://web.archive.org/web/{timestamp}/{original}"


def archived_copies(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """Copies belong to the record's source URL: it must exist, be the page copied, and have been
    captured when the copy's address says."""
    for record in archive.records.values():
        copies = getattr(record, "archived", None)
        if not copies:
            continue
        source, field = archive.sources[record.id], SOURCE_FIELD[record.kind]
        page = getattr(record, "url" if field == "url" else "source")
        if page is None:
            yield source.problem(("archived",), f"archived: copies of what? this {record.kind} has no '{field}'; "
                                 f"write the address of the page copied under '{field}'", key=True)
            continue
        for i, copy in enumerate(copies):
            original = original_of(copy.url)
            if original is not None and not same_page(original, page):
                yield source.problem(("archived", i, "url"), f"archived[{i}].url: is a copy of '{original}', not "
                                     f"of this {record.kind}'s {field} '{page}'")
            stamped = captured_at(copy.url)
            if stamped is not None and stamped != copy.captured.value:
                yield source.problem(("archived", i, "captured"), f"archived[{i}].captured: '{copy.captured}' is "
                                     f"not the capture time the address carries ({stamped:%Y-%m-%dT%H:%M:%SZ}); "
                                     "write that time")
