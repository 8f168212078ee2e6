"""A real archive at scale: LIAR2's 4,593 fact-checked statements by about 1,600 speakers.

The converted tree builds strictly, and every speaker's page lists exactly their quotes.
"""

from __future__ import annotations

import csv
import json
import posixpath
from collections import defaultdict

import pytest
from test_data_outputs import SCHEMA, expand, ld_document, types, value
from test_data_outputs import ids as ld_ids
from test_liar2_import import CSVS, DATA

from generator.core.archive import load
from generator.core.settings import Settings
from generator.importers.liar2 import LABELS, convert, slugify

from site_helpers import BuiltSite, build, download_db, download_lines

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"LIAR2 data not found in {DATA}")


@pytest.fixture(scope="module")
def liar2(tmp_path_factory):
    root = tmp_path_factory.mktemp("liar2")
    convert(CSVS, root / "content")
    archive, problems, _ = load(root / "content", Settings())
    assert problems == []
    build(root / "content", root / "site")
    return archive, BuiltSite(root / "site")


def _quotes_listed(site: BuiltSite, url: str) -> list[str]:
    """Quote pages linked from the Statements section of a speaker's page, over all its pages."""
    first = site.article(url)
    pager = first.select("nav.arc-pager a[aria-label]")
    pages = [posixpath.normpath(posixpath.join(url, a["href"])) + "/" for a in pager] or [url]
    links = []
    for page_url in pages:
        page = site.article(page_url)
        if page.select(".arc-statement"):  # a person: statements grouped by event
            links += [(page_url, a["href"]) for s in page.select(".arc-statement") for a in s.select("a")
                      if "quote page" in a.text]
            continue
        # an organization: lists under "Statements" (by year when long), up to the next section
        heading = next((h for h in page.select("h2") if h.get_text().startswith("Statements")), None)
        for sibling in heading.find_next_siblings() if heading else ():
            if sibling.name == "h2":
                break
            if sibling.name == "ul":
                links += [(page_url, li.select("a")[0]["href"]) for li in sibling.select("li")]
    return [posixpath.normpath(posixpath.join(base, href)).split("/")[-1] for base, href in links]


def test_every_speaker_page_lists_exactly_their_quotes(liar2):
    archive, site = liar2
    expected: dict[str, list[str]] = defaultdict(list)
    for record in archive.records.values():
        if record.kind == "quote":
            expected[f"{'people' if archive.records[record.speaker].kind == 'person' else 'organizations'}/"
                     f"{record.speaker}/"].append(record.id)
    assert len(expected) > 1500
    wrong = {}
    for url, ids in expected.items():
        listed = _quotes_listed(site, url)
        if sorted(listed) != sorted(ids):
            wrong[url] = (len(ids), len(listed))
    assert wrong == {}


def test_quote_pages_show_the_politifact_rating_without_inventing_its_date(liar2):
    archive, site = liar2
    page = site.article("quotes/liar2-6396/")  # valid.csv: label 0
    (item,) = page.select(".arc-rating")
    text = " ".join(item.get_text(" ").split())
    assert text.startswith("Pants on Fire — rated by PolitiFact on its Truth-O-Meter (1 of 6, from Pants on Fire "
                           "to True) · date of rating not given Its reasoning, as printed: Workers’ Voice says")
    assert item.select_one("time") is None  # the statement's day is not the rating's
    assert archive.of_kind("correction") == []


def _csv_labels() -> dict[str, str]:
    """Each kept row's PolitiFact label, by quote id (the first row of an id, with statement and speaker)."""
    labels: dict[str, str] = {}
    for path in CSVS:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["statement"].strip() and row["speaker"].strip():
                    labels.setdefault(slugify(f"liar2-{row['id'].strip()}"), LABELS[int(row["label"])])
    return labels


def test_the_six_labels_round_trip_through_json_ld_json_and_sqlite(liar2):
    _, site = liar2
    expected = _csv_labels()
    assert set(expected.values()) == set(LABELS.values())  # all six, True and Mostly True included
    # the JSON Lines download and each record's JSON
    jsonl = [json.loads(line) for line in download_lines(site.root)]
    from_json = {d["id"]: d["fields"]["ratings"][0] for d in jsonl if d["kind"] == "quote"}
    assert {i: r["rating"] for i, r in from_json.items()} == expected
    assert all("rated" not in r and r["by"] == "politifact" for r in from_json.values())
    # SQLite: the quotes table's ratings column
    db = download_db(site.root)
    rows = db.execute("SELECT id, json_extract(ratings, '$[0].rating') FROM quotes").fetchall()
    assert dict(rows) == expected
    # JSON-LD: one quote page per label, its ClaimReview read with pyld
    for label in LABELS.values():
        quote_id = next(i for i, v in expected.items() if v == label)
        one = json.loads((site.root / "quotes" / quote_id / "index.json").read_text("utf-8"))
        assert one["fields"]["ratings"][0]["rating"] == label
        nodes = expand(ld_document((site.root / "quotes" / quote_id / "index.html").read_text("utf-8")))
        (review,) = [n for n in nodes.values() if "ClaimReview" in types(n)]
        (rating,) = review[SCHEMA + "reviewRating"]
        assert value(rating, "alternateName") == label
        assert (value(rating, "ratingValue"), value(rating, "worstRating"), value(rating, "bestRating")) == (
            list(LABELS.values()).index(label) + 1, 1, 6)
        assert SCHEMA + "datePublished" not in review  # LIAR2 does not say when PolitiFact rated it
        (claim,) = review[SCHEMA + "itemReviewed"]
        assert types(claim) == {"Claim"} and ld_ids(claim, "appearance") == [one["url"] + "#quote"]
        assert ld_ids(review, "author") == [one["url"].split("quotes/")[0] + "organizations/politifact/#organization"]
