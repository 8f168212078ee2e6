"""The SQLite download as a researcher uses it: opened with Datasette (its Python API, as `datasette
archive.sqlite -m metadata.json` serves it), searched with FTS5, its foreign keys followed, its
views answering the common questions; and the same download in sqlite3."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
from collections import Counter

import pytest
from datasette.app import Datasette

from generator.core.archive import load
from generator.core.kinds import FOLDER_OF
from generator.core.settings import load_settings
from generator.outputs.sqlite_download import VIEWS, fts_tables

from conftest import REPO
from site_helpers import unpacked_db

ESPER_WORDS = "no decision whatsoever to leave"


@pytest.fixture(scope="module")
def data(seed_site, tmp_path_factory):
    """The seed's data folder as a researcher has it: metadata.json, and archive.sqlite unpacked."""
    folder = tmp_path_factory.mktemp("data")
    shutil.copy(seed_site / "data/metadata.json", folder)
    unpacked_db(seed_site, folder)
    return folder


@pytest.fixture(scope="module")
def db(data):
    connection = sqlite3.connect(data / "archive.sqlite")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def public():
    archive = load(REPO / "content", load_settings(REPO / "site_config/archive.yml"))[0]
    return {i: r for i, r in archive.records.items() if r.is_public}


def datasette_get(data, *paths: str) -> list:
    """GET each path from Datasette serving the download with its metadata.json; the JSON answers."""
    async def run():
        ds = Datasette([str(data / "archive.sqlite")], metadata=json.loads((data / "metadata.json").read_text()))
        answers = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            answers.append(response.json())
        return answers

    return asyncio.run(run())


def test_datasette_finds_a_word_through_fts_and_follows_a_foreign_key(data):
    found, labelled, esper = datasette_get(
        data, "/archive/quotes.json?_search=whatsoever&_shape=array",
        "/archive/quotes.json?_labels=on&_shape=array&id=esper-no-decision-whatsoever-to-leave",
        "/archive/records/mark-esper.json?_extras=foreign_key_tables")
    assert [row["id"] for row in found] == ["esper-no-decision-to-leave-iraq-period",  # "whatsoever" in its context
                                            "esper-no-decision-whatsoever-to-leave"]
    (quote,) = labelled
    assert quote["speaker"] == {"value": "mark-esper", "label": "Mark Esper"}  # the foreign key, resolved
    assert quote["article"]["label"] == "Letter: U.S.-Led Coalition to Withdraw from Iraq"
    incoming = {(t["other_table"], t["other_column"]): t["count"] for t in esper["foreign_key_tables"]}
    assert incoming[("quotes", "speaker")] == 2  # and back: the records that name him, by field
    assert incoming[("record_references", "target_id")] >= 2


def test_datasette_shows_the_licence_source_and_descriptions(data):
    (metadata,) = datasette_get(data, "/-/metadata.json")
    assert metadata["title"] == "The Coalition Letter Archive"
    assert "license" not in metadata and "Data licence: no licence stated." in metadata["description"]
    assert metadata["source_url"] == "http://127.0.0.1:8000/"
    assert metadata["about_url"] == "http://127.0.0.1:8000/about-data/"


def test_every_table_and_column_is_described(data, db):
    tables = json.loads((data / "metadata.json").read_text())["databases"]["archive"]["tables"]
    names = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                            "AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name")]
    assert sorted(tables) == names
    for name in names:
        assert tables[name]["description"], name
        if name not in VIEWS:
            columns = [c for (c,) in db.execute(f'SELECT name FROM pragma_table_info("{name}")')]
            assert list(tables[name]["columns"]) == columns and all(tables[name]["columns"].values()), name


def test_the_canned_queries_run_in_datasette(data):
    spoken, searched, corrections = datasette_get(
        data, "/archive/quotes_of_a_speaker.json?speaker=Mark+Esper&_shape=array",
        "/archive/search_quotes.json?words=whatsoever&_shape=array",
        "/archive/corrections_of_a_record.json?id=breitbart-letter-coalition-to-withdraw-from-iraq&_shape=array")
    assert (ESPER_WORDS, "update", "Breitbart News") in {(r["text"], r["printed_in"], r["outlet_name"])
                                                          for r in spoken}
    assert {r["id"] for r in searched} == {"esper-no-decision-whatsoever-to-leave",
                                           "esper-no-decision-to-leave-iraq-period"}
    assert [r["correction_kind"] for r in corrections] == ["correction"]


def test_foreign_keys_are_declared_and_hold(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = {(table, row[3]): row[2] for table in ("quotes", "articles", "updates", "corrections", "events",
                                                   "people_roles", "articles_authors", "record_references")
            for row in db.execute(f'PRAGMA foreign_key_list("{table}")')}
    assert keys[("quotes", "speaker")] == "records"  # a person or an organization: every id is in records
    assert keys[("quotes", "article")] == keys[("updates", "article")] == "articles"
    assert keys[("articles", "outlet")] == keys[("people_roles", "organization")] == "organizations"
    assert keys[("events", "part_of")] == "events" and keys[("articles_authors", "person_id")] == "people"
    assert keys[("corrections", "target")] == keys[("record_references", "target_id")] == "records"


def test_join_tables_hold_every_list_entry_in_order(db, public):
    for kind, table, field, column in (("article", "articles_people", "people", "person_id"),
                                       ("event", "events_people", "people", "person_id"),
                                       ("update", "updates_quotes", "quotes", "quote_id"),
                                       ("person", "people_other_names", "other_names", "value")):
        rows = db.execute(f'SELECT {kind}_id, "{column}" FROM "{table}" ORDER BY {kind}_id, position').fetchall()
        expected = [(r.id, value) for r in sorted(public.values(), key=lambda r: r.id) if r.kind == kind
                    for value in getattr(r, field)]
        assert rows == expected, table
    roles = db.execute("SELECT title, organization FROM people_roles WHERE person_id = 'mark-esper'").fetchall()
    assert roles == [(r.title, r.organization) for r in public["mark-esper"].roles]
    tags = Counter(tag for (tag,) in db.execute("SELECT tag FROM record_tags"))
    assert tags == Counter(tag for r in public.values() for tag in r.tags)


def test_every_text_is_searchable(db, public):
    for table, columns in fts_tables().items():
        assert db.execute(f'SELECT count(*) FROM "{table}_fts"').fetchone() == db.execute(
            f'SELECT count(*) FROM "{table}"').fetchone()
        assert db.execute(f"SELECT sql FROM sqlite_master WHERE name = '{table}_fts'").fetchone()[0].startswith(
            f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({", ".join(map(json.dumps, columns))}, '
            f'content="{table}"')  # Datasette's convention: it finds the index by content="<table>"
    people = db.execute("SELECT people.id FROM people_fts JOIN people ON people.rowid = people_fts.rowid "
                        "WHERE people_fts MATCH 'qasem'").fetchall()
    assert people == [("qassem-soleimani",)]  # found by one of his other names
    titled = db.execute("SELECT id FROM records_fts JOIN records ON records.rowid = records_fts.rowid "
                        "WHERE records_fts MATCH 'esper'")
    assert ("mark-esper",) in titled.fetchall()


def test_the_quotes_view_includes_quotes_carried_by_updates(db, public):
    rows = db.execute("SELECT quote_id, speaker_name, printed_in, update_id, outlet_name "
                      "FROM quotes_with_speaker_and_outlet WHERE speaker_id = 'mark-esper' ORDER BY 1, 3").fetchall()
    assert rows == [("esper-no-decision-to-leave-iraq-period", "Mark Esper", "article", None, "The Daily Caller"),
                    ("esper-no-decision-whatsoever-to-leave", "Mark Esper", "article", None, "Breitbart News"),
                    ("esper-no-decision-whatsoever-to-leave", "Mark Esper", "update", "breitbart-update-1",
                     "Breitbart News")]
    every = {q for (q,) in db.execute("SELECT quote_id FROM quotes_with_speaker_and_outlet")}
    assert every == {r.id for r in public.values() if r.kind == "quote"}  # none is left out


def test_the_corrections_view_says_what_each_corrects(db, public):
    rows = {r[0]: r[1:] for r in db.execute("SELECT correction_id, target_id, target_kind, target_title, "
                                            "outlet_name FROM corrections_with_targets")}
    corrections = [r for r in public.values() if r.kind == "correction"]
    assert set(rows) == {c.id for c in corrections}
    for c in corrections:
        assert rows[c.id][:2] == (c.target, public[c.target].kind)
    assert rows["breitbart-reposit-typo"][3] == "Breitbart News"


def test_the_about_page_queries_run(seed_site, db):
    about = (seed_site / "about-data/index.html").read_text("utf-8")
    import html

    queries = re.findall(r'sqlite3 archive\.sqlite "(.*?)"\n', html.unescape(about))
    assert len(queries) >= 4
    for sql in queries:
        assert db.execute(sql).fetchall(), sql
    assert "datasette archive.sqlite -m metadata.json" in html.unescape(about)


def test_kind_tables_keep_a_row_per_record(db, public):
    counts = Counter(r.kind for r in public.values())
    for kind, folder in FOLDER_OF.items():
        assert db.execute(f'SELECT count(*) FROM "{folder}"').fetchone()[0] == counts[kind]
