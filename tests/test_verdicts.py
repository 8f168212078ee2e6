"""Verdicts as data (a quote's `ratings`) and Wikidata ids: what check refuses, what pages, the JSON-LD
(ClaimReview), the record JSON and SQLite say — never more than the rating states."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from generator.core.archive import load_or_raise
from generator.core.settings import load_settings
from generator.outputs.jsonld import page_graph
from generator.outputs.opendata import OpenData
from generator.outputs.publication import Published
from generator.render.pages import render_site

from conftest import MINIMAL, check
from site_helpers import download_db

HOSTILE = 'False <script>alert(1)</script> {{ 7*7 }} \\ "q" ‮'
RATED = MINIMAL + f"""
--- organizations/checker.yaml
name: The Checker
wikidata: Q42
same_as: [https://www.wikidata.org/wiki/Q42, https://example.org/checker]
--- quotes/q.yaml
text: There's been no decision to leave Iraq.
speaker: mark-esper
article: dc-letter
said: 2020-01-06
ratings:
  - by: checker
    rating: Mostly False
    scale_name: Truth-O-Meter
    scale: [Pants on Fire, "False", Mostly False, Half True, Mostly True, "True"]
    reasoning: "Line one\\nline two <b>{{{{x}}}}</b>"
  - by: checker
    rating: {json.dumps(HOSTILE)}
    rated: 2020-01-09
    source: https://example.org/check
"""


def test_a_rating_off_its_scale_a_repeated_scale_and_a_bad_wikidata_id(content):
    content(MINIMAL + """
--- organizations/checker.yaml
name: The Checker
--- people/someone.yaml
name: Someone
wikidata: q42
--- quotes/q.yaml
text: words
speaker: mark-esper
ratings:
  - by: checkr
    rating: Mostly Flase
    scale: [False, Mostly False]
  - by: checker
    rating: "True"
    scale: ["True", "True"]
  - by: checker
    rating: Mostly Flase
    scale: ["False", Mostly False]
""")
    code, lines = check()
    assert code == 1
    assert lines == [
        "content/people/someone.yaml:2:11: wikidata: 'q42' is not a Wikidata item id: write Q and its number, "
        "e.g. 'Q42' (from the address https://www.wikidata.org/wiki/Q42)",
        "content/quotes/q.yaml:4:9: ratings[0].by: unknown person or organization 'checkr' (did you mean 'checker'?)",
        # YAML reads an unquoted False as a truth value (the scale is then not checked against)
        "content/quotes/q.yaml:6:13: ratings[0].scale[0]: expected text, got true/false (false); to write the "
        'word, put it in quotes, e.g. "False"',
        "content/quotes/q.yaml:9:12: ratings[1].scale: 'True' is on the scale twice; list each rating once, "
        "worst first",
        "content/quotes/q.yaml:11:13: ratings[2].rating: 'Mostly Flase' is not on the scale given in 'scale' "
        "(False, Mostly False) (did you mean 'Mostly False'?)",
        "5 problems in 2 files (7 records checked).",
    ]


@pytest.mark.parametrize("bad", ["Q0", "Q", "42", "Q42\\n", "Q4 2", "<script>"])
def test_wikidata_ids_follow_the_pattern(content, bad):
    content(MINIMAL.replace("name: Mark Esper", f'name: Mark Esper\nwikidata: "{bad}"'))
    code, lines = check()
    assert code == 1 and "is not a Wikidata item id" in lines[0] and lines[0].startswith(
        "content/people/mark-esper.yaml:2:11: wikidata: ")


def test_an_unknown_rater_is_named_with_file_and_line(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: words
speaker: mark-esper
ratings:
  - by: checkr
    rating: "False"
""")
    assert check()[1][0] == "content/quotes/q.yaml:4:9: ratings[0].by: unknown person or organization 'checkr'"


@pytest.fixture
def rated(content, tmp_path):
    root = content(RATED)
    settings = load_settings(tmp_path / "site_config/archive.yml")
    site, pages = render_site(load_or_raise(root, settings), settings)
    return Published(site, "https://archive.example/", {p.uri: p for p in pages})


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_pages_show_who_rated_the_scale_the_rating_as_printed_and_its_date_or_none(rated):
    page = BeautifulSoup(rated.pages["quotes/q.md"].html, "html5lib")
    first, second = page.select(".arc-rating")
    assert _text(first).startswith("Mostly False — rated by The Checker on its Truth-O-Meter (3 of 6, from Pants "
                                   "on Fire to True) · date of rating not given")
    assert first.select_one("q").get_text() == "Line one\nline two <b>{{x}}</b>"  # as printed, inert
    assert first.select_one("time") is None
    assert second.select_one("strong").get_text() == HOSTILE  # exactly as written, never markup
    assert second.select_one("time")["datetime"] == "2020-01-09"
    assert page.select_one("script") is None
    assert second.select_one("a[href='https://example.org/check']") is not None
    person = BeautifulSoup(rated.pages["people/mark-esper.md"].html, "html5lib")
    assert [_text(p) for p in person.select(".arc-rated")][0].startswith("Mostly False — rated by The Checker")


def test_ratings_are_claim_reviews_of_the_quote(rated):
    quote = rated.site.get("q")
    graph = page_graph(rated, rated.pages["quotes/q.md"], quote)["@graph"]
    reviews = [n for n in graph if n["@type"] == "ClaimReview"]
    base = "https://archive.example/"
    assert reviews[0] == {
        "@id": f"{base}quotes/q/#rating-1", "@type": "ClaimReview",
        "claimReviewed": "There's been no decision to leave Iraq.",
        "reviewRating": {"@type": "Rating", "ratingValue": 3, "worstRating": 1, "bestRating": 6,
                         "alternateName": "Mostly False", "name": "Truth-O-Meter"},
        "itemReviewed": {"@type": "Claim", "author": {"@id": f"{base}people/mark-esper/#person"},
                         "datePublished": "2020-01-06", "appearance": {"@id": f"{base}quotes/q/#quote"}},
        "author": {"@id": f"{base}organizations/checker/#organization"},
        "reviewBody": "Line one\nline two <b>{{x}}</b>"}
    # no scale stated: the rating as printed, no best or worst; dated only because the rating is
    assert reviews[1]["reviewRating"] == {"@type": "Rating", "ratingValue": HOSTILE, "alternateName": HOSTILE}
    assert (reviews[1]["datePublished"], reviews[1]["url"]) == ("2020-01-09", "https://example.org/check")


def test_wikidata_is_same_as_in_json_ld_and_a_field_of_the_open_data(rated, tmp_path):
    checker = rated.site.get("checker")
    graph = page_graph(rated, rated.pages["organizations/checker.md"], checker)["@graph"]
    node = next(n for n in graph if n["@id"].endswith("/organizations/checker/#organization"))
    assert node["sameAs"] == ["https://www.wikidata.org/wiki/Q42", "https://example.org/checker"]  # once
    page = BeautifulSoup(rated.pages["organizations/checker.md"].html, "html5lib")
    assert page.select_one("a[href='https://www.wikidata.org/wiki/Q42']").get_text() == "Q42"
    OpenData(rated).write(tmp_path / "site")
    document = json.loads((tmp_path / "site/organizations/checker/index.json").read_text("utf-8"))
    assert document["fields"]["wikidata"] == "Q42"
    quote = json.loads((tmp_path / "site/quotes/q/index.json").read_text("utf-8"))
    assert [r["rating"] for r in quote["fields"]["ratings"]] == ["Mostly False", HOSTILE]
    assert "rated" not in quote["fields"]["ratings"][0]
    db = download_db(tmp_path / "site")
    assert db.execute("SELECT wikidata FROM organizations WHERE id = 'checker'").fetchone() == ("Q42",)
    ratings = db.execute("SELECT ratings FROM quotes WHERE id = 'q'").fetchone()[0]
    assert [r["rating"] for r in json.loads(ratings)] == ["Mostly False", HOSTILE]
