"""The archive as a dataset: licences (stated only when set), the `Dataset` JSON-LD with its licence,
dateModified and temporalCoverage, a Frictionless datapackage.json that validates with `frictionless`,
and JSON Schemas with `$id` that the published JSON validates against."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from frictionless import Package
from referencing import Registry, Resource

from generator.core.archive import load
from generator.core.history import read_history
from generator.core.kinds import FOLDER_OF
from generator.core.settings import load_settings

from conftest import REPO, write_tree
from site_helpers import download_db, download_lines

BASE = "http://127.0.0.1:8000/"
SPDX = "https://spdx.org/licenses/"
HOSTILE = "</script><b>x</b> & \u202e ..\\ \"q\""


@pytest.fixture(autouse=True)
def _site_url(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)


def graph_nodes(page: Path) -> list[dict]:
    html = page.read_text("utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))["@graph"]


def dataset_of(site: Path) -> dict:
    (dataset,) = [n for n in graph_nodes(site / "about-data/index.html") if n["@type"] == "Dataset"]
    return dataset


def footer(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text("utf-8"), "html5lib").select_one("footer .arc-licences")


def said(element) -> str:
    return " ".join(element.get_text().split())


# --- the seed archive: no licence stated -------------------------------------------


def test_the_seed_states_no_licence_anywhere(seed_site):
    for page in ("index.html", "people/mark-esper/index.html", "about-data/index.html", "404.html"):
        assert said(footer(seed_site / page)) == "Pages: no licence stated · Data: no licence stated · About the data"
    assert "license" not in dataset_of(seed_site)
    assert all("license" not in node for node in graph_nodes(seed_site / "index.html"))
    assert "licenses" not in json.loads((seed_site / "data/datapackage.json").read_text())
    about = BeautifulSoup((seed_site / "about-data/index.html").read_text("utf-8"), "html5lib")
    licence = [said(li) for li in about.select("article ul")[-1].select("li")]
    assert licence == ["The data (the JSON, JSON Lines and SQLite downloads, each record's JSON): no licence stated.",
                       "The pages: no licence stated."]


def test_the_dataset_is_dated_by_its_records_and_their_history(seed_site):
    settings = load_settings(REPO / "site_config/archive.yml")
    public = [r for r in load(REPO / "content", settings)[0].records.values() if r.is_public]
    history = read_history(REPO, REPO / "content")
    dataset = dataset_of(seed_site)
    newest = max(history.of(r.id)[-1].day for r in public if history.of(r.id))
    assert dataset["dateModified"] == newest.isoformat()
    assert dataset["temporalCoverage"] == "2019-12-31/2020-01-06"  # the embassy attack to the letter's day


def test_the_datapackage_validates_and_describes_every_download(seed_site, tmp_path):
    data = seed_site / "data"
    package = json.loads((data / "datapackage.json").read_text())
    described = {r["path"] for r in package["resources"]}
    on_disk = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()} - {"datapackage.json"}
    assert described == on_disk
    report = Package(str(data / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])
    # the sizes and hashes are checked: a changed download no longer validates
    copy = shutil.copytree(data, tmp_path / "data")
    (copy / "archive.jsonl.gz").write_bytes(gzip.compress(download_lines(seed_site)[0].replace("Esper", "Espre")
                                                           .encode("utf-8")))
    broken = Package(str(copy / "datapackage.json")).validate()
    assert [error for error, _ in broken.flatten(["type", "note"])] == ["hash-count", "byte-count"]


def _registry(data: Path) -> tuple[Registry, dict[str, dict]]:
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in (data / "schema").glob("*.json")}
    for name, schema in schemas.items():
        assert schema["$id"] == f"{BASE}data/schema/{name}"
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return registry, schemas


def test_the_published_json_validates_against_the_published_schemas(seed_site):
    registry, schemas = _registry(seed_site / "data")
    lines = download_lines(seed_site)
    checked = 0
    for line in lines:
        document = json.loads(line)
        schema = schemas[f"{document['kind']}.record.schema.json"]
        validator = jsonschema.Draft202012Validator(schema, registry=registry)
        validator.validate(document)
        page_json = seed_site / FOLDER_OF[document["kind"]] / document["id"] / "index.json"
        validator.validate(json.loads(page_json.read_text("utf-8")))
        checked += 1
    assert checked == len(lines) > 50
    # a document that is not a record of that kind fails: the schemas say something
    document = json.loads(lines[0])
    wrong = jsonschema.Draft202012Validator(schemas["quote.record.schema.json"], registry=registry)
    assert not wrong.is_valid(document) and not wrong.is_valid({**document, "extra": 1})
    moved = jsonschema.Draft202012Validator(schemas["moved.schema.json"], registry=registry)
    renamed = [p for p in seed_site.rglob("index.json") if "moved_to" in p.read_text("utf-8")]
    assert renamed and all(moved.is_valid(json.loads(p.read_text("utf-8"))) for p in renamed)


def test_the_input_schemas_are_published_with_their_id(seed_site):
    for path in (REPO / "site_config/schema").glob("*.schema.json"):
        published = json.loads((seed_site / "data/schema" / path.name).read_text("utf-8"))
        assert published == {"$id": f"{BASE}data/schema/{path.name}", **json.loads(path.read_text("utf-8"))}


# --- an archive that states its licences -------------------------------------------

LICENSED = f"""
--- people/jane-roe.yaml
name: {json.dumps(HOSTILE)}
--- organizations/the-paper.yaml
name: The Paper
kind: outlet
--- articles/story.yaml
headline: A story
outlet: the-paper
published: 2021-03-04
--- quotes/words.yaml
text: kormányszóvivő said so
speaker: jane-roe
article: story
said: 2021-03-02
ratings:
  - by: the-paper
    rating: Mostly False
--- events/the-day.yaml
title: The day
start: 2021-03-01
end: 2021-03-09
--- corrections/note.yaml
target: story
at: 2026-02-11
issuer: archive
text: An editor's note.
"""


@pytest.fixture(scope="module")
def licensed(tmp_path_factory):
    """An archive (not in git) whose settings state both licences, built once."""
    from generator.mkdocs_adapter import build_site

    root = tmp_path_factory.mktemp("licensed") / "archive"
    shutil.copytree(REPO / "site_config", root / "site_config")
    (root / "site_config/archive.yml").write_text(yaml.safe_dump(
        {"title": "Licensed", "licence": "CC-BY-4.0 OR MIT", "data_licence": "cc0-1.0"}), encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_tree(root / "content", LICENSED)
    build_site(root / "mkdocs.yml", root / "site", root / "content")
    return root / "site"


def test_the_footer_states_each_licence(licensed):
    line = footer(licensed / "people/jane-roe/index.html")
    assert said(line) == "Pages: CC-BY-4.0 OR MIT · Data: CC0-1.0 · About the data"
    assert [(a.get("rel"), a["href"]) for a in line.select("a")] == [(["license"], f"{SPDX}CC0-1.0.html"),
                                                                     (None, "../../about-data/")]


def test_the_dataset_and_website_carry_their_licences(licensed):
    dataset = dataset_of(licensed)
    assert dataset["license"] == f"{SPDX}CC0-1.0.html"
    assert dataset["dateModified"] == "2026-02-11"  # no git history: the archive's newest note
    assert dataset["temporalCoverage"] == "2021-03-01/2021-03-09"  # the note is not part of the story
    (website,) = [n for n in graph_nodes(licensed / "index.html") if n["@type"] == "WebSite"]
    assert website["license"] == {"@type": "CreativeWork", "name": "CC-BY-4.0 OR MIT",
                                  "url": [f"{SPDX}CC-BY-4.0.html", f"{SPDX}MIT.html"]}


def test_the_downloads_state_the_data_licence(licensed):
    package = json.loads((licensed / "data/datapackage.json").read_text())
    assert package["licenses"] == [{"name": "CC0-1.0", "path": f"{SPDX}CC0-1.0.html", "title": "CC0-1.0"}]
    assert Package(str(licensed / "data/datapackage.json")).validate().valid
    metadata = json.loads((licensed / "data/metadata.json").read_text())
    assert (metadata["license"], metadata["license_url"]) == ("CC0-1.0", f"{SPDX}CC0-1.0.html")
    assert metadata["description"].endswith("Data licence: CC0-1.0.")
    about = BeautifulSoup((licensed / "about-data/index.html").read_text("utf-8"), "html5lib")
    items = about.select("article ul")[-1].select("li")
    assert [said(li) for li in items] == [
        "The data (the JSON, JSON Lines and SQLite downloads, each record's JSON): CC0-1.0.",
        "The pages: CC-BY-4.0, MIT (CC-BY-4.0 OR MIT)."]
    assert [a["href"] for a in items[1].select("a")] == [f"{SPDX}CC-BY-4.0.html", f"{SPDX}MIT.html"]


def test_hostile_text_stays_data_in_the_download_and_its_search(licensed):
    with download_db(licensed) as db:
        assert db.execute("SELECT speaker_name FROM quotes_with_speaker_and_outlet").fetchall() == [(HOSTILE,)]
        found = db.execute("SELECT quotes.id FROM quotes_fts JOIN quotes ON quotes.rowid = quotes_fts.rowid "
                           "WHERE quotes_fts MATCH 'kormanyszovivo'").fetchall()
        assert found == [("words",)]  # accents ignored, as the site's search does
        rating = db.execute("SELECT quote_id, position, rating, organizations.name FROM quotes_ratings "
                            "JOIN organizations ON organizations.id = quotes_ratings.by").fetchall()
        assert rating == [("words", 0, "Mostly False", "The Paper")]  # a rating is a column, its rater a key
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    registry, schemas = _registry(licensed / "data")
    person = json.loads((licensed / "people/jane-roe/index.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schemas["person.record.schema.json"], registry=registry).validate(person)
    assert person["fields"]["name"] == HOSTILE
