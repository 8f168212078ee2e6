"""The archive as a dataset others can cite and load: what every description of it says (its
licence, the day it last changed, the period it covers), Datasette's data/metadata.json and the
Frictionless data/datapackage.json that describes every download.

Nothing here reads the clock: the day it last changed comes from the records' git history and the
archive's own notes, the period from the records' own dates. A licence is stated only when the
settings name one; otherwise the descriptions say "no licence stated" and carry no licence field.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from generator.core.licences import NO_LICENCE, Licence
from generator.core.models import Correction, Event
from generator.outputs import record_schemas
from generator.outputs.publication import Published
from generator.outputs.sqlite_docs import tables
from generator.site.questions import Site

DATA_PAGE_URL = "about-data/"
# the downloads are gzipped (downloads.py); Datasette opens archive.sqlite, what gunzip gives
JSONL, SQLITE, METADATA, PACKAGE = "archive.jsonl.gz", "archive.sqlite.gz", "metadata.json", "datapackage.json"
DATABASE = "archive"  # Datasette names a database by its file's stem


def temporal_coverage(site: Site) -> str | None:
    """The days the records' own dates span, as an ISO 8601 interval ('2020-01-03/2020-01-08'), or one
    day. An editor's note is dated when the archive wrote it, not in the story, so it does not count."""
    days = []
    for record in site.public.values():
        if isinstance(record, Correction) and record.issuer == "archive":
            continue
        days += [w.day for w in (record.when, record.end if isinstance(record, Event) else None) if w is not None]
    if not days:
        return None
    first, last = min(days).isoformat(), max(days).isoformat()
    return first if first == last else f"{first}/{last}"


def date_modified(site: Site) -> str | None:
    """The day the published records last changed: the newest commit to one of their files, or the
    newest note the archive's editors dated (an archive without git history); None when neither."""
    days = [changes[-1].day for changes in (site.history(r) for r in site.public.values()) if changes]
    days += [r.when.day for r in site.public.values()
             if isinstance(r, Correction) and r.issuer == "archive" and r.when is not None]
    return max(days).isoformat() if days else None


def licence_words(licence: Licence | None) -> str:
    return licence.expression if licence else NO_LICENCE


def _describe(pub: Published) -> str:
    settings = pub.site.settings
    about = f"{settings.description} " if settings.description else ""
    return (f"{about}Every published record of {settings.title} (articles, quotes, updates, corrections, events, "
            f"people and organizations) with its references. Data licence: {licence_words(settings.data_licence)}.")


def datasette_metadata(pub: Published) -> dict[str, Any]:
    """Datasette's metadata.json for data/archive.sqlite: `datasette archive.sqlite -m metadata.json`."""
    settings = pub.site.settings
    metadata: dict[str, Any] = {"title": settings.title, "description": _describe(pub)}
    if settings.data_licence:
        metadata["license"] = settings.data_licence.expression
        metadata["license_url"] = settings.data_licence.url or pub.url(DATA_PAGE_URL)
    metadata.update({"source": settings.title, "source_url": pub.url(""), "about": "About the data",
                     "about_url": pub.url(DATA_PAGE_URL)})
    described = tables()
    for name, label in (("articles", "headline"), ("quotes", "text"), ("updates", "label"), ("corrections", "text")):
        described[name]["label_column"] = label
    metadata["databases"] = {DATABASE: {"tables": described, "queries": CANNED_QUERIES}}
    return metadata


CANNED_QUERIES = {
    "quotes_of_a_speaker": {
        "title": "Every quote of a speaker, with the outlets that printed it",
        "sql": "SELECT speaker_name, text, said, printed_in, headline, outlet_name, quote_url "
               "FROM quotes_with_speaker_and_outlet WHERE speaker_name = :speaker ORDER BY said, quote_id"},
    "search_quotes": {
        "title": "Quotes holding words (full-text search)",
        "sql": "SELECT quotes.id, quotes.text, quotes.speaker FROM quotes_fts "
               "JOIN quotes ON quotes.rowid = quotes_fts.rowid WHERE quotes_fts MATCH :words ORDER BY rank"},
    "corrections_of_a_record": {
        "title": "What corrects or disputes a record",
        "sql": "SELECT correction_kind, issuer, at, by_name, text, correction_url FROM corrections_with_targets "
               "WHERE target_id = :id ORDER BY at"},
}


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "archive"


def _file(folder: Path, path: str, name: str, description: str, mediatype: str, **more: Any) -> dict[str, Any]:
    """A resource for one published file, with its size and SHA-256 (the file is written already)."""
    data = (folder / path).read_bytes()
    return {"name": name, "type": "file", "path": path, "description": description, "mediatype": mediatype,
            "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(), **more}


def datapackage(pub: Published, data_dir: Path, schema_names: list[str]) -> dict[str, Any]:
    """The Frictionless Data Package of data/: every download, its format, size and SHA-256."""
    settings = pub.site.settings
    package: dict[str, Any] = {"name": _slug(settings.title), "title": settings.title,
                               "description": _describe(pub), "homepage": pub.url(DATA_PAGE_URL)}
    if settings.data_licence:
        package["licenses"] = [{"name": spdx, "path": f"https://spdx.org/licenses/{spdx}.html", "title": spdx}
                               for spdx in settings.data_licence.ids]
        package["x-license-expression"] = settings.data_licence.expression  # 'OR' and 'WITH' are not a list's
    resources = [
        _file(data_dir, JSONL, "archive-jsonl", "every record, one JSON document a line (see the record schemas); "
              "gzipped", "application/gzip", format="gz", encoding="utf-8"),
        _file(data_dir, SQLITE, "archive-sqlite", "every record in SQLite: a table per kind, join tables, "
              "full-text indexes and views (described in metadata.json); gzipped: gunzip gives archive.sqlite",
              "application/gzip", format="gz"),
        _file(data_dir, METADATA, "datasette-metadata", "Datasette's metadata for archive.sqlite: titles, licence, "
              "descriptions of tables and columns, example queries", "application/json", format="json",
              encoding="utf-8"),
    ]
    for name in schema_names:
        resources.append(_file(data_dir, f"schema/{name}", _slug(name.removesuffix(".json")),
                               f"JSON Schema, $id {pub.url(record_schemas.SCHEMA_FOLDER + name)}",
                               "application/schema+json", format="json", encoding="utf-8"))
    package["resources"] = resources
    return package


def write_dataset_files(pub: Published, data_dir: Path, schema_names: list[str]) -> None:
    """metadata.json, then datapackage.json (which describes it): after the downloads are written."""
    (data_dir / METADATA).write_text(_json(datasette_metadata(pub)), encoding="utf-8")
    (data_dir / PACKAGE).write_text(_json(datapackage(pub, data_dir, schema_names)), encoding="utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


__all__ = ["CANNED_QUERIES", "DATABASE", "date_modified", "datapackage", "datasette_metadata", "licence_words",
           "temporal_coverage", "write_dataset_files"]
