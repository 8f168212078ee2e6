"""Every address the site gives a page or a file, built here and nowhere else.

A page has three forms of address:

- its *uri*, the source file MkDocs builds it from: 'people/mark-esper.md';
- its *url*, relative to the site root, directory style: 'people/mark-esper/' ('' for the
  home page). Pages link each other with urls made relative (`relative_url`), so the site
  works under any sub-path; HTML takes any letters in a link as written;
- its *address*, absolute: the site's public address and the url, percent-encoded once as
  RFC 3986 asks (`Addresses.absolute`). Every machine-readable output names a page by it —
  the canonical link and the sitemap (MkDocs encodes them the same way), Open Graph, JSON-LD,
  feeds, calendars, the open data and `urls.txt` — so one page never has two identifiers.

A record's page is `<kind folder>/<id>/`; each of its previous ids keeps a page at the same
place under the old id that sends readers on (`old_urls`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from generator.core.kinds import FOLDER_OF

if TYPE_CHECKING:
    from generator.core.models import Record


def record_uri(kind: str, record_id: str) -> str:
    """The uri of the page of a record of `kind` with this id: 'people/mark-esper.md'."""
    return f"{FOLDER_OF[kind]}/{record_id}.md"


def page_uri(record: Record) -> str:
    return record_uri(record.kind, record.id)


def page_url(uri: str) -> str:
    """'people/x.md' → 'people/x/'; 'tags/index.md' → 'tags/'; 'index.md' → ''."""
    stem = uri[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def record_url(record: Record, record_id: str | None = None) -> str:
    """The url of the record's page: 'people/mark-esper/'; under `record_id`, one of its previous ids."""
    return page_url(record_uri(record.kind, record_id or record.id))


def old_urls(record: Record) -> dict[str, str]:
    """The url of each previous id's page → the record's url (where the old page sends readers)."""
    here = record_url(record)
    return {record_url(record, old): here for old in record.previous_ids}


def relative_url(from_url: str, to_url: str) -> str:
    """Link between directory-style page urls ('people/x/' → '../../quotes/y/').

    The same result as posixpath.relpath on the two folders, computed on segments:
    pages make tens of links each, and relpath's normalising dominated rendering."""
    return LinksFrom(from_url).to(to_url)


class LinksFrom:
    """Links from one page to others (relative_url), its own url split once."""

    def __init__(self, from_url: str):
        self.here = [part for part in from_url.split("/") if part]

    def to(self, to_url: str) -> str:
        here = self.here
        there = [part for part in to_url.split("/") if part]
        common = 0
        for mine, theirs in zip(here, there, strict=False):  # paths of any lengths
            if mine != theirs:
                break
            common += 1
        rel = "/".join([".."] * (len(here) - common) + there[common:])
        return rel + "/" if rel else "./"


def file_href(from_url: str, path: str) -> str:
    """A file's address ('feed.xml', 'people/x/feed.xml') relative to a page url."""
    if from_url and path.startswith(from_url):
        return path[len(from_url):]
    return "../" * from_url.count("/") + path


@functools.lru_cache(maxsize=1 << 16)  # every page's head names the same records' addresses again
def encoded(url: str) -> str:
    """A url or path percent-encoded once, as MkDocs encodes page urls: '/tags/ünlü/' →
    '/tags/%C3%BCnl%C3%BC/'. An encoded one is decoded first, so the two forms agree."""
    return quote(unquote(url), safe="/")


class Addresses:
    """Absolute addresses on the site published at `base` (its address; '' gives root-relative ones)."""

    def __init__(self, base: str):
        base = base if not base or base.endswith("/") else base + "/"
        self.base = base or "/"
        self._of: dict[tuple[str, str, str], str] = {}  # every page's head names records others name too

    def absolute(self, url: str, fragment: str = "") -> str:
        """The address of a url relative to the site root, percent-encoded once; `fragment` after '#'."""
        return self.base + encoded(url) + (f"#{fragment}" if fragment else "")

    def of(self, record: Record, fragment: str = "") -> str:
        key = (record.kind, record.id, fragment)
        address = self._of.get(key)
        if address is None:
            address = self._of[key] = self.absolute(record_url(record), fragment)
        return address


__all__ = ["Addresses", "LinksFrom", "encoded", "file_href", "old_urls", "page_uri", "page_url", "record_uri",
           "record_url", "relative_url"]
