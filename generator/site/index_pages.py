"""The site's index pages, stated once: their file, template, title, nav label and the folder
where their long lists continue. pages.py renders them, urls_kept.py keeps their URLs, the
preview re-renders them, mkdocs.yml's nav lists them (a test holds it to this table)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SitePage:
    uri: str  # the page's file in MkDocs' terms: "archive.md" is /archive/
    template: str  # in site_config/templates/
    title: str | None  # its h1 and <title>; None: the archive's title (the home page)
    nav: str  # its label in the site's navigation (mkdocs.yml)
    lists: str | None = None  # the folder its lists continue in (/archive/2020-01/, /tags/iraq/, …)


# in the navigation's order; the hand-written About page (site_config/docs/about.md) comes last
SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("index.md", "home.html.j2", None, "Home"),
    SitePage("archive.md", "archive.html.j2", "Archive by date", "Archive", "archive"),
    SitePage("people.md", "people.html.j2", "People A–Z", "People", "people-a-z"),
    SitePage("events.md", "events.html.j2", "Events", "Events", "events-by-year"),
    SitePage("organizations.md", "organizations.html.j2", "Organizations and outlets", "Organizations",
             "organizations-by-kind"),
    SitePage("corrections.md", "corrections.html.j2", "Corrections log", "Corrections", "corrections-log"),
    SitePage("tags.md", "tags.html.j2", "Tags", "Tags", "tags"),
    SitePage("about-data.md", "about-data.html.j2", "About the data", "Data"),
    SitePage("search.md", "search.html.j2", "Search", "Search"),
)
SITE_PAGE = {page.uri: page for page in SITE_PAGES}
LIST_FOLDERS = tuple(page.lists for page in SITE_PAGES if page.lists)
