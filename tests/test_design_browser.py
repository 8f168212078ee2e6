"""The news design as Chromium shows it: an article's dateline on a phone's first screen, headings
and notices as strong and as large as the text, kind badges and dispute lines readable (4.5:1)
in light and dark schemes, and no empty navigation column beside a record."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from coloraide import Color

from generator.core.kinds import ALL_KINDS

from browser import CHROMIUM, chromium, serve
from site_helpers import build

if not Path(CHROMIUM).exists():  # CI installs it (.ci/install-test-tools); never skip there
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: run .ci/install-test-tools")
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

CALLER = "articles/daily-caller-military-tells-iraq-preparing-to-move-out/"
BREITBART = "articles/breitbart-letter-coalition-to-withdraw-from-iraq/"
KINDS = ALL_KINDS


@pytest.fixture(scope="module")
def base(seed_served):
    return seed_served[0]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def open_page(browser, url, width=1280, height=900, scheme="light", phone=False):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def contrast(page, selector: str) -> list[tuple[str, float]]:
    """(text, contrast ratio) of each element: its text colour on the first opaque background
    behind it (the element's own, else its ancestors', else the page's)."""
    pairs = page.eval_on_selector_all(selector, """els => els.map(el => {
        let bg = null;
        for (let n = el; n && !bg; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') bg = c;
        }
        return [el.textContent.trim(), getComputedStyle(el).color,
                bg || getComputedStyle(document.body).backgroundColor];
    })""")
    return [(text, Color(fg).contrast(bg, method="wcag21")) for text, fg, bg in pairs]


@pytest.mark.parametrize("url", [CALLER, BREITBART])
def test_phone_shows_outlet_byline_time_and_notice_on_the_first_screen(browser, base, url):
    page = open_page(browser, base + url, 360, 740, phone=True)
    bottoms = page.eval_on_selector_all(
        "article .arc-dateline > div, article details.arc-notices > summary",
        "els => els.map(e => [(e.querySelector('dt') || e).textContent.trim().split(' ')[0], "
        "e.getBoundingClientRect().bottom])")
    assert [label for label, _ in bottoms][:3] == ["Outlet", "Byline" if url == CALLER else "Published",
                                                   "Published" if url == CALLER else "Updated"]
    assert all(0 < bottom <= 740 for _, bottom in bottoms), bottoms
    # and the article's text comes after them
    body_top = page.eval_on_selector("article #article", "e => e.getBoundingClientRect().top")
    assert body_top > max(bottom for _, bottom in bottoms)
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_headings_and_notices_are_as_strong_and_large_as_the_text(browser, base, scheme):
    page = open_page(browser, base + BREITBART, scheme=scheme)
    style = page.evaluate("""() => {
        const s = sel => getComputedStyle(document.querySelector(sel));
        return {h1: [s('article h1').fontWeight, s('article h1').color],
                h2: [s('article h2').fontWeight, s('article h2').color],
                text: [s('article .arc-prose p').fontSize, s('article .arc-prose p').color],
                notice: s('article details.arc-notices').fontSize};
    }""")
    assert int(style["h1"][0]) >= 700 and int(style["h2"][0]) >= 700
    assert style["h1"][1] == style["h2"][1] == style["text"][1]  # the text's colour, not a light grey
    assert style["notice"] == style["text"][0]  # notices at body size
    page.click("article details.arc-notices > summary")  # opens to the updates and corrections
    assert page.is_visible("text=Department of Defense Secretary Mark Esper on Monday disputed a letter")
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_kind_badges_are_readable_and_differ_by_label_icon_and_colour(browser, base, scheme):
    page = open_page(browser, base + "events/coalition-repositioning-letter/", scheme=scheme)
    # the event page shows articles, quotes, updates and corrections; add one badge of every kind
    # to it, made like the real ones, so each kind is measured with the site's own styles
    page.evaluate("""kinds => {
        const model = document.querySelector('article .arc-timeline-list .arc-kind');
        for (const kind of kinds) {
            const badge = model.cloneNode(true);
            badge.className = 'arc-kind arc-kind--' + kind;
            badge.querySelector('use').setAttribute('href', model.querySelector('use').getAttribute('href')
                .replace(/#.*/, '#arc-' + kind));
            badge.lastChild.textContent = kind[0].toUpperCase() + kind.slice(1);
            badge.dataset.test = kind;
            model.parentElement.append(badge);
        }
    }""", list(KINDS))
    page.wait_for_load_state("networkidle")
    ratios = contrast(page, "[data-test]")
    assert [text for text, _ in ratios] == [k.capitalize() for k in KINDS]
    assert all(ratio >= 4.5 for _, ratio in ratios), ratios
    shown = page.eval_on_selector_all("[data-test]", """els => els.map(e => [
        getComputedStyle(e).textTransform, getComputedStyle(e).backgroundColor,
        e.querySelector('svg').getBoundingClientRect().width, e.querySelector('use').getBBox().width,
        e.querySelector('svg').getAttribute('aria-hidden')])""")
    assert all(t == "uppercase" and width > 10 and drawn > 5 and hidden == "true"
               for t, _, width, drawn, hidden in shown), shown  # label and a drawn icon, hidden from readers
    assert len({bg for _, bg, *_ in shown}) == len(KINDS)
    assert all(r >= 4.5 for _, r in contrast(page, "article .arc-kind"))
    page.context.close()


DISPUTED = """
--- people/ann.yaml
name: Ann Example
--- people/bob.yaml
name: Bob Example
--- organizations/wire.yaml
name: The Wire
kind: outlet
--- articles/story.yaml
headline: Ann speaks
outlet: wire
published: 2020-01-06
--- quotes/ann-said.yaml
text: We never said that.
speaker: ann
article: story
--- corrections/bob-disputes.yaml
target: ann-said
issuer: third-party
kind: dispute
by: bob
reported_in: [story]
at: 2020-01-06
text: Bob says she did.
"""


def test_disputes_under_statements_are_plain_to_see(browser, tmp_path):
    from conftest import write_tree

    build(write_tree(tmp_path / "content", DISPUTED), tmp_path / "site")
    with serve(tmp_path / "site") as base:
        for scheme in ("light", "dark"):
            page = open_page(browser, base + "people/ann/", scheme=scheme)
            ratios = contrast(page, "article .arc-disputed strong")
            assert [text for text, _ in ratios] == ["Disputed by Bob Example"]
            assert all(r >= 4.5 for _, r in ratios), (scheme, ratios)
            assert page.eval_on_selector("article .arc-disputed", "e => getComputedStyle(e).opacity") == "1"
            page.context.close()


def test_record_pages_have_no_empty_navigation_column(browser, base):
    page = open_page(browser, base + "people/mark-esper/")
    assert not page.is_visible(".md-sidebar--primary")
    crumbs = page.eval_on_selector_all('nav[aria-label="Breadcrumb"] li', "els => els.map(e => e.innerText)")
    assert [c.strip("› \n") for c in crumbs] == ["Home", "People", "Mark Esper"]
    left = page.eval_on_selector("article h1", "e => e.getBoundingClientRect().left")
    assert left < 100  # the text starts at the left, not after an empty column
    page.context.close()
    # the menu still opens on a phone, and leads to every section: a record page's sections are its
    # tabs (no second copy in a drawer), which the menu button slides in and the overlay closes
    phone = open_page(browser, base + "people/mark-esper/", 360, 740, phone=True)
    assert phone.locator(".md-nav--primary").count() == 0
    assert not phone.is_visible(".arc-menu .md-tabs__link >> text=People")
    phone.mouse.wheel(0, 600)  # Material's script hides the tabs once the page scrolls; the menu stays usable
    phone.click("label.md-header__button[for='__drawer']")
    phone.wait_for_timeout(400)
    sections = phone.eval_on_selector_all(".arc-menu .md-tabs__link", "els => els.map(e => e.innerText.trim())")
    assert sections == ["Home", "Archive", "People", "Events", "Organizations", "Corrections", "Tags", "Data",
                        "Search", "About"]
    assert all(phone.is_visible(f".arc-menu .md-tabs__link >> text={name}") for name in sections)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.click("label.md-overlay", position={"x": 340, "y": 400})  # beside the open menu
    phone.wait_for_timeout(400)
    assert not phone.is_visible(".arc-menu .md-tabs__link >> text=People")
    phone.click("label.md-header__button[for='__drawer']")
    phone.wait_for_timeout(400)
    phone.click(".arc-menu .md-tabs__link >> text=People")
    phone.wait_for_load_state()
    assert phone.url == base + "people/"
    phone.context.close()
