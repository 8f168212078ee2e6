"""What a preview keeps from one build to the next, so that a rebuild after an edit does not make
again, for 10,000 pages, what the edit did not change.

- Our pages' MkDocs files and pages: MkDocs makes a Page for every page of every build (0.25 s at
  10,355 pages, most of it their canonical URLs) unless the file already has one. A page the edit
  did not change keeps the file, and with it the page, of the build before; it is written again only
  when its copy on disk is gone.
- The sitemap: rendered through the theme over every page (0.1 s), it says only each page's address
  and day. When neither the pages nor their days changed, the sitemap the build before wrote stays.

A change every page depends on (settings, mkdocs.yml, the theme) makes everything again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from generator.mkdocs_adapter.mkdocs_api import File

SITEMAP = "sitemap.xml"


class Kept(File):
    """One of our pages in a preview, kept from build to build with its MkDocs page: written again
    only when this build changed it, or when the copy the previous build wrote is gone."""

    changed = True
    _on_disk: bool | None = None  # whether the previous build's copy is there, looked at once a build

    def keep(self, changed: bool) -> None:
        self.changed, self._on_disk = changed, None

    def is_modified(self) -> bool:
        if self.changed:
            return True
        if self._on_disk is None:
            self._on_disk = os.path.isfile(self.abs_dest_path)
        return not self._on_disk


def kept_files(pages, before: dict[str, Kept], changed: set[str], config) -> dict[str, Kept]:
    """Our pages' files for a preview build, by uri: the previous build's file (and its MkDocs page)
    for a page this build did not change, a new one for the others."""
    files = {}
    for page in pages:
        file = before.get(page.uri) if page.uri not in changed else None
        if file is None:
            file = cast(Kept, Kept.generated(config, page.uri, content=page.html))
        file.keep(page.uri in changed)
        files[page.uri] = file
    return files


def always_modified() -> bool:
    """File.is_modified of a docs_dir page after a change to what every page depends on (MkDocs
    would write it again only when its Markdown file is newer than its page)."""
    return True


def sitemap_entries(documentation_pages) -> tuple:
    """What the sitemap says: each page's address and day, in MkDocs' order (its sitemap.xml)."""
    return tuple((f.page.canonical_url, f.page.abs_url, f.page.update_date, f.page.is_link)
                 for f in documentation_pages if f.page is not None)


def sitemap_stays(site_dir: str, entries: tuple, before: tuple | None) -> bool:
    """Whether the sitemap the build before wrote (and its .gz) says what this build's would."""
    return entries == before and (Path(site_dir) / SITEMAP).is_file() and (Path(site_dir) / f"{SITEMAP}.gz").is_file()


__all__ = ["SITEMAP", "Kept", "always_modified", "kept_files", "sitemap_entries", "sitemap_stays"]
