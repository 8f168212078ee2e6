"""The one module that imports MkDocs: a plugin that hands the archive's pages to it.

Everything else in the generator is builder-agnostic: pages are values (uri,
title, HTML body, headings) from generator.pages, so moving to an MkDocs fork or
a successor means rewriting this file only. Pages are generated in memory
(File.generated), never written into docs_dir, so `mkdocs serve` does not
rebuild forever; record pages stay out of the nav (named index pages only).

The bodies are final HTML: Markdown never sees them (on_page_markdown hands it an
empty page, on_page_content puts the body back), and the title, description and
table of contents are set from the page values. Values the theme prints without
escaping are handed over as Markup, escaped exactly once.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator import urls_kept
from generator.archive import Archive, load
from generator.calendars import write_calendars
from generator.config import Settings, load_settings
from generator.feeds import write_feeds
from generator.opendata import write_open_data
from generator.page_head import head_meta
from generator.pages import Heading, Renderer, Site, redirects
from generator.problems import ContentError, as_text
from generator.publication import Published
from generator.search import SearchIndexError, search_records, write_index

log = logging.getLogger("mkdocs.plugins.archive")


class ArchiveConfig(Config):
    content = config_options.Type(str, default="content")
    settings = config_options.Type(str, default="site_config/archive.yml")
    templates = config_options.Type(str, default="site_config/templates")


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """`plugins: [archive]` in mkdocs.yml: validate content, then add its pages."""

    preloaded: tuple[Settings, Archive] | None = None  # set by build_site, which validated already
    published_dir: Path | None = None  # set by build_site: the real site folder, whose urls.txt is kept
    urls: list[str] | None = None  # the page URLs this build publishes, set once they were checked

    def on_config(self, config):
        root = Path(config.config_file_path or ".").parent
        settings, archive = self.preloaded or load_content(root / self.config.content, root / self.config.settings)
        self.site = Site(archive, settings)
        self.pages = {page.uri: page for page in Renderer(self.site, root / self.config.templates).pages()}
        self.redirects = redirects(self.site)
        # the archive's name and description come from its settings, escaped once for the theme
        config.site_name = Markup(escape(settings.title))
        config.site_description = Markup(escape(settings.description)) if settings.description else None
        # the archive as data (JSON-LD, feeds, calendars, JSON): absolute addresses from site_url
        self.published = Published(self.site, config.site_url or "", self.pages)
        if self.urls is None:  # plain `mkdocs build`: checked here, before MkDocs cleans site_dir
            self.urls = _keep_urls(self, config, archive)
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.pages.values():
            _add(files, File.generated(config, page.uri, content=page.html))
        for old, new in self.redirects.items():
            _add(files, File.generated(config, f"{old}index.html", content=_redirect_html(old, new)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None:  # a page of docs_dir: its head says what the archive knows of it
            page.meta.update(head_meta(self.published, None, None, page.url, page.title))
            return markdown
        page.meta.update(head_meta(self.published, ours, self.published.record_at(ours.uri)))
        page.meta["title"] = Markup(escape(ours.title))
        if ours.description:
            page.meta["description"] = Markup(escape(ours.description))
        # the sitemap's lastmod: the newest thing the page shows, never the build date (a page has
        # no day only when no record has one; MkDocs needs some date for the gzipped sitemap)
        page.update_date = ours.updated or "1970-01-01"
        return ""  # the body is final HTML; there is nothing for Markdown to do

    def on_page_content(self, content, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return content
        page.toc = _toc(ours.title, ours.headings)
        return ours.html

    def on_post_build(self, config) -> None:
        """Index the built site for search (so `mkdocs build` searches too)."""
        try:
            count = write_index(search_records(self.site), Path(config.site_dir) / "pagefind")
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.info("search: indexed %d records with Pagefind", count)
        site_dir = Path(config.site_dir)
        records = write_open_data(self.published, site_dir)
        feeds = write_feeds(self.published, site_dir)
        events = write_calendars(self.published, site_dir)
        urls_kept.write_manifest(site_dir, self.urls)
        log.info("data: %d records as JSON, JSON Lines and SQLite, %d feeds, %d event calendars",
                 records, feeds, events)


# Where the theme's "Skip to content" link leads: the start of the page's content, an element
# site_config/overrides/main.html puts before every page body.
SKIP_TARGET = "arc-content"


def _toc(title: str, headings: tuple[Heading, ...]) -> TableOfContents:
    """Headings as MkDocs' table of contents (titles are HTML there: escaped once), under one
    level-1 entry for the page itself. Material links its skip link to the first entry (so every
    page has one, leading to the title, not past it) and lists only that entry's children."""
    top: list[AnchorLink] = []
    stack: list[AnchorLink] = []
    for heading in headings:
        link = AnchorLink(Markup(escape(heading.title)), heading.id, heading.level)
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else top).append(link)
        stack.append(link)
    root = AnchorLink(Markup(escape(title)), SKIP_TARGET, 1)
    root.children = top
    return TableOfContents([root])


def load_content(content_dir: Path, settings_file: Path) -> tuple[Settings, Archive]:
    """Validate everything; any problem stops the build before a file is written."""
    try:
        settings = load_settings(settings_file)
        archive, problems, count = load(content_dir, settings)
    except ContentError as error:
        problems, count = error.problems, 0
    if problems:
        raise PluginError("content has problems, nothing was built:\n" + as_text(problems, count))
    return settings, archive


def _keep_urls(plugin: ArchivePlugin, config, archive: Archive) -> list[str]:
    """URLs never break: refuse to drop one the previous build in the output folder published."""
    root = Path(config.config_file_path or ".").parent
    try:
        return urls_kept.keep(Path(plugin.published_dir or config.site_dir) / urls_kept.MANIFEST, archive,
                              Path(config.docs_dir), (root / plugin.config.settings).parent / urls_kept.REMOVED)
    except urls_kept.UrlsLost as error:
        raise PluginError(str(error)) from None


def _add(files: Files, file: File) -> None:
    # Files.append silently replaces a file at the same path: refuse instead
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"two pages would be written to '{file.src_uri}'; rename one of the records "
                          "or the file in docs_dir")
    files.append(file)


def _redirect_html(old: str, new: str) -> str:
    """A page at an old URL that sends readers (and search engines) to the new one."""
    depth = old.rstrip("/").count("/") + 1
    target = html.escape("../" * depth + new)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
            f'<link rel="canonical" href="{target}"><meta http-equiv="refresh" content="0; url={target}">'
            f'<meta name="robots" content="noindex"></head><body><p>This page has moved to '
            f'<a href="{target}">{target}</a>.</p></body></html>\n')


def build_site(config_file: Path, site_dir: Path, content_dir: Path | None = None) -> None:
    """Build the whole site into a fresh folder, then swap it into place.

    A failed build raises BuildFailed and leaves `site_dir` as it was.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        plugin = config.plugins["archive"]
        root = config_file.resolve().parent
        content_dir = content_dir or root / plugin.config.content
        plugin.preloaded = load_content(content_dir, root / plugin.config.settings)
        plugin.published_dir = site_dir
        plugin.urls = _keep_urls(plugin, config, plugin.preloaded[1])
        mkdocs_build(config)
        _swap(staging, site_dir)
    except PluginError as error:
        raise BuildFailed(str(error)) from None
    except (Abort, ConfigurationError, OSError) as error:
        raise BuildFailed(f"the site was not built: {error}") from None
    except Exception as error:  # never a traceback: one line, and the previous site stays
        raise BuildFailed(f"the site was not built: unexpected {type(error).__name__}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when the swap succeeded


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


class BuildFailed(Exception):
    """The builder refused the site; the message says why."""


__all__ = ["ArchivePlugin", "BuildFailed", "build_site"]
