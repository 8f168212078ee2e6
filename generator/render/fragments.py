"""The HTML that every page showing a record repeats — its link, its kind badge, its line in a
list — made once per record and finished by each page with its own relative links.

A large archive's pages make millions of such pieces (a speaker is named on every page that lists
one of their quotes), and a Jinja macro per piece cost most of the time pages took. Here a piece
is made once, as *parts*: escaped HTML, with the site-root URLs of the pages it links to left
open; a page (render/pages.py `PageContext.finish`) fills those in relative to itself. Record
text is escaped here exactly once (markupsafe's `escape`, `isolated` for text that may run
right to left), as the templates' autoescaping would; the output is the same bytes the
templates' macros made (`_macros.html.j2` keeps `kind` and `item` as the way templates ask).
"""

from __future__ import annotations

from markupsafe import escape

from generator.core.addresses import page_url, record_url
from generator.core.models import Record
from generator.core.richtext import isolated
from generator.site.questions import Site

# escaped HTML at even positions, at odd ones the URL (from the site's root) of a page to link to
Parts = tuple[str, ...]

HOME = page_url("index.md")  # the site's root: the kinds' icons are under its assets/


class _Builder:
    """Collects HTML and links into Parts, joining neighbouring HTML."""

    def __init__(self) -> None:
        self.parts: list[str] = [""]

    def html(self, text: str) -> _Builder:
        self.parts[-1] += text
        return self

    def url(self, url: str) -> _Builder:
        self.parts += [url, ""]
        return self

    def add(self, parts: Parts) -> _Builder:
        self.parts[-1] += parts[0]
        self.parts += parts[1:]
        return self

    def done(self) -> Parts:
        return tuple(self.parts)


class Fragments:
    """The pieces of one site, each made the first time a page asks for it."""

    def __init__(self, site: Site):
        self.site = site
        self._links: dict[tuple[str, str | None], Parts] = {}
        self._badges: dict[str, Parts] = {}
        self._items: dict[tuple[str, bool, bool], Parts] = {}

    def link(self, record: Record, label: str | None = None) -> Parts:
        """A link to a record's page, labelled with its title unless `label` is given."""
        key = (record.id, label)
        parts = self._links.get(key)
        if parts is None:
            text = label if label is not None else self.site.title(record)
            parts = self._links[key] = ('<a href="', record_url(record), f'">{isolated(text)}</a>')
        return parts

    def badge(self, record: Record) -> Parts:
        """A kind badge: its label, and an icon so kinds differ in shape, not only in colour."""
        parts = self._badges.get(record.kind)
        if parts is None:
            kind = escape(record.kind)
            parts = self._badges[record.kind] = (
                f'<span class="arc-kind arc-kind--{kind}"><svg class="arc-kind__icon" aria-hidden="true" '
                f'focusable="false" width="16" height="16"><use href="', HOME,
                f'assets/kinds.svg#arc-{kind}"/></svg>{escape(record.kind.capitalize())}</span>')
        return parts

    def item(self, record: Record, show_kind: bool = True, in_day: bool = False) -> Parts:
        """One line of a list or timeline: kind, date, link, speaker for quotes, outlet. In a list
        grouped by day (`in_day`), a record dated only by its day shows no date again."""
        key = (record.id, bool(show_kind), bool(in_day))
        parts = self._items.get(key)
        if parts is None:
            parts = self._items[key] = self._item(record, show_kind, in_day)
        return parts

    def _item(self, record: Record, show_kind: bool, in_day: bool) -> Parts:
        site = self.site
        line = _Builder().html("<li>")
        if show_kind:
            line.add(self.badge(record)).html(" ")
        when = site.when(record)
        if when is not None and not (in_day and when.is_day and record.when):
            line.html(f"{site.record_time(record)} · ")
        line.add(self.link(record))
        if record.kind == "quote":
            line.html(" — ")
            speaker = site.get(record.speaker)  # type: ignore[attr-defined]  # a quote has a speaker
            if speaker is not None:
                line.add(self.link(speaker))
        outlet = site.outlet(record)
        if outlet:
            line.html(" · ").add(self.link(outlet))
        return line.html("</li>\n").done()


__all__ = ["Fragments", "HOME", "Parts"]
