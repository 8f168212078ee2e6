"""The archive as data: every published record as JSON, and downloads of the whole archive.

    <kind plural>/<id>/index.json   one record, next to its page (people/mark-esper/index.json)
    <kind plural>/<old>/index.json  {"moved_to": …} for every previous id
    data/archive.jsonl.gz           every record, one JSON object a line (gzipped: downloads.py)
    data/archive.sqlite.gz          a table per kind, plus records, record_references, renames
    data/schema/<kind>.schema.json  the JSON Schemas of the content model

A record's JSON holds its fields exactly as the editor wrote them (`fields`:
only the fields written, dates as their original text, Markdown as written),
then every record it names (`references`) and every record naming it
(`referenced_by`), each resolved to its id, kind, title and address. Drafts
appear nowhere: only `Site.public` records, and a published record cannot name
a draft. Output is sorted, so the same content writes the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.core.archive import Reference
from generator.core.dates import When
from generator.core.models import ALL_KINDS, MODELS, Record, fields_of
from generator.core.problems import dotted
from generator.core.schemas import schema_files
from generator.core.sources import FOLDER_OF
from generator.outputs import downloads
from generator.outputs.publication import Published

DATA_DIR = "data"


def plain(value: Any, written_only: bool = False) -> Any:
    """Model data as JSON values: dates as their original text, fields by their YAML names."""
    if isinstance(value, When):
        return value.text
    if isinstance(value, BaseModel):
        return {info.alias or name: plain(getattr(value, name), written_only)
                for name, info in type(value).model_fields.items()
                if not written_only or name in value.model_fields_set}
    if isinstance(value, (list, tuple)):
        return [plain(v, written_only) for v in value]
    return value


def written_fields(record: Record) -> dict[str, Any]:
    """The fields the editor wrote, as written (a date keeps its text)."""
    return plain(record, written_only=True)


def all_fields(record: Record) -> dict[str, Any]:
    """Every field, defaults included (the SQLite columns)."""
    return plain(record)


class OpenData:
    """Records as JSON objects, computed once for every output."""

    def __init__(self, pub: Published):
        self.pub = pub
        self.site = pub.site
        self.records = sorted(self.site.public.values(), key=lambda r: (ALL_KINDS.index(r.kind), r.id))
        self.out: dict[str, list[Reference]] = defaultdict(list)
        for reference in self.site.archive.references:
            if reference.source in self.site.public:
                self.out[reference.source].append(reference)

    def summary(self, record: Record) -> dict[str, str]:
        return {"id": record.id, "kind": record.kind, "title": self.site.title(record),
                "url": self.pub.record_url(record)}

    def references(self, record: Record) -> list[dict[str, Any]]:
        return self._resolved((r, r.target) for r in self.out.get(record.id, ()))

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
        return {**self.summary(record), "json": self.pub.url(self.pub.json_path(record)),
                "fields": written_fields(record), "references": self.references(record),
                "referenced_by": self.referenced_by(record),
                "history": [{"day": c.day.isoformat(), "commit": c.commit, "subject": c.subject,
                             "fields": list(c.fields)} for c in self.site.history(record)]}

    # --- writing -----------------------------------------------------------

    def write(self, site_dir: Path) -> int:
        data = site_dir / DATA_DIR
        (data / "schema").mkdir(parents=True, exist_ok=True)
        lines = []
        for record in self.records:
            line = _json_line(self.document(record))  # the file and the JSON Lines download agree
            _write(site_dir / self.pub.json_path(record), line)
            lines.append(line)
            for old in record.previous_ids:
                moved = {"moved_to": self.pub.url(self.pub.json_path(record))}
                _write(site_dir / FOLDER_OF[record.kind] / old / "index.json", _json_line(moved))
        downloads.write_gzip(site_dir / downloads.JSONL, "".join(lines).encode("utf-8"))  # compressed: downloads.py
        self.write_sqlite(data / "archive.sqlite")
        downloads.compress(data / "archive.sqlite")
        for name, text in schema_files().items():
            (data / "schema" / name).write_text(text, encoding="utf-8")
        return len(self.records)

    def write_sqlite(self, path: Path) -> None:
        """Plain SQLite (opens in sqlite3, Datasette, …): a table per kind with a column per field
        (lists and nested values as JSON text), `records`, `record_references` and `renames`."""
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        db = sqlite3.connect(partial)
        try:
            db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, "
                       "url TEXT NOT NULL, json_url TEXT NOT NULL)")
            db.execute("CREATE TABLE record_references (source_id TEXT NOT NULL, source_kind TEXT NOT NULL, "
                       "field TEXT NOT NULL, target_id TEXT NOT NULL, target_kind TEXT NOT NULL, "
                       "in_text INTEGER NOT NULL)")
            db.execute("CREATE TABLE renames (old_id TEXT PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, "
                       "old_url TEXT NOT NULL, url TEXT NOT NULL)")
            for kind in ALL_KINDS:
                names = [info.name for info in fields_of(MODELS[kind])]
                columns = ", ".join(f'"{n}" TEXT' for n in names)
                db.execute(f'CREATE TABLE "{FOLDER_OF[kind]}" (id TEXT PRIMARY KEY, page_url TEXT NOT NULL, {columns})')
                rows = [[r.id, self.pub.record_url(r), *_cells(all_fields(r), names)]
                        for r in self.records if r.kind == kind]
                marks = ", ".join("?" * (len(names) + 2))
                db.executemany(f'INSERT INTO "{FOLDER_OF[kind]}" VALUES ({marks})', rows)
            db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)",
                           [(r.id, r.kind, self.site.title(r), self.pub.record_url(r),
                             self.pub.url(self.pub.json_path(r))) for r in self.records])
            db.executemany("INSERT INTO record_references VALUES (?, ?, ?, ?, ?, ?)",
                           [(r.id, r.kind, ref["field"], ref["id"], ref["kind"], int(ref["in_text"]))
                            for r in self.records for ref in self.references(r)])
            db.executemany("INSERT INTO renames VALUES (?, ?, ?, ?, ?)",
                           sorted((old, r.id, r.kind, self.pub.url(f"{FOLDER_OF[r.kind]}/{old}/"),
                                   self.pub.record_url(r)) for r in self.records for old in r.previous_ids))
            db.execute("CREATE INDEX record_references_target ON record_references (target_id)")
            db.execute("CREATE INDEX record_references_source ON record_references (source_id)")
            db.commit()
        finally:
            db.close()
        os.replace(partial, path)


def _cells(fields: dict[str, Any], names: list[str]) -> list[Any]:
    """Column values: text as it is, lists and nested values as JSON text, missing values NULL."""
    return [json.dumps(v, ensure_ascii=False, separators=(",", ":")) if isinstance(v, (list, dict)) else v
            for v in (fields.get(n) for n in names)]


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
