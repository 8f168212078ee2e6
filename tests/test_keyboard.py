"""Keyboard-only journeys in Chromium: Tab, Enter, arrow keys and the search shortcuts, nothing
else. Every control focused on the way must show where the focus is (an outline or a box
shadow, from the computed styles), and the skip link must lead past the header and navigation.

The journeys name pages by address (stable: URLs never break) and controls by what they do,
not by markup, so they keep working when pages are redesigned.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browser import CHROMIUM, chromium

if not Path(CHROMIUM).exists():  # CI installs it (.ci/install-test-tools); never skip there
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: run .ci/install-test-tools")
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

# What has focus, and whether a reader can see it. A visually hidden control (Material's colour
# scheme radio) shows its focus on the label that follows it, so that label is looked at too.
FOCUSED = """() => {
  const el = document.activeElement;
  const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const clear = c => c === 'transparent' || /rgba\\([^)]*,\\s*0\\)$/.test(c);
  const ring = e => { const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !clear(s.outlineColor);
    const shadow = s.boxShadow !== 'none' && !clear(s.boxShadow.split(' 0px')[0]);
    return outline || shadow; };
  const next = el.nextElementSibling;
  const candidates = [el, ...(el.labels || []), ...(next && next.tagName === 'LABEL' ? [next] : [])].filter(shown);
  const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.id || '').trim();
  return {tag: el.tagName, type: el.type || '', text: text.slice(0, 60), href: el.href || '',
          visible: candidates.some(ring)};
}"""
PERSON = re.compile(r"/archive/people/[^/]+/$")


@pytest.fixture(scope="module")
def base(seed_served):
    return seed_served[0]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.visited = []  # every element focused during the test
    yield page
    context.close()


def focused(page) -> dict:
    state = page.evaluate(FOCUSED)
    page.visited.append({**state, "url": page.url})
    return state


def tab_until(page, wanted, limit: int = 120) -> dict:
    """Press Tab until the focused element is `wanted`; fails naming what was focused."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        seen.append(state["text"] or state["href"])
        if wanted(state):
            return state
    raise AssertionError(f"not reached with {limit} Tab presses on {page.url}; focused: {seen}")


def assert_focus_always_visible(page) -> None:
    hidden = [f"{v['url']}: {v['tag']} {v['type']} {v['text']!r} {v['href']}" for v in page.visited if not v["visible"]]
    assert hidden == [], "focus not visible on:\n" + "\n".join(hidden)
    assert page.visited


def test_from_the_home_page_to_a_person_with_tab_and_enter(page, base):
    page.goto(base)
    state = tab_until(page, lambda s: s["href"].endswith("/archive/people/") or PERSON.search(s["href"]))
    if not PERSON.search(state["href"]):  # the People index first
        page.keyboard.press("Enter")
        page.wait_for_url(base + "people/")
        state = tab_until(page, lambda s: bool(PERSON.search(s["href"])))
    page.keyboard.press("Enter")
    page.wait_for_url(state["href"])
    assert PERSON.search(page.url)
    assert page.locator("h1").first.inner_text().strip() == state["text"]
    assert_focus_always_visible(page)


@pytest.mark.parametrize("key", ["/", "s"])
def test_header_search_from_the_keyboard_opens_a_result(page, base, key):
    page.goto(base + "about/")
    page.keyboard.press(key)
    box = focused(page)
    assert box["tag"] == "INPUT" and box["type"] in ("search", "text")
    page.keyboard.type("Qasem")
    # results appear as options (no links inside: the WAI-ARIA listbox); the first is his page
    page.wait_for_function("[...document.querySelectorAll('[role=option][data-href]')].some("
                           "o => o.dataset.href.endsWith('/people/qassem-soleimani/') && o.getClientRects().length)")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/archive/people/qassem-soleimani/")
    assert page.locator("h1").first.inner_text().strip() == "Qassem Soleimani"
    assert_focus_always_visible(page)


def test_the_search_page_with_the_keyboard(page, base):
    """Reach the search page from the navigation, type a query, Tab through the filters to a
    result and open it."""
    page.goto(base)
    tab_until(page, lambda s: s["href"].endswith("/archive/search/"))
    page.keyboard.press("Enter")
    page.wait_for_url(base + "search/")
    page.wait_for_load_state("networkidle")
    tab_until(page, lambda s: s["tag"] == "INPUT" and s["type"] in ("search", "text")
              and page.evaluate("!document.activeElement.closest('header')"))
    page.keyboard.type("Esper")
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('main a')].some(a => a.href.endsWith('/people/mark-esper/'))")
    tab_until(page, lambda s: s["href"].endswith("/archive/people/mark-esper/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/archive/people/mark-esper/")
    assert_focus_always_visible(page)


def test_enter_after_typing_keeps_the_results_a_reader_is_tabbing_through(page, base):
    """Typing then Enter asks one question: the results are not drawn again when the typing pause
    ends, so a link the keyboard already focuses stays in the page (it used to drop focus to <body>)."""
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    page.fill("main input[type=search], main input[type=text]", "Esper")
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('main a')].some(a => a.href.endsWith('/people/mark-esper/'))")
    link = page.query_selector("main a[href$='/people/mark-esper/']")
    link.focus()
    page.wait_for_timeout(800)  # past the 200 ms typing pause, and a search's time
    assert page.evaluate("el => el.isConnected && document.activeElement === el", link)


def test_every_control_on_the_search_page_shows_focus(page, base):
    page.goto(base + "search/?q=Esper")
    page.wait_for_function("[...document.querySelectorAll('main a')].some(a => a.href.endsWith('/people/mark-esper/'))")
    tab_until(page, lambda s: s["href"].endswith("/archive/people/mark-esper/"))
    kinds = {(v["tag"], v["type"]) for v in page.visited}
    assert {("INPUT", "checkbox"), ("A", "")} <= kinds  # the filters were passed through
    assert_focus_always_visible(page)


SKIP_PAGES = ["", "people/mark-esper/", "articles/daily-caller-military-tells-iraq-preparing-to-move-out/",
              "events/", "corrections/", "corrections/daily-caller-quads-force-misspelling/", "search/", "about/"]


@pytest.mark.parametrize("url", SKIP_PAGES)
def test_the_skip_link_leads_past_header_and_navigation(page, base, url):
    page.goto(base + url)
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "skip" in skip["text"].lower(), f"the first Tab stop is {skip}"
    assert page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                         " return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 1; })()"), \
        "the focused skip link is not on screen"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.length > 1")
    # the fragment's element becomes the starting point of Tab only once the browser has scrolled
    # to it: wait for that, as a reader's next key press does
    page.wait_for_function("(() => { const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
                           " return !!t && t.getBoundingClientRect().top < innerHeight; })()")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    page.keyboard.press("Tab")
    state = focused(page)
    # the target is where the content starts (at or before the page's title, not its first section)
    assert page.evaluate("""(id) => { const t = document.getElementById(id), h1 = document.querySelector('h1');
        return !!t && (t === h1 || t.contains(h1) || !!(t.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING)); }""",
                         target), f"the skip link leads to #{target}, past the page's title"
    after = page.evaluate("""(id) => { const t = document.getElementById(id), a = document.activeElement;
        return !a.closest('header, .md-tabs, .md-sidebar') && !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); }""", target)
    assert after, f"after skipping to #{target}, Tab focused {state}"
    assert_focus_always_visible(page)
