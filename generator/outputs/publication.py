"""What every data output of the archive needs: absolute URLs and the records' own times.

The JSON-LD, feeds, calendars and open data all name records by the same
absolute URLs (the site's public address + the page's URL) and date them by the
same times: a record's own time, and its last revision (an update of an article,
a correction of anything). Days stand for midnight in the site's time zone. Only
published records are ever named: `Site.public`, `Site.get` and the archive's
referrers leave drafts out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from functools import cached_property

from generator.core.addresses import Addresses, page_uri, record_url
from generator.core.dates import When
from generator.core.kinds import KINDS, OWN_TIME
from generator.core.models import Article, Record
from generator.render.pages import Page, page_description
from generator.site.questions import Site

ENTRY_KINDS = OWN_TIME  # a feed's entries: records with a time of their own
NOON = time(12)  # where a feed puts a record that has a day but no stated time and zone (feed_time)
KIND_LABELS = {kind.name: kind.label for kind in KINDS}


@dataclass
class Published:
    """The site as it is published at `base` (the site's address, ending in '/')."""

    site: Site
    base: str  # the site's public address (site_url); '' gives root-relative addresses
    pages: dict[str, Page] = field(default_factory=dict)  # by uri, for titles and descriptions
    addresses: Addresses = field(init=False, repr=False)
    # each record's address, encoded once: every data output names records by it, over and over
    _record_urls: dict[tuple[str, str], str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.addresses = Addresses(self.base)

    @property
    def zone(self):
        return self.site.settings.timezone or UTC

    # --- addresses (generator/core/addresses.py builds them all) ------------

    def url(self, relative: str, fragment: str = "") -> str:
        """The absolute address of a url or file path relative to the site root ('people/x/', 'feed.xml')."""
        return self.addresses.absolute(relative, fragment)

    def page_of(self, record: Record) -> str:
        """The record's page url relative to the site root, e.g. 'people/mark-esper/'."""
        return record_url(record)

    def record_url(self, record: Record) -> str:
        key = (record.kind, record.id)
        url = self._record_urls.get(key)
        if url is None:
            url = self._record_urls[key] = self.addresses.of(record)
        return url

    def node_id(self, record: Record) -> str:
        """The record's stable JSON-LD @id: its page's address and its kind as the fragment."""
        return self.addresses.of(record, record.kind)

    def json_path(self, record: Record) -> str:
        """Where the record's JSON is, relative to the site root (a file path, not encoded)."""
        return record_url(record) + "index.json"

    @property
    def archive_id(self) -> str:
        return self.url("", "archive")

    @cached_property
    def _by_uri(self) -> dict[str, Record]:
        return {page_uri(r): r for r in self.site.public.values()}

    def record_at(self, uri: str) -> Record | None:
        """The record whose page has this uri (None for index pages)."""
        return self._by_uri.get(uri)

    def description(self, record: Record) -> str:
        """The description of the record's page: as rendered, or (a page another shard renders) as
        rendering would give it."""
        page = self.pages.get(page_uri(record))
        return page.description if page else page_description(self.site, record)

    # --- times -------------------------------------------------------------

    def instant(self, when: When) -> datetime:
        """The moment a When names; a day is its midnight in the site's time zone."""
        if when.is_day:
            return datetime.combine(when.day, time(), tzinfo=self.zone)
        return when.moment

    def machine_time(self, record: Record | None) -> str | None:
        """A record's own time for machines (JSON-LD, Open Graph), saying no more than the record:
        a day as a day; a time whose zone the source did not state (`time_zone: unstated`, or
        `assumed` by the editor) as the local date and time, with no UTC offset; else the instant
        with the offset the source gave."""
        when = record.when if record is not None else None
        if when is None:
            return None
        if not when.is_day and getattr(record, "time_zone", None) in ("unstated", "assumed"):
            return when.moment.replace(tzinfo=None).isoformat()
        return when.iso

    def feed_time(self, record: Record) -> datetime | None:
        """A record's time in a feed, where Atom asks for a full date-time with an offset: the instant
        when the source gave time and zone; otherwise (a day, an unstated or assumed zone) 12:00 UTC of
        its day, a documented convention that keeps the day the same in every zone from UTC−12 to
        UTC+11. A quote with no date of its own is placed on its article's day (site.when)."""
        when = self.site.when(record)
        if when is None:
            return None
        owner = record if record.when is not None else self.site.get(getattr(record, "article", None))
        if when.is_day or getattr(owner, "time_zone", None) in ("unstated", "assumed"):
            return datetime.combine(when.day, NOON, tzinfo=UTC)
        return when.moment

    def latest_revision(self, record: Record) -> Record | None:
        """The record, or a revision of it (an update, a correction), with the latest time."""
        dated = [r for r in [record, *self.revisions(record)] if self.site.when(r) is not None]
        # in `dated`, when() is never None
        return max(dated, key=lambda r: self.site.when(r).sort_key) if dated else None  # type: ignore[union-attr]

    def revisions(self, record: Record) -> list[Record]:
        """What changed a record after it appeared: an article's updates, corrections of anything."""
        found = self.site.corrections_of(record)
        if isinstance(record, Article):
            found = self.site.referrers(record, "update", "article") + found
        return found

    def modified(self, record: Record) -> When | None:
        """The latest of a record's own time and its revisions' times."""
        times = [w for w in (self.site.when(r) for r in [record, *self.revisions(record)]) if w]
        return max(times, key=lambda w: w.sort_key) if times else None

    @cached_property
    def newest(self) -> datetime:
        """The newest moment any published record names (a fixed point for empty feeds)."""
        times = [t for t in (self.feed_time(r) for r in self.site.public.values()) if t is not None]
        return max(times, default=datetime(1970, 1, 1, tzinfo=UTC))


__all__ = ["ENTRY_KINDS", "KIND_LABELS", "Published"]
