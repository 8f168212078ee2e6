"""The one module that imports MkDocs: a plugin that hands the archive's pages to it.

Everything else in the generator is builder-agnostic: pages are values (uri,
title, HTML body, headings) from generator.render.pages, so moving to an MkDocs fork or
a successor means rewriting this file only. Pages are generated in memory
(File.generated), never written into docs_dir, so `mkdocs serve` does not
rebuild forever; record pages stay out of the nav (named index pages only).

The bodies are final HTML: Markdown never sees them (on_page_markdown hands it an
empty page, on_page_content puts the body back), and the title, description and
table of contents are set from the page values. Values the theme prints without
escaping are handed over as Markup, escaped exactly once.

The theme renders one page of each page shape; the other pages of that shape are joined from
it (generator/build/frames.py: `_page_inputs` says what the theme's output depends on,
`_theme_output` renders as MkDocs' _build_page does), so a record page costs a join, not a render.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import tempfile
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import cast

import jinja2
from markupsafe import Markup, escape
from mkdocs.commands.build import _build_page, get_context  # to render our pages in forked processes
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import write_file

from generator.build import chrome, frames, site_size
from generator.build.jobs import SearchIndexJob, redirect_html, write_data
from generator.build.preview import Preview, template_files
from generator.build.progress import Phases
from generator.core import parallel
from generator.core.addresses import page_url
from generator.core.archive import Archive, load
from generator.core.embargo import NOW_VARIABLE, DateError
from generator.core.history import read_history
from generator.core.parallel import ChildFailed, Forked, fork_map, workers_wanted
from generator.core.problems import ContentError, as_text
from generator.core.settings import Settings, load_settings
from generator.outputs import urls_kept
from generator.outputs.page_head import head_meta
from generator.outputs.publication import Published
from generator.outputs.search_index import SearchIndexError
from generator.outputs.sitemaps import split_sitemap
from generator.render.pages import Heading, Renderer, Site, redirects

log = logging.getLogger("mkdocs.plugins.archive")
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


class ArchiveConfig(Config):
    content = config_options.Type(str, default="content")
    settings = config_options.Type(str, default="site_config/archive.yml")
    templates = config_options.Type(str, default="site_config/templates")
    workers = config_options.Type(int, default=0)  # processes for a build; 0: every core, 1: serial


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """`plugins: [archive]` in mkdocs.yml: validate content, then add its pages.

    With more than one worker the build overlaps its parts: Pagefind indexes the
    records in a forked process from the start, page bodies and heads are rendered
    over every core, and the theme renders the pages in forked processes while
    another writes the data outputs. A serial build writes the same bytes (tested)."""

    preloaded: tuple[Settings, Archive] | None = None  # set by build_site, which validated already
    published_dir: Path | None = None  # set by build_site: the real site folder, whose urls.txt is kept
    urls: list[str] | None = None  # the page URLs this build publishes, set once they were checked
    phases: Phases | None = None  # set by build_site, which times the whole build
    workers_override: int | None = None  # set by build_site (`generator build --workers`)
    content_dir: Path | None = None  # set by build_site when it builds another content folder
    theme_per_page = False  # set by build_site (tests): the theme renders every page, no page is joined

    preview: Preview | None = None  # `mkdocs serve --dirty`: builds after the first reuse the one before
    background: Forked | None = None  # a preview's search index and data outputs, still being written

    def on_startup(self, *, command, dirty) -> None:
        """A preview that keeps unchanged pages on disk (`serve --dirty`) rebuilds only what an edit touches."""
        self.preview = Preview() if command == "serve" and dirty else None
        if self.preview:  # its warning about inaccurate dirty builds does not hold for ours (tested)
            self._exact = _Drop("A 'dirty' build is being performed")
            logging.getLogger("mkdocs.commands.build").addFilter(self._exact)

    def on_shutdown(self) -> None:
        # without a preview there is no filter, and removing None does nothing
        logging.getLogger("mkdocs.commands.build").removeFilter(getattr(self, "_exact", None))  # type: ignore[arg-type]
        if self.background:
            self.background.cancel()

    def on_config(self, config):
        root = Path(config.config_file_path or ".").parent
        self.phases = self.phases or Phases()
        self.workers = workers_wanted(self.workers_override or self.config.workers)
        self.theme: list[Forked] = []  # processes rendering pages with the theme
        self.data: Forked | None = None
        if self.background:  # the previous preview's outputs: made again at the end of this build
            self.background.cancel()
        templates = root / self.config.templates
        with self.phases.timed("load"):
            if self.preview:
                # what every page depends on: a change there rebuilds everything
                watched = template_files(templates, Path(config.docs_dir), *(Path(d) for d in config.theme.dirs[:1]))
                settings, archive = _checked(lambda: self.preview.load(root / self.config.content,
                                                                       root / self.config.settings,
                                                                       [Path(config.config_file_path), *watched]))
            else:
                settings, archive = self.preloaded or load_content(root / self.config.content,
                                                                   root / self.config.settings)
        with self.phases.timed("history"):
            archive.history = read_history(root, self._content_dir(root))
            if archive.history.note and not self.preview:
                log.info("history: %s", archive.history.note)
        with self.phases.timed("graph"):
            self.site = Site(archive, settings)
        self.search = SearchIndexJob(self.site, Path(config.site_dir), self.workers > 1 and not self.preview)
        with self.phases.timed("pages", len(self.site.public)):
            if self.preview:
                pages = self.preview.pages(self.preview.renderer(self.site, templates, config.site_url or ""),
                                           self.workers)
            else:
                pages = Renderer(self.site, templates, base=config.site_url or "").pages(self.workers)
            self.pages = {page.uri: page for page in pages}
        self.redirects = redirects(self.site)
        # the archive's name and description come from its settings, escaped once for the theme
        config.site_name = Markup(escape(settings.title))
        config.site_description = Markup(escape(settings.description)) if settings.description else None
        # the licences every page's footer states (site_config/overrides/main.html): None says none is stated
        config.extra["arc_licences"] = {"pages": settings.licence, "data": settings.data_licence}
        # the archive as data (JSON-LD, feeds, calendars, JSON): absolute addresses from site_url
        with self.phases.timed("graph"):
            self.published = Published(self.site, config.site_url or "", self.pages)
        with self.phases.timed("head"):
            if self.preview:
                self.heads = self.preview.heads(self.pages, self._head_of, self.workers)
            else:
                uris = list(self.pages)
                self.heads = dict(zip(uris, fork_map(self._head_of, uris, self.workers), strict=True))
        if self.urls is None or self.preview:  # not by build_site: checked here, before MkDocs cleans site_dir
            self.urls = _keep_urls(self, config, archive)
        return config

    def _content_dir(self, root: Path) -> Path:
        return self.content_dir or root / self.config.content

    def _head_of(self, uri: str) -> dict:
        page = self.pages[uri]
        return head_meta(self.published, page, self.published.record_at(uri))

    def on_files(self, files: Files, config) -> Files:
        unchanged = set(self.pages) - self.preview.fresh if self.preview else set()
        for page in self.pages.values():
            kind = _Unchanged if page.uri in unchanged else File
            _add(files, kind.generated(config, page.uri, content=page.html))
        if self.preview:  # a dirty build never deletes: pages that are gone go here
            for uri in self.preview.removed:
                shutil.rmtree(Path(config.site_dir) / page_url(uri), ignore_errors=True)
        for old, new in self.redirects.items():
            address = self.published.url(new) if config.site_url else None
            _add(files, File.generated(config, f"{old}index.html", content=redirect_html(old, new, address)))
        theme_dirs = [Path(d) for d in config.theme.dirs]
        icons = chrome.sprite_icons(theme_dirs)
        if icons:  # the theme's icons, drawn once for every page (site_config/overrides/.icons/arc/)
            try:
                sprite = chrome.icon_sprite(icons, theme_dirs)
            except FileNotFoundError as error:
                raise PluginError(str(error)) from None
            _add(files, File.generated(config, chrome.SPRITE, content=sprite))
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_pre_page(self, page, config, files):
        """Our bodies are final HTML: MkDocs' Markdown (a converter made for every page) has nothing to do."""
        if page.file.src_uri in self.pages:
            page.render = _no_markdown.__get__(page)
        return page

    def on_page_markdown(self, markdown, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None:  # a page of docs_dir: its head says what the archive knows of it
            page.meta.update(head_meta(self.published, None, None, page.url, page.title,
                                       str(page.meta.get("description") or "")))
            return markdown
        page.meta.update(self.heads[ours.uri])
        page.meta["title"] = Markup(escape(ours.title))
        if ours.hide:
            page.meta["hide"] = list(ours.hide)
        if ours.description:
            page.meta["description"] = Markup(escape(ours.description))
        return ""  # the body is final HTML; there is nothing for Markdown to do

    def on_page_content(self, content, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return content
        page.toc = _toc(ours.title, ours.headings)
        return ours.html

    def on_post_page(self, output, page, config):
        """<html lang> from the page's record (the theme writes its own UI language there); the
        theme's indentation squeezed out of everything but the page's body."""
        ours = self.pages.get(page.file.src_uri)
        language = ours.language if ours else self.site.settings.language
        output = _HTML_LANG.sub(lambda _: f'<html lang="{html.escape(language)}"', output, count=1)
        return chrome.lighter(output, page.content or "")

    def on_env(self, env, config, files):
        """Our pages that share a shape are joined from one render of the theme (build/frames.py);
        with workers, the rest are rendered in forked processes, the data outputs written in another."""
        ours = []  # our pages this build writes
        for file in files.documentation_pages():
            if file.src_uri not in self.pages:
                # a hand-written page (about.md): MkDocs dates it with the build's day, which would
                # make the sitemap differ from day to day; it shows no record, so it has no lastmod
                file.page.update_date = ""
            else:
                # the sitemap's lastmod: the day of the newest thing the page shows, never the build's;
                # none when no record on the page has a day
                file.page.update_date = self.pages[file.src_uri].updated or ""
                if file.is_modified():
                    ours.append(file.page)
        _date_sitemap_gz(files)
        workers = self.workers if self.workers > 1 and len(ours) >= parallel.PARALLEL_FROM else 1
        if workers > 1 and not self.preview:
            self.data = Forked(lambda: write_data(self.published, Path(config.site_dir)))
        dealt = frames.shares(self._groups(ours, config), workers)
        for share in dealt[1:]:  # the parent renders the first share and skips the rest
            self.theme.append(Forked(partial(_theme_share, share, config, files, self.nav, env, True)))
            for members in share:
                for page, _, _ in members:
                    page.meta["template"] = BUILT_ELSEWHERE
        # the parent's share: pages joined now, the others by MkDocs' own loop right after this event
        with self.phases.timed("frames"):  # type: ignore[union-attr]  # set by on_config
            self.frame_counts = _theme_share(dealt[0], config, files, self.nav, env, False)[1]
        if workers > 1 or self.frame_counts[0]:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({BUILT_ELSEWHERE: ""}), env.loader])
            logging.getLogger("mkdocs.commands.build").addFilter(_QUIET_SKIPPED)
        return env

    def _groups(self, pages: list, config) -> list[frames.Group]:
        """Our pages by shape; each page alone (the theme renders it) when joins are off, or when another
        plugin handles page_context (it would see only the probes)."""
        if self.theme_per_page or config.plugins.events["page_context"]:
            return [[(page, None, None)] for page in pages]
        in_nav = {id(page) for page in self.nav.pages}
        with self.phases.timed("frames"):  # type: ignore[union-attr]  # set by on_config
            return frames.group(pages, lambda page: _page_inputs(page, in_nav))

    def on_post_build(self, config) -> None:
        """Index the built site for search (so `mkdocs build` searches too), write the data outputs.

        A preview shows its pages at once: search and data follow a few seconds later."""
        logging.getLogger("mkdocs.commands.build").removeFilter(_QUIET_SKIPPED)
        site_dir = Path(config.site_dir)
        counts = getattr(self, "frame_counts", (0, 0, 0))
        for job in self.theme:
            messages, more = _result(job)
            for message in messages:  # warnings count in strict mode: say them here
                log.warning(message)
            counts = tuple(a + b for a, b in zip(counts, more, strict=True))
        log.info(frames.summary(*counts))
        if self.preview:
            self.preview.commit()
            self.background = Forked(lambda: self._outputs(site_dir))
        else:
            self._outputs(site_dir)
        self._forget_this_build()

    def _forget_this_build(self) -> None:
        """MkDocs keeps this plugin for every build in a process: what one build was given ends with it."""
        self.preloaded = self.published_dir = self.urls = self.phases = self.workers_override = None
        self.content_dir = None
        self.theme_per_page = False

    def _outputs(self, site_dir: Path) -> None:
        # phases and urls: set by on_config, forgotten only after this
        with self.phases.timed("data"):  # type: ignore[union-attr]
            counts = _result(self.data) if self.data else write_data(self.published, site_dir)
        with self.phases.timed("search"):  # type: ignore[union-attr]  # as above
            count = _result(self.search, site_dir)
        log.info("search: indexed %d records with Pagefind", count)
        # every page URL, those of lists included (the next build does not insist on those)
        published = {*self.urls, *(urls_kept.normal(p.url) for p in self.pages.values())}  # type: ignore[misc]  # urls too
        urls_kept.write_manifest(site_dir, sorted(published))
        split_sitemap(site_dir, self.published)
        log.info("data: %d records as JSON, JSON Lines and SQLite, %d feeds, %d event calendars, %d citations",
                 *counts)
        if not self.preview:  # info, not a warning: a strict build must not fail over its host's limit
            note = site_size.over_limit(sum(size for _, size in site_size.sizes_by_kind(site_dir).values()))
            if note:
                log.info("size: %s", note)

    def on_build_error(self, error) -> None:
        """Stop every process this build started, so nothing writes into a folder being removed."""
        logging.getLogger("mkdocs.commands.build").removeFilter(_QUIET_SKIPPED)
        for job in getattr(self, "theme", ()):
            job.cancel()
        if getattr(self, "data", None):  # set by on_config, which may not have run
            self.data.cancel()  # type: ignore[union-attr]
        if self.preview:
            self.preview.forget()
        self._forget_this_build()
        if hasattr(self, "search"):
            self.search.discard()


def _no_markdown(page, config, files) -> None:
    """Page.render for one of our pages: what Markdown makes of the empty page on_page_markdown gives it."""
    page.content = ""


class _Unchanged(File):
    """A page a preview keeps: the copy the previous build wrote is still right."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def _checked(load):
    try:
        return load()
    except ContentError as error:
        raise _refused(error.problems, error.files) from None
    except DateError as error:  # $ARCHIVE_NOW that is not an instant
        raise PluginError(f"{NOW_VARIABLE}: {error}") from None


def _refused(problems, files: int) -> PluginError:
    return PluginError("content has problems, nothing was built:\n" + as_text(problems, files))


BUILT_ELSEWHERE = "arc-built-by-another-process.html"  # an empty template: the parent writes nothing


class _Drop(logging.Filter):
    """Drops the log messages that start with `start`."""

    def __init__(self, start: str):
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.start)


# MkDocs says "Page skipped … empty output" for each page another process wrote: not news
_QUIET_SKIPPED = _Drop("Page skipped")


def _build_pages(pages: list, config, files: Files, nav, env) -> list[str]:
    """In a forked process: render and write these pages with the theme; return its warnings."""
    warnings: list[str] = []
    handler = _Collect(warnings)
    logging.getLogger("mkdocs").addHandler(handler)
    doc_files = files.documentation_pages()
    for page in pages:
        _build_page(page, config, doc_files, nav, env)
    return warnings


def _page_inputs(page, in_nav: set[int]) -> tuple[tuple, dict]:
    """What the theme's output for one of our pages depends on: a key (its template, and its depth and
    first folder, which the theme's relative links depend on; a page of the navigation, whose tabs show
    it active, is its own) and its values, as data."""
    folders = page.url.split("/")
    key = (page.meta.get("template", "main.html"), len(folders), folders[0], page.is_homepage,
           id(page) if id(page) in in_nav else None)
    values = {"meta": dict(page.meta), "canonical_url": page.canonical_url, "toc": _toc_data(page.toc),
              "content": page.content}
    return key, values


def _toc_data(links) -> list:
    return [[link.title, link.id, link.level, _toc_data(link.children)] for link in links]


def _toc_links(data) -> list[AnchorLink]:
    links = []
    for title, anchor, level, children in data:
        link = AnchorLink(title, anchor, level)
        link.children = _toc_links(children)
        links.append(link)
    return links


def _theme_output(page, values: dict | None, config, doc_files, nav, env) -> str:
    """The theme's output for `page` (before on_post_page), as MkDocs' _build_page renders it;
    with `values` (from _page_inputs' shape) in place of the page's own."""
    saved = page.meta, page.canonical_url, page.toc, page.content
    if values is not None:
        page.meta, page.canonical_url = values["meta"], values["canonical_url"]
        page.toc, page.content = TableOfContents(_toc_links(values["toc"])), values["content"]
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False
        config._current_page = None
        page.meta, page.canonical_url, page.toc, page.content = saved


def _theme_share(groups: list[frames.Group], config, files: Files, nav, env, forked: bool):
    """Write the pages of these groups: joined from a frame where one can be made, else (in a forked
    process; the parent leaves them to MkDocs) rendered by the theme. Returns the theme's warnings and
    (pages joined, frames, pages rendered one by one)."""
    doc_files = files.documentation_pages()
    plan: frames.Plan = frames.plan_groups(
        groups, lambda page, values: _theme_output(page, values, config, doc_files, nav, env))
    for page, frame, texts in plan.joined:  # through the plugins' on_post_page, as MkDocs writes a page
        page.meta["template"] = BUILT_ELSEWHERE
        output = config.plugins.on_post_page(frame.join(texts), page=page, config=config)
        if output.strip():
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
    warnings = _build_pages(plan.themed, config, files, nav, env) if forked else []
    return warnings, plan.counts()


class _Collect(logging.Handler):
    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


def _result(job, *args):
    try:
        return job.result(*args)
    except (SearchIndexError, ChildFailed) as error:
        raise PluginError(str(error)) from None


# Where the theme's "Skip to content" link leads: the start of the page's content, an element
# site_config/overrides/main.html puts before every page body.
SKIP_TARGET = "arc-content"


def _toc(title: str, headings: tuple[Heading, ...]) -> TableOfContents:
    """Headings as MkDocs' table of contents (titles are HTML there: escaped once), under one
    level-1 entry for the page itself. Material links its skip link to the first entry (so every
    page has one, leading to the title, not past it) and lists only that entry's children. A page
    with one heading lists none: a contents of one entry (a quote's "Cite this record") leads
    nowhere a reader would not scroll to, and cost 0.7 KB on every such page."""
    if len(headings) < 2:
        headings = ()
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


def load_content(content_dir: Path, settings_file: Path, now: datetime | None = None) -> tuple[Settings, Archive]:
    """Validate everything; any problem stops the build before a file is written. Records under
    embargo at `now` (default: $ARCHIVE_NOW, else the clock) are withheld, and the next to lift is said."""
    try:
        settings = load_settings(settings_file)
        archive, problems, count = load(content_dir, settings, now)
    except ContentError as error:
        problems, count = error.problems, 0
    except DateError as error:  # $ARCHIVE_NOW that is not an instant
        raise PluginError(f"{NOW_VARIABLE}: {error}") from None
    if problems:
        raise _refused(problems, count)
    if archive.withheld.message():
        log.info(archive.withheld.message())
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


def build_site(config_file: Path, site_dir: Path, content_dir: Path | None = None,
               workers: int | None = None, now: datetime | None = None, theme_per_page: bool = False) -> None:
    """Build the whole site into a fresh folder, then swap it into place.

    A failed build raises BuildFailed and leaves `site_dir` as it was. `workers`: processes
    to use (None: the configuration's `workers`, whose default 0 means every core). `now`: the
    instant embargoes are compared with (None: $ARCHIVE_NOW, else the clock).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    start = time.perf_counter()
    kept = _PLUGINS.plugin_cache.pop("archive", None)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        plugin = cast(ArchivePlugin, config.plugins["archive"])  # the plugin of mkdocs.yml's `plugins: [archive]`
        root = config_file.resolve().parent
        content_dir = content_dir or root / plugin.config.content
        plugin.phases = phases = Phases()
        plugin.workers_override = workers
        plugin.content_dir = content_dir
        plugin.theme_per_page = theme_per_page
        with phases.timed("load"):
            plugin.preloaded = load_content(content_dir, root / plugin.config.settings, now)
        plugin.published_dir = site_dir
        plugin.urls = _keep_urls(plugin, config, plugin.preloaded[1])
        mkdocs_build(config)
        _swap(staging, site_dir)
        phases.write(time.perf_counter() - start)
    except PluginError as error:
        raise BuildFailed(str(error)) from None
    except (Abort, ConfigurationError, OSError) as error:
        raise BuildFailed(f"the site was not built: {error}") from None
    except Exception as error:  # never a traceback: one line, and the previous site stays
        raise BuildFailed(f"the site was not built: unexpected {type(error).__name__}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when the swap succeeded
        _PLUGINS.plugin_cache.pop("archive", None)
        if kept is not None:
            _PLUGINS.plugin_cache["archive"] = kept


# MkDocs keeps one instance of a plugin with on_startup for all builds in a process (a preview
# session's); build_site builds with a fresh one and leaves a preview's instance as it was.
_PLUGINS = cast(config_options.Plugins, MkDocsConfig.plugins)  # the option itself, read from the class


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


def _date_sitemap_gz(files) -> None:
    """MkDocs dates sitemap.xml.gz with the newest page's day and fails when no page has one.

    In an archive whose records have no day at all (only people, say) the first page carries
    the epoch as its lastmod, so that the build does not fail."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    if pages and not any(p.update_date for p in pages):
        pages[0].update_date = "1970-01-01"
