"""The archive as data: every published record as JSON, and downloads of the whole archive.

    <kind plural>/<id>/index.json   one record, next to its page (people/mark-esper/index.json)
    <kind plural>/<old>/index.json  {"moved_to": …} for every previous id
    data/archive.jsonl.gz           every record, one JSON object a line (gzipped: downloads.py)
    data/archive.sqlite.gz          a table per kind, join tables, full-text indexes, views (sqlite_download.py)
    data/schema/                    JSON Schemas with $id: the content model, published records (record_schemas.py)
    data/metadata.json              Datasette's metadata; data/datapackage.json: every download (dataset_files.py)

A record's JSON holds its fields exactly as the editor wrote them (`fields`:
only the fields written, dates as their original text, Markdown as written),
then every record it names (`references`) and every record naming it
(`referenced_by`), each resolved to its id, kind, title and address. Drafts
appear nowhere: only `Site.public` records, and a published record cannot name
a draft. Output is sorted, so the same content writes the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.core.addresses import old_urls
from generator.core.archive import Reference
from generator.core.dates import When
from generator.core.kinds import ALL_KINDS
from generator.core.models import Record
from generator.core.problems import dotted
from generator.outputs import downloads
from generator.outputs.dataset_files import write_dataset_files
from generator.outputs.publication import Published
from generator.outputs.record_schemas import published_schemas
from generator.outputs.sqlite_download import write_sqlite

DATA_DIR = "data"


def plain(value: Any, written_only: bool = False) -> Any:
    """Model data as JSON values: dates as their original text, fields by their YAML names."""
    if value is None or type(value) is str:  # most values: answered before any isinstance
        return value
    if isinstance(value, When):
        return value.text
    if isinstance(value, BaseModel):
        return {key: plain(getattr(value, name), written_only) for name, key in _names(type(value))
                if not written_only or name in value.model_fields_set}
    if isinstance(value, (list, tuple)):
        return [plain(v, written_only) for v in value]
    return value


@cache  # a model's fields never change; reading them from pydantic costs more than the copying
def _names(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML name) of each of a model's fields, in order."""
    return tuple((name, info.alias or name) for name, info in model.model_fields.items())


def written_fields(record: Record) -> dict[str, Any]:
    """The fields the editor wrote, as written (a date keeps its text)."""
    return plain(record, written_only=True)


def all_fields(record: Record) -> dict[str, Any]:
    """Every field, defaults included (the SQLite columns)."""
    return plain(record)


class OpenData:
    """Records as JSON objects, computed once for every output."""

    all_fields = staticmethod(all_fields)  # a record's SQLite columns (sqlite_download.py)

    def __init__(self, pub: Published):
        self.pub = pub
        self.site = pub.site
        self.records = sorted(self.site.public.values(), key=lambda r: (ALL_KINDS.index(r.kind), r.id))
        self.out: dict[str, list[Reference]] = defaultdict(list)
        for reference in self.site.archive.references:
            if reference.source in self.site.public:
                self.out[reference.source].append(reference)
        # by record id, made once: a record is summarised wherever it is named, and its references
        # go to its JSON and to SQLite (nobody changes these values: each use copies what it keeps)
        self._summaries: dict[str, dict[str, str]] = {}
        self._references: dict[str, list[dict[str, Any]]] = {}
        self._json_urls: dict[str, str] = {}

    def summary(self, record: Record) -> dict[str, str]:
        found = self._summaries.get(record.id)
        if found is None:
            found = self._summaries[record.id] = {"id": record.id, "kind": record.kind,
                                                  "title": self.site.title(record), "url": self.pub.record_url(record)}
        return found

    def json_url(self, record: Record) -> str:
        """The absolute address of the record's JSON."""
        found = self._json_urls.get(record.id)
        if found is None:
            found = self._json_urls[record.id] = self.pub.url(self.pub.json_path(record))
        return found

    def references(self, record: Record) -> list[dict[str, Any]]:
        found = self._references.get(record.id)
        if found is None:
            found = self._references[record.id] = self._resolved((r, r.target) for r in self.out.get(record.id, ()))
        return found

    def referenced_by(self, record: Record) -> list[dict[str, Any]]:
        return self._resolved((r, r.source) for r in self.site.archive.back.get(record.id, ()))

    def _resolved(self, pairs: Iterable[tuple[Reference, str]]) -> list[dict[str, Any]]:
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for reference, other_id in pairs:
            other = self.site.get(other_id)
            key = (dotted(reference.loc), other_id)
            if other is not None and key not in seen:
                seen[key] = {"field": key[0], **self.summary(other), "in_text": reference.link}
        return sorted(seen.values(), key=lambda r: (r["field"], r["kind"], r["id"]))

    def document(self, record: Record) -> dict[str, Any]:
        return {**self.summary(record), "json": self.json_url(record),
                "fields": written_fields(record), "references": self.references(record),
                "referenced_by": self.referenced_by(record),
                "history": [{"day": c.day.isoformat(), "commit": c.commit, "subject": c.subject,
                             "fields": list(c.fields)} for c in self.site.history(record)]}

    # --- writing -----------------------------------------------------------

    def write(self, site_dir: Path) -> int:
        lines = self.write_records(site_dir)
        self.write_jsonl(site_dir, lines)
        self.write_sqlite(site_dir)
        self.write_descriptions(site_dir)  # last: they describe the files above
        return len(self.records)

    # each step on its own, so that bench/bench_data.py times every output

    def write_records(self, site_dir: Path) -> list[str]:
        """Each record's JSON beside its page, and a `moved_to` at each previous id's; returns the lines."""
        lines = []
        for record in self.records:
            line = _json_line(self.document(record))  # the file and the JSON Lines download agree
            _write(site_dir / self.pub.json_path(record), line)
            lines.append(line)
            for old in old_urls(record):
                moved = {"moved_to": self.json_url(record)}
                _write(site_dir / old / "index.json", _json_line(moved))
        return lines

    def write_jsonl(self, site_dir: Path, lines: list[str]) -> None:
        downloads.write_gzip(site_dir / downloads.JSONL, "".join(lines).encode("utf-8"))  # compressed: downloads.py

    def write_sqlite(self, site_dir: Path) -> None:
        data = site_dir / DATA_DIR
        data.mkdir(parents=True, exist_ok=True)
        write_sqlite(self, data / "archive.sqlite")
        downloads.compress(data / "archive.sqlite")

    def write_descriptions(self, site_dir: Path) -> None:
        """The JSON Schemas, Datasette's metadata.json and datapackage.json (which hashes every download)."""
        data = site_dir / DATA_DIR
        (data / "schema").mkdir(parents=True, exist_ok=True)
        schemas = published_schemas(self.pub.url)
        for name, text in schemas.items():
            (data / "schema" / name).write_text(text, encoding="utf-8")
        write_dataset_files(self.pub, data, list(schemas))


# what some readers take for a line break inside a JSON string (Python's str.splitlines, JavaScript
# before ES2019, many editors): escaped, so that every record is one line for any reader
_LINE_LIKE = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085", "\x1c": "\\u001c",
              "\x1d": "\\u001d", "\x1e": "\\u001e"}
_LINE_LIKE_RE = re.compile("[" + "".join(_LINE_LIKE) + "]")


def _json_line(document: Any) -> str:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _LINE_LIKE_RE.sub(lambda m: _LINE_LIKE[m.group()], text) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_open_data(pub: Published, site_dir: Path) -> int:
    return OpenData(pub).write(site_dir)


__all__ = ["DATA_DIR", "OpenData", "all_fields", "write_open_data", "written_fields"]
