"""The theme rendered once per page shape: what a page's output depends on (`page_inputs`),
rendering as MkDocs' _build_page does (`_theme_output`), and each worker's share of shapes and
pages (`theme_share`; generator/build/frames.py joins the rest). Also the table of contents
MkDocs is given for a page (`toc_of`)."""

from __future__ import annotations

import logging

from markupsafe import Markup, escape

from generator.build import frames
from generator.mkdocs_adapter.mkdocs_api import (  # _build_page: to render our pages in forked processes
    AnchorLink,
    Files,
    TableOfContents,
    _build_page,
    get_context,
    write_file,
)
from generator.render.pages import Heading

BUILT_ELSEWHERE = "arc-built-by-another-process.html"  # an empty template: the parent writes nothing

def _build_pages(pages: list, config, files: Files, nav, env) -> list[str]:
    """In a forked process: render and write these pages with the theme; return its warnings."""
    warnings: list[str] = []
    handler = _Collect(warnings)
    logging.getLogger("mkdocs").addHandler(handler)
    doc_files = files.documentation_pages()
    for page in pages:
        _build_page(page, config, doc_files, nav, env)
    return warnings

def page_inputs(page, in_nav: set[int]) -> tuple[tuple, dict]:
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
    with `values` (from page_inputs' shape) in place of the page's own."""
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

def theme_share(groups: list[frames.Group], config, files: Files, nav, env, forked: bool):
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

# Where the theme's "Skip to content" link leads: the start of the page's content, an element
# site_config/overrides/main.html puts before every page body.
SKIP_TARGET = "arc-content"

def toc_of(title: str, headings: tuple[Heading, ...]) -> TableOfContents:
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
