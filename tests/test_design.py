"""The news design as a reader meets it in the page's HTML: an article's dateline before its
notices and text, the one-line notice, correction titles, kind badges and breadcrumbs.
(What only a browser shows, first screens and contrast, is in test_design_browser.py.)"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from generator.core.archive import load_or_raise
from generator.core.kinds import ALL_KINDS
from generator.core.settings import load_settings
from generator.core.sources import FOLDER_OF
from generator.render.pages import render_site

from conftest import REPO, write_tree

CALLER = "articles/daily-caller-military-tells-iraq-preparing-to-move-out.md"
BREITBART = "articles/breitbart-letter-coalition-to-withdraw-from-iraq.md"
KINDS = ALL_KINDS


def _render(content, settings_file=REPO / "site_config/archive.yml"):
    settings = load_settings(settings_file)
    site, pages = render_site(load_or_raise(content, settings), settings, REPO / "site_config/templates")
    return site, {p.uri: p for p in pages}


@pytest.fixture(scope="module")
def seed(seed_pages):
    return seed_pages


def soup(pages, uri) -> BeautifulSoup:
    return BeautifulSoup(pages[uri].html, "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_article_reads_headline_dateline_notice_then_text(seed):
    _, pages = seed
    page = soup(pages, CALLER)
    order = [el for el in page.find_all(True) if el.name in ("h1", "dl", "details", "h2")]
    assert [el.name for el in order[:4]] == ["h1", "dl", "details", "h2"]
    assert words(order[0]) == ("U.S. Military Tells Iraq They Are Preparing To Move Out; Letter Immediately "
                               "Contradicted By Secretary Of Defense")
    assert [words(d) for d in order[1].select("div")] == [
        "Outlet The Daily Caller", "Byline William Davis (William Davis Contributor)",
        "Published 6 January 2020", "Section Politics"]
    assert words(order[2].summary) == "5 editor's notes — latest 24 November 2026"
    assert "open" not in order[2].attrs  # compact until the reader opens it
    assert [words(h) for h in page.select("h2")][:2] == ["Summary ¶", "Article ¶"]


def test_notice_lists_updates_and_corrections_in_time_order(seed):
    _, pages = seed
    details = soup(pages, BREITBART).select_one("details.arc-notices")
    assert words(details.summary) == "Updated twice, 1 editor's note — latest 23 November 2026"
    assert [words(li.select_one(".arc-notice__title")) for li in details.select("li.arc-notice")] == [
        "Update Update # 1 · 4:09 P.M. (no date or time zone printed; the archive dates it 6 January 2020)",
        "Update Update # 2 · 4:34 P.M. (no date or time zone printed; the archive dates it 6 January 2020)",
        "Correction Editor's note (The Coalition Letter Archive) · 23 November 2026"]
    # the event's disputes by two people are named in its one line
    event = soup(pages, "events/coalition-repositioning-letter.md")
    assert words(event.select_one("details.arc-notices summary")) == (
        "Disputed by Mark Esper and Mark Milley, 1 editor's note — latest 24 November 2026")


NOTICES = """
--- organizations/wire.yaml
name: The Wire
kind: outlet
--- organizations/reuters.yaml
name: Reuters
kind: news-agency
--- articles/story.yaml
headline: Council approves budget
outlet: wire
published: 2020-01-05
--- updates/u.yaml
article: story
at: 2020-01-06T09:00:00+00:00
label: Update
text: More.
--- corrections/c1.yaml
target: story
issuer: outlet
at: 2020-01-06
text: It is €2.1m.
--- corrections/c2.yaml
target: story
issuer: outlet
at: 2020-01-07
text: It is €2.2m.
--- corrections/r.yaml
target: u
issuer: outlet
kind: retraction
at: 2020-01-08
text: The update was wrong.
--- corrections/third.yaml
target: story
issuer: third-party
kind: clarification
by: reuters
source: https://example.org/note
at: 2020-01-07
text: The vote was 5 to 4.
"""


def test_summary_line_counts_each_kind_of_change(tmp_path):
    site, pages = _render(write_tree(tmp_path / "content", NOTICES))
    assert words(soup(pages, "articles/story.md").select_one("details summary")) == (
        "Updated once, corrected twice, clarified by Reuters — latest 7 January 2020")
    # a retraction is shown open
    update = soup(pages, "updates/u.md").select_one("details.arc-notices")
    assert "open" in update.attrs and words(update.summary) == "Retracted once — latest 8 January 2020"
    assert [site.title(site.get(i)) for i in ("c1", "c2", "r", "third")] == [
        "Correction by The Wire, 6 January 2020: “Council approves budget”",
        "Correction by The Wire, 7 January 2020: “Council approves budget”",
        "Retraction by The Wire, 8 January 2020: Update to “Council approves budget”",
        "Clarification by Reuters, 7 January 2020: “Council approves budget”"]


def test_correction_titles_say_who_corrected_what_and_when(seed):
    site, pages = seed
    titles = {c.id: site.title(c) for c in site.corrections_log()}
    caller = "“U.S. Military Tells Iraq They Are Preparing To Move Out; …”"
    letter = "Coalition's repositioning letter to Iraq comes to light"  # the archive's words: no quotation marks
    assert titles == {
        "daily-caller-soleimani-deaths-claim": f"Editor's note (clarification), 24 November 2026: {caller}",
        "coalition-letter-origin-sources-differ": f"Editor's note (clarification), 24 November 2026: {letter}",
        "daily-caller-seely-rank": f"Editor's note (clarification), 23 November 2026: {caller} "
                                   "— The sources disagree on the rank of the letter's writer",
        "daily-caller-quads-force-misspelling": f"Editor's note (correction), 23 November 2026: {caller}",
        "daily-caller-milley-title": f"Editor's note (clarification), 23 November 2026: {caller} "
                                     "— The article's last paragraph calls him \"Joint Chiefs of Staff Mark Milley\"",
        "daily-caller-esper-title-wording": f"Editor's note (clarification), 23 November 2026: {caller} "
                                            "— The article's first paragraph says the letter \"was contradicted by "
                                            "both Secretary of …",
        "breitbart-reposit-typo":
            "Editor's note (correction), 23 November 2026: “Letter: U.S.-Led Coalition to Withdraw from Iraq”",
        "coalition-letter-disputed-by-milley": f"Disputed by Mark Milley, 6 January 2020: {letter}",
        "coalition-letter-disputed-by-esper": f"Disputed by Mark Esper, 6 January 2020: {letter}",
    }
    assert len(set(titles.values())) == len(titles)  # no two read the same
    # the page's headline and the corrections log's links are these titles, never a bare "details"
    assert words(soup(pages, "corrections/daily-caller-seely-rank.md").h1) == titles["daily-caller-seely-rank"]
    log = {a["href"].split("/")[-2]: words(a) for a in soup(pages, "corrections.md").select("li strong a")}
    assert log == titles


def test_kind_badges_carry_a_label_and_an_icon_per_kind(seed):
    _, pages = seed
    badges = [b for p in pages.values() for b in BeautifulSoup(p.html, "html.parser").select(".arc-kind")]
    seen = {}
    for badge in badges:
        kind = re.fullmatch(r"arc-kind--(\w+)", badge["class"][1])[1]
        icon = badge.select_one("svg")
        assert icon["aria-hidden"] == "true" and words(badge) == kind.capitalize()
        seen[kind] = icon.use["href"].split("#")[1]
    assert seen == {kind: f"arc-{kind}" for kind in ("article", "quote", "update", "correction", "event")}
    sprite = BeautifulSoup((REPO / "site_config/docs/assets/kinds.svg").read_text(), "html.parser")
    shapes = {s["id"]: str(s.contents) for s in sprite.select("symbol")}
    assert sorted(shapes) == sorted(f"arc-{k}" for k in KINDS)
    assert len(set(shapes.values())) == len(KINDS)  # a different drawing for each


BREADCRUMBS = {
    "people/mark-esper.md": [("Home", "../../"), ("People", "../"), ("Mark Esper", None)],
    "updates/breitbart-update-1.md": [
        ("Home", "../../"), ("Archive", "../../archive/"),
        ("Letter: U.S.-Led Coalition to Withdraw from Iraq",
         "../../articles/breitbart-letter-coalition-to-withdraw-from-iraq/"), ("Update # 1", None)],
    "events/coalition-repositioning-letter.md": [
        ("Home", "../../"), ("Events", "../"),
        ("Crisis over U.S. troops in Iraq (2019–2020)", "../us-iraq-troop-crisis/"),
        ("Coalition's repositioning letter to Iraq comes to light", None)],
    "corrections/breitbart-reposit-typo.md": [
        ("Home", "../../"), ("Corrections", "../"),
        ("Editor's note (correction), 23 November 2026: “Letter: …", None)],
    "organizations/reuters.md": [("Home", "../../"), ("Organizations", "../"), ("Reuters", None)],
}


def test_every_record_page_has_breadcrumbs(seed):
    site, pages = seed
    for uri, page in pages.items():
        if uri.split("/")[0] not in FOLDER_OF.values() or "/" not in uri:
            continue  # index pages (and their pages of long lists) are in the navigation
        nav = BeautifulSoup(page.html, "html.parser").select_one('nav[aria-label="Breadcrumb"]')
        crumbs = [(words(li), li.a["href"] if li.a else None) for li in nav.select("li")]
        assert crumbs[0] == ("Home", "../../") and nav.select("li")[-1].select_one('[aria-current="page"]')
        if uri in BREADCRUMBS:
            assert crumbs == BREADCRUMBS[uri], uri
        assert page.hide == ("navigation",)  # no empty navigation column beside a record
    assert "hide:\n- navigation\n" in pages["people/mark-esper.md"].markdown
