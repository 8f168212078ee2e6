"""Search: one Pagefind record per published record, with filters and a date sort.

Pagefind indexes one small search document per record instead of crawling the
themed pages: only what readers search (the record's words and metadata), which
keeps indexing memory far below a crawl, and the browser loads only the index
chunks a query needs. (Pagefind's Python API is not used: its client sleeps
0.1 s per record it sends.)
"""

from __future__ import annotations

import html
import json
import subprocess
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import nh3

from generator.models import Article, Correction, Event, Organization, Person, Quote, Record, Update
from generator.pages import Site, page_uri, page_url
from generator.richtext import render_markdown

@dataclass(frozen=True)
class SearchRecord:
    url: str  # root-relative, e.g. "/people/mark-esper/"; the browser adds the site's base path
    content: str  # the words besides the title (meta["title"]), one paragraph a line
    language: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def search_records(site: Site) -> Iterator[SearchRecord]:
    for record in site.public.values():
        yield _record(site, record)


def _record(site: Site, record: Record) -> SearchRecord:
    when = site.when(record)
    outlet = site.outlet(record)
    kind = record.kind.capitalize()  # as page templates label kinds
    meta = {"title": site.title(record), "kind": kind}
    if when:
        meta["date"] = site.display(when)
    if outlet:
        meta["outlet"] = outlet.title
    speaker = site.get(getattr(record, "speaker", None))
    if speaker:
        meta["speaker"] = speaker.title
    filters = {"kind": [kind]}
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
    sort = {"date": when.value.isoformat() if when else "0000"}
    language = getattr(record, "language", "en") or "en"
    return SearchRecord("/" + page_url(page_uri(record)), _content(site, record), language[:2], meta, filters, sort)


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
    """The words a reader might search for besides the title: names in all spellings, the text."""
    parts: list[str | None] = []
    if isinstance(record, (Person, Organization)):
        parts += [*record.other_names, record.summary]
        if isinstance(record, Person):
            parts += [role.title for role in record.roles]
    elif isinstance(record, Quote):
        speaker = site.get(record.speaker)
        parts += [record.text, speaker.title if speaker else None, record.context]
    elif isinstance(record, Article):
        parts += [record.byline, record.summary, record.body]
        parts += [image.caption for image in record.images]
    elif isinstance(record, Event):
        parts += [record.location, record.summary]
    elif isinstance(record, (Update, Correction)):
        parts += [record.text]
    return "\n".join(_plain(site, p) for p in parts if p)


def _plain(site: Site, text: str) -> str:
    if "[[" not in text and "*" not in text and "<" not in text and "_" not in text:
        return text
    html = render_markdown(text, lambda i: ("#", site.title(site.get(i)) if site.get(i) else i))
    return nh3.clean(html, tags=set())


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message carries its output."""


def write_index(records: Iterable[SearchRecord], out_dir: Path) -> int:
    """Index the records with Pagefind into out_dir (the site's pagefind/ folder).

    Each record becomes a minimal HTML document (its words in data-pagefind-body,
    metadata, filters and sort outside it) in a scratch folder that mirrors the
    site's URLs; Pagefind's own CLI indexes that folder. Crawling these instead
    of the themed pages keeps indexing memory and time small.
    """
    from pagefind_bin import get_executable

    facets: dict[str, Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory(prefix="search-docs-") as scratch:
        count = 0
        for record in records:
            path = Path(scratch) / record.url.strip("/") / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(search_document(record), encoding="utf-8")
            for name, values in record.filters.items():
                facets[name].update(values)
            count += 1
        done = subprocess.run([str(get_executable()), "--site", scratch, "--output-path", str(out_dir.resolve())],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SearchIndexError(f"Pagefind failed ({done.returncode}): {done.stdout}{done.stderr}")
    write_facets(facets, out_dir)
    return count


# Filters with few values are shown as checkboxes with counts; long lists (people,
# events) are picked by name and downloaded only when a reader opens that picker.
# pagefind.filters() would load every value of every filter on each visit instead.
SHORT_FACETS = ("kind", "outlet", "year")


def write_facets(facets: dict[str, Counter[str]], out_dir: Path) -> None:
    short = {name: dict(sorted(facets[name].items())) for name in SHORT_FACETS}
    (out_dir / "facets.json").write_text(json.dumps(short, ensure_ascii=False), encoding="utf-8")
    for name in set(facets) - set(SHORT_FACETS):
        names = sorted(facets[name], key=str.lower)
        (out_dir / f"facets-{name}.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")


def search_document(record: SearchRecord) -> str:
    """The HTML Pagefind reads for one record."""
    e = html.escape
    hidden = [f'<span data-pagefind-meta="{e(k)}">{e(v)}</span>' for k, v in record.meta.items() if k != "title"]
    hidden += [f'<span data-pagefind-filter="{e(k)}">{e(v)}</span>' for k, vs in record.filters.items() for v in vs]
    hidden += [f'<span data-pagefind-sort="{e(k)}">{e(v)}</span>' for k, v in record.sort.items()]
    paragraphs = "".join(f"<p>{e(line)}</p>" for line in record.content.split("\n") if line.strip())
    return (f'<!doctype html><html lang="{e(record.language)}"><head><meta charset="utf-8"></head><body>'
            f'<div hidden>{"".join(hidden)}</div><main data-pagefind-body><h1>{e(record.meta["title"])}</h1>'
            f"{paragraphs}</main></body></html>\n")
