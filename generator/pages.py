"""Pages of the site: one per published record plus the index pages.

A page is a value (uri, title, Markdown); `Site` answers the questions page
templates ask ("every quote by this person", "this event's timeline") from the
archive's precomputed back-references, so no page scans the whole archive.
Templates live in site_config/templates/ and only format what they are given.
"""

from __future__ import annotations

import difflib
import re
import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

import jinja2

from generator.archive import Archive
from generator.config import Settings
from generator.dates import MONTHS, When
from generator.models import Article, Correction, Event, Organization, Person, Quote, Record
from generator.records import slugify
from generator.richtext import escape_markdown, relative_file, relative_url, render_markdown
from generator.sources import FOLDER_OF

TEMPLATES = Path("site_config/templates")

INVERSE = {"precedes": "follows", "follows": "precedes", "causes": "caused-by", "caused-by": "causes",
           "related": "related"}
# index pages: file → template; their nav titles and order are set in mkdocs.yml
INDEX_PAGES = {
    "index.md": "home.md.j2",
    "archive.md": "archive.md.j2",
    "people.md": "people.md.j2",
    "events.md": "events.md.j2",
    "organizations.md": "organizations.md.j2",
    "corrections.md": "corrections.md.j2",
    "tags.md": "tags.md.j2",
    "search.md": "search.md.j2",
}


@dataclass(frozen=True)
class Page:
    uri: str  # Markdown file path in the site, e.g. "people/mark-esper.md"
    title: str
    markdown: str
    sources: tuple[str, ...] = ()  # content files the page was made from (for edit links, errors)

    @property
    def url(self) -> str:
        """Directory-style URL of the page, relative to the site root."""
        return page_url(self.uri)


def page_uri(record: Record) -> str:
    return f"{FOLDER_OF[record.kind]}/{record.id}.md"


def page_url(uri: str) -> str:
    stem = uri[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


class Site:
    """Everything the templates need, computed once per build."""

    def __init__(self, archive: Archive, settings: Settings, templates: Path = TEMPLATES):
        self.archive = archive
        self.settings = settings
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)), autoescape=False, keep_trailing_newline=True,
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        self.env.filters.update(esc=escape_markdown, when=self.time_html, slug=slugify)
        self.public = {i: r for i, r in archive.records.items() if r.is_public}
        self._wordings = self._same_as_groups()

    # --- pages -------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = [self.record_page(r) for r in self.sorted(self.public.values())]
        pages += [self.render_page(uri, template, None) for uri, template in INDEX_PAGES.items()]
        return pages

    def record_page(self, record: Record) -> Page:
        return self.render_page(page_uri(record), f"{record.kind}.md.j2", record)

    def render_page(self, uri: str, template: str, record: Record | None) -> Page:
        context = _PageContext(self, uri)
        markdown = self.env.get_template(template).render(site=self, page=context, record=record,
                                                          settings=self.settings)
        markdown = _BLANK_LINES.sub("\n\n", markdown).strip() + "\n"
        title = self.title(record) if record else template.split(".")[0]
        sources = (self.archive.sources[record.id].path,) if record else ()
        return Page(uri, title, markdown, sources)

    def redirects(self) -> dict[str, str]:
        """Old URL → current URL, for every previous id of a published record."""
        return {f"{FOLDER_OF[r.kind]}/{old}/": page_url(page_uri(r))
                for r in self.public.values() for old in r.previous_ids}

    # --- formatting --------------------------------------------------------

    def time_html(self, when: When | None) -> str:
        if when is None:
            return ""
        return f'<time datetime="{when.iso}">{html.escape(self.display(when))}</time>'

    def display(self, when: When) -> str:
        """The date as the source gave it; a named zone when the site's zone matches the offset."""
        zone = self.settings.timezone
        if not when.is_day and zone is not None:
            moment: datetime = when.value  # type: ignore[assignment]
            local = moment.astimezone(zone)
            if local.utcoffset() == moment.utcoffset():
                return When(when.text, local).display
        return when.display

    # --- questions templates ask -------------------------------------------

    def title(self, record: Record) -> str:
        """A record's title where it stands alone: a correction names what it corrects."""
        if isinstance(record, Correction):
            target = self.archive.records.get(record.target)
            kind = record.correction_kind.capitalize()
            return f"{kind} of {_shorten(target.title, 70)}" if target else kind
        return record.title

    def get(self, record_id: str | None) -> Record | None:
        return self.public.get(record_id) if record_id else None

    def many(self, ids: Iterable[str]) -> list[Record]:
        return [r for r in (self.public.get(i) for i in ids) if r is not None]

    def referrers(self, target: Record, kind: str | None = None, field: str | None = None) -> list[Record]:
        return self.sorted(self.archive.referrers(target.id, kind, field))

    def when(self, record: Record) -> When | None:
        """The date a record sorts by; a quote without its own date takes its article's."""
        if record.when is not None:
            return record.when
        article = self.get(getattr(record, "article", None))
        return article.when if article else None

    def sorted(self, records: Iterable[Record], newest_first: bool = False) -> list[Record]:
        def key(record: Record) -> tuple:
            when = self.when(record)
            return (when.sort_key if when else (datetime.max.date(), 2, 0.0), record.kind, record.id)

        return sorted(records, key=key, reverse=newest_first)

    def outlet(self, record: Record) -> Organization | None:
        """Where a record was published: an article's outlet, or the outlet of its article."""
        if isinstance(record, Article):
            return self.get(record.outlet)  # type: ignore[return-value]
        article = self.get(getattr(record, "article", None))
        return self.outlet(article) if article else None

    def corrections_of(self, record: Record) -> list[Record]:
        return self.referrers(record, "correction", "target")

    def wordings(self, quote: Quote) -> list[Quote]:
        """All published wordings of the same statement, this one first."""
        group = [self.public[i] for i in self._wordings.get(quote.id, ()) if i in self.public]
        return [quote] + [q for q in self.sorted(group) if q.id != quote.id]  # type: ignore[misc]

    def diff(self, base: str, other: str) -> str:
        """`other` as HTML, words missing from `base` in <ins>, words of `base` it lacks in <del>."""
        a, b = base.split(), other.split()
        out: list[str] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op in ("delete", "replace"):
                out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
            if op in ("insert", "replace"):
                out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
            if op == "equal":
                out.append(html.escape(" ".join(b[j1:j2])))
        return " ".join(out)

    def quotes_by_event(self, speaker: Record) -> list[tuple[Event | None, list[Quote]]]:
        """A speaker's quotes grouped by the first event each names, newest events and quotes first."""
        groups: dict[str | None, list[Quote]] = defaultdict(list)
        for quote in self.referrers(speaker, "quote", "speaker"):
            event = next((e for e in quote.events if e in self.public), None)  # type: ignore[attr-defined]
            groups[event].append(quote)  # type: ignore[arg-type]
        events = self.sorted(self.many(e for e in groups if e), newest_first=True)
        ordered = [(e, self.sorted(groups[e.id], newest_first=True)) for e in events]
        if None in groups:
            ordered.append((None, self.sorted(groups[None], newest_first=True)))
        return ordered  # type: ignore[return-value]

    def timeline(self, event: Event) -> list[Record]:
        """Everything about an event across outlets, in time order.

        Articles, updates, quotes and corrections that name it, updates of those
        articles, and corrections of anything on the timeline.
        """
        items = {r.id: r for r in self.archive.referrers(event.id) if r.kind in
                 ("article", "update", "quote", "correction")}
        for article in [r for r in items.values() if isinstance(r, Article)]:
            items.update((u.id, u) for u in self.archive.referrers(article.id, "update", "article"))
        for record in list(items.values()):
            items.update((c.id, c) for c in self.archive.referrers(record.id, "correction", "target"))
        return self.sorted(items.values())

    def children(self, event: Event) -> list[Record]:
        return self.referrers(event, "event", "part_of")

    def related(self, event: Event) -> list[tuple[str, Record]]:
        """Related events from both sides, each relation read from this event."""
        pairs = [(r.relation, self.get(r.event)) for r in event.related]
        for other in self.referrers(event, "event", "related"):
            for r in other.related:  # type: ignore[attr-defined]
                if r.event == event.id:
                    pairs.append((INVERSE[r.relation], other))
        seen, out = set(), []
        for relation, other in pairs:
            if other is not None and (relation, other.id) not in seen:
                seen.add((relation, other.id))
                out.append((relation, other))
        return out

    def named_in(self, record: Record, exclude: tuple[str, ...] = ()) -> dict[str, list[Record]]:
        """Records naming this one, by kind, leaving out the fields listed by `exclude`."""
        grouped: dict[str, dict[str, Record]] = defaultdict(dict)
        for ref in self.archive.back.get(record.id, ()):
            other = self.public.get(ref.source)
            if other is not None and f"{other.kind}.{ref.field}" not in exclude:
                grouped[other.kind][other.id] = other
        return {kind: self.sorted(grouped[kind].values(), newest_first=True)
                for kind in ("article", "quote", "update", "event", "correction", "person", "organization")
                if grouped.get(kind)}

    def latest(self, count: int = 12) -> list[Record]:
        dated = [r for r in self.public.values() if r.kind in ("article", "update", "correction")]
        return self.sorted(dated, newest_first=True)[:count]

    def by_year_month(self) -> list[tuple[int, list[tuple[str, list[Record]]]]]:
        months: dict[tuple[int, int], list[Record]] = defaultdict(list)
        for record in self.public.values():
            when = self.when(record)
            if when and record.kind in ("article", "update", "quote", "correction", "event"):
                months[(when.year, when.day.month)].append(record)
        years: dict[int, list[tuple[str, list[Record]]]] = defaultdict(list)
        for (year, month) in sorted(months):
            years[year].append((MONTHS[month - 1], self.sorted(months[(year, month)])))
        return sorted(years.items())

    def people_az(self) -> list[tuple[str, list[Person]]]:
        letters: dict[str, list[Person]] = defaultdict(list)
        for person in self.public.values():
            if isinstance(person, Person):
                key = _family_name(person.name)
                letters[key[:1].upper() if key[:1].isalpha() else "#"].append(person)
        return [(letter, sorted(people, key=lambda p: (_family_name(p.name), p.name)))
                for letter, people in sorted(letters.items())]

    def events_tree(self) -> list[tuple[Event, int]]:
        """Events in time order, each child right after its parent, with its depth."""
        events = self.sorted(r for r in self.public.values() if isinstance(r, Event))
        out: list[tuple[Event, int]] = []

        def visit(event: Event, depth: int) -> None:
            out.append((event, depth))
            for child in self.children(event):
                visit(child, depth + 1)  # type: ignore[arg-type]

        for event in events:
            if not event.part_of or event.part_of not in self.public:  # type: ignore[attr-defined]
                visit(event, 0)  # type: ignore[arg-type]
        return out

    def organizations_by_kind(self) -> list[tuple[str, list[Organization]]]:
        labels = {"outlet": "Outlets", "news-agency": "News agencies", "government": "Government",
                  "military": "Military", "legislature": "Legislatures", "armed-group": "Armed groups",
                  "other": "Other", None: "Other"}
        groups: dict[str, list[Organization]] = defaultdict(list)
        for org in self.public.values():
            if isinstance(org, Organization):
                groups[labels[org.org_kind]].append(org)
        order = list(dict.fromkeys(labels.values()))
        return [(label, sorted(groups[label], key=lambda o: o.name.lower())) for label in order if groups[label]]

    def corrections_log(self) -> list[Correction]:
        return self.sorted((r for r in self.public.values() if isinstance(r, Correction)), newest_first=True)

    def tags(self) -> list[tuple[str, list[Record]]]:
        tagged: dict[str, list[Record]] = defaultdict(list)
        for record in self.public.values():
            for tag in dict.fromkeys(record.tags):
                tagged[tag].append(record)
        return [(tag, self.sorted(records)) for tag, records in sorted(tagged.items(), key=lambda t: t[0].lower())]

    def _same_as_groups(self) -> dict[str, tuple[str, ...]]:
        """Quotes joined by same_as (either direction) into groups of one statement."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for record in self.archive.records.values():
            if isinstance(record, Quote) and record.same_as:
                parent[root(record.id)] = root(record.same_as)
        groups: dict[str, list[str]] = defaultdict(list)
        for quote_id in parent:
            groups[root(quote_id)].append(quote_id)
        for root_id, members in list(groups.items()):
            if root_id not in members:
                members.append(root_id)
        return {member: tuple(members) for members in groups.values() for member in members}


class _PageContext:
    """Link helpers bound to the page being rendered (links are relative, so the
    site works under any sub-path)."""

    def __init__(self, site: Site, uri: str):
        self.site, self.uri, self.url = site, uri, page_url(uri)

    def link(self, record: Record | None, label: str | None = None) -> str:
        """A Markdown link to a record's page (MkDocs checks it in strict builds)."""
        if record is None:
            return ""
        text = escape_markdown(label if label is not None else self.site.title(record))
        return f"[{text}]({relative_file(self.uri, page_uri(record))})"

    def page_link(self, uri: str, label: str) -> str:
        return f"[{escape_markdown(label)}]({relative_file(self.uri, uri)})"

    def index_href(self, name: str) -> str:
        return relative_url(self.url, page_url(f"{name}.md"))

    def href(self, record: Record) -> str:
        """The URL of a record's page relative to this page, for raw HTML."""
        return relative_url(self.url, page_url(page_uri(record)))

    def md(self, text: str | None) -> str:
        """An editor's Markdown field as clean HTML, kept raw by Markdown (markdown="0")."""
        if not text:
            return ""
        body = render_markdown(text, self._resolve)
        return f'<div class="prose" markdown="0">\n{body}\n</div>'

    def _resolve(self, record_id: str) -> tuple[str, str]:
        record = self.site.get(record_id)
        if record is None:  # checks guarantee links resolve; a draft target is refused there too
            return ("#", record_id)
        return self.href(record), self.site.title(record)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _family_name(name: str) -> str:
    parts = name.split()
    return (parts[-1] if parts else name).lower()


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")