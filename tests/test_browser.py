"""What only a browser shows: search, keyboard use, phone layout, sub-path hosting, no third parties.

The seed archive is built once and served at http://127.0.0.1:PORT/archive/ (like GitHub
project pages); Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import CHROMIUM, chromium, serve
from site_helpers import build

if not Path(CHROMIUM).exists():  # CI installs it (.ci/install-test-tools); never skip there
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: run .ci/install-test-tools")
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)


@pytest.fixture(scope="module")
def base(seed_served):
    return seed_served[0]


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []
    context.close()


def header_results(page, query: str) -> list[str]:
    page.fill(".arc-hsearch__input", query)
    page.wait_for_selector("#arc-hresults > *")
    return [node.inner_text() for node in page.query_selector_all("#arc-hresults > *")]


def test_typing_esper_lists_his_page_and_his_quotes(page, base):
    page.goto(base + "events/")
    results = header_results(page, "Esper")
    titles = [a.inner_text() for a in page.query_selector_all("#arc-hresults .arc-result__title")]
    assert titles[0] == "Mark Esper"
    assert "“no decision whatsoever to leave”" in titles
    assert "“There’s been no decision to leave Iraq. Period.”" in titles
    assert any("QUOTE" in r.upper() and "Breitbart News" in r for r in results)
    assert page.get_attribute("#arc-hresults [role=option]", "data-href") == "/archive/people/mark-esper/"
    page.click("#arc-hresults [role=option]")  # an option is activated by a click (or Enter), it holds no link
    page.wait_for_url("**/people/mark-esper/")


def test_qasem_finds_soleimani(page, base):
    page.goto(base)
    header_results(page, "Qasem")
    assert page.inner_text("#arc-hresults .arc-result__title") == "Qassem Soleimani"


def test_no_match_says_so(page, base):
    page.goto(base)
    assert header_results(page, "zzyzx") == ["No matches for “zzyzx”.", "0 results: show all and filter"]
    page.goto(base + "search/?q=zzyzx")
    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('No matches')")
    assert page.inner_text("[data-arc-status]") == "No matches for “zzyzx”. Try fewer words or fewer filters."


def test_filter_by_kind_and_person_on_the_search_page(page, base):
    page.goto(base + "search/")
    page.wait_for_selector("[data-arc-filter=kind] input[value=Quote]")
    page.check("[data-arc-filter=kind] input[value=Quote]")
    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('13 results')")
    page.fill("#arc-pick-person", "Mark Esper")
    page.dispatch_event("#arc-pick-person", "change")
    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('2 results')")
    page.wait_for_function("document.querySelectorAll('.arc-results li').length === 2")  # rendered after the count
    titles = [a.inner_text() for a in page.query_selector_all(".arc-results .arc-result__title")]
    assert sorted(titles) == ["“There’s been no decision to leave Iraq. Period.”", "“no decision whatsoever to leave”"]
    assert "kind=Quote" in page.url and "person=Mark+Esper" in page.url  # shareable
    page.goto(page.url)  # the shared link restores the same search
    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('2 results')")
    assert page.is_checked("[data-arc-filter=kind] input[value=Quote]")


def test_browsing_by_filter_with_an_empty_query_sorted_by_date(page, base):
    page.goto(base + "search/?kind=Update&sort=date:desc")
    page.wait_for_selector(".arc-results li")
    assert [a.inner_text() for a in page.query_selector_all(".arc-results .arc-result__title")] == [
        "Update # 2", "Update # 1"]


def test_keyboard_only(page, base):
    page.goto(base + "people/")
    page.keyboard.press("/")
    page.keyboard.type("Qasem")
    page.wait_for_selector("#arc-hresults .arc-result")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute(".arc-hsearch__input", "aria-activedescendant") == "arc-hresult-0"
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/qassem-soleimani/")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # focus moves on through the page, it is not trapped
    assert page.evaluate("document.activeElement.name") != "q"


def test_no_request_goes_to_another_host(page, base):
    for url in ("", "people/mark-esper/", "search/?q=letter"):
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
    hosts = {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")}
    assert hosts == {urlsplit(base).netloc}


PAGE_TYPES = ["", "people/mark-esper/", "events/coalition-repositioning-letter/",
              "articles/daily-caller-military-tells-iraq-preparing-to-move-out/",
              "quotes/seely-letter-opening-daily-caller/", "organizations/breitbart-news/",
              "updates/breitbart-update-1/", "corrections/daily-caller-quads-force-misspelling/", "corrections/",
              "people/", "search/?q=Esper", "no/such/page/"]


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_readable_on_a_360px_phone(browser, base, url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(base + url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_404_page_under_the_sub_path(page, base):
    response = page.goto(base + "no/such/page/")
    assert response.status == 404
    assert page.inner_text("h1") == "Page not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_dark_mode_toggle(page, base):
    page.goto(base)
    before = page.get_attribute("body", "data-md-color-scheme")
    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.get_attribute("body", "data-md-color-scheme") != before


def test_a_chosen_scheme_is_restored_on_the_next_page_before_the_theme_script(browser, base):
    """site_config/overrides/partials/javascripts/palette.html, Material's restoring script written
    shorter, does it alone: the theme's bundle is not loaded here."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base)
    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    page.goto(base + "people/mark-esper/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    # a stored automatic choice (a palette with a "(prefers-color-scheme)" option) follows the system
    page.evaluate('__md_set("__palette", {index: 0, color: {media: "(prefers-color-scheme)", scheme: "default",'
                  ' primary: "custom", accent: "deep-orange"}})')
    page.emulate_media(color_scheme="dark")
    page.reload()
    assert [page.get_attribute("body", f"data-md-color-{key}") for key in ("media", "scheme")] == [
        "(prefers-color-scheme: dark)", "slate"]
    assert page.evaluate("typeof c === 'undefined' && typeof palette === 'undefined'")  # no globals left
    context.close()


def test_hostile_content_opens_no_dialog_on_any_page(browser, tmp_path):
    """Record text built to run script (in names, headlines, captions, tags, Markdown) stays text."""
    from test_build_safety import HOSTILE, hostile_tree

    site = tmp_path / "site"
    build(hostile_tree(tmp_path / "content"), site)
    urls = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(site) as base:
        for url in urls:
            page.goto(base + ("" if url == "." else url + "/"))
            page.wait_for_load_state("load")
        page.goto(base + "people/hostile/")
        assert page.locator("article h1").inner_text() == "Person " + HOSTILE.strip()
        assert page.title().startswith("Person </title><script>")
    context.close()
    assert dialogs == [] and len(urls) > 10


# ---- search for everyone: the open dropdown, keyboard, organizations, phones, no JavaScript ----

def test_the_open_dropdown_has_no_accessibility_violations(browser, base):
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(base + "people/")
        header_results(page, "Esper")
        page.keyboard.press("ArrowDown")  # one option highlighted, as a reader sees it
        assert page.get_attribute(".arc-hsearch__input", "aria-expanded") == "true"
        violations = Axe().run(page).response["violations"]
        context.close()
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == [], scheme


def test_header_options_hold_no_links_and_enter_opens_the_last_one(page, base):
    page.goto(base)
    header_results(page, "Esper")
    assert page.query_selector_all("#arc-hresults a, #arc-hresults button") == []
    assert page.eval_on_selector_all("#arc-hresults [role=option]", "os => os.every(o => o.tagName === 'DIV')")
    page.keyboard.press("ArrowUp")  # wraps to the last option: every result, on the search page
    assert page.get_attribute(".arc-hsearch__input", "aria-activedescendant") == "arc-hresult-all"
    assert page.inner_text("#arc-hresult-all").endswith("results: show all and filter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Esper")


def test_keyboard_only_on_the_search_page(page, base):
    page.goto(base + "search/")
    page.wait_for_selector("[data-arc-filter=kind] input")
    page.focus("#arc-q")
    page.keyboard.type("Qasem")
    page.keyboard.press("Enter")
    page.wait_for_selector(".arc-results .arc-result__title")
    for _ in range(60):  # Tab through the filters to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('arc-result__title')"):
            break
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", page.evaluate("document.activeElement.outerHTML")  # focus is visible
    assert page.evaluate("document.activeElement.textContent") == "Qassem Soleimani"
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/qassem-soleimani/")


def test_an_organization_that_speaks_is_a_speaker_filter(page, base):
    page.goto(base + "search/")
    page.wait_for_selector("#arc-pick-speaker")
    page.fill("#arc-pick-speaker", "Iraqi Parliament")
    page.dispatch_event("#arc-pick-speaker", "change")
    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('2 results')")
    page.wait_for_function("document.querySelectorAll('.arc-results li').length === 2")
    assert {k.inner_text().upper() for k in page.query_selector_all(".arc-results .arc-kind")} == {"QUOTE"}
    assert "speaker=Iraqi+Parliament" in page.url


def test_on_a_phone_results_come_first_and_filters_fold_away(browser, base):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(base + "search/?q=Esper&kind=Quote")
    page.wait_for_selector(".arc-results li")
    assert page.evaluate("document.querySelector('[data-arc-filters]').open") is False
    top = page.evaluate("document.querySelector('.arc-results li').getBoundingClientRect().top")
    assert top < 740 - 100  # the first result is on the first screen
    page.click("[data-arc-filters] > summary")
    assert page.is_visible("[data-arc-filter=kind] input[value=Quote]")
    assert page.is_checked("[data-arc-filter=kind] input[value=Quote]")
    context.close()


def test_without_javascript_the_search_page_says_where_to_browse(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "search/")
    text = page.inner_text("article")
    assert "Search runs in your browser and needs JavaScript. Without it, browse people A–Z, events, " \
           "organizations and outlets, tags or the archive by date." in text
    assert "](" not in text and "[" not in text  # no Markdown link syntax
    assert not page.is_visible("#arc-q") and not page.is_visible("[data-arc-filters]")  # no form that does nothing
    page.get_by_role("link", name="people A–Z").click()
    page.wait_for_url("**/people/")
    context.close()
