"""Embargoes: a record with `embargo_until` is checked like any other but published nowhere before
that instant.

The archive withholds such records once, where it is assembled, so every output (pages, search,
feeds, calendars, data, sitemap, kept URLs, back-links) follows without knowing of embargoes. Which
instant is "now" is explicit: `--now`, else $ARCHIVE_NOW, else the clock; an archive with no
embargoed record builds the same bytes whatever the clock says.

A record that is published earlier than an embargoed one cannot name it (its page would link to a
page that does not exist yet, and say what the embargo keeps back): `check` refuses that with the
file and line, whatever "now" is, so the same content checks the same on every day.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from generator.core.dates import DateError, parse_instant

if TYPE_CHECKING:  # the archive runs these checks when it is assembled: a type, not an import
    from generator.core.archive import Archive

NOW_VARIABLE = "ARCHIVE_NOW"


def now_from(given: str | None = None) -> datetime:
    """The instant embargoes are compared with: `given` (an instant with its offset), else
    $ARCHIVE_NOW, else the clock. DateError names what is wrong with a given instant."""
    text = given if given is not None else os.environ.get(NOW_VARIABLE) or None
    if text is None:
        return datetime.now(UTC)
    return parse_instant(text, "'now'").moment


def _lifts(record) -> datetime | None:
    when = getattr(record, "embargo_until", None)
    return when.value if when is not None else None


@dataclass(frozen=True)
class Withheld:
    """Records kept back at a build: id → the instant each embargo lifts."""

    until: dict[str, datetime]

    def next_lift(self) -> tuple[datetime, list[str]] | None:
        """The next instant an embargo lifts, and the records it releases."""
        if not self.until:
            return None
        first = min(self.until.values())
        return first, sorted(i for i, at in self.until.items() if at == first)

    def message(self) -> str | None:
        """What a build says about them (nothing when no record is withheld)."""
        lift = self.next_lift()
        if lift is None:
            return None
        at, ids = lift
        count = len(self.until)
        held = f"{count} record{'s' if count != 1 else ''} under embargo, not published"
        return (f"embargo: {held}; the next lifts at {at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} "
                f"({', '.join(ids)}): build again then to publish it")


def withhold(archive: Archive, now: datetime | None = None) -> Withheld:
    """Take every record whose embargo has not lifted at `now` (None: now_from(), read only when a
    record has an embargo) out of the archive, with its references."""
    embargoed = {i: at for i, r in archive.records.items() if (at := _lifts(r)) is not None}
    if embargoed and now is None:
        now = now_from()
    until = {i: at for i, at in embargoed.items() if at > now} if now is not None else {}
    if until:
        for record_id in until:
            del archive.records[record_id], archive.sources[record_id], archive.named[record_id]
            archive.back.pop(record_id, None)
        archive.references = [r for r in archive.references if r.source not in until and r.target not in until]
        for target, refs in archive.back.items():
            if any(r.source in until for r in refs):
                archive.back[target] = [r for r in refs if r.source not in until]
    return Withheld(until)


def named_too_early(source, target) -> str | None:
    """Why published `source` may not name `target` (under an embargo that lifts later), or None.

    A record may name an embargoed one only if it lifts no earlier itself: otherwise its page would
    name, and link, a record not yet published."""
    lifts = _lifts(target)
    own = _lifts(source)
    if lifts is None or (own is not None and own >= lifts):
        return None
    why = f"this record's lifts earlier ({source.embargo_until})" if own else "this record is not under embargo"
    return (f"is under embargo until {target.embargo_until}, and {why}: its page would name a record not yet "
            f"published; give this record embargo_until: {target.embargo_until} (or later), or leave the reference "
            "out until the embargo lifts")


__all__ = ["DateError", "NOW_VARIABLE", "Withheld", "named_too_early", "now_from", "withhold"]
