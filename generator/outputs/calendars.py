"""iCalendar files (the `icalendar` library): one per event and one of every event.

    events/<id>/event.ics   the event
    events.ics              every published event

A calendar holds at least one event (RFC 5545 asks for a component): an archive
with no published event publishes no events.ics and links none.

An event given as days is an all-day event (DATE values; DTEND is the day after
its last day, as iCalendar counts); one given as datetimes has exact times
(written in UTC). An event that has a start and no end gets no DTEND: its end is
not known (RFC 5545 then reads it as one day long, so its description says that the
records give no end). UID is the event page's address. DTSTAMP and LAST-MODIFIED say
when the archive last changed the event's record: the day of its latest commit (git
history, at 12:00 UTC); with no history, DTSTAMP (required) is the day of the archive's
newest editor's note, which the archive dates when it writes it, and LAST-MODIFIED is
left out. Every text, the calendar's name included, is escaped as iCalendar TEXT.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from generator.core.dates import When
from generator.core.models import Correction, Event
from generator.core.richtext import plain_text
from generator.outputs.publication import NOON, Published

PRODID = "-//news-archive-generator//archive events//EN"


def vevent(pub: Published, event: Event, archive_day: datetime | None = None) -> VEvent:
    """The event as a VEVENT; `archive_day` (_archive_day, computed once by the caller for many
    events: it reads every record) is its DTSTAMP when the event has no history."""
    start = event.when
    assert start is not None, "check requires an event's date or start"
    site = pub.site
    out = VEvent()
    out.add("uid", pub.record_url(event))
    history = site.history(event)
    if history:
        changed = datetime.combine(history[-1].day, NOON, tzinfo=UTC)
        out.add("dtstamp", changed)
        out.add("last-modified", changed)
    else:
        out.add("dtstamp", archive_day or _archive_day(pub))
    out.add("summary", site.title(event))
    end: When | None = event.end if event.date is None else None
    if start.is_day or (end is not None and end.is_day):
        out.add("dtstart", start.day)
        if event.date is not None or end is not None:
            last: date = end.day if end is not None else start.day
            out.add("dtend", _day_after(last))
    else:
        out.add("dtstart", _utc(start))
        if end is not None:
            out.add("dtend", _utc(end))
    if event.location:
        out.add("location", event.location)
    description = []
    if event.summary:
        resolve = lambda i: ("#", site.title(named) if (named := site.get(i)) else i)  # noqa: E731
        description.append(plain_text(event.summary, resolve, event.text_format == "plain"))
    if event.date is None and end is None:
        description.append(NO_END)
    if description:
        out.add("description", "\n\n".join(description))
    out.add("url", pub.record_url(event))
    parent = site.get(event.part_of)
    if parent is not None:
        out.add("related-to", pub.record_url(parent), parameters={"RELTYPE": "PARENT"})
    if event.tags:
        out.add("categories", list(dict.fromkeys(event.tags)))
    return out


NO_END = "The records give no end date for this event."


def _day_after(day: date) -> date:
    """iCalendar's exclusive end of an all-day event; the last day there is stays the last day."""
    return day + timedelta(days=1) if day < date.max else day


def _archive_day(pub: Published) -> datetime:
    """When the archive last wrote, as its own records say: its newest editor's note's day."""
    notes = [r.when.day for r in pub.site.public.values()
             if isinstance(r, Correction) and r.issuer == "archive" and r.when is not None]
    days = notes or [w.day for w in (pub.site.when(r) for r in pub.site.public.values()) if w is not None]
    return datetime.combine(max(days, default=date(1970, 1, 1)), NOON, tzinfo=UTC)


def _utc(when: When) -> datetime:
    return when.moment.astimezone(UTC)


def calendar(pub: Published, events: list[Event], name: str, archive_day: datetime | None = None) -> bytes:
    archive_day = archive_day or _archive_day(pub)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(name))  # an X- property is not escaped unless it is TEXT
    for event in events:
        cal.add_component(vevent(pub, event, archive_day))
    return cal.to_ical()


def write_calendars(pub: Published, site_dir: Path) -> int:
    site = pub.site
    events = site.events
    if not events:
        return 0
    archive_day = _archive_day(pub)  # once: it reads every record (per event, it was quadratic)
    (site_dir / "events.ics").write_bytes(calendar(pub, events, f"Events – {site.settings.title}", archive_day))
    for event in events:
        path = site_dir / pub.page_of(event) / "event.ics"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar(pub, [event], f"{site.title(event)} – {site.settings.title}", archive_day))
    return len(events)


__all__ = ["calendar", "vevent", "write_calendars"]
