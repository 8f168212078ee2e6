"""The `archive` plugin: MkDocs' events translated into the pipeline's calls (load and check,
render pages, hand them over as final HTML, run the outputs after the build)."""

from __future__ import annotations

import html
import logging
import re
import shutil
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.build import chrome, frames, site_size
from generator.build.jobs import DataJobs, SearchIndexJob, data_share, redirect_html, write_data
from generator.build.preview import Preview, template_files
from generator.build.progress import Phases
from generator.build.shards import EVERYTHING, Shard, share_pages
from generator.core import parallel
from generator.core.addresses import page_url
from generator.core.archive import Archive
from generator.core.history import read_history
from generator.core.parallel import ChildFailed, Forked, fork_map, workers_wanted
from generator.core.settings import Settings
from generator.mkdocs_adapter.kept import SITEMAP, Kept, always_modified, kept_files, sitemap_entries, sitemap_stays
from generator.mkdocs_adapter.loading import checked, load_content
from generator.mkdocs_adapter.mkdocs_api import BasePlugin, Config, File, Files, PluginError, config_options
from generator.mkdocs_adapter.theme import BUILT_ELSEWHERE, page_inputs, theme_share, toc_of
from generator.mkdocs_adapter.watching import watch_natively
from generator.outputs import urls_kept
from generator.outputs.page_head import head_meta
from generator.outputs.publication import Published
from generator.outputs.search_index import SearchIndexError
from generator.outputs.sitemaps import split_sitemap
from generator.render.pages import CompiledOnce, Renderer, Site, redirects

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
    others write the data outputs. A serial build writes the same bytes (tested)."""

    preloaded: tuple[Settings, Archive] | None = None  # set by build_site, which validated already
    published_dir: Path | None = None  # set by build_site: the real site folder, whose urls.txt is kept
    urls: list[str] | None = None  # the page URLs this build publishes, set once they were checked
    phases: Phases | None = None  # set by build_site, which times the whole build
    workers_override: int | None = None  # set by build_site (`generator build --workers`)
    content_dir: Path | None = None  # set by build_site when it builds another content folder
    theme_per_page = False  # set by build_site (tests): the theme renders every page, no page is joined
    shard: Shard = EVERYTHING  # set by build_site (`generator build --shard K/N`): this build's share of the work

    preview: Preview | None = None  # `mkdocs serve --dirty`: builds after the first reuse the one before
    background: Forked | None = None  # a preview's search index and data outputs, still being written

    def on_startup(self, *, command, dirty) -> None:
        """A preview that keeps unchanged pages on disk (`serve --dirty`) rebuilds only what an edit touches."""
        self.preview = Preview() if command == "serve" and dirty else None
        self.kept: dict[str, Kept] = {}  # a preview's files of our pages, by uri, from the build before
        self.sitemap_before: tuple | None = None  # what the sitemap the build before wrote says
        self.sitemap_stays = False
        if self.preview:  # its warning about inaccurate dirty builds does not hold for ours (tested)
            self._exact = _Drop("A 'dirty' build is being performed")
            logging.getLogger("mkdocs.commands.build").addFilter(self._exact)
            logging.getLogger("mkdocs.commands.build").addFilter(_SITEMAP_KEPT)

    def on_serve(self, server, config, builder):
        """A preview notices a save from the system's file events (mkdocs_adapter/watching.py)."""
        if self.preview:
            watch_natively(server)
        return server

    def on_shutdown(self) -> None:
        # without a preview there is no filter, and removing None does nothing
        logging.getLogger("mkdocs.commands.build").removeFilter(getattr(self, "_exact", None))  # type: ignore[arg-type]
        logging.getLogger("mkdocs.commands.build").removeFilter(_SITEMAP_KEPT)
        if self.background:
            self.background.cancel()

    def on_config(self, config):
        root = Path(config.config_file_path or ".").parent
        self.phases = self.phases or Phases()
        self.workers = workers_wanted(self.workers_override or self.config.workers)
        self.theme: list[Forked] = []  # processes rendering pages with the theme
        self.data: DataJobs | None = None
        if self.background:  # the previous preview's outputs: made again at the end of this build
            self.background.cancel()
        templates = root / self.config.templates
        with self.phases.timed("load"):
            if self.preview:
                # what every page depends on: a change there rebuilds everything
                watched = template_files(templates, Path(config.docs_dir), *(Path(d) for d in config.theme.dirs[:1]))
                settings, archive = checked(lambda: self.preview.load(root / self.config.content,
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
        self.search = SearchIndexJob(self.site, Path(config.site_dir), self.workers > 1 and not self.preview,
                                     self.shard)
        with self.phases.timed("pages", len(self.site.public)):
            if self.preview:
                pages = self.preview.pages(self.preview.renderer(self.site, templates, config.site_url or ""),
                                           self.workers)
                self.own = {page.uri for page in pages}
            else:
                pages, self.own = share_pages(Renderer(self.site, templates, base=config.site_url or ""),
                                              self.shard, self.workers)
            self.pages = {page.uri: page for page in pages}
        self.redirects = redirects(self.site)
        # the archive's name and description come from its settings, escaped once for the theme
        config.site_name = Markup(escape(settings.title))
        config.site_description = Markup(escape(settings.description)) if settings.description else None
        # the licences every page's footer states (site_config/overrides/main.html): None says none is stated
        config.extra["arc_licences"] = {"pages": settings.licence, "data": settings.data_licence}
        # the archive as data (JSON-LD, feeds, calendars, JSON): absolute addresses from site_url
        with self.phases.timed("graph"):
            self.published = Published(self.site, config.site_url or "",
                                       {uri: page for uri, page in self.pages.items() if uri in self.own})
        with self.phases.timed("head"):
            if self.preview:
                self.heads = self.preview.heads(self.pages, self._head_of, self.workers)
            else:
                uris = [uri for uri in self.pages if uri in self.own]
                self.heads = dict(zip(uris, fork_map(self._head_of, uris, self.workers), strict=True))
        if self.urls is None or self.preview:  # not by build_site: checked here, before MkDocs cleans site_dir
            self.urls = keep_urls(self, config, archive)
        return config

    def _content_dir(self, root: Path) -> Path:
        return self.content_dir or root / self.config.content

    def _head_of(self, uri: str) -> dict:
        page = self.pages[uri]
        return head_meta(self.published, page, self.published.record_at(uri))

    def on_files(self, files: Files, config) -> Files:
        if self.preview:
            self.kept = kept_files(self.pages.values(), self.kept, self.preview.fresh, config)
            for file in self.kept.values():
                _add(files, file)
            if self.preview.everything:  # MkDocs would write docs_dir's pages only when their file is newer
                for doc in files.documentation_pages():
                    if doc.src_uri not in self.kept:
                        doc.is_modified = always_modified  # type: ignore[method-assign]  # for this build's File only
            for uri in self.preview.removed:  # a dirty build never deletes: pages that are gone go here
                shutil.rmtree(Path(config.site_dir) / page_url(uri), ignore_errors=True)
        else:
            for page in self.pages.values():
                _add(files, File.generated(config, page.uri, content=page.html))
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

    def on_pre_template(self, template, template_name, config):
        """A preview's sitemap, when it stays: an empty template, which MkDocs does not write (kept.py)."""
        if template_name == SITEMAP and self.preview and self.sitemap_stays:
            return template.environment.from_string("")
        return template

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
        if ours.uri not in self.own:  # another shard writes it; this one lists it (sitemap, navigation)
            page.meta["template"] = BUILT_ELSEWHERE
            return ""
        page.meta.update(self.heads[ours.uri])
        page.meta["title"] = Markup(escape(ours.title))
        if ours.hide:
            page.meta["hide"] = list(ours.hide)
        if ours.description:
            page.meta["description"] = Markup(escape(ours.description))
        return ""  # the body is final HTML; there is nothing for Markdown to do

    def on_page_content(self, content, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None or ours.uri not in self.own:
            return content
        page.toc = toc_of(ours.title, ours.headings)
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
        with workers, the rest are rendered in forked processes, the data outputs written in others
        (build/jobs.DataJobs)."""
        # MkDocs makes the theme's environment again for every build: a preview's rebuilds reuse the
        # templates compiled by the first (Jinja compiles again a template whose source changed)
        env.bytecode_cache = env.bytecode_cache or _THEME_COMPILED
        ours = []  # our pages this build writes
        documentation_pages = files.documentation_pages()
        for file in documentation_pages:
            if file.src_uri not in self.pages:
                # a hand-written page (about.md): MkDocs dates it with the build's day, which would
                # make the sitemap differ from day to day; it shows no record, so it has no lastmod
                file.page.update_date = ""
            else:
                # the sitemap's lastmod: the day of the newest thing the page shows, never the build's;
                # none when no record on the page has a day
                file.page.update_date = self.pages[file.src_uri].updated or ""
                if file.is_modified() and file.src_uri in self.own:
                    ours.append(file.page)
        _date_sitemap_gz(documentation_pages)
        if self.preview:  # the sitemap stays as the build before wrote it when it would say the same
            entries = sitemap_entries(documentation_pages)
            self.sitemap_stays = not self.preview.everything and sitemap_stays(config.site_dir, entries,
                                                                               self.sitemap_before)
            self.sitemap_before = entries
        workers = self.workers if self.workers > 1 and len(ours) >= parallel.PARALLEL_FROM else 1
        if workers > 1 and not self.preview:
            self.data = DataJobs(self.published, Path(config.site_dir), self.shard, workers)
        dealt = frames.shares(self._groups(ours, config), workers)
        for share in dealt[1:]:  # the parent renders the first share and skips the rest
            self.theme.append(Forked(partial(theme_share, share, config, files, self.nav, env, True)))
            for members in share:
                for page, _, _ in members:
                    page.meta["template"] = BUILT_ELSEWHERE
        # the parent's share: pages joined now, the others by MkDocs' own loop right after this event
        with self.phases.timed("frames"):  # type: ignore[union-attr]  # set by on_config
            self.frame_counts = theme_share(dealt[0], config, files, self.nav, env, False)[1]
        if workers > 1 or self.frame_counts[0] or self.shard.count > 1:
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
            return frames.group(pages, lambda page: page_inputs(page, in_nav))

    def on_post_build(self, config) -> None:
        """Index the built site for search (so `mkdocs build` searches too), write the data outputs.

        A preview shows its pages at once: search and data follow a few seconds later."""
        logging.getLogger("mkdocs.commands.build").removeFilter(_QUIET_SKIPPED)
        site_dir = Path(config.site_dir)
        counts = getattr(self, "frame_counts", (0, 0, 0))
        for job in self.theme:
            messages, more = job_result(job)
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
        self.shard = EVERYTHING

    def _outputs(self, site_dir: Path) -> None:
        # phases and urls: set by on_config, forgotten only after this
        with self.phases.timed("data"):  # type: ignore[union-attr]
            counts = (job_result(self.data) if self.data
                      else write_data(self.published, site_dir, data_share(self.shard)))
        with self.phases.timed("search"):  # type: ignore[union-attr]  # as above
            count = job_result(self.search, site_dir)
        log.info("search: indexed %d records with Pagefind", count)
        # every page URL, those of lists included (the next build does not insist on those)
        published = {*self.urls, *(urls_kept.normal(p.url) for p in self.pages.values())}  # type: ignore[misc]  # urls too
        urls_kept.write_manifest(site_dir, sorted(published))
        split_sitemap(site_dir, self.published)
        log.info("data: %d records as JSON, JSON Lines and SQLite, %d feeds, %d event calendars, %d citations",
                 *counts)
        if not self.preview and self.shard.count == 1:  # info, not a warning: a strict build must not fail
            # over its host's limit (a shard's part says nothing: the merge measures the site)
            note = site_size.note_on(site_dir)
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
            self.sitemap_before = None
        self._forget_this_build()
        if hasattr(self, "search"):
            self.search.discard()

def _no_markdown(page, config, files) -> None:
    """Page.render for one of our pages: what Markdown makes of the empty page on_page_markdown gives it."""
    page.content = ""

class _Drop(logging.Filter):
    """Drops the log messages that start with `start`."""

    def __init__(self, start: str):
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.start)

_THEME_COMPILED = CompiledOnce()

# MkDocs says "Page skipped … empty output" for each page another process wrote: not news
_QUIET_SKIPPED = _Drop("Page skipped")
# nor "Template skipped" for a preview's sitemap that stays as it was
_SITEMAP_KEPT = _Drop(f"Template skipped: '{SITEMAP}'")

def job_result(job, *args):
    try:
        return job.result(*args)
    except (SearchIndexError, ChildFailed) as error:
        raise PluginError(str(error)) from None

def keep_urls(plugin: ArchivePlugin, config, archive: Archive) -> list[str]:
    """URLs never break: refuse to drop one the previous build in the output folder published."""
    root = Path(config.config_file_path or ".").parent
    try:
        return urls_kept.keep(Path(plugin.published_dir or config.site_dir) / urls_kept.MANIFEST, archive,
                              Path(config.docs_dir), (root / plugin.config.settings).parent / urls_kept.REMOVED)
    except urls_kept.UrlsLost as error:
        raise PluginError(str(error)) from None

def _add(files: Files, file: File) -> None:
    # Files.append silently replaces a file at the same path: refuse instead
    if file.src_uri in files.src_uris:  # src_uri is already a posix path: no need to normalise it again
        raise PluginError(f"two pages would be written to '{file.src_uri}'; rename one of the records "
                          "or the file in docs_dir")
    files.append(file)

def _date_sitemap_gz(documentation_pages) -> None:
    """MkDocs dates sitemap.xml.gz with the newest page's day and fails when no page has one.

    In an archive whose records have no day at all (only people, say) the first page carries
    the epoch as its lastmod, so that the build does not fail."""
    pages = [f.page for f in documentation_pages if f.page is not None]
    if pages and not any(p.update_date for p in pages):
        pages[0].update_date = "1970-01-01"
