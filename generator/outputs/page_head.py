"""What a page's <head> says about it besides its title: linked data, feeds, Open Graph.

`head_meta` returns the values site_config/overrides/main.html prints in
Material's `extrahead` block. MkDocs' theme templates do not autoescape, so
every value is Markup escaped once here (attribute values by markupsafe, the
JSON-LD by jsonld.script_json); the template adds nothing but the tags.

- JSON-LD: the page's graph (generator/outputs/jsonld.py);
- <link rel="alternate">: the Atom feeds the page belongs to (the archive's, the
  person's, event's, organization's or tag's, the corrections'), an event's
  iCalendar file, a record's JSON;
- Open Graph (og:title, og:description, og:url, og:type, og:site_name) and a
  Twitter "summary" card, which takes its title and description from Open Graph.
  The canonical link is Material's own (from site_url).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from generator.core.addresses import file_href
from generator.core.kinds import KIND
from generator.core.models import Article, Event, Record
from generator.outputs.feeds import ATOM, feeds_of_page
from generator.outputs.jsonld import page_graph, script_json
from generator.outputs.publication import Published
from generator.render.pages import Page


def head_meta(pub: Published, page: Page | None, record: Record | None, url: str = "",
              title: str | None = None, description: str = "") -> dict[str, Any]:
    """page.meta entries for one page: ours (`page`, and `record` for a record's page), or another
    page of the site (page None: its URL and, when known, its title and the description its front
    matter gives)."""
    here = page.url if page is not None else url
    title = page.title if page is not None else title
    description = (page.description if page is not None else description) or pub.site.settings.description
    links = [_link(ATOM, file_href(here, path), name) for path, name in feeds_of_page(pub, page.uri if page else "",
                                                                                     record)]
    if isinstance(record, Event):
        links.append(_link("text/calendar", "event.ics", f"{pub.site.title(record)} (iCalendar)"))
    elif page is not None and page.uri == "events.md" and pub.site.events:
        links.append(_link("text/calendar", file_href(here, "events.ics"), "All events (iCalendar)"))
    if record is not None:
        links.append(_link("application/json", "index.json", f"{pub.site.title(record)} (JSON)"))
    og_type = KIND[record.kind].og_type if record else "website"
    meta = [("property", "og:site_name", pub.site.settings.title), ("property", "og:type", og_type),
            ("property", "og:url", pub.url(here))]
    if title:
        meta.append(("property", "og:title", title))
    if description:
        meta.append(("property", "og:description", description))
    if isinstance(record, Article):
        if published := pub.machine_time(record):  # always: an article's day is required
            meta.append(("property", "article:published_time", published))
        if modified := pub.machine_time(pub.latest_revision(record)):
            meta.append(("property", "article:modified_time", modified))
    # a card's title and description are og:title and og:description (X reads them when twitter:title
    # and twitter:description are absent): said once
    meta.append(("name", "twitter:card", "summary"))
    return {
        "arc_jsonld": script_json(page_graph(pub, page, record, here, title)),
        "arc_links": links,
        "arc_meta": [{"attr": Markup(a), "name": Markup(n), "content": escape(c)} for a, n, c in meta],
    }


def _link(kind: str, href: str, title: str) -> dict[str, Markup]:
    return {"type": Markup(kind), "href": escape(href), "title": escape(title)}


__all__ = ["head_meta"]
