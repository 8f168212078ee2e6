"""The SQLite download, data/archive.sqlite, laid out for researchers (and for Datasette):

    records                  every record: id, kind, title, page and JSON addresses
    <kind plural>            a table per kind, a column per field (lists and nested values also as
                             JSON text); reference columns declare their foreign keys
    <kind plural>_<field>    a join table per list field (articles_authors, people_roles …): one row
                             per entry, in the order written, references as foreign keys
    record_tags, record_references, renames
    <table>_fts              FTS5 indexes over the texts (content=<table>: Datasette's `_search=`)
    quotes_with_speaker_and_outlet, corrections_with_targets, references_with_titles   views

A reference that may name records of several kinds (a quote's speaker: a person or an
organization) refers to `records`, which holds every id. The file is written in one order from
sorted records, so the same content writes the same bytes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_origin

from generator.core.addresses import record_url
from generator.core.kinds import ALL_KINDS, FOLDER_OF
from generator.core.models import MODELS, FieldInfo, fields_of

if TYPE_CHECKING:
    from generator.outputs.opendata import OpenData

COMMON = ("tags", "previous_ids")  # list fields of every record: record_tags and renames hold them
# the texts each kind's FTS index holds (Markdown as written: its marks are not words)
SEARCHED = {"article": ("headline", "byline", "section", "summary", "body"), "quote": ("text", "context"),
            "update": ("label", "text"), "correction": ("text",), "event": ("title", "location", "summary"),
            "person": ("name", "other_names", "summary"), "organization": ("name", "other_names", "summary")}
TOKENIZER = "unicode61 remove_diacritics 2"  # "kormanyszovivo" finds "kormányszóvivő", as the site's search does


@dataclass(frozen=True)
class Column:
    name: str
    declaration: str  # e.g. 'TEXT REFERENCES "people"(id)'
    field: FieldInfo | None = None  # the record's field it holds (None: id, page_url, position …)


def target_table(info: FieldInfo) -> str:
    """The table a reference field points into: its kind's, or `records` when it may name several kinds."""
    kinds = info.ref.kinds if info.ref else ()
    return FOLDER_OF[kinds[0]] if len(kinds) == 1 else "records"


def _references(info: FieldInfo) -> str:
    return f' REFERENCES "{target_table(info)}"(id)' if info.ref else ""


def kind_columns(kind: str) -> list[Column]:
    """The columns of a kind's table: id, page_url, then one per field."""
    return [Column("id", "TEXT PRIMARY KEY"), Column("page_url", "TEXT NOT NULL"),
            *(Column(f.name, "TEXT" + ("" if f.many else _references(f)), f) for f in fields_of(MODELS[kind]))]


def _is_mapping(kind: str, info: FieldInfo) -> bool:
    return get_origin(MODELS[kind].model_fields[info.attr].annotation) is dict


def list_fields(kind: str) -> list[FieldInfo]:
    """The fields of a kind that get a join table: lists (but tags and previous ids) and mappings."""
    return [f for f in fields_of(MODELS[kind]) if f.name not in COMMON and (f.many or _is_mapping(kind, f))]


def join_table(kind: str, info: FieldInfo) -> str:
    return f"{FOLDER_OF[kind]}_{info.name}"


def join_columns(kind: str, info: FieldInfo) -> list[Column]:
    """A join table's columns: the record, the entry's position, then the entry's value(s)."""
    owner = [Column(f"{kind}_id", f'TEXT NOT NULL REFERENCES "{FOLDER_OF[kind]}"(id)'),
             Column("position", "INTEGER NOT NULL")]
    if _is_mapping(kind, info):
        return [owner[0], Column("key", "TEXT NOT NULL"), Column("value", "TEXT")]
    if info.nested is not None:
        return owner + [Column(f.name, "TEXT" + _references(f), f) for f in fields_of(info.nested)]
    if info.ref is not None:
        target = info.ref.kinds[0] if len(info.ref.kinds) == 1 else "record"
        # a list naming records of its own kind (a quote's not_same_as) names the column after the field
        name = f"{target}_id" if target != kind else f"{info.name}_id"
        return owner + [Column(name, "TEXT NOT NULL" + _references(info), info)]
    return owner + [Column("value", "TEXT NOT NULL", info)]


def _create(db: sqlite3.Connection, table: str, columns: list[Column], key: str | None = None) -> None:
    body = ", ".join(f'"{c.name}" {c.declaration}' for c in columns)
    db.execute(f'CREATE TABLE "{table}" ({body}{f", PRIMARY KEY ({key})" if key else ""})')


def _insert(db: sqlite3.Connection, table: str, rows: list[list[Any]] | list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)


def _cell(value: Any) -> Any:
    """A column value: text as it is, lists and nested values as JSON text, missing values NULL."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if isinstance(value, (list, dict)) else value


def write_sqlite(data: OpenData, path: Path) -> None:
    """Write the database beside `path` and move it into place whole."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        _tables(db, data)
        _search_indexes(db)
        _views(db)
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


def _tables(db: sqlite3.Connection, data: OpenData) -> None:
    pub, records = data.pub, data.records
    db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, "
               "url TEXT NOT NULL, json_url TEXT NOT NULL)")
    _insert(db, "records", [(r.id, r.kind, data.site.title(r), pub.record_url(r), data.json_url(r))
                            for r in records])
    for kind in ALL_KINDS:
        mine = [(r, data.all_fields(r)) for r in records if r.kind == kind]
        columns = kind_columns(kind)
        _create(db, FOLDER_OF[kind], columns)
        _insert(db, FOLDER_OF[kind], [[r.id, pub.record_url(r), *(_cell(fields.get(c.name)) for c in columns[2:])]
                                      for r, fields in mine])
        for info in list_fields(kind):
            columns = join_columns(kind, info)
            _create(db, join_table(kind, info), columns, "" if _is_mapping(kind, info) else f'"{kind}_id", position')
            _insert(db, join_table(kind, info), [row for r, fields in mine for row in _entries(r.id, info, columns,
                                                                                              fields.get(info.name))])
    db.execute("CREATE TABLE record_tags (record_id TEXT NOT NULL REFERENCES records(id), position INTEGER NOT NULL, "
               "tag TEXT NOT NULL, PRIMARY KEY (record_id, position))")
    _insert(db, "record_tags", [(r.id, i, tag) for r in records for i, tag in enumerate(r.tags)])
    db.execute("CREATE TABLE record_references (source_id TEXT NOT NULL REFERENCES records(id), "
               "source_kind TEXT NOT NULL, field TEXT NOT NULL, target_id TEXT NOT NULL REFERENCES records(id), "
               "target_kind TEXT NOT NULL, in_text INTEGER NOT NULL)")
    _insert(db, "record_references", [(r.id, r.kind, ref["field"], ref["id"], ref["kind"], int(ref["in_text"]))
                                      for r in records for ref in data.references(r)])
    db.execute("CREATE TABLE renames (old_id TEXT PRIMARY KEY, id TEXT NOT NULL REFERENCES records(id), "
               "kind TEXT NOT NULL, old_url TEXT NOT NULL, url TEXT NOT NULL)")
    _insert(db, "renames", sorted((old, r.id, r.kind, pub.url(record_url(r, old)), pub.record_url(r))
                                  for r in records for old in r.previous_ids))
    db.execute("CREATE INDEX record_references_target ON record_references (target_id)")
    db.execute("CREATE INDEX record_references_source ON record_references (source_id)")
    db.execute("CREATE INDEX record_tags_tag ON record_tags (tag)")


def _entries(record_id: str, info: FieldInfo, columns: list[Column], value: Any) -> list[list[Any]]:
    """A join table's rows for one record's list (or mapping)."""
    if isinstance(value, dict):
        return [[record_id, key, _cell(item)] for key, item in sorted(value.items())]
    rows = []
    for position, item in enumerate(value or ()):
        if info.nested is not None:
            rows.append([record_id, position, *(_cell(item.get(c.name)) for c in columns[2:])])
        else:
            rows.append([record_id, position, item])
    return rows


def fts_tables() -> dict[str, tuple[str, ...]]:
    """Each full-text index's table and the columns it holds."""
    return {"records": ("title",), **{FOLDER_OF[kind]: columns for kind, columns in SEARCHED.items()}}


def _search_indexes(db: sqlite3.Connection) -> None:
    """FTS5 tables with content=<table> (Datasette finds them by that name), filled and merged."""
    for table, columns in fts_tables().items():
        names = ", ".join(f'"{c}"' for c in columns)
        db.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({names}, content="{table}", '
                   f"tokenize='{TOKENIZER}')")
        db.execute(f'INSERT INTO "{table}_fts" (rowid, {names}) SELECT rowid, {names} FROM "{table}" ORDER BY rowid')
        db.execute(f"INSERT INTO \"{table}_fts\" (\"{table}_fts\") VALUES ('optimize')")


# Each quote once for every place it was printed: the article that reported it, and each update
# that carries it (an update belongs to an article, whose outlet printed it).
_QUOTES_VIEW = """
CREATE VIEW quotes_with_speaker_and_outlet AS
SELECT q.id AS quote_id, q.text, q.said, q.speaker AS speaker_id, speaker.kind AS speaker_kind,
       speaker.title AS speaker_name, q.via AS via_id, via.title AS via_name, printed.printed_in,
       printed.update_id, a.id AS article_id, a.headline, a.published, a.outlet AS outlet_id,
       outlet.name AS outlet_name, q.page_url AS quote_url, a.page_url AS article_url
FROM quotes AS q
JOIN (SELECT id AS quote_id, CASE WHEN article IS NULL THEN NULL ELSE 'article' END AS printed_in,
             NULL AS update_id, article AS article_id FROM quotes
      UNION ALL
      SELECT uq.quote_id, 'update', u.id, u.article FROM updates_quotes AS uq JOIN updates AS u ON u.id = uq.update_id
     ) AS printed ON printed.quote_id = q.id
LEFT JOIN records AS speaker ON speaker.id = q.speaker
LEFT JOIN records AS via ON via.id = q.via
LEFT JOIN articles AS a ON a.id = printed.article_id
LEFT JOIN organizations AS outlet ON outlet.id = a.outlet
WHERE printed.printed_in IS NOT NULL OR NOT EXISTS (SELECT 1 FROM updates_quotes WHERE quote_id = q.id)
"""
# what a correction corrects, and the article (and outlet) that printed it, when it is printed matter
_CORRECTIONS_VIEW = """
CREATE VIEW corrections_with_targets AS
SELECT c.id AS correction_id, c.kind AS correction_kind, c.issuer, c.at, c.text, c.by AS by_id, by.title AS by_name,
       c.target AS target_id, target.kind AS target_kind, target.title AS target_title, target.url AS target_url,
       a.id AS article_id, a.headline, a.outlet AS outlet_id, outlet.name AS outlet_name, c.page_url AS correction_url
FROM corrections AS c
JOIN records AS target ON target.id = c.target
LEFT JOIN records AS by ON by.id = c.by
LEFT JOIN quotes AS q ON q.id = c.target
LEFT JOIN updates AS u ON u.id = c.target
LEFT JOIN articles AS a ON a.id = COALESCE(q.article, u.article, CASE WHEN target.kind = 'article' THEN c.target END)
LEFT JOIN organizations AS outlet ON outlet.id = a.outlet
"""
_REFERENCES_VIEW = """
CREATE VIEW references_with_titles AS
SELECT r.source_id, r.source_kind, source.title AS source_title, r.field, r.target_id, r.target_kind,
       target.title AS target_title, r.in_text, source.url AS source_url, target.url AS target_url
FROM record_references AS r JOIN records AS source ON source.id = r.source_id
JOIN records AS target ON target.id = r.target_id
"""
VIEWS = {"quotes_with_speaker_and_outlet": _QUOTES_VIEW, "corrections_with_targets": _CORRECTIONS_VIEW,
         "references_with_titles": _REFERENCES_VIEW}


def _views(db: sqlite3.Connection) -> None:
    for sql in VIEWS.values():
        db.execute(sql)


__all__ = ["SEARCHED", "VIEWS", "fts_tables", "join_columns", "join_table", "kind_columns", "list_fields",
           "write_sqlite"]
