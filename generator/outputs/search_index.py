"""Search indexes that stay small: one Pagefind index per span of years and language.

Pagefind's metadata file, which the browser loads before any result, lists every
page of its index (about 8 bytes a page, compressed): one index for a 100,000-record
archive costs a reader 0.8 MB per query. So records are split into shards of at most
SHARD_MAX records by the newest day their page shows (a person by their latest
statement or mention; records with no day last), whole years together where they
fit, and each shard is indexed once per language (Pagefind stems each language with
its own rules). The browser (search.js) searches the newest shard first and merges
older ones with Pagefind's `mergeIndex` only when a reader asks for more, so a query
loads one or two shards whatever the archive's size; `facets.json` says which shards
hold each filter value, so browsing by a filter loads only shards that match.

Layout of the output folder (the site's pagefind/):
- `search.json`: the shards, newest first, each with its span of years and its index
  folder per language, and the languages' names;
- `<shard>-<language>/`: a Pagefind bundle (entry, metadata, index chunks, fragments,
  filters, and the script and WebAssembly, of which the browser loads one copy);
- `pagefind.js`: the script pages import (the same file as in every bundle);
- `facets.json` (short filters: values, counts and shards) and `facets-<name>.json`
  (long filters: value → shards, loaded when a reader opens that picker).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import cbor2
from babel import Locale, UnknownLocaleError

# SearchIndexError is the build's to catch from here, where indexes are made
from generator.outputs.pagefind_service import SearchIndexError as SearchIndexError
from generator.outputs.pagefind_service import write_bundles
from generator.outputs.search import BROWSE_WORD, SearchRecord, search_document
from generator.site.search_filters import SEARCH_FILTERS

# ~8 bytes of metadata a page: 8,000 records cost a query about 65 KB of metadata.
SHARD_MAX = 8000
# Filters with few values are shown as checkboxes with counts; long lists (people,
# speakers, events) are picked by name and downloaded only when a reader opens that picker.
# (the language is every document's own, not one of its filters)
SHORT_FACETS = tuple(f.name for f in SEARCH_FILTERS if not f.picker and f.name != "language")
# Pagefind's files a browser never loads here (its ready-made interfaces)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass
class _Doc:  # what planning needs of a record once its search document is in the scratch file
    offset: int
    size: int
    url: str
    day: str | None
    language: str
    filters: dict[str, list[str]]


def plan_shards(days: Iterable[str | None], limit: int = SHARD_MAX) -> list[tuple[str, list[int]]]:
    """Positions of records grouped into shards, newest first: (span of years, positions).

    Whole years are packed together up to `limit` records; a year larger than that is
    cut, in date order, into equal parts; records with no day come last ("")."""
    days = list(days)
    by_year: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(len(days)), key=lambda i: days[i] or "", reverse=True):
        by_year[(days[i] or "")[:4]].append(i)
    shards: list[tuple[str, list[int]]] = []
    current: list[int] = []
    years: list[str] = []

    def close() -> None:
        if current:
            shards.append((years[-1] if len(years) == 1 else f"{years[-1]}–{years[0]}", current[:]))
            current.clear()
            years.clear()

    for year, members in by_year.items():  # newest year first, "" (no day) last
        if not year or len(current) + len(members) > limit:
            close()
        if len(members) > limit or not year:
            parts = -(-len(members) // limit)
            for k in range(parts):
                shards.append((year, members[k * len(members) // parts:(k + 1) * len(members) // parts]))
            continue
        current += members
        years.append(year)
    close()
    return shards


def write_index(records: Iterable[SearchRecord], out_dir: Path, site_language: str = "en",
                share: Callable[[list[int]], Collection[int]] | None = None) -> int:
    """Index the records with Pagefind into out_dir (the site's pagefind/ folder), shard by shard.

    Each record becomes a minimal HTML document, kept in one scratch file until its index's turn;
    Pagefind's service indexes them with their URLs, two indexes at a time (pagefind_service.py),
    each in the shard's order: newest first. `share`: given the bundles' sizes, the positions of
    those this build indexes, when a split build shares them out (generator/build/shards.py); every
    part writes search.json and the facets."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(prefix="search-docs-") as scratch:
        docs: list[_Doc] = []
        for record in records:  # written at once: only what planning needs stays in memory
            text = search_document(record).encode("utf-8")
            docs.append(_Doc(scratch.tell(), len(text), record.url, record.day, record.language, record.filters))
            scratch.write(text)
        scratch.flush()
        shards = plan_shards(d.day for d in docs)
        languages = sorted({d.language for d in docs}, key=lambda tag: (tag != site_language, tag))
        runs: list[tuple[str, list[_Doc]]] = []
        manifest = []
        for number, (span, members) in enumerate(shards):
            folders: dict[str, str] = {}
            for language in languages:
                mine = [docs[i] for i in members if docs[i].language == language]
                if not mine:
                    continue
                name = f"s{number}-{language.lower()}"
                folders[language] = name + "/"
                runs.append((name, mine))
            manifest.append({"span": span, "indexes": folders})

        taken = share([len(mine) for _, mine in runs]) if share else range(len(runs))
        own = [(name, partial(_documents, scratch.fileno(), mine))
               for position, (name, mine) in enumerate(runs) if position in taken]
        write_bundles(own, out_dir)
        for name, _ in own:
            make_deterministic(out_dir / name)
            for unused in UNUSED:
                (out_dir / name / unused).unlink(missing_ok=True)
        if runs and 0 in taken:
            shutil.copyfile(out_dir / runs[0][0] / "pagefind.js", out_dir / "pagefind.js")
        names = {tag: language_name(tag, site_language) for tag in languages}
        (out_dir / "search.json").write_text(json.dumps({"shards": manifest, "languages": names, "browse": BROWSE_WORD},
                                                        ensure_ascii=False),
                                             encoding="utf-8")
        write_facets(docs, shards, names, out_dir)
    return len(docs)


def _documents(fd: int, docs: list[_Doc]) -> list[tuple[str, str]]:
    """The (url, HTML) of these documents, read back from the scratch file."""
    return [(doc.url, os.pread(fd, doc.size, doc.offset).decode("utf-8")) for doc in docs]


def language_name(tag: str, in_language: str) -> str:
    """'hu' → 'Hungarian' on an English site (Babel's CLDR names); the tag itself if unknown."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(Locale.parse(in_language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return tag
    return name[:1].upper() + name[1:] if name else tag


def write_facets(docs: list[_Doc], shards: list[tuple[str, list[int]]], names: dict[str, str], out_dir: Path) -> None:
    """Filter values with counts (short filters) and, for every value, the shards that hold it."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for number, (_span, members) in enumerate(shards):
        for i in members:
            filters = {**docs[i].filters, "language": [names[docs[i].language]]}
            for name, values in filters.items():
                counts[name].update(values)
                for value in values:
                    where[name][value].add(number)
    short: dict[str, dict[str, object]] = {name: dict(sorted(counts[name].items()))
                                           for name in (*SHORT_FACETS, "language")}
    short["in"] = {name: {v: sorted(where[name][v]) for v in sorted(where[name])} for name in short}
    (out_dir / "facets.json").write_text(json.dumps(short, ensure_ascii=False), encoding="utf-8")
    for name in set(counts) - set(short):
        values = sorted(counts[name], key=lambda v: (v.lower(), v))
        (out_dir / f"facets-{name}.json").write_text(
            json.dumps({v: sorted(where[name][v]) for v in values}, ensure_ascii=False), encoding="utf-8")


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
