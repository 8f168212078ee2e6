"""Atom feeds (feedgen): the whole archive, each person, event, organization and tag, the corrections.

    feed.xml                          everything with a time of its own
    people/<id>/feed.xml              what names the person
    events/<id>/feed.xml              the event's timeline and its parts
    organizations/<id>/feed.xml       what names the organization (an outlet: what it published)
    tags/<anchor>/feed.xml            what carries the tag (anchor as on the tags page)
    corrections/feed.xml              the corrections log

An entry is an article, update, quote, correction or event, dated by its own
time (Published.feed_time: a day, or a time whose zone no source stated, is
12:00 UTC of its day). An update of an article or a correction of a record makes
that record an updated entry: `updated` is the time of its latest revision,
`published` its own time. A feed's `updated` is its newest entry's, so the same
content always writes the same bytes (no build time anywhere).

Archived feeds (RFC 5005 §4): the feed itself (the subscription document) holds
the 50 most recently updated entries. Past 50 entries, every entry is also in
an archive document beside it, `feed-1.xml` (the oldest 50), `feed-2.xml` …,
each full; they are linked `prev-archive` (older) and `next-archive` (newer),
each archive links the feed as `current`, and the feed links the newest archive
as `prev-archive`, so a reader pages back through every entry. An archive
changes only when one of its records is updated again (the entry moves to the
newest end, as it does in the feed).

Feeds are written without indentation or line breaks between elements (XML readers ignore them;
they were a tenth of a feed's bytes).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml.etree import SubElement

from generator.core.addresses import page_url
from generator.core.issuers import in_own_words
from generator.core.models import Article, Correction, Event, Organization, Person, Quote, Record, Update
from generator.outputs.publication import ENTRY_KINDS, KIND_LABELS, Published

LIMIT = 50  # entries in a feed, and in each of its archive documents
ATOM = "application/atom+xml"
HISTORY = "http://purl.org/syndication/history/1.0"  # RFC 5005's namespace
# characters XML 1.0 cannot carry (record text may hold them as YAML escapes)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Feed:
    path: str  # relative to the site root, e.g. "people/mark-esper/feed.xml"
    title: str  # plain text
    page: str  # the URL of the page it follows, e.g. "people/mark-esper/"
    records: tuple[Record, ...]  # candidate entries (only those with a time become entries)


FOLLOWED = (Person, Event, Organization)  # records with a feed of their own


def archive_feed(pub: Published) -> Feed:
    records = [r for r in pub.site.public.values() if r.kind in ENTRY_KINDS]
    return Feed("feed.xml", pub.site.settings.title, "", tuple(records))


def corrections_feed(pub: Published) -> Feed:
    return Feed(*_corrections(pub), page_url("corrections.md"), tuple(pub.site.corrections_log()))


def record_feed(pub: Published, record: Record) -> Feed | None:
    """The feed that follows a person, event or organization."""
    site = pub.site
    if isinstance(record, Event):
        records = [*site.timeline(record), *site.children(record)]
    elif isinstance(record, FOLLOWED):
        records = [r for r in site.archive.referrers(record.id) if r.kind in ENTRY_KINDS]
    else:
        return None
    return Feed(*_own(pub, record), pub.page_of(record), tuple(records))


def tag_feed(pub: Published, tag: str, records: list[Record]) -> Feed:
    return Feed(*_tag(pub, tag), f"tags/{pub.site.tag_anchors[tag]}/",  # the tag's page, beside its feed
                tuple(r for r in records if r.kind in ENTRY_KINDS))


def all_feeds(pub: Published) -> list[Feed]:
    feeds = [archive_feed(pub), corrections_feed(pub)]
    for record in pub.site.sorted(pub.site.public.values()):
        feed = record_feed(pub, record)
        if feed is not None:
            feeds.append(feed)
    feeds += [tag_feed(pub, tag, records) for tag, records in pub.site.tags()]
    return feeds


# (path, title) of each feed, shared by the feeds and the pages that link them
def _own(pub: Published, record: Record) -> tuple[str, str]:
    return pub.page_of(record) + "feed.xml", f"{pub.site.title(record)} – {pub.site.settings.title}"


def _tag(pub: Published, tag: str) -> tuple[str, str]:
    return f"tags/{pub.site.tag_anchors[tag]}/feed.xml", f"Tag: {tag} – {pub.site.settings.title}"


def _corrections(pub: Published) -> tuple[str, str]:
    return "corrections/feed.xml", f"Corrections – {pub.site.settings.title}"


def feeds_of_page(pub: Published, uri: str, record: Record | None) -> list[tuple[str, str]]:
    """(path, title) of the feeds a page links in its head: the archive's, then the page's own."""
    found = [("feed.xml", pub.site.settings.title)]
    if record is not None:
        if isinstance(record, FOLLOWED):
            found.append(_own(pub, record))
        if isinstance(record, Correction):
            found.append(_corrections(pub))
        found += [_tag(pub, tag) for tag in dict.fromkeys(record.tags)]
    elif uri == "corrections.md":
        found.append(_corrections(pub))
    elif uri == "tags.md":
        found += [_tag(pub, tag) for tag in pub.site.tag_anchors]
    elif uri.startswith("tags/"):  # a tag's page (any of its pages): its feed
        anchor = uri[len("tags/"):].split("/")[0].removesuffix(".md")
        found += [_tag(pub, tag) for tag, mark in pub.site.tag_anchors.items() if mark == anchor]
    return found


@dataclass(frozen=True)
class Entry:
    record: Record
    published: datetime
    updated: datetime


@dataclass
class Made:
    """What every feed naming a record shares, made once a build (a record is an entry of the archive's
    feed, and of its people's, organizations', events' and tags' feeds): by record id, its Entry (None:
    it has no time) and its feedgen entry (an entry holds no trace of the feed it was first added to)."""

    entries: dict[str, Entry | None] = field(default_factory=dict)
    atom: dict[str, FeedEntry] = field(default_factory=dict)


def entry_of(pub: Published, record: Record) -> Entry | None:
    """The record as an entry, or None when it has no time."""
    published = pub.feed_time(record)
    if published is None:
        return None
    latest = pub.latest_revision(record)
    updated = pub.feed_time(latest) if latest is not None else None
    return Entry(record, published, max(published, updated or published))


def all_entries(pub: Published, feed: Feed, made: Made | None = None) -> list[Entry]:
    """Every entry of the feed and its archives, most recently updated first."""
    known = made.entries if made is not None else {}
    out = []
    for record in {r.id: r for r in feed.records}.values():
        if record.id not in known:
            known[record.id] = entry_of(pub, record)
        entry = known[record.id]
        if entry is not None:
            out.append(entry)
    out.sort(key=lambda e: (e.updated, e.published, e.record.kind, e.record.id), reverse=True)
    return out


def archive_path(feed: Feed, number: int) -> str:
    """Where the feed's archive document `number` is: 'people/x/feed.xml' → 'people/x/feed-1.xml'."""
    return f"{feed.path.removesuffix('.xml')}-{number}.xml"


def archives(every: list[Entry]) -> list[list[Entry]]:
    """The archive documents' entries, oldest document first: full runs of LIMIT from the oldest
    entry, each newest first; none for a feed of at most LIMIT entries."""
    if len(every) <= LIMIT:
        return []
    oldest_first = every[::-1]
    full = len(oldest_first) // LIMIT
    return [oldest_first[n * LIMIT:(n + 1) * LIMIT][::-1] for n in range(full)]


class _Archive(BaseExtension):
    """<fh:archive/>: this document is an archive of the feed (RFC 5005 §4)."""

    def extend_ns(self):
        return {"fh": HISTORY}

    def extend_atom(self, feed):
        SubElement(feed, f"{{{HISTORY}}}archive")
        return feed


def atom(pub: Published, feed: Feed, chosen: list[Entry], archived: int, number: int = 0,
         made: Made | None = None) -> bytes:
    """The feed (`number` 0) or its archive document `number` (1 is the oldest) holding the entries
    `chosen`, among `archived` archive documents."""
    site = pub.site
    path = archive_path(feed, number) if number else feed.path
    fg = FeedGenerator()
    fg.id(pub.url(path))
    fg.title(_xml(feed.title) + (f" (archive {number} of {archived})" if number else ""))
    fg.updated(chosen[0].updated if chosen else pub.newest)
    fg.author({"name": _xml(site.settings.title), "uri": pub.url("")})
    fg.link(href=pub.url(feed.page), rel="alternate", type="text/html")
    fg.link(href=pub.url(path), rel="self", type=ATOM)
    if number:
        fg.register_extension("archive", _Archive, atom=True, rss=False)
        fg.link(href=pub.url(feed.path), rel="current", type=ATOM)
        if number < archived:
            fg.link(href=pub.url(archive_path(feed, number + 1)), rel="next-archive", type=ATOM)
    older = number - 1 if number else archived
    if older:
        fg.link(href=pub.url(archive_path(feed, older)), rel="prev-archive", type=ATOM)
    fg.language(site.settings.language)
    fg.generator("news-archive-generator")
    if site.settings.description:
        fg.subtitle(_xml(site.settings.description))
    known = made.atom if made is not None else {}
    for entry in chosen:
        fe = known.get(entry.record.id)
        if fe is None:
            fe = known[entry.record.id] = _feed_entry(pub, entry)
        fg.add_entry(fe, order="append")
    # not indented: a feed reader parses it, and the indentation was a tenth of every feed's bytes
    return fg.atom_str(pretty=False)


class _SharedEntry(FeedEntry):
    """A feedgen entry whose <entry> element is built once: every feed holding it gets a copy."""

    _element = None

    def atom_entry(self, extensions=True):
        if self._element is None:
            self._element = super().atom_entry(extensions)
        return copy.deepcopy(self._element)  # a feed takes the element it is given as its child


def _feed_entry(pub: Published, entry: Entry) -> FeedEntry:
    """The record's <entry>, the same in every feed that holds it."""
    site, record = pub.site, entry.record
    fe = _SharedEntry()
    fe.id(pub.record_url(record))
    fe.title(_xml(site.title(record)))
    fe.link(href=pub.record_url(record), rel="alternate", type="text/html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    fe.category({"term": record.kind, "label": KIND_LABELS[record.kind]})
    author = _author(pub, record)
    if author:
        fe.author({"name": _xml(author)})
    summary = pub.description(record)
    if summary:
        fe.summary(_xml(summary))
    return fe


def _author(pub: Published, record: Record) -> str | None:
    site = pub.site
    """Whoever wrote the entry's text: an article's authors (or its byline; never the outlet, which
    published it), a quote's speaker, an update's outlet, an outlet's own correction notice; a
    correction or dispute that the archive tells (a third party's, an editor's note) is the archive's."""
    if isinstance(record, Article):
        names = [p.title for p in site.many(record.authors)]
        return ", ".join(names) if names else record.byline
    if isinstance(record, Quote):
        return _title(site.get(record.speaker))
    if isinstance(record, Update):
        return _title(site.outlet(record))
    if isinstance(record, Correction):
        return _title(site.issuer(record)) if in_own_words(record) else site.settings.title
    return None


def _title(record: Record | None) -> str | None:
    return record.title if record is not None else None


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_feeds(pub: Published, site_dir: Path) -> int:
    feeds = all_feeds(pub)
    made = Made()
    for feed in feeds:
        path = site_dir / feed.path
        path.parent.mkdir(parents=True, exist_ok=True)
        every = all_entries(pub, feed, made)
        runs = archives(every)
        path.write_bytes(atom(pub, feed, every[:LIMIT], len(runs), made=made))
        for number, run in enumerate(runs, start=1):
            (site_dir / archive_path(feed, number)).write_bytes(atom(pub, feed, run, len(runs), number, made))
    return len(feeds)


__all__ = ["ATOM", "Feed", "LIMIT", "all_entries", "all_feeds", "archive_path", "archives", "atom",
           "feeds_of_page", "write_feeds"]
