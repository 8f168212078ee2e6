"""URLs that never break: a manifest of every page URL a build published, checked by the next build.

Every build writes `urls.txt` at the site's root: one root-relative page URL a
line (record pages, index pages, pages in docs_dir, and the redirect pages of
previous ids). The next build into the same output folder reads it before
writing anything and refuses, in one line, to publish a site on which one of
those URLs would be gone: a record renamed without listing its old id under
`previous_ids`, deleted, or turned back into a draft. A record removed on
purpose is listed (its URL, one a line, `#` comments) in
`site_config/removed-urls.txt`; its URL then may go.

The check compares with the output folder's own previous build: `generator
build` reads it from the real site folder (it builds in a staging folder), plain
`mkdocs build` from its site_dir (before MkDocs cleans it), `mkdocs serve` from
its previous preview build. Pages of lists (a month of the archive, a tag's
page, page 2 of a long person page) are listed too but not kept: they come and
go with the records they list (generator/site/paging.py). A fresh folder has no manifest, so nothing to check:
a CI build starting from nothing should first fetch the published `urls.txt`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.core.addresses import encoded, old_urls, page_url, record_url
from generator.core.archive import Archive
from generator.core.sources import display_path
from generator.render.pages import INDEX_PAGES
from generator.site.paging import is_list_page

MANIFEST = "urls.txt"
REMOVED = "removed-urls.txt"  # beside the settings file, in site_config/
SHOWN = 5  # URLs named in the message; the rest are counted


class UrlsLost(Exception):
    """URLs of the previous build would disappear; the message is one line."""


def normal(url: str) -> str:
    """'/people/x/', 'people/x' and 'people/x/' are one URL: '/people/x/'; the home page is '/'.
    Percent-encoded once, as every address the site publishes ('/tags/ünlü/' → '/tags/%C3%BCnl%C3%BC/'),
    whichever form a manifest or the removed list wrote."""
    url = encoded(url.strip()).strip("/")
    return f"/{url}/" if url else "/"


def site_urls(archive: Archive, docs_dir: Path | None) -> list[str]:
    """Every page URL a build publishes: the published records' pages and the redirects of their
    previous ids, the index pages, the Markdown pages in docs_dir."""
    public = [r for r in archive.records.values() if r.is_public]
    urls = {normal(record_url(r)) for r in public}
    urls |= {normal(old) for r in public for old in old_urls(r)}
    urls |= {normal(page_url(uri)) for uri in INDEX_PAGES}
    if docs_dir is not None and docs_dir.is_dir():
        urls |= {normal(page_url(p.relative_to(docs_dir).as_posix())) for p in docs_dir.rglob("*.md")}
    return sorted(urls)


def read_urls(path: Path) -> set[str]:
    """A manifest or the removed-URLs list: one URL a line; blank lines and '# …' are skipped."""
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {normal(line) for line in lines if line.strip() and not line.lstrip().startswith("#")}


def check(previous: Path, urls: Iterable[str], removed: Path) -> None:
    """Raise UrlsLost when a URL listed in the previous manifest is neither published nor removed."""
    # the pages of lists (a month, a tag, page 2 of a person) come and go with the records they list
    before = {url for url in read_urls(previous) if not is_list_page(url)}
    if not before:
        return
    lost = sorted(before - set(urls) - read_urls(removed))
    if not lost:
        return
    named = ", ".join(lost[:SHOWN]) + (f" and {len(lost) - SHOWN} more" if len(lost) > SHOWN else "")
    noun = "URL" if len(lost) == 1 else "URLs"
    raise UrlsLost(f"the site was not built: {len(lost)} {noun} the previous build published would disappear "
                   f"({named}); list a renamed record's old id under previous_ids, or the URL of a record "
                   f"removed on purpose in {display_path(removed)} (one a line)")


def keep(previous: Path, archive: Archive, docs_dir: Path | None, removed: Path) -> list[str]:
    """The URLs this build publishes, once checked against the previous manifest."""
    urls = site_urls(archive, docs_dir)
    check(previous, urls, removed)
    return urls


def write_manifest(site_dir: Path, urls: Iterable[str]) -> None:
    (site_dir / MANIFEST).write_text("".join(url + "\n" for url in urls), encoding="utf-8")


__all__ = ["MANIFEST", "REMOVED", "UrlsLost", "check", "keep", "normal", "read_urls", "site_urls", "write_manifest"]
