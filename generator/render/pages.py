"""Pages of the site as values: one per published record plus the index pages.

Every page body is HTML rendered here, once, by autoescaping Jinja2 templates
(site_config/templates/*.html.j2): a plain-text field reaches HTML through the
template's escaping and nothing parses it again; Markdown fields arrive already
sanitised (richtext.py). A builder gets the title, description and table of
contents as plain values beside the body, so no builder ever has to find them
in Markdown. `Page.markdown` wraps the same HTML as a Markdown file any MkDocs
builder passes through untouched (`generator pages --out`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
import yaml
from markupsafe import Markup, escape

from generator.core.addresses import LinksFrom, old_urls, page_uri, page_url, record_url
from generator.core.archive import Archive
from generator.core.kinds import KIND, KINDS, OWN_TIME
from generator.core.models import Record
from generator.core.parallel import fork_map
from generator.core.richtext import host_note, isolated, render_markdown, render_verbatim, words_of
from generator.core.settings import Settings
from generator.core.shipped import find_defaults
from generator.render.fragments import Fragments, Parts
from generator.site import storyline
from generator.site.citations import citation
from generator.site.index_pages import SITE_PAGE, SITE_PAGES
from generator.site.lists import Paging
from generator.site.paging import Part
from generator.site.questions import Anchors, Site, slug
from generator.site.search_filters import SEARCH_FILTERS

# index pages: file → (template, title), from site/index_pages.py
INDEX_PAGES = {page.uri: (page.template, page.title) for page in SITE_PAGES}
# kind → (index page's name, nav label) of the section its pages sit in (breadcrumbs)
SECTIONS = {kind.name: (kind.section.removesuffix(".md"), SITE_PAGE[kind.section].nav) for kind in KINDS}
DESCRIPTION_MAX = 200
# record pages are not in the navigation, so its sidebar would be an empty column beside them
# (their breadcrumbs say where they are)
RECORD_HIDES = ("navigation",)

# ("record", record id) for a record's page, ("record", record id, n) for its page n ≥ 2;
# ("index", uri) for an index page, ("index", uri, n) for page n ≥ 2 of the list it starts
Job = tuple


@dataclass(frozen=True)
class Heading:
    level: int  # 2–6 (the page's title is its only h1)
    id: str
    title: str  # plain text


@dataclass(frozen=True)
class Page:
    uri: str  # source path in the site, e.g. "people/mark-esper.md"
    title: str  # plain text
    html: str  # the body, final HTML
    description: str = ""  # plain text, for <meta name="description">
    headings: tuple[Heading, ...] = ()  # for the table of contents
    updated: str | None = None  # ISO day of the newest thing the page shows (sitemap lastmod)
    sources: tuple[str, ...] = ()  # content files the page was made from (for edit links, errors)
    language: str = "en"  # BCP 47 tag for <html lang>: the record's language, else the site's
    hide: tuple[str, ...] = ()  # parts of the theme the page goes without (Material's `hide` meta)

    @property
    def url(self) -> str:
        """Directory-style URL of the page, relative to the site root."""
        return page_url(self.uri)

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then HTML that Markdown passes through.

        Themes print `page.meta.title` unescaped, so it is stored escaped once."""
        meta: dict[str, str | list[str]] = {"title": str(escape(self.title))}
        if self.description:
            meta["description"] = str(escape(self.description))
        if self.hide:
            meta["hide"] = list(self.hide)
        front = yaml.safe_dump(meta, allow_unicode=True, width=10**9, sort_keys=False)
        return f"---\n{front}---\n\n{self.html}"


def default_templates() -> Path:
    """The templates shipped with the generator (its checkout's, or the installed package data)."""
    return find_defaults().site_config / "templates"


class CompiledOnce(jinja2.BytecodeCache):
    """Templates compiled once per process (a preview makes a renderer per rebuild); Jinja
    checks each template's source against its checksum, so an edited template compiles again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledOnce()


class Renderer:
    """Renders every page of a Site with the templates in one folder."""

    def __init__(self, site: Site, templates: Path | None = None, days: dict[str, str | None] | None = None,
                 base: str = ""):
        self.site = site
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates or default_templates())), autoescape=True,
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            # a renderer lives for one build (a preview makes one per rebuild): no need to look at
            # every template's file time on every page
            bytecode_cache=_COMPILED, auto_reload=False)
        self.env.filters.update(when=site.time_html, bdi=isolated)  # bdi: record text that may run right-to-left
        self.env.globals.update(story=storyline,  # the story's order, notices and wordings
                                kinds=KINDS, kind_of=KIND,  # the kinds of record (core/kinds.py)
                                sections=SECTIONS, search_filters=SEARCH_FILTERS,
                                # a record's citation, with its page's permanent address when `base`
                                # (the site's site_url) is an absolute one
                                citation_of=lambda r: citation(site, r, base))
        self.paging = Paging(site)
        self.fragments = Fragments(site)  # links and list lines, made once for every page showing them
        # each record page's newest day, computed once (`days`: those a preview knows still hold);
        # it also gives the index pages theirs
        known = days or {}
        self.updated = {r.id: known[r.id] if r.id in known else site.latest_day(r) for r in site.public.values()}
        self.archive_updated = max(filter(None, (self.updated[r.id] for r in site.public.values()
                                                 if r.when is not None)), default=None)

    def jobs(self, known: Mapping[str, list[Job]] | None = None) -> list[Job]:
        """Every page to render, as small picklable values: `pages()` renders them in order, and a
        parallel or incremental build renders any subset of them (each job is independent).

        `known`: record id → its jobs, where a caller (a preview) knows they still hold; a person's
        or organization's page count is otherwise worked out from everything it lists."""
        known = known or {}
        jobs: list[Job] = []
        for record in self.site.sorted(self.site.public.values()):
            mine = known.get(record.id)
            jobs += self.jobs_of(record) if mine is None else mine
        for uri in INDEX_PAGES:
            jobs += _numbered(("index", uri), self.paging.listing_of(uri))
        for uri, index in self.paging.indexes.items():
            jobs += _numbered(("index", uri), index.listing)
        return jobs

    def jobs_of(self, record: Record) -> list[Job]:
        """A record's own pages: its page and, for a long person or organization page, pages 2, 3, …"""
        return _numbered(("record", record.id), self.paging.record_listing(record))

    def jobs_showing(self, record: Record, batch: int = 1) -> set[Job]:
        """The pages, besides the record's own, whose lists show an entry for `record`: for an
        incremental build, render these again when the record is added, edited or removed.

        Ask the renderer of the site holding the record (the new site after an addition, the old one
        after a removal, both after an edit). A list's later pages are included because an entry
        added or removed shifts them (`Listing.affected`). Pages that show another record naming
        this one (a quote's line shows its speaker) are that record's: ask for it too. `batch`: how
        many records the change adds, edits or removes at once (a list gaining several entries may
        gain a page even when none of them lands on it)."""
        jobs: set[Job] = set()
        for listing, owner in self.paging.listings_showing(record):
            start: Job = ("record", owner.id) if owner is not None else ("index", listing.base)
            jobs.update(start if n == 1 else (*start, n) for n in listing.affected(record.id, batch))
        fixed = {"person": "people.md", "event": "events.md", "organization": "organizations.md"}
        if record.kind in fixed:  # the index names it (or its group, with a count)
            jobs.add(("index", fixed[record.kind]))
        if record.kind in OWN_TIME:
            jobs |= {("index", "index.md"), ("index", "archive.md")}  # latest items; counts by month
        if record.tags:
            jobs.add(("index", "tags.md"))
        return jobs

    def render(self, job: Job) -> Page:
        kind, key, number = job[0], job[1], (job[2] if len(job) > 2 else 1)
        if kind == "record":
            return self.record_page(self.site.public[key], number)
        return self.index_page(key, number)

    def pages(self, workers: int = 1) -> list[Page]:
        """Every page, in `jobs()` order, rendered over `workers` processes."""
        jobs = self.jobs()
        for template in {self._template_of(job) for job in jobs}:  # compiled once, before the processes fork
            self.env.get_template(template)
        return fork_map(self.render, jobs, workers)

    def _template_of(self, job: Job) -> str:
        if job[0] == "record":
            return f"{self.site.public[job[1]].kind}.html.j2"
        return INDEX_PAGES[job[1]][0] if job[1] in INDEX_PAGES else self.paging.indexes[job[1]].template

    def updated_of(self, job: Job) -> str | None:
        """The day of the newest thing the job's page shows (the sitemap's lastmod)."""
        if job[0] == "record":
            return self.updated[job[1]] or self.archive_updated
        return self.archive_updated

    def placeholder(self, job: Job) -> Page:
        """The job's page without its body, title or description (another shard of a split build renders
        it): its address and day, which the sitemap and the navigation of every page need."""
        kind, key, number = job[0], job[1], (job[2] if len(job) > 2 else 1)
        if kind == "record":
            record = self.site.public[key]
            uri = self._part(self.paging.record_listing(record), number, page_uri(record))[0]
        else:
            uri = self._part(self._index_of(key)[2], number, key)[0]
        return Page(uri, "", "", updated=self.updated_of(job))

    def record_page(self, record: Record, number: int = 1) -> Page:
        uri, part = self._part(self.paging.record_listing(record), number, page_uri(record))
        title = self.site.title(record)
        return self._render(uri, f"{record.kind}.html.j2",
                            _numbered_title(title, part), record, self.updated_of(("record", record.id)),
                            (self.site.archive.sources[record.id].path,), part, hide=RECORD_HIDES)

    def index_page(self, uri: str, number: int = 1) -> Page:
        template, title, listing, group = self._index_of(uri)
        at, part = self._part(listing, number, uri)
        return self._render(at, template, _numbered_title(title, part), None,
                            self.updated_of(("index", uri)), (), part, group)

    def _index_of(self, uri: str) -> tuple:
        """An index page's template, title, list (None when it has none) and group."""
        if uri in INDEX_PAGES:
            template, title = INDEX_PAGES[uri]
            return template, title or self.site.settings.title, self.paging.listing_of(uri), None
        index = self.paging.indexes[uri]
        return index.template, index.title, index.listing, index.group

    @staticmethod
    def _part(listing, number: int, uri: str) -> tuple[str, Part | None]:
        """The uri of page `number` of a list starting at `uri`, and that part of the list."""
        part = listing.part(number) if listing is not None else None
        return (part.uri(number) if part else uri), part

    def _render(self, uri: str, template: str, title: str, record: Record | None, updated: str | None,
                sources: tuple[str, ...], part: Part | None = None, group=None,
                hide: tuple[str, ...] = ()) -> Page:
        context = PageContext(self.site, uri, self.fragments)
        body = self.env.get_template(template).render(site=self.site, page=context, record=record,
                                                      title=title, settings=self.site.settings, part=part,
                                                      group=group, paging=self.paging)
        description = context.description or self.site.settings.description
        if record is None and context.description and part is not None and part.number > 1:
            description = f"{description} Page {part.number} of {part.count}."
        language = getattr(record, "language", None) or self.site.settings.language
        return Page(uri, title, body, _clip(description), tuple(context.headings), updated, sources, language,
                    hide)


class PageContext:
    """Helpers bound to the page being rendered: relative links (the site works under
    any sub-path), headings with unique anchors, editors' text as safe HTML."""

    def __init__(self, site: Site, uri: str, fragments: Fragments | None = None):
        self.site, self.uri, self.url = site, uri, page_url(uri)
        self.fragments = fragments or Fragments(site)
        self._relative: dict[str, str] = {}  # site-root url → its href from this page, escaped
        self._links = LinksFrom(self.url)
        self.headings: list[Heading] = []
        self._ids = Anchors()
        self._rendered: dict[str, Markup] = {}
        self.description = ""

    def href(self, record: Record) -> str:
        """The URL of a record's page relative to this page."""
        return self._links.to(record_url(record))

    def finish(self, parts: Parts) -> Markup:
        """A piece made by render/fragments.py, with its links made relative to this page."""
        if len(parts) == 1:
            return Markup(parts[0])
        out = list(parts)
        for i in range(1, len(out), 2):
            href = self._relative.get(out[i])
            if href is None:
                href = self._relative[out[i]] = str(escape(self._links.to(out[i])))
            out[i] = href
        return Markup("".join(out))

    def item(self, record: Record, show_kind: bool = True, in_day: bool = False) -> Markup:
        """One line of a list or timeline (`item` in _macros.html.j2)."""
        return self.finish(self.fragments.item(record, show_kind, in_day))

    def badge(self, record: Record) -> Markup:
        """A record's kind badge (`kind` in _macros.html.j2)."""
        return self.finish(self.fragments.badge(record))

    def index_href(self, name: str, anchor: str = "") -> str:
        return self._links.to(page_url(f"{name}.md")) + (f"#{anchor}" if anchor else "")

    def link(self, record: Record | None, label: str | None = None) -> Markup:
        """A link to a record's page, its label escaped once."""
        if record is None:
            return Markup("")
        return self.finish(self.fragments.link(record, label))

    def outbound(self, url: str) -> Markup:
        """A link to another site showing its checked URL as written; when the URL spells its host in
        other letters than ASCII, the host follows as DNS knows it, so a look-alike shows."""
        note = host_note(url)
        link = _a(url, url)
        return link + Markup(' <span class="arc-host">({})</span>').format(note) if note else link

    def index_link(self, name: str, label: str) -> Markup:
        return _a(self.index_href(name), label)

    def tag_href(self, tag: str) -> str:
        """The URL of a tag's page (tags/<anchor>/, where its feed is too) relative to this page."""
        return self.to(f"tags/{self.site.tag_anchors[tag]}.md")

    def to(self, uri: str, anchor: str = "") -> str:
        """The URL of any page of the site, by its uri, relative to this page."""
        href = self._links.to(page_url(uri))
        # './' before a child folder: a tag's anchor such as 'ünlü' must never read as a scheme or host
        return (href if href.startswith(".") else "./" + href) + (f"#{anchor}" if anchor else "")

    def reserve(self, ids) -> str:
        """Keep anchors for ids the page prints itself (old anchors kept as list item ids); returns ''."""
        self._ids.update(ids)
        return ""

    def anchor(self, text: str) -> str:
        return slug(text, self._ids)

    def h(self, level: int, title: str, href: str | None = None, anchor: str | None = None) -> Markup:
        """A heading with a unique id and a permalink, listed in the table of contents."""
        ident = anchor if anchor is not None and anchor not in self._ids else self.anchor(title)
        self._ids.add(ident)
        self.headings.append(Heading(level, ident, title))
        inner = _a(href, title) if href else escape(title)
        # an f-string, not Markup.format (slow): each part escaped once all the same
        number, ident = escape(level), escape(ident)
        return Markup(f'<h{number} id="{ident}">{inner}<a class="headerlink" href="#{ident}" '
                      f'title="Permanent link">¶</a></h{number}>')

    def rich(self, record: Record, field: str) -> Markup:
        """A Markdown field of a record as safe HTML (verbatim when the record says so)."""
        text = getattr(record, field)
        if not text:
            return Markup("")
        if record.text_format == "plain":
            return render_verbatim(text)
        return Markup(f'<div class="arc-prose">{self._markdown(text)}</div>')  # Markup: already safe

    def describe(self, record: Record) -> str:
        """Set the page's description from the record (`record_description`); returns ''."""
        self.description = record_description(record, self._markdown)
        return ""

    def describe_as(self, text: str) -> str:
        """Set the page's description (plain text; an index page says what it lists); returns ''."""
        self.description = text
        return ""

    def _markdown(self, text: str) -> Markup:
        """A Markdown text rendered once per page (a page's description is often its summary)."""
        if text not in self._rendered:
            self._rendered[text] = render_markdown(text, self._resolve)
        return self._rendered[text]

    def _resolve(self, record_id: str) -> tuple[str, str]:
        record = self.site.get(record_id)
        if record is None:  # checks guarantee links resolve; a draft target is refused there too
            return ("#", record_id)
        return self.href(record), self.site.title(record)


def _a(href: str, text: str) -> Markup:
    """A link, both parts escaped once (what Markup.format does, without its slow formatter:
    a large build makes millions of links)."""
    return Markup(f'<a href="{escape(href)}">{isolated(text)}</a>')


def _numbered(first: Job, listing) -> list[Job]:
    """The jobs of a list's pages: `first` for page 1, then `(*first, n)`."""
    return [first] + [(*first, n) for n in range(2, listing.count + 1)] if listing is not None else [first]


def _numbered_title(title: str, part: Part | None) -> str:
    return title if part is None or part.number == 1 else f"{title} (page {part.number} of {part.count})"


def record_description(record: Record, markdown: Callable[[str], Markup]) -> str:
    """The words that describe a record: the first of its kind's `described_by` fields it has, as plain
    text (`markdown` renders an editor's Markdown); '' when it has none."""
    for name in KIND[record.kind].described_by:
        text = getattr(record, name, None)
        if text:
            return text if record.text_format == "plain" else words_of(markdown(text))
    return ""


def page_description(site: Site, record: Record) -> str:
    """The description of a record's page, as rendering it gives (`Page.description`), without rendering it."""
    own = record_description(record, PageContext(site, page_uri(record))._markdown)
    return _clip(own or site.settings.description)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + " …"


def redirects(site: Site) -> dict[str, str]:
    """Old url → current url, for every previous id of a published record."""
    return {old: new for r in site.public.values() for old, new in old_urls(r).items()}


def render_site(archive: Archive, settings: Settings, templates: Path | None = None,
                workers: int = 1, base: str = "") -> tuple[Site, list[Page]]:
    site = Site(archive, settings)
    return site, Renderer(site, templates, base=base).pages(workers)


__all__ = ["Heading", "INDEX_PAGES", "Job", "Page", "PageContext", "Renderer", "Site",
           "redirects", "render_site"]
