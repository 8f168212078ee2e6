"""The archive as data: JSON-LD in every page, Atom feeds, iCalendar files, the sitemap, Open Graph,
every record as JSON, the JSON Lines and SQLite downloads, and URLs that never break.

One module-scoped build of the seed content; small inline archives for renames, deletions,
drafts and hostile text.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from generator.core.archive import load
from generator.core.schemas import schema_files
from generator.core.settings import load_settings
from generator.core.sources import FOLDER_OF
from generator.outputs.publication import ENTRY_KINDS

from conftest import REPO, run, write_tree
from site_helpers import BuiltSite, build, download_db, download_lines

BASE = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set
SCHEMA = "http://schema.org/"
BREITBART = "articles/breitbart-letter-coalition-to-withdraw-from-iraq/"


@pytest.fixture(autouse=True)
def _site_url(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)


@pytest.fixture(scope="module")
def seed(seed_site) -> BuiltSite:
    return BuiltSite(seed_site)


@pytest.fixture(scope="module")
def archive():
    return load(REPO / "content", load_settings(REPO / "site_config/archive.yml"))[0]


@pytest.fixture(scope="module")
def public(archive):
    return {i: r for i, r in archive.records.items() if r.is_public}


def themed_pages(site: BuiltSite) -> list[Path]:
    """Every page the theme rendered (not the redirect pages of previous ids)."""
    return [p for p in sorted(site.root.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text("utf-8")]


def url_of(site: BuiltSite, path: Path) -> str:
    rel = path.relative_to(site.root).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


# --- JSON-LD -----------------------------------------------------------------


def _schema_org_loader(url, options=None):
    """schema.org's context, offline: its vocabulary is all the expansion needs."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "contentType": "application/ld+json",
                "document": {"@context": {"@vocab": SCHEMA}}}
    raise AssertionError(f"JSON-LD expansion tried to load {url}")


def ld_document(html: str) -> dict:
    page = BeautifulSoup(html, "html5lib")
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1 and scripts[0].parent.name == "head"
    return json.loads(scripts[0].string)


def expand(document: dict) -> dict[str, dict]:
    """Expanded nodes by @id (pyld raises on any error)."""
    return {n["@id"]: n for n in jsonld.expand(document, {"documentLoader": _schema_org_loader})}


def ids(node: dict, prop: str) -> list[str]:
    return [v["@id"] for v in node.get(SCHEMA + prop, []) if "@id" in v]


def value(node: dict, prop: str):
    return node[SCHEMA + prop][0]["@value"]


def types(node: dict) -> set[str]:
    return {t.removeprefix(SCHEMA) for t in node["@type"]}


def test_every_page_has_one_json_ld_graph_that_expands_and_is_connected(seed):
    pages = themed_pages(seed)
    assert len(pages) > 60
    for path in pages:
        if path.name == "404.html":
            continue
        document = ld_document(path.read_text("utf-8"))
        assert document["@context"] == "https://schema.org"
        nodes = expand(document)
        # one graph: every node is reached from the page's WebPage node
        page_id = BASE + url_of(seed, path) + "#webpage"
        assert page_id in nodes, path
        seen, todo = set(), [page_id]
        edges = {i: {v["@id"] for vs in n.values() if isinstance(vs, list) for v in vs
                     if isinstance(v, dict) and "@id" in v} for i, n in nodes.items()}
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo += [t for t in edges.get(node, ()) if t in nodes]
                todo += [s for s, ts in edges.items() if node in ts]
        assert seen == set(nodes), f"{path}: not connected: {set(nodes) - seen}"
        # every @id is an absolute address on this site
        assert all(i.startswith(BASE) and "#" in i for i in nodes), path


def test_every_record_is_its_pages_main_entity_with_a_stable_id(seed, public):
    for record in public.values():
        url = f"{FOLDER_OF[record.kind]}/{record.id}/"
        nodes = expand(ld_document((seed.root / url / "index.html").read_text("utf-8")))
        assert ids(nodes[BASE + url + "#webpage"], "mainEntity") == [f"{BASE}{url}#{record.kind}"]


def test_article_is_a_news_article_and_live_blog_with_updates_and_corrections(seed, public):
    nodes = expand(ld_document((seed.root / BREITBART / "index.html").read_text("utf-8")))
    article = nodes[BASE + BREITBART + "#article"]
    assert types(article) == {"NewsArticle", "LiveBlogPosting"}
    assert value(article, "headline") == public["breitbart-letter-coalition-to-withdraw-from-iraq"].headline
    assert value(article, "datePublished") == "2020-01-06"
    outlet = BASE + "organizations/breitbart-news/#organization"
    assert ids(article, "publisher") == [outlet] and types(nodes[outlet]) == {"NewsMediaOrganization"}
    # Breitbart's article prints no byline: no author, and never the outlet (its publisher)
    assert SCHEMA + "author" not in article
    assert BASE + "events/coalition-repositioning-letter/#event" in ids(article, "about")
    assert BASE + "people/mark-esper/#person" in ids(article, "mentions")
    assert types(nodes[BASE + "people/mark-esper/#person"]) == {"Person"}
    # live blog: its updates, with their times
    updates = ids(article, "liveBlogUpdate")
    assert updates == [BASE + "updates/breitbart-update-1/#update", BASE + "updates/breitbart-update-2/#update"]
    # printed "4:09 P.M." with no zone: the local date and time, and no UTC offset the source never gave
    assert value(nodes[updates[0]], "datePublished") == "2020-01-06T16:09:00"
    # the article gives a day, and coverageStartTime is a date-time: left out rather than a midnight
    assert SCHEMA + "coverageStartTime" not in article
    # corrections: CorrectionComment with date and text; dateModified is the latest of them and the updates
    corrections = [c for c in public.values() if c.kind == "correction" and c.target == BREITBART.split("/")[1]]
    assert {i.split("/")[-2] for i in ids(article, "correction")} == {c.id for c in corrections}
    for correction in corrections:
        node = nodes[f"{BASE}corrections/{correction.id}/#correction"]
        assert types(node) == {"CorrectionComment"}
        assert value(node, "datePublished") == correction.at.iso and value(node, "text")
    times = [u.at for u in public.values() if u.kind == "update" and u.article == BREITBART.split("/")[1]]
    latest = max([*times, *(c.at for c in corrections)], key=lambda w: w.sort_key)
    assert value(article, "dateModified") == latest.iso


def test_quote_person_event_and_organizations(seed, public):
    quote = next(q for q in public.values() if q.kind == "quote" and q.article and
                 public[q.speaker].kind == "person")
    url = f"quotes/{quote.id}/"
    nodes = expand(ld_document((seed.root / url / "index.html").read_text("utf-8")))
    node = nodes[BASE + url + "#quote"]
    assert types(node) == {"Quotation"} and value(node, "text") == quote.text
    speaker = f"{BASE}people/{quote.speaker}/#person"
    assert ids(node, "creator") == [speaker] and ids(node, "spokenByCharacter") == [speaker]
    assert ids(node, "isBasedOn") == [f"{BASE}articles/{quote.article}/#article"]

    nodes = expand(ld_document((seed.root / "people/mark-esper/index.html").read_text("utf-8")))
    esper = nodes[BASE + "people/mark-esper/#person"]
    assert [v["@value"] for v in esper[SCHEMA + "sameAs"]] == public["mark-esper"].same_as
    assert [v["@value"] for v in esper[SCHEMA + "alternateName"]] == public["mark-esper"].other_names
    assert types(nodes[BASE + "people/mark-esper/#webpage"]) == {"ProfilePage"}

    event = next(e for e in public.values() if e.kind == "event" and e.part_of)
    url = f"events/{event.id}/"
    nodes = expand(ld_document((seed.root / url / "index.html").read_text("utf-8")))
    node = nodes[BASE + url + "#event"]
    assert types(node) == {"Event"} and value(node, "startDate") == (event.date or event.start).iso
    assert ids(node, "superEvent") == [f"{BASE}events/{event.part_of}/#event"]
    if event.location:
        place = node[SCHEMA + "location"][0]
        assert value(place, "name") == event.location

    for org in (r for r in public.values() if r.kind == "organization"):
        url = f"organizations/{org.id}/"
        nodes = expand(ld_document((seed.root / url / "index.html").read_text("utf-8")))
        expected = "NewsMediaOrganization" if org.org_kind in ("outlet", "news-agency") else "Organization"
        assert types(nodes[BASE + url + "#organization"]) == {expected}


def test_the_archive_is_an_organization_with_a_corrections_policy(seed):
    nodes = expand(ld_document((seed.root / "index.html").read_text("utf-8")))
    archive = nodes[BASE + "#archive"]
    assert types(archive) == {"Organization"}
    assert value(archive, "correctionsPolicy") == BASE + "corrections/"
    assert (seed.root / "corrections/index.html").exists()


def test_the_downloads_are_a_dataset_on_the_about_the_data_page(seed):
    nodes = expand(ld_document((seed.root / "about-data/index.html").read_text("utf-8")))
    page = nodes[BASE + "about-data/#webpage"]
    (dataset,) = ids(page, "mainEntity")
    assert types(nodes[dataset]) == {"Dataset"} and ids(nodes[dataset], "creator") == [BASE + "#archive"]
    downloads = [value(d, "contentUrl") for d in nodes[dataset][SCHEMA + "distribution"]]
    assert downloads == [BASE + "data/archive.jsonl.gz", BASE + "data/archive.sqlite.gz"]
    assert all((seed.root / d[len(BASE):]).is_file() for d in downloads)


# --- head: Open Graph, Twitter, canonical, feed links --------------------------


def test_every_page_has_canonical_open_graph_and_twitter_tags(seed):
    for path in themed_pages(seed):
        if path.name == "404.html":
            continue
        head = BeautifulSoup(path.read_text("utf-8"), "html5lib").head
        og = {m["property"]: m["content"] for m in head.select("meta[property]")}
        tw = {m["name"]: m["content"] for m in head.select('meta[name^="twitter:"]')}
        url = BASE + url_of(seed, path)
        assert head.select_one('link[rel="canonical"]')["href"] == og["og:url"] == url
        assert og["og:site_name"] == "The Coalition Letter Archive" and og["og:title"] and og["og:description"]
        assert og["og:type"] in ("website", "article", "profile")
        assert tw == {"twitter:card": "summary"}  # its title and description are Open Graph's
        assert head.select_one('meta[name="description"]')["content"]


def test_every_page_links_its_feeds_and_they_exist(seed, public):
    for path in themed_pages(seed):
        if path.name == "404.html":
            continue
        links = BeautifulSoup(path.read_text("utf-8"), "html5lib").select('link[rel="alternate"]')
        feeds = [a["href"] for a in links if a["type"] == "application/atom+xml"]
        assert feeds and feeds[0].endswith("feed.xml")
        for link in links:
            assert (path.parent / link["href"]).resolve().is_file(), (path, link["href"])
    person = BeautifulSoup((seed.root / "people/mark-esper/index.html").read_text("utf-8"), "html5lib")
    assert [a["href"] for a in person.select('link[type="application/atom+xml"]')][:2] == [
        "../../feed.xml", "feed.xml"]
    assert person.select_one('link[type="application/json"]')["href"] == "index.json"
    event = BeautifulSoup((seed.root / "events/coalition-repositioning-letter/index.html").read_text("utf-8"),
                          "html5lib")
    assert event.select_one('link[type="text/calendar"]')["href"] == "event.ics"
    log = BeautifulSoup((seed.root / "corrections/index.html").read_text("utf-8"), "html5lib")
    assert [a["href"] for a in log.select('link[type="application/atom+xml"]')] == ["../feed.xml", "feed.xml"]


# --- feeds ---------------------------------------------------------------------


def parse_feed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def test_every_feed_parses_and_its_entries_are_pages(seed):
    feeds = sorted(seed.root.rglob("feed.xml"))
    assert len(feeds) > 30
    for path in feeds:
        feed = parse_feed(path)
        assert feed.feed.id == BASE + path.relative_to(seed.root).as_posix()
        assert len(feed.entries) <= 50
        for entry in feed.entries:
            assert entry.id.startswith(BASE) and (seed.root / entry.id[len(BASE):] / "index.html").exists()
            assert entry.updated_parsed >= entry.published_parsed
        if feed.entries:  # the feed's time is its newest entry's, never the build's
            assert feed.feed.updated == max(feed.entries, key=lambda e: e.updated_parsed).updated
        updated = [e.updated_parsed for e in feed.entries]
        assert updated == sorted(updated, reverse=True)


def test_expected_entries_in_the_seed_feeds(seed, public):
    everything = parse_feed(seed.root / "feed.xml")
    dated = [r for r in public.values() if r.kind in ENTRY_KINDS]
    assert len(everything.entries) == min(50, len(dated))
    corrections = parse_feed(seed.root / "corrections/feed.xml")
    assert {e.id for e in corrections.entries} == {
        f"{BASE}corrections/{r.id}/" for r in public.values() if r.kind == "correction"}
    esper = parse_feed(seed.root / "people/mark-esper/feed.xml")
    quotes = {f"{BASE}quotes/{q.id}/" for q in public.values() if q.kind == "quote" and q.speaker == "mark-esper"}
    assert quotes and quotes <= {e.id for e in esper.entries}
    outlet = parse_feed(seed.root / "organizations/breitbart-news/feed.xml")
    assert BASE + BREITBART in {e.id for e in outlet.entries}
    event = parse_feed(seed.root / "events/coalition-repositioning-letter/feed.xml")
    assert BASE + BREITBART in {e.id for e in event.entries}
    tag = next(iter(public[BREITBART.split("/")[1]].tags))
    anchors = {a["href"] for a in BeautifulSoup((seed.root / BREITBART / "index.html").read_text("utf-8"),
                                                "html5lib").select('link[href*="tags/"]')}
    assert anchors and all((seed.root / BREITBART / a).resolve().is_file() for a in anchors)
    assert any(tag.lower().split()[0].strip(".") in a for a in anchors)


CORRECTED = """
--- organizations/gazette.yaml
name: The Gazette
kind: outlet
--- people/mayor.yaml
name: Ann Mayor
--- articles/story.yaml
headline: Council approves budget
outlet: gazette
published: 2024-03-01T09:00:00+01:00
people: [mayor]
tags: [Budget]
--- updates/story-1.yaml
article: story
at: 2024-03-01T12:30:00+01:00
text: The mayor spoke.
--- corrections/story-amount.yaml
target: story
kind: correction
at: 2024-03-02
text: It is 2.1m, not 21m.
--- events/vote.yaml
title: Budget vote
start: 2024-03-01
end: 2024-03-02
location: Town hall
--- events/speech.yaml
title: Mayor's speech
date: 2024-03-01T18:00:00+01:00
part_of: vote
"""


@pytest.fixture(scope="module")
def corrected(tmp_path_factory) -> BuiltSite:
    root = tmp_path_factory.mktemp("corrected")
    build(write_tree(root / "content", CORRECTED), root / "site")
    return BuiltSite(root / "site")


def test_a_correction_makes_its_target_an_updated_entry(corrected):
    feed = parse_feed(corrected.root / "feed.xml")
    entries = {e.id: e for e in feed.entries}
    story = entries[BASE + "articles/story/"]
    assert story.published == "2024-03-01T09:00:00+01:00"
    assert story.updated == "2024-03-02T12:00:00+00:00"  # the correction's day (no time given), at 12:00 UTC
    assert entries[BASE + "updates/story-1/"].updated == "2024-03-01T12:30:00+01:00"
    assert feed.entries[0].id in (BASE + "articles/story/", BASE + "corrections/story-amount/")
    assert feed.feed.updated == "2024-03-02T12:00:00+00:00"
    for path in ("people/mayor/feed.xml", "organizations/gazette/feed.xml", "tags/budget/feed.xml"):
        followed = {e.id: e for e in parse_feed(corrected.root / path).entries}
        assert followed[BASE + "articles/story/"].updated == story.updated, path


# --- calendars -----------------------------------------------------------------


def test_calendars(seed, public, corrected):
    events = [r for r in public.values() if r.kind == "event"]
    whole = icalendar.Calendar.from_ical((seed.root / "events.ics").read_bytes())
    assert len(whole.walk("VEVENT")) == len(events)
    for event in events:
        cal = icalendar.Calendar.from_ical((seed.root / f"events/{event.id}/event.ics").read_bytes())
        (vevent,) = cal.walk("VEVENT")
        assert str(vevent["UID"]) == f"{BASE}events/{event.id}/"
        assert str(vevent["SUMMARY"]) == event.title
        start = vevent.decoded("DTSTART")
        assert start == (event.date or event.start).value  # the seed's events are days: all-day, DATE values
        assert type(start) is date and vevent["DTSTART"].params.get("VALUE") == "DATE"
        if event.end or event.date:  # a start with no end has no DTEND: the end is not known
            assert vevent.decoded("DTEND") > start
        else:
            assert "DTEND" not in vevent and str(vevent["DESCRIPTION"]).endswith(
                "The records give no end date for this event.")
        assert vevent.decoded("DTSTAMP").tzinfo is not None
    spans = {str(v["UID"]): v for v in icalendar.Calendar.from_ical(
        (corrected.root / "events.ics").read_bytes()).walk("VEVENT")}
    vote = spans[BASE + "events/vote/"]
    assert (vote.decoded("DTSTART"), vote.decoded("DTEND")) == (date(2024, 3, 1), date(2024, 3, 3))
    speech = spans[BASE + "events/speech/"]
    assert speech.decoded("DTSTART") == datetime.fromisoformat("2024-03-01T18:00:00+01:00")
    assert str(speech["RELATED-TO"]) == BASE + "events/vote/"


# --- sitemap -------------------------------------------------------------------


def test_the_sitemap_is_valid_and_lists_every_page(seed, public):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(seed.root / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = {}
    for url in root.findall("s:url", ns):
        assert [child.tag.split("}")[1] for child in url][:1] == ["loc"]
        loc, lastmod = url.find("s:loc", ns).text, url.findtext("s:lastmod", None, ns)
        assert loc.startswith(BASE)
        if lastmod is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod)
            date.fromisoformat(lastmod)
        locs[loc] = lastmod
    assert len(locs) == len(root.findall("s:url", ns))
    assert {f"{BASE}{FOLDER_OF[r.kind]}/{r.id}/" for r in public.values()} <= set(locs)
    # a dated record's page carries its day; the hand-written About page has none (not the build's day)
    assert all(locs[f"{BASE}{FOLDER_OF[r.kind]}/{r.id}/"] for r in public.values() if r.when is not None)
    assert BASE + "about-data/" in locs and locs[BASE + "about/"] is None


# --- open data -----------------------------------------------------------------


def test_every_record_as_json_next_to_its_page(seed, public):
    for record in public.values():
        url = f"{FOLDER_OF[record.kind]}/{record.id}/"
        document = json.loads((seed.root / url / "index.json").read_text("utf-8"))
        assert (document["id"], document["kind"], document["url"]) == (record.id, record.kind, BASE + url)
        assert document["json"] == BASE + url + "index.json"
        schema = json.loads((seed.root / f"data/schema/{record.kind}.schema.json").read_text("utf-8"))
        jsonschema.validate(document["fields"], schema)  # the fields as an editor writes them
        for ref in document["references"] + document["referenced_by"]:
            assert ref["url"] == f"{BASE}{FOLDER_OF[ref['kind']]}/{ref['id']}/" and ref["id"] in public
    update = json.loads((seed.root / "updates/breitbart-update-1/index.json").read_text("utf-8"))
    assert update["fields"]["at"] == public["breitbart-update-1"].at.text  # the date as written
    assert {"field": "article", "id": "breitbart-letter-coalition-to-withdraw-from-iraq", "kind": "article",
            "title": public["breitbart-letter-coalition-to-withdraw-from-iraq"].headline,
            "url": BASE + BREITBART, "in_text": False} in update["references"]
    article = json.loads((seed.root / BREITBART / "index.json").read_text("utf-8"))
    assert {("article", "breitbart-update-1")} <= {(r["field"], r["id"]) for r in article["referenced_by"]}
    assert "status" not in article["fields"] and "language" in article["fields"]  # only what was written


def test_downloads_jsonl_sqlite_and_schemas(seed, public):
    lines = download_lines(seed.root)
    assert len(lines) == len(public)
    assert {json.loads(line)["id"] for line in lines} == set(public)
    db = download_db(seed.root)
    counts = Counter(r.kind for r in public.values())
    for kind, folder in FOLDER_OF.items():
        assert db.execute(f'SELECT count(*) FROM "{folder}"').fetchone()[0] == counts[kind]
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == len(public)
    assert dict(db.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall()) == dict(counts)
    references = sum(len(json.loads(line)["references"]) for line in lines)
    assert db.execute("SELECT count(*) FROM record_references").fetchone()[0] == references
    esper = db.execute("SELECT name, same_as, other_names FROM people WHERE id = 'mark-esper'").fetchone()
    assert esper == ("Mark Esper", json.dumps(public["mark-esper"].same_as),
                     json.dumps(public["mark-esper"].other_names))
    # the examples on the "About the data" page run
    spoken = db.execute("SELECT people.name, quotes.text FROM quotes JOIN people ON people.id = quotes.speaker"
                        ).fetchall()
    assert ("Mark Esper", "no decision whatsoever to leave") in spoken
    renamed = db.execute("SELECT old_id, id FROM renames").fetchall()
    assert renamed == sorted((old, r.id) for r in public.values() for old in r.previous_ids)
    db.close()
    for name, text in schema_files().items():  # published with their $id (tests/test_dataset_files.py)
        published = json.loads((seed.root / "data/schema" / name).read_text("utf-8"))
        assert published == {"$id": BASE + "data/schema/" + name, **json.loads(text)}
        assert text == (REPO / "site_config/schema" / name).read_text("utf-8")
    about = seed.text("about-data/")
    for words in ("data/archive.jsonl.gz", "data/archive.sqlite.gz", "gunzip archive.sqlite.gz",
                  "sqlite3 archive.sqlite", "datasette", "jq",
                  "Licence"):
        assert words in about


def test_drafts_appear_in_none_of_it(tmp_path):
    content = write_tree(tmp_path / "content", """
--- people/known.yaml
name: Known Person
--- people/secret.yaml
name: Zanzibar Draftperson
status: draft
tags: [Qwertytag]
--- events/plan.yaml
title: Unannounced plan xyzzy
date: 2024-05-01
status: draft
people: [secret]
""")
    build(content, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and not {"pagefind", "assets"} & set(path.parts):
            data = path.read_bytes()
            for word in (b"secret", b"Zanzibar", b"xyzzy", b"Qwertytag", b"qwertytag"):
                assert word not in data, (path, word)
    db = download_db(tmp_path / "site")
    assert db.execute("SELECT id FROM records").fetchall() == [("known",)]


# --- hostile text --------------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script> <!-- & \u202e ]]> \"q\" 'a' ; , \\"  # one line: check refuses breaks


def test_hostile_text_stays_data_everywhere(tmp_path):
    content = write_tree(tmp_path / "content", "")
    records = {"people/hostile": {"name": HOSTILE, "other_names": [HOSTILE], "summary": HOSTILE,
                                  "tags": [HOSTILE]},
               "events/e": {"title": HOSTILE, "date": "2020-01-06", "location": HOSTILE, "people": ["hostile"]}}
    for name, data in records.items():
        path = content / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    build(content, tmp_path / "site")
    site = BuiltSite(tmp_path / "site")
    html = (site.root / "people/hostile/index.html").read_text("utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    nodes = expand(ld_document(html))
    person = nodes[BASE + "people/hostile/#person"]
    assert value(person, "name") == HOSTILE and value(person, "alternateName") == HOSTILE
    page = BeautifulSoup(html, "html5lib")
    other = BeautifulSoup((site.root / "events/e/index.html").read_text("utf-8"), "html5lib")
    assert [s.get("src") for s in page.select("script")] == [s.get("src") for s in other.select("script")]
    assert page.select_one('meta[property="og:title"]')["content"] == HOSTILE
    assert f"Tag: {HOSTILE} – The Coalition Letter Archive" in [a["title"] for a in page.select("link[title]")]
    assert parse_feed(site.root / "people/hostile/feed.xml").entries[0].title == HOSTILE
    (vevent,) = icalendar.Calendar.from_ical((site.root / "events/e/event.ics").read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == HOSTILE and str(vevent["LOCATION"]) == HOSTILE
    assert json.loads((site.root / "people/hostile/index.json").read_text("utf-8"))["fields"]["name"] == HOSTILE


def test_a_feed_paged_back_through_its_archives_holds_every_entry(tmp_path):
    """RFC 5005 archived feeds: the feed holds the latest 50, archive documents hold the rest in full
    runs of 50 from the oldest, linked prev-archive/next-archive/current, each marked <fh:archive/>."""
    quotes = "".join(f"--- quotes/q{n:03}.yaml\ntext: Words {n}\nspeaker: p\nsaid: 2020-01-{1 + n % 28:02}\n"
                     f"article: a\n" for n in range(120))
    content = write_tree(tmp_path / "content", f"""
--- people/p.yaml
name: P
--- organizations/o.yaml
name: O
kind: outlet
--- articles/a.yaml
headline: H
outlet: o
published: 2020-02-01
{quotes}""")
    build(content, tmp_path / "site")
    root = tmp_path / "site"
    feed = parse_feed(root / "people/p/feed.xml")
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["prev-archive"] == BASE + "people/p/feed-2.xml" and "next-archive" not in links
    assert len(feed.entries) == 50
    seen = [e.id for e in feed.entries]
    archived: list[str] = []
    href, pages = links["prev-archive"], 0
    while href:
        path = root / href.removeprefix(BASE)
        doc = parse_feed(path)
        assert b'<fh:archive/>' in path.read_bytes() and b'xmlns:fh="http://purl.org/syndication/history/1.0"' \
            in path.read_bytes()
        doc_links = {link.rel: link.href for link in doc.feed.links}
        assert doc_links["current"] == BASE + "people/p/feed.xml" and len(doc.entries) == 50
        archived += [e.id for e in doc.entries]
        href, pages = doc_links.get("prev-archive"), pages + 1
    assert pages == 2 and not (root / "people/p/feed-3.xml").exists()
    every = {BASE + f"quotes/q{n:03}/" for n in range(120)}
    assert set(seen) | set(archived) == every and len(archived) == len(set(archived)) == 100
    first = {link.rel: link.href for link in parse_feed(root / "people/p/feed-1.xml").feed.links}
    assert first["next-archive"] == BASE + "people/p/feed-2.xml" and "prev-archive" not in first
    small = {link.rel for link in parse_feed(root / "corrections/feed.xml").feed.links}
    assert "prev-archive" not in small  # 50 entries or fewer: no archive


def test_an_archive_without_events_publishes_no_empty_calendar(tmp_path):
    """RFC 5545 asks a calendar for a component: with no event there is no events.ics and no link to one."""
    content = write_tree(tmp_path / "content", """
--- people/p.yaml
name: P
""")
    build(content, tmp_path / "site")
    site = BuiltSite(tmp_path / "site")
    assert not (site.root / "events.ics").exists()
    for url in ("events/", "about-data/"):
        assert ".ics" not in (site.root / url / "index.html").read_text("utf-8"), url
    (content / "events/e.yaml").parent.mkdir()
    (content / "events/e.yaml").write_text("title: E\ndate: 2020-01-06\n")
    build(content, tmp_path / "site")
    cal = icalendar.Calendar.from_ical((site.root / "events.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["E"]
    assert site.soup("events/").select_one('link[type="text/calendar"]')["href"] == "../events.ics"


# --- URLs that never break -------------------------------------------------------

TINY = """
--- people/mark-esper.yaml
name: Mark Esper
--- people/jane-doe.yaml
name: Jane Doe
--- events/e.yaml
title: E
date: 2020-01-06
people: [mark-esper]
"""


def test_the_manifest_lists_every_page_url(seed):
    urls = (seed.root / "urls.txt").read_text("utf-8").splitlines()
    assert urls == sorted(set(urls)) and "/" in urls and "/people/mark-esper/" in urls
    pages = {"/" + url_of(seed, p) for p in seed.root.rglob("index.html")}
    assert pages == set(urls)


def test_a_renamed_record_keeps_its_old_page_and_json_urls(tmp_path, monkeypatch):
    content = write_tree(tmp_path / "content", TINY)
    site_dir = tmp_path / "site"
    build(content, site_dir)
    (content / "people/mark-esper.yaml").rename(content / "people/mark-t-esper.yaml")
    (content / "people/mark-t-esper.yaml").write_text("name: Mark Esper\nprevious_ids: [mark-esper]\n")
    (content / "events/e.yaml").write_text("title: E\ndate: 2020-01-06\npeople: [mark-t-esper]\n")
    build(content, site_dir)  # the old URL is still published: as a redirect
    old = (site_dir / "people/mark-esper/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../people/mark-t-esper/">' in old
    # beside noindex, the canonical link is the new page's absolute address (a relative one is read
    # against the old page)
    assert f'<link rel="canonical" href="{BASE}people/mark-t-esper/">' in old
    assert json.loads((site_dir / "people/mark-esper/index.json").read_text("utf-8")) == {
        "moved_to": BASE + "people/mark-t-esper/index.json"}
    assert json.loads((site_dir / "people/mark-t-esper/index.json").read_text("utf-8"))["id"] == "mark-t-esper"
    assert "/people/mark-esper/" in (site_dir / "urls.txt").read_text("utf-8").splitlines()


def test_a_build_refuses_to_drop_a_published_url(tmp_path, monkeypatch):
    content = write_tree(tmp_path / "content", TINY)
    site_dir = tmp_path / "site"
    build(content, site_dir)
    before = {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    (content / "people/jane-doe.yaml").unlink()  # deleted
    (content / "people/mark-esper.yaml").rename(content / "people/esper.yaml")  # renamed, no previous_ids
    (content / "events/e.yaml").write_text("title: E\ndate: 2020-01-06\npeople: [esper]\n")
    monkeypatch.chdir(REPO)
    result = run("build", "--content", str(content), "--site-dir", str(site_dir))
    assert result.exit_code == 1
    assert result.output == (
        "the site was not built: 2 URLs the previous build published would disappear (/people/jane-doe/, "
        "/people/mark-esper/); list a renamed record's old id under previous_ids, or the URL of a record "
        "removed on purpose in site_config/removed-urls.txt (one a line)\n")
    assert {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_record_removed_on_purpose_may_go(tmp_path):
    root = tmp_path / "archive"  # an archive of its own, so that its site_config can list removed URLs
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_config", root / "site_config")
    content = write_tree(root / "content", TINY)
    from generator.mkdocs_adapter import BuildFailed, build_site

    build_site(root / "mkdocs.yml", root / "site", content)
    (content / "people/jane-doe.yaml").unlink()
    with pytest.raises(BuildFailed, match=r"1 URL the previous build published would disappear "
                                          r"\(/people/jane-doe/\)"):
        build_site(root / "mkdocs.yml", root / "site", content)
    (root / "site_config/removed-urls.txt").write_text("# asked to be removed\n/people/jane-doe/\n")
    build_site(root / "mkdocs.yml", root / "site", content)
    assert not (root / "site/people/jane-doe").exists()
    assert "/people/jane-doe/" not in (root / "site/urls.txt").read_text("utf-8").splitlines()


def test_plain_mkdocs_build_checks_the_manifest_in_its_site_dir(tmp_path):
    """Without our wrapper, MkDocs builds in place: the check runs in on_config, before it cleans site_dir."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_config", root / "site_config")
    content = write_tree(root / "content", TINY)

    def plain_build():
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
        mkdocs_build(config)

    plain_build()
    (content / "people/jane-doe.yaml").unlink()
    with pytest.raises(Abort):  # MkDocs logs the plugin's message as an error, then aborts
        plain_build()
    assert (root / "site/people/jane-doe/index.html").exists()  # the previous site is untouched


def test_past_the_sitemap_limit_the_sitemap_is_an_index(tmp_path, monkeypatch):
    """The protocol allows 50,000 URLs a sitemap: past it, sitemap.xml lists sitemap-1.xml … (here with
    a limit of 10 on a small site), which together hold every URL once, in order."""
    from generator.outputs import sitemaps

    content = write_tree(tmp_path / "content", TINY)
    build(content, tmp_path / "whole")
    monkeypatch.setattr(sitemaps, "LIMIT", 10)
    build(content, tmp_path / "split")
    ns = {"s": sitemaps.NS}
    whole = ET.parse(tmp_path / "whole/sitemap.xml").getroot()
    index = ET.parse(tmp_path / "split/sitemap.xml").getroot()
    assert index.tag == f"{{{sitemaps.NS}}}sitemapindex"
    locs = [e.text for e in index.findall("s:sitemap/s:loc", ns)]
    count = len(whole.findall("s:url", ns))
    assert locs == [f"{BASE}sitemap-{n}.xml" for n in range(1, (count + 9) // 10 + 1)] and len(locs) > 1
    parts = [ET.parse(tmp_path / "split" / loc.removeprefix(BASE)).getroot() for loc in locs]
    assert [len(p.findall("s:url", ns)) <= 10 for p in parts] == [True] * len(parts)
    def entries(urls):
        return [(u.findtext("s:loc", None, ns), u.findtext("s:lastmod", None, ns)) for u in urls]

    assert entries(u for p in parts for u in p.findall("s:url", ns)) == entries(whole.findall("s:url", ns))
    assert gzip.decompress((tmp_path / "split/sitemap.xml.gz").read_bytes()) == (
        tmp_path / "split/sitemap.xml").read_bytes()
