"""Long lists over numbered pages: every entry exactly once and in order, pagers that lead to
real pages, first pages where they always were, the page_size setting, and the pages an
incremental build must render again when a record changes (Renderer.jobs_showing)."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.addresses import page_url
from generator.core.archive import load_or_raise
from generator.core.problems import ContentError
from generator.core.settings import Settings, load_settings
from generator.render.pages import INDEX_PAGES, Renderer
from generator.site.questions import Site

from conftest import REPO

BASE = dataclasses.replace(load_settings(REPO / "site_config/archive.yml"), page_size=3)
TAGS = ["Iraq", "Öl", "diplomacy"]


def _tree(root: Path, days: list[int], tagged: list[int], corrected: list[int]) -> Path:
    """One outlet, one speaker and one event; a quote (and its article) per entry of `days`
    (a day of 2020, 0 for a quote with no date and no article), tagged and corrected as told."""
    records = {"organizations/gazette": {"name": "The Gazette", "kind": "outlet"},
               "people/ana": {"name": "Ana Álvarez", "tags": ["Iraq"]},
               "events/summit": {"title": "Summit", "date": "2020-01-01"}}
    for i, day in enumerate(days):
        quote = {"text": f"Words number {i}.", "speaker": "ana", "tags": TAGS[: tagged[i % len(tagged)] % 4]}
        if day:
            date = f"2020-{1 + day // 28:02d}-{1 + day % 28:02d}"
            records[f"articles/a{i}"] = {"headline": f"Story {i}", "outlet": "gazette", "published": date,
                                         "events": ["summit"] if i % 2 else [], "tags": quote["tags"]}
            quote.update(article=f"a{i}", said=date)
        records[f"quotes/q{i}"] = quote
        if i in corrected and day:
            records[f"corrections/c{i}"] = {"target": f"a{i}", "at": f"2020-{1 + day // 28:02d}-28",
                                            "kind": "correction", "issuer": "outlet", "text": "Fixed."}
    for name, data in records.items():
        path = root / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def _renderer(root: Path, page_size: int) -> Renderer:
    settings = dataclasses.replace(BASE, page_size=page_size)
    return Renderer(Site(load_or_raise(root, settings), settings))


def _rendered(renderer: Renderer) -> dict[tuple, tuple[str, str]]:
    """job → (uri, html) of every page."""
    out = {}
    for job in renderer.jobs():
        page = renderer.render(job)
        out[job] = (page.uri, page.html)
    return out


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _pages_of(pages: dict[str, str], first: str) -> list[str]:
    """The uris of a list's pages, read from page 1's pager."""
    nav = _soup(pages[first]).select_one("nav.arc-pager")
    if nav is None:
        return [first]
    url = page_url(first)
    links = [a for a in nav.select("a[aria-label]")]
    by_url = {page_url(uri): uri for uri in pages}
    return [by_url[_resolve(url, a["href"])] for a in links]


def _resolve(url: str, href: str) -> str:
    """The site URL a relative link on the page at `url` leads to ('' for the home page)."""
    path = posixpath.normpath(posixpath.join(url or ".", href.split("#")[0]))
    return "" if path == "." else path + "/"


def _record_links(html: str, selector: str) -> list[str]:
    """The record each list line is about: the first link of each line (kind badges and times are no links)."""
    out = []
    for li in _soup(html).select(selector):
        a = li.find("a")
        out.append(a["href"].rstrip("/").rsplit("/", 1)[-1])
    return out


shapes = st.fixed_dictionaries({
    "days": st.lists(st.integers(0, 80), min_size=1, max_size=14),
    "tagged": st.lists(st.integers(0, 3), min_size=1, max_size=5),
    "corrected": st.lists(st.integers(0, 13), max_size=8),
    "size": st.integers(1, 5),
})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes)
def test_pages_of_a_list_hold_its_entries_once_and_in_order(tmp_path_factory, shape):
    root = _tree(tmp_path_factory.mktemp("content"), shape["days"], shape["tagged"], shape["corrected"])
    renderer = _renderer(root, shape["size"])
    site = renderer.site
    pages = {uri: html for uri, html in _rendered(renderer).values()}

    def listed(first: str, selector: str) -> list[str]:
        return [i for uri in _pages_of(pages, first) for i in _record_links(pages[uri], selector)]

    # the corrections log, newest first
    assert listed("corrections.md", "ul.arc-list > li") == [c.id for c in site.corrections_log()]
    # each tag: everything carrying it, in time order
    for tag, records in site.tags():
        assert listed(f"tags/{site.tag_anchors[tag]}.md", "ul.arc-list > li") == [r.id for r in records]
    # the archive: every month in time order, then what has no date; every dated record once
    months = [uri for uri in pages if uri.startswith("archive/") and uri.count("/") == 1]
    in_archive = [i for uri in sorted(months) for i in listed(uri, "ul.arc-list > li")]
    kinds = ("article", "update", "quote", "correction", "event")
    expected = [r.id for r in site.sorted(r for r in site.public.values() if r.kind in kinds and site.when(r))]
    expected += [r.id for r in site.sorted(r for r in site.public.values() if r.kind in kinds and not site.when(r))]
    assert in_archive == expected
    # the speaker's page: every statement once, grouped by event, newest first within each
    statements = [q.id for _, quotes in site.quotes_by_event(site.get("ana")) for q in quotes]
    on_pages = [a["href"].rstrip("/").rsplit("/", 1)[-1] for uri in _pages_of(pages, "people/ana.md")
                for a in _soup(pages[uri]).select("div.arc-statement a") if a.get_text() == "quote page"]
    assert on_pages == statements
    # the outlet's page: everything it published (in time order) and everything naming it
    outlet = [i for uri in _pages_of(pages, "organizations/gazette.md")
              for i in _record_links(pages[uri], "ul.arc-list > li")]
    published = [r.id for r in site.referrers(site.get("gazette"), "article", "outlet")]
    assert outlet[: len(published)] == published and len(outlet) == len(set(outlet))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes)
def test_every_pager_link_leads_to_a_page_and_marks_the_current_one(tmp_path_factory, shape):
    root = _tree(tmp_path_factory.mktemp("content"), shape["days"], shape["tagged"], shape["corrected"])
    renderer = _renderer(root, shape["size"])
    rendered = _rendered(renderer)
    urls = {page_url(uri) for uri, _ in rendered.values()}
    assert len(urls) == len(rendered), "two jobs render the same page"
    for uri, html in rendered.values():
        here = page_url(uri)
        soup = _soup(html)
        for nav in soup.select("nav.arc-pager"):
            assert nav["aria-label"].startswith("Pages of ")
            current = nav.select('a[aria-current="page"]')
            assert len(current) == 1 and _resolve(here, current[0]["href"]) == here
            for a in nav.select("a[href]"):
                assert _resolve(here, a["href"]) in urls, (uri, a["href"])
            numbers = [int(a.get_text()) for a in nav.select("a[aria-label]")]
            assert numbers == list(range(1, len(numbers) + 1))
            assert (nav.select_one('a[rel="prev"]') is None) == (current[0].get_text() == "1")
            assert (nav.select_one('a[rel="next"]') is None) == (current[0].get_text() == str(len(numbers)))
        # and every other link of the page's own markup leads to a page too
        for a in soup.select('a[href]'):
            href = a["href"]
            if not href.startswith(("http://", "https://", "mailto:", "#")) and href.endswith("/"):
                assert _resolve(here, href) in urls, (uri, href)


def test_first_pages_keep_their_urls_and_later_pages_cannot_collide(tmp_path):
    root = _tree(tmp_path / "content", list(range(1, 40)), [3], list(range(10)))
    renderer = _renderer(root, 2)
    jobs = renderer.jobs()
    uris = [renderer.render(job).uri for job in jobs]
    assert len(set(uris)) == len(uris)
    for uri in INDEX_PAGES:
        assert uri in uris  # archive/, people/, corrections/, tags/ … where they always were
    for record in renderer.site.public.values():  # a record's page 1 is where it always was
        assert renderer.render(("record", record.id)).uri.endswith(f"s/{record.id}.md") or record.kind == "person"
    assert "people/ana/2.md" in uris and "corrections-log/2.md" in uris and "tags/iraq/2.md" in uris
    assert "archive/2020-01.md" in uris and "archive/undated.md" not in uris
    assert ("record", "ana", 2) in jobs and ("index", "corrections.md", 2) in jobs
    assert all(isinstance(job, tuple) and all(isinstance(x, (str, int)) for x in job) for job in jobs)


def test_a_record_page_keeps_its_own_information_on_page_one(tmp_path):
    root = _tree(tmp_path / "content", list(range(1, 12)), [1], [])
    renderer = _renderer(root, 4)
    first, second = (_soup(renderer.render(job).html) for job in (("record", "ana"), ("record", "ana", 2)))
    assert first.h1.get_text() == "Ana Álvarez"
    assert second.h1.get_text() == "Ana Álvarez (page 2 of 3)"
    assert " ".join(first.select_one(".arc-pager-status").get_text().split()) == \
        "11 entries on 3 pages; this page lists the first 4."
    assert " ".join(second.select_one(".arc-pager-status").get_text().split()) == \
        "Page 2 of 3 about Ana Álvarez: entries 5–8."
    assert [" ".join(li.get_text().split()) for li in first.select("ul.arc-contents li")] == ["Statements: 11"]
    assert first.select_one("p.arc-tags") is not None and second.select_one("p.arc-tags") is None
    assert [h.get_text().rstrip("¶") for h in second.select("h2")] == ["Statements (continued)"]


@pytest.mark.parametrize("value, message", [
    ("0", "page_size: 0 is too small: a page lists at least 1 entry (the default is 250)"),
    ("-5", "page_size: -5 is too small: a page lists at least 1 entry (the default is 250)"),
    ("ten", "page_size: got the text 'ten', not a whole number: write how many entries a page of a long list "
            "shows, e.g. page_size: 250"),
    ("2.5", "page_size: got the number 2.5, not a whole number: write how many entries a page of a long list "
            "shows, e.g. page_size: 250"),
    ("true", "page_size: got true/false (true), not a whole number: write how many entries a page of a long "
             "list shows, e.g. page_size: 250"),
])
def test_page_size_is_validated_with_a_precise_message(tmp_path, value, message):
    path = tmp_path / "archive.yml"
    path.write_text(f"title: T\npage_size: {value}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_settings(path)
    assert [p.message for p in error.value.problems] == [message]


def test_page_size_is_optional_and_read(tmp_path):
    path = tmp_path / "archive.yml"
    path.write_text("title: T\n", encoding="utf-8")
    assert load_settings(path).page_size == 250 == Settings().page_size
    path.write_text("title: T\npage_size: 40\n", encoding="utf-8")
    assert load_settings(path).page_size == 40


# --- incremental builds: the pages jobs_showing names are exactly enough ----------------------

def _changed(before: dict, after: dict) -> set[tuple]:
    return {job for job in before.keys() | after.keys() if before.get(job) != after.get(job)}


def _allowed(renderer: Renderer, record_id: str, batch: int = 1) -> set[tuple]:
    """What an incremental build re-renders for a changed record: its pages, the pages of what it
    references (their page 1: what a page lists is its own business) and the pages showing it."""
    record = renderer.site.public[record_id]
    jobs = set(renderer.jobs_of(record)) | renderer.jobs_showing(record, batch)
    for target in renderer.paging._targets.get(record_id, ()):
        if target in renderer.site.public:
            jobs.add(("record", target))
    return jobs | {("index", "about-data.md")}  # it quotes an example record of the archive


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes, st.integers(0, 80))
def test_jobs_showing_a_new_record_cover_every_page_that_changes(tmp_path_factory, shape, day):
    days = shape["days"]
    before = _tree(tmp_path_factory.mktemp("before"), days, shape["tagged"], shape["corrected"])
    after = _tree(tmp_path_factory.mktemp("after"), days + [day], shape["tagged"], shape["corrected"])
    new_id = f"q{len(days)}"
    old, new = _renderer(before, shape["size"]), _renderer(after, shape["size"])
    changed = _changed(_rendered(old), _rendered(new))
    # the quote, and with a day its article too, were added: the new site is asked about both
    added = [i for i in (new_id, f"a{len(days)}", f"c{len(days)}") if i in new.site.public]
    allowed = set().union(*(_allowed(new, i, len(added)) for i in added))
    assert changed <= allowed, sorted(changed - allowed)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes, st.integers(0, 13), st.integers(1, 80))
def test_jobs_showing_an_edited_record_on_both_sites_cover_every_page_that_changes(tmp_path_factory, shape,
                                                                                   which, day):
    days = shape["days"]
    which %= len(days)
    moved = list(days)
    moved[which] = day if days[which] else 0
    before = _tree(tmp_path_factory.mktemp("before"), days, shape["tagged"], shape["corrected"])
    after = _tree(tmp_path_factory.mktemp("after"), moved, shape["tagged"], shape["corrected"])
    old, new = _renderer(before, shape["size"]), _renderer(after, shape["size"])
    changed = _changed(_rendered(old), _rendered(new))
    edited = [f"q{which}"] + ([f"a{which}"] if days[which] else [])
    edited += [f"c{which}"] if f"c{which}" in new.site.public else []
    allowed = set()
    for renderer in (old, new):
        allowed |= set().union(*(_allowed(renderer, i, len(edited)) for i in edited if i in renderer.site.public))
    assert changed <= allowed, sorted(changed - allowed)


def test_jobs_showing_a_record_in_the_middle_of_a_list_start_at_its_page(tmp_path):
    root = _tree(tmp_path / "content", list(range(1, 12)), [0], [])
    renderer = _renderer(root, 3)
    # the archive's January holds the event and 11 × (article, quote)
    month = renderer.paging.months["2020-01"].listing
    assert month.count == 8 and len(month.entries) == 23
    jobs = renderer.jobs_showing(renderer.site.public["q5"])
    month_pages = sorted(job[2] if len(job) > 2 else 1 for job in jobs if job[1] == "archive/2020-01.md")
    page = month.page_of("q5")
    assert page > 1 and month_pages == [1, *range(page, 9)]
    assert ("index", "archive.md") in jobs and ("index", "index.md") in jobs
    speaker = renderer.paging.record_listing(renderer.site.public["ana"])
    assert {job for job in jobs if job[1] == "ana"} == {
        ("record", "ana") if n == 1 else ("record", "ana", n) for n in speaker.affected("q5")}
