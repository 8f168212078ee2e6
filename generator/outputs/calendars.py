"""iCalendar files (the `icalendar` library): one per event and one of every event.

    events/<id>/event.ics   the event
    events.ics              every published event

An event given as days is an all-day event (DATE values; DTEND is the day after
its last day, as iCalendar counts); one given as datetimes has exact times
(written in UTC). UID is the event page's address; DTSTAMP and LAST-MODIFIED
are the time of the event record or of its latest correction, so the same
content writes the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as VEvent

from generator.core.dates import When
from generator.core.models import Event
from generator.core.richtext import plain_text
from generator.outputs.publication import Published

PRODID = "-//news-archive-generator//archive events//EN"


def vevent(pub: Published, event: Event) -> VEvent | None:
    start: When | None = event.date or event.start
    if start is None:
        return None
    site = pub.site
    out = VEvent()
    out.add("uid", pub.record_url(event))
    modified = pub.instant(pub.modified(event) or start).astimezone(UTC)
    out.add("dtstamp", modified)
    out.add("last-modified", modified)
    out.add("summary", site.title(event))
    end: When | None = event.end if event.date is None else None
    if start.is_day or (end is not None and end.is_day):
        out.add("dtstart", start.day)
        last: date = end.day if end is not None else start.day
        out.add("dtend", last + timedelta(days=1))
    else:
        out.add("dtstart", _utc(start))
        if end is not None:
            out.add("dtend", _utc(end))
    if event.location:
        out.add("location", event.location)
    if event.summary:
        resolve = lambda i: ("#", site.title(site.get(i)) if site.get(i) else i)  # noqa: E731
        out.add("description", plain_text(event.summary, resolve, event.text_format == "plain"))
    out.add("url", pub.record_url(event))
    parent = site.get(event.part_of)
    if parent is not None:
        out.add("related-to", pub.record_url(parent), parameters={"RELTYPE": "PARENT"})
    if event.tags:
        out.add("categories", list(dict.fromkeys(event.tags)))
    return out


def _utc(when: When) -> datetime:
    return when.value.astimezone(UTC)  # type: ignore[union-attr]


def calendar(pub: Published, events: list[Event], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        component = vevent(pub, event)
        if component is not None:
            cal.add_component(component)
    return cal.to_ical()


def write_calendars(pub: Published, site_dir: Path) -> int:
    site = pub.site
    events: list[Event] = [r for r in site.sorted(site.public.values()) if isinstance(r, Event)]
    (site_dir / "events.ics").write_bytes(calendar(pub, events, f"Events – {site.settings.title}"))
    for event in events:
        path = site_dir / pub.page_of(event) / "event.ics"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar(pub, [event], f"{site.title(event)} – {site.settings.title}"))
    return len(events)


__all__ = ["calendar", "vevent", "write_calendars"]
