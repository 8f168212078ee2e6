"""Search: one Pagefind record per published record, with filters and a date sort.

Pagefind indexes one small search document per record instead of crawling the
themed pages: only what readers search (the record's words and metadata), which
keeps indexing memory far below a crawl, and the browser loads only the index
chunks a query needs. (Pagefind's Python API is not used: its client sleeps
0.1 s per record it sends.)
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import subprocess
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import cbor2

from generator.dates import NO_DATE_SORT_TEXT
from generator.models import Article, Correction, Event, Organization, Person, Quote, Record, Update
from generator.pages import page_uri, page_url
from generator.richtext import plain_text
from generator.site import Site

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
    sort = {"date": when.sort_text if when else NO_DATE_SORT_TEXT}
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
    resolve = lambda i: ("#", site.title(site.get(i)) if site.get(i) else i)  # noqa: E731
    words = [p for p in plain if p] + [plain_text(m, resolve, verbatim) for m in markdown if m]
    return "\n".join(words)


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
        if count == 0:  # Pagefind refuses an empty site; the search page then finds nothing
            out_dir.mkdir(parents=True, exist_ok=True)
            write_facets(facets, out_dir)
            return 0
        done = subprocess.run([str(get_executable()), "--site", scratch, "--output-path", str(out_dir.resolve())],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SearchIndexError(f"Pagefind failed ({done.returncode}): {done.stdout}{done.stderr}")
    make_deterministic(out_dir)
    write_facets(facets, out_dir)
    return count


_SIGNATURE = b"pagefind_dcd"


def make_deterministic(out_dir: Path) -> None:
    """Rewrite Pagefind's filter files with their values in sorted order.

    Pagefind writes each filter's values in hash-map order, which changes from run
    to run, and names files by their content: so the same content gave different
    bytes and file names. Sorting the values (and the filter list in the metadata
    file that names them) makes the same content build byte-identical output.
    The browser finds these files only through the names written here.
    """
    entry_file = out_dir / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_file = out_dir / f"pagefind.{language['hash']}.pf_meta"
        meta = _read_pagefind(meta_file)
        prefix = language["hash"].split("_")[0]
        renamed = []
        for name, old in meta[3]:  # [version, pages, index chunks, filters, sorts, meta fields]
            path = out_dir / "filter" / f"{old}.pf_filter"
            filter_name, values = _read_pagefind(path)
            data = _pagefind_bytes([filter_name, sorted(values, key=lambda v: v[0])])
            new = f"{prefix}_{hashlib.sha256(data).hexdigest()[:7]}"
            path.unlink()
            (out_dir / "filter" / f"{new}.pf_filter").write_bytes(data)
            renamed.append([name, new])
        meta[3] = sorted(renamed)
        data = _pagefind_bytes(meta)
        language["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_file.unlink()
        (out_dir / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    entry["languages"] = dict(sorted(entry["languages"].items()))  # also listed in hash-map order
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read_pagefind(path: Path):
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data[len(_SIGNATURE):])


def _pagefind_bytes(value) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)


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
