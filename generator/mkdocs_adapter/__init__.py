"""The one package that imports MkDocs: a plugin that hands the archive's pages to it.

Everything else in the generator is builder-agnostic: pages are values (uri, title, HTML body,
headings) from generator.render.pages, so moving to an MkDocs fork or a successor means
rewriting this package only. Pages are generated in memory (File.generated), never written
into docs_dir, so `mkdocs serve` does not rebuild forever; record pages stay out of the nav
(named index pages only).

The bodies are final HTML: Markdown never sees them (on_page_markdown hands it an empty page,
on_page_content puts the body back), and the title, description and table of contents are set
from the page values. Values the theme prints without escaping are handed over as Markup,
escaped exactly once. The theme renders one page of each page shape; the other pages of that
shape are joined from it (generator/build/frames.py), so a record page costs a join, not a render.

    plugin     ArchivePlugin: MkDocs' events translated into the pipeline's calls
    theme      the theme rendered per page shape, what a page's output depends on, its contents
    loading    content and settings loaded and checked, problems as one PluginError
    mkdocs_api every name taken from MkDocs, imported in this one module
    building   `generator build`: one MkDocs build into a staging folder, swapped in on success
    watching   the preview notices a save from the system's file events, not by polling
    kept       what a preview keeps from build to build: MkDocs' files and pages, the sitemap
"""

from generator.mkdocs_adapter.building import BuildFailed, build_site
from generator.mkdocs_adapter.loading import load_content
from generator.mkdocs_adapter.plugin import ArchivePlugin

__all__ = ["ArchivePlugin", "BuildFailed", "build_site", "load_content"]
