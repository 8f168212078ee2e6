"""One strict build of the seed story; what each page type shows a reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core.archive import load
from generator.core.settings import load_settings
from generator.core.sources import FOLDER_OF

from conftest import REPO, run, write_tree
from site_helpers import BuiltSite, build

LETTER = "events/coalition-repositioning-letter/"
BREITBART = "articles/breitbart-letter-coalition-to-withdraw-from-iraq/"
CALLER = "articles/daily-caller-military-tells-iraq-preparing-to-move-out/"


@pytest.fixture(scope="session")
def site(seed_site) -> BuiltSite:
    return BuiltSite(seed_site)


@pytest.fixture(scope="session")
def archive():
    return load(REPO / "content", load_settings(REPO / "site_config/archive.yml"))[0]


def test_every_published_record_has_a_page(site, archive):
    expected = {f"{FOLDER_OF[r.kind]}/{r.id}/" for r in archive.records.values() if r.is_public}
    assert expected <= set(site.urls())
    for url in ("archive/", "people/", "events/", "organizations/", "corrections/", "tags/"):
        assert url in site.urls()
    assert (site.root / "index.html").exists() and (site.root / "404.html").exists()


def test_esper_page_lists_both_quotes_with_their_outlets(site):
    page = site.article("people/mark-esper/")
    statements = page.select(".arc-statement")
    assert [s.select_one("blockquote").get_text(strip=True) for s in statements] == [
        "no decision whatsoever to leave", "There’s been no decision to leave Iraq. Period."]
    assert "reported by Breitbart News" in " ".join(statements[0].get_text(" ").split())
    assert "reported by The Daily Caller" in " ".join(statements[1].get_text(" ").split())
    assert "relayed by Paul McLeary" in " ".join(statements[1].get_text(" ").split())
    # grouped under the event they are about
    assert page.select_one("#statements ~ h3 a")["href"] == "../../events/esper-milley-deny-letter/"


def test_letter_timeline_is_grouped_by_day_in_time_order(site):
    """A heading per day; within it, records dated by the day first, then times; at the same time an
    article before the words it quotes, its updates and corrections (never by kind's name)."""
    page = site.article(LETTER)
    days = []
    for h in page.select_one("#timeline").find_next_siblings(["h2", "h3"]):
        if h.name == "h2":
            break
        days.append(h)
    assert [h.get_text(strip=True).rstrip("¶") for h in days] == ["6 January 2020", "24 November 2026"]
    listed = [[li.select("a")[0]["href"].split("/")[-2] for li in h.find_next_sibling("ul").select("li")]
              for h in days]
    assert listed == [
        ["breitbart-letter-coalition-to-withdraw-from-iraq", "daily-caller-military-tells-iraq-preparing-to-move-out",
         "seely-letter-appropriate-measures", "seely-letter-hours-of-darkness", "seely-letter-opening-breitbart",
         "seely-letter-opening-daily-caller", "seely-letter-respect-sovereign-decision",
         "coalition-letter-disputed-by-esper", "coalition-letter-disputed-by-milley",
         "breitbart-update-1", "breitbart-update-2"],
        # only what names the letter: the editors' notes on the two articles (a typo, Milley's title …) are on
        # the articles' pages, not on the letter's
        ["coalition-letter-origin-sources-differ"]]
    # a day's records show no date again; timed ones show the time as printed; quotes with no date of
    # their own are placed on their article's day and say so
    first_day = days[0].find_next_sibling("ul").select("li")
    assert [li.select_one("time").get_text() for li in first_day if li.select_one("time") and
            not li.select_one(".arc-undated")] == ["4:09 P.M.", "4:34 P.M."]
    undated = [li for li in first_day if li.select_one(".arc-undated")]
    assert len(undated) == 5 and all("undated (reported 6 January 2020)" in " ".join(li.get_text(" ").split())
                                     .replace(" )", ")") for li in undated)


def test_named_in_follows_the_timeline_order(site):
    """'Named in' lists oldest first, as the timeline does (it used to repeat it newest first)."""
    lists = site.article(LETTER).select_one("#named-in").find_next_siblings("ul")
    times = [[t["datetime"] for t in ul.select("time")] for ul in lists]
    assert any(len(t) > 1 for t in times)
    assert all(t == sorted(t, key=lambda d: (d[:10], len(d) > 10, d)) for t in times)


def test_breitbart_article_shows_updates_with_times(site):
    page = site.article(BREITBART)
    updates = page.select(".arc-notices .arc-notice--update")
    assert [u.select_one("strong").get_text(strip=True) for u in updates] == ["Update # 1", "Update # 2"]
    # Breitbart printed "4:09 P.M." with no date and no zone: shown as printed, no offset is invented, and
    # the day is said to be the archive's
    assert [(u.select_one("time")["datetime"], u.select_one("time").get_text(),
             u.select_one(".arc-zone").get_text()) for u in updates] == [
        ("2020-01-06T16:09", "4:09 P.M.", "(no date or time zone printed; the archive dates it 6 January 2020)"),
        ("2020-01-06T16:34", "4:34 P.M.", "(no date or time zone printed; the archive dates it 6 January 2020)")]
    assert "no decision whatsoever to leave" in updates[0].get_text()


def test_article_page_shows_metadata_photos_and_correction_notice(site):
    facts = site.facts(CALLER)
    assert facts["Outlet"] == "The Daily Caller"
    assert facts["Section"] == "Politics"
    assert "Photo: AHMAD AL-RUBAYE/AFP via Getty Images" in site.text(CALLER)
    notices = site.article(CALLER).select(".arc-notice .arc-notice__title")
    # the archive's own notes say so; they are never presented as the outlet's corrections
    assert len(notices) == 5 and all(n.get_text().startswith("Correction Editor's note (The Coalition Letter "
                                                             "Archive) · ") for n in notices)
    assert "Quds Force" in " ".join(n.parent.get_text() for n in notices)


def test_two_wordings_of_the_letter_side_by_side_with_a_word_diff(site):
    """Each column is labelled by its outlet and date and marks only words its outlet printed."""
    for url, first, other in [("quotes/seely-letter-opening-daily-caller/", "The Daily Caller", "Breitbart News"),
                              ("quotes/seely-letter-opening-breitbart/", "Breitbart News", "The Daily Caller")]:
        wordings = site.article(url).select(".arc-wordings .arc-wording")
        captions = [" ".join(w.select_one("figcaption").get_text(" ").split()) for w in wordings]
        # the letter's sentence has no date of its own: undated, and when the article reported it
        assert captions == [f"{first} , undated (reported 6 January 2020 ) · on this page",
                            f"{other} , undated (reported 6 January 2020 ) · quote page"]
        assert not site.article(url).select(".arc-wordings del, .arc-wordings ins")
        assert "this wording" not in site.text(url)
    caller, breitbart = site.article("quotes/seely-letter-opening-daily-caller/").select(".arc-wording")
    assert [m.get_text() for m in caller.select("mark")] == ["In due", "re-positioning"]
    assert [m.get_text() for m in breitbart.select("mark")] == ["Sir, in", "repositioning"]


def test_person_page_shows_other_names_and_roles(site):
    text = site.text("people/qassem-soleimani/")
    assert "Also written: Qasem Soleimani" in text
    assert "Quds Force" in text


def test_event_page_shows_dates_parent_children_and_related(site):
    parent = site.article("events/us-iraq-troop-crisis/")
    assert "../coalition-repositioning-letter/" in {a["href"] for a in parent.select("#parts-of-this-event ~ ul a")}
    assert site.facts(LETTER)["Part of"].startswith("Crisis over U.S. troops in Iraq")
    assert "Related events" in site.text(LETTER)


def test_organization_page_lists_what_an_outlet_published(site):
    links = site.links("organizations/breitbart-news/")
    assert BREITBART in links
    assert "Published" in site.text("organizations/breitbart-news/")


def test_update_and_correction_pages_link_to_their_targets(site):
    assert BREITBART in site.links("updates/breitbart-update-1/")
    assert CALLER in site.links("corrections/daily-caller-quads-force-misspelling/")
    assert "corrections/daily-caller-quads-force-misspelling/" in site.links(CALLER)


def test_every_reference_is_a_link_in_both_directions(site, archive):
    missing = []
    for ref in archive.references:
        source, target = archive.records[ref.source], archive.records[ref.target]
        if not (source.is_public and target.is_public):
            continue
        a, b = f"{FOLDER_OF[source.kind]}/{source.id}/", f"{FOLDER_OF[target.kind]}/{target.id}/"
        if b not in site.links(a):
            missing.append(f"{a} → {b} ({ref.field})")
        if a not in site.links(b):
            missing.append(f"{b} ← {a} ({ref.field})")
    assert missing == []


def test_index_pages(site, archive):
    people = site.article("people/")
    assert [h.get_text(strip=True).rstrip("¶") for h in people.select("h2")][:3] == ["A", "D", "E"]
    assert len(people.select("li a")) == 9
    log = site.article("corrections/").select("li")
    assert len(log) == 9
    times = [li.select_one("time")["datetime"] for li in log]
    assert times == sorted(times, key=lambda t: (t[:10], len(t) > 10, t), reverse=True)
    home = site.soup("")
    assert len(home.select("#events ~ ul li")) == 6
    assert "2020" in site.text("archive/") and "January 2020" in site.text("archive/")
    orgs = site.article("organizations/")
    assert orgs.select_one("h2").get_text(strip=True).rstrip("¶") == "Outlets"


def test_record_pages_stay_out_of_the_navigation(site):
    nav = site.soup("people/mark-esper/").select(".md-nav--primary a.md-nav__link")
    assert len(nav) < 20
    assert not any("mark-esper" in a.get("href", "") for a in nav)


def test_no_request_leaves_the_site(site):
    for page in site.root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, attr in re.findall(r"<(script|link|img|iframe|source)\b[^>]*?\b(src|href)=\"https?://", html):
            if tag == "link" and re.search(r'rel="canonical"', html):
                continue
            pytest.fail(f"{page}: <{tag} {attr}> loads from another host")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_links_are_relative_so_a_sub_path_works(site):
    html = (site.root / "people/mark-esper/index.html").read_text(encoding="utf-8")
    assert not re.search(r'(href|src)="/(?!/)', html)


def _tiny_site(tmp_path: Path, extra: str = "") -> Path:
    return write_tree(tmp_path / "content", """
--- people/mark-esper.yaml
name: Mark Esper
previous_ids: [esper]
summary: "Hello <script>alert('x')</script> [click](javascript:alert(1)) **bold**"
--- events/e.yaml
title: E
date: 2020-01-06
""" + extra)


def test_contributed_markup_never_runs_script(tmp_path):
    build(_tiny_site(tmp_path), tmp_path / "site")
    page = BuiltSite(tmp_path / "site").article("people/mark-esper/")
    assert page.select("script") == []
    assert "Hello <script>alert(" in page.get_text()  # shown as text
    assert not any(a.get("href", "").startswith("javascript") for a in page.select("a"))
    assert page.select_one(".arc-prose strong").get_text() == "bold"


def test_previous_ids_redirect_to_the_new_url(tmp_path):
    build(_tiny_site(tmp_path), tmp_path / "site")
    old = (tmp_path / "site/people/esper/index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../../people/mark-esper/"' in old


def test_failed_build_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    content = _tiny_site(tmp_path)
    site_dir = tmp_path / "site"
    build(content, site_dir)
    before = {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    (content / "quotes").mkdir()
    (content / "quotes/q.yaml").write_text("text: t\nspeaker: mark-espr\n")
    monkeypatch.chdir(REPO)
    result = run("build", "--content", str(content), "--site-dir", str(site_dir))
    assert result.exit_code == 1
    assert "speaker: unknown person or organization 'mark-espr' (did you mean 'mark-esper'?)" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_plain_mkdocs_build_strict_from_the_repository_root(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                          cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    assert (tmp_path / "s/people/mark-esper/index.html").exists()


def test_search_index_and_filter_lists_are_built(site, archive):
    import json

    assert (site.root / "pagefind/pagefind.js").exists()
    facets = json.loads((site.root / "pagefind/facets.json").read_text(encoding="utf-8"))
    assert facets["kind"] == {"Article": 2, "Correction": 9, "Event": 6, "Organization": 21, "Person": 9,
                              "Quote": 13, "Update": 2}
    assert facets["outlet"] == {"Breitbart News": 10, "The Daily Caller": 7}
    people = json.loads((site.root / "pagefind/facets-person.json").read_text(encoding="utf-8"))
    assert "Mark Esper" in people and "Qassem Soleimani" in people
