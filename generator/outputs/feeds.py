"""Atom feeds (feedgen): the whole archive, each person, event, organization and tag, the corrections.

    feed.xml                          everything with a time of its own
    people/<id>/feed.xml              what names the person
    events/<id>/feed.xml              the event's timeline and its parts
    organizations/<id>/feed.xml       what names the organization (an outlet: what it published)
    tags/<anchor>/feed.xml            what carries the tag (anchor as on the tags page)
    corrections/feed.xml              the corrections log

An entry is an article, update, quote, correction or event, dated by its own
time (a day is midnight in the site's zone). An update of an article or a
correction of a record makes that record an updated entry: `updated` is the
time of its latest revision, `published` its own time. A feed keeps its 50
most recently updated entries, and its `updated` is its newest entry's, so the
same content always writes the same bytes (no build time anywhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from generator.core.addresses import page_url
from generator.core.models import Article, Correction, Event, Organization, Person, Quote, Record, Update
from generator.outputs.publication import ENTRY_KINDS, KIND_LABELS, Published

LIMIT = 50
ATOM = "application/atom+xml"
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


def entries(pub: Published, feed: Feed) -> list[Entry]:
    """The feed's entries, most recently updated first, at most LIMIT."""
    out = []
    for record in {r.id: r for r in feed.records}.values():
        published = pub.feed_time(record)
        if published is None:
            continue
        latest = pub.latest_revision(record)
        updated = pub.feed_time(latest) if latest is not None else None
        out.append(Entry(record, published, max(published, updated or published)))
    out.sort(key=lambda e: (e.updated, e.published, e.record.kind, e.record.id), reverse=True)
    return out[:LIMIT]


def atom(pub: Published, feed: Feed) -> bytes:
    site = pub.site
    chosen = entries(pub, feed)
    fg = FeedGenerator()
    fg.id(pub.url(feed.path))
    fg.title(_xml(feed.title))
    fg.updated(chosen[0].updated if chosen else pub.newest)
    fg.author({"name": _xml(site.settings.title), "uri": pub.url("")})
    fg.link(href=pub.url(feed.page), rel="alternate", type="text/html")
    fg.link(href=pub.url(feed.path), rel="self", type=ATOM)
    fg.language(site.settings.language)
    fg.generator("news-archive-generator")
    if site.settings.description:
        fg.subtitle(_xml(site.settings.description))
    for entry in chosen:
        record = entry.record
        fe = fg.add_entry(order="append")
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
    return fg.atom_str(pretty=True)


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
        return _title(site.issuer(record)) if record.issuer == "outlet" else site.settings.title
    return None


def _title(record: Record | None) -> str | None:
    return record.title if record is not None else None


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_feeds(pub: Published, site_dir: Path) -> int:
    feeds = all_feeds(pub)
    for feed in feeds:
        path = site_dir / feed.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(atom(pub, feed))
    return len(feeds)


__all__ = ["ATOM", "Feed", "LIMIT", "all_feeds", "atom", "entries", "feeds_of_page", "write_feeds"]
