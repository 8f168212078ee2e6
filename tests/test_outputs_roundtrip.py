"""Any check-clean archive builds, and every output gives its text back exactly.

Record text is drawn from an alphabet of what breaks writers (markup, `]]>`, `</script>`,
iCalendar's `;` `,` `\\`, bidi controls, line breaks where a field may hold them); each output
is read back with a real parser (html5lib, an XML parser, `icalendar`, `json`, `sqlite3`), and
nothing may appear outside the site folder.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.archive import load
from generator.core.settings import load_settings

from conftest import REPO
from site_helpers import download_db, download_lines

ATOM = "{http://www.w3.org/2005/Atom}"
LINE_PIECES = ["<", ">", "&", '"', "'", ";", ",", "\\", ":", "]]>", "</script>", "<![CDATA[", "-->", "{{ 7*7 }}",
               "\\n", "\\,", "END:VEVENT", "%s", "é", "日本", "ا", " ", "x", "Esper", "..", "/"]
LINE = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=10).map("".join).filter(
    lambda s: s.strip() == s and s.strip(".") != "")  # YAML and the theme keep inner spaces; ends are trimmed
TEXT = st.lists(st.sampled_from(LINE_PIECES + ["\n"]), min_size=1, max_size=12).map("".join).filter(
    lambda s: s.strip() == s and s != "")
SETTINGS = load_settings(REPO / "site_config/archive.yml")


def _write(root: Path, v: dict[str, str]) -> Path:
    records = {
        "organizations/outlet": {"name": v["org"], "kind": "outlet"},
        "people/speaker": {"name": v["person"]},
        "events/event": {"title": v["event"], "date": "2020-01-06", "location": v["location"]},
        "articles/article": {"headline": v["headline"], "outlet": "outlet", "published": "2020-01-06",
                             "people": ["speaker"], "events": ["event"]},
        "quotes/quote": {"text": v["quote"], "speaker": "speaker", "article": "article", "said": "2020-01-06",
                         "events": ["event"]},
    }
    for name, data in records.items():
        path = root / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def _jsonld(page: Path) -> list[dict]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    [script] = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.filter_too_much])
@given(st.fixed_dictionaries({"org": LINE, "person": LINE, "event": LINE, "location": LINE, "headline": LINE,
                              "quote": TEXT}))
def test_every_output_gives_the_text_back(tmp_path_factory, v):
    from generator.mkdocs_adapter import build_site

    work = tmp_path_factory.mktemp("hostile")
    content = _write(work / "content", v)
    _, problems, _ = load(content, SETTINGS)
    assert problems == []  # the alphabet is check-clean: the property is about what check accepts
    build_site(REPO / "mkdocs.yml", work / "out" / "site", content)
    site = work / "out" / "site"
    assert sorted(p.name for p in (work / "out").iterdir()) == ["site"]  # nothing beside the site
    assert all(p.resolve().is_relative_to(site) for p in site.rglob("*"))

    # pages, as a browser parses them
    person = BeautifulSoup((site / "people/speaker/index.html").read_text(encoding="utf-8"), "html5lib")
    assert person.select_one("article h1").get_text() == v["person"]
    event = BeautifulSoup((site / "events/event/index.html").read_text(encoding="utf-8"), "html5lib")
    assert event.select_one("article h1").get_text() == v["event"]
    quote = BeautifulSoup((site / "quotes/quote/index.html").read_text(encoding="utf-8"), "html5lib")
    assert quote.select_one("blockquote.arc-quote").get_text().strip("\n") == v["quote"]

    # JSON-LD
    names = {n.get("name") for n in _jsonld(site / "people/speaker/index.html")}
    assert v["person"] in names
    quoted = [n for n in _jsonld(site / "quotes/quote/index.html") if n.get("@type") == "Quotation"]
    assert [n["text"] for n in quoted] == [v["quote"]]

    # Atom: the person's feed is named after them, its entries after the records
    feed = ET.parse(site / "people/speaker/feed.xml").getroot()
    assert v["person"] in feed.findtext(f"{ATOM}title")
    assert v["headline"] in [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]

    # iCalendar
    [vevent] = icalendar.Calendar.from_ical((site / "events/event/event.ics").read_bytes()).walk("VEVENT")
    assert (str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == (v["event"], v["location"])

    # record JSON, JSON Lines, SQLite
    assert json.loads((site / "people/speaker/index.json").read_text(encoding="utf-8"))["fields"]["name"] == v[
        "person"]
    lines = download_lines(site)
    assert len(lines) == 5  # one line per record, for any reader's idea of a line break
    by_id = {d["id"]: d["fields"] for d in map(json.loads, lines)}
    assert (by_id["quote"]["text"], by_id["event"]["title"]) == (v["quote"], v["event"])
    with download_db(site) as db:
        assert db.execute("select name from people where id = 'speaker'").fetchone() == (v["person"],)
        assert db.execute("select text from quotes where id = 'quote'").fetchone() == (v["quote"],)
        # the views and the full-text index give the same text back; any word of it finds the quote
        assert db.execute("select text, speaker_name, outlet_name from quotes_with_speaker_and_outlet").fetchall() == [
            (v["quote"], v["person"], v["org"])]
        words = re.findall(r"\w+", v["quote"])
        if words:
            phrase = '"' + words[-1].replace('"', '""') + '"'
            found = db.execute("select quotes.id from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid "
                               "where quotes_fts match ?", (phrase,)).fetchall()
            assert found == [("quote",)]
