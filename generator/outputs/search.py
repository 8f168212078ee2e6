"""Search: one search document per published record, with filters and a date sort.

Pagefind indexes one small search document per record instead of crawling the
themed pages: only what readers search (the record's words and metadata), which
keeps indexing memory far below a crawl, and the browser loads only the index
chunks a query needs. How the documents become indexes (one per span of years
and language) is generator/outputs/search_index.py.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.core.addresses import record_url
from generator.core.dates import NO_DATE_SORT_TEXT
from generator.core.kinds import KIND
from generator.core.models import Article, Correction, Event, Organization, Person, Quote, Record, Update
from generator.core.richtext import plain_text
from generator.site.questions import Site

# A word every search document ends with: browsing by a filter with no words searches for it,
# which loads one index chunk, where Pagefind would load every chunk of the index for an empty
# query. search.js never shows it.
BROWSE_WORD = "zzarcbrowsezz"


@dataclass(frozen=True)
class SearchRecord:
    url: str  # root-relative, e.g. "/people/mark-esper/"; the browser adds the site's base path
    content: str  # the words besides the title (meta["title"]), one paragraph a line
    language: str  # BCP 47 tag, as the record's page says
    day: str | None = None  # ISO day of the newest thing the record's page shows: picks its index
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def search_records(site: Site) -> Iterator[SearchRecord]:
    for record in site.public.values():
        yield _record(site, record)


def _record(site: Site, record: Record) -> SearchRecord:
    when = site.when(record)
    outlet = site.outlet(record)
    kind = KIND[record.kind].label  # as page templates label kinds
    meta = {"title": site.title(record), "kind": kind, "type": record.kind}
    if when:
        meta["date"] = site.display(when)
    if outlet:
        meta["outlet"] = outlet.title
    speaker = site.get(getattr(record, "speaker", None))
    if speaker:
        meta["speaker"] = speaker.title
    filters = {"kind": [kind]}
    if speaker:  # a person or an organization (a chain email, a ministry) that spoke
        filters["speaker"] = [speaker.title]
    people = _names(site, _people_of(record))
    events = _names(site, _events_of(site, record))
    if people:
        filters["person"] = people
    if events:
        filters["event"] = events
    if outlet:
        filters["outlet"] = [outlet.title]
    if when:
        filters["year"] = [str(when.year)]
    sort = {"date": when.sort_text if when else NO_DATE_SORT_TEXT}
    return SearchRecord("/" + record_url(record), _content(site, record), record_language(site, record),
                        site.latest_day(record), meta, filters, sort)


def record_language(site: Site, record: Record) -> str:
    """The language of a record's page: its own `language` field, else the site's (as _page.html.j2 marks it)."""
    return getattr(record, "language", None) or site.settings.language


def _people_of(record: Record) -> list[str]:
    ids: list[str] = []
    if isinstance(record, Person):
        ids.append(record.id)
    for name in ("speaker", "via", "by"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            ids.append(value)
    for name in ("people", "authors"):
        ids += getattr(record, name, None) or []
    return ids


def _events_of(site: Site, record: Record) -> list[str]:
    ids = [record.id] if isinstance(record, Event) else []
    ids += getattr(record, "events", None) or []
    if isinstance(record, Event) and record.part_of:
        ids.append(record.part_of)
    if isinstance(record, Correction):
        target = site.get(record.target)
        ids += ([target.id] if isinstance(target, Event) else getattr(target, "events", None) or [])
    return ids


def _names(site: Site, ids: Iterable[str]) -> list[str]:
    """Titles of the published people/events among ids, each once (organizations are left out)."""
    out = []
    for record in site.many(dict.fromkeys(ids)):
        if isinstance(record, (Person, Event)):
            out.append(record.title)
    return out


def _content(site: Site, record: Record) -> str:
    """The words a reader might search for besides the title: names in all spellings, the text.

    Plain fields are taken as written; Markdown fields lose their markup. Nothing is
    escaped here: the search document escapes every word once, when it is written.
    """
    plain: list[str | None] = []
    markdown: list[str | None] = []
    if isinstance(record, (Person, Organization)):
        plain += record.other_names
        markdown.append(record.summary)
        if isinstance(record, Person):
            plain += [role.title for role in record.roles]
    elif isinstance(record, Quote):
        speaker = site.get(record.speaker)
        plain += [record.text, speaker.title if speaker else None]
        markdown.append(record.context)
    elif isinstance(record, Article):
        plain += [record.byline, *(image.caption for image in record.images)]
        markdown += [record.summary, record.body]
    elif isinstance(record, Event):
        plain.append(record.location)
        markdown.append(record.summary)
    elif isinstance(record, (Update, Correction)):
        markdown.append(record.text)
    verbatim = record.text_format == "plain"
    resolve = lambda i: ("#", site.title(named) if (named := site.get(i)) else i)  # noqa: E731
    words = [p for p in plain if p] + [plain_text(m, resolve, verbatim) for m in markdown if m]
    return "\n".join(words)


def search_document(record: SearchRecord) -> str:
    """The HTML Pagefind reads for one record."""
    e = html.escape
    hidden = [f'<span data-pagefind-meta="{e(k)}">{e(v)}</span>' for k, v in record.meta.items() if k != "title"]
    hidden += [f'<span data-pagefind-filter="{e(k)}">{e(v)}</span>' for k, vs in record.filters.items() for v in vs]
    hidden += [f'<span data-pagefind-sort="{e(k)}">{e(v)}</span>' for k, v in record.sort.items()]
    paragraphs = "".join(f"<p>{e(line)}</p>" for line in record.content.split("\n") if line.strip())
    return (f'<!doctype html><html lang="{e(record.language)}"><head><meta charset="utf-8"></head><body>'
            f'<div hidden>{"".join(hidden)}</div><main data-pagefind-body><h1>{e(record.meta["title"])}</h1>'
            f"{paragraphs}<p>{BROWSE_WORD}</p></main></body></html>\n")
