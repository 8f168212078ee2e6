"""Pagers in a real browser: the seed archive built with two entries a page, served under a
sub-path; axe finds nothing, the keyboard reaches and follows the pager, phones do not scroll
sideways, and the current page is marked by more than colour."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.mkdocs_adapter import build_site

from browser import CHROMIUM, chromium, free_port, serve
from conftest import REPO

if not Path(CHROMIUM).exists():  # CI installs it (.ci/install-test-tools); never skip there
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: run .ci/install-test-tools")
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

PAGED = ["corrections/", "corrections-log/2/", "people/mark-esper/", "people/mark-esper/2/", "tags/iraq/",
         "archive/", "archive/2020-01/3/", "people/", "people-a-z/m/", "tags/"]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The seed archive with `page_size: 2`: its own copy of mkdocs.yml and site_config."""
    root = tmp_path_factory.mktemp("paged")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_config", root / "site_config")
    shutil.copytree(REPO / "content", root / "content")
    settings = root / "site_config/archive.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "page_size: 2\n", encoding="utf-8")
    port = free_port()
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/archive/"
    try:
        build_site(root / "mkdocs.yml", root / "site")
    finally:
        os.environ.pop("SITE_URL") if previous is None else os.environ.__setitem__("SITE_URL", previous)
    with serve(root / "site", port) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGED)
def test_paged_pages_have_no_accessibility_violations(browser, base, url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    assert page.goto(base + url).status == 200
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    context.close()
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_the_keyboard_reaches_the_pager_and_follows_next(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "corrections/")
    for _ in range(200):  # Tab through the page until the pager's "Next" has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("Tab never reached the pager's Next link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url(base + "corrections-log/2/")
    current = page.locator('nav.arc-pager a[aria-current="page"]')
    assert current.inner_text() == "2" and current.get_attribute("aria-label") == "Page 2"
    # the current page differs from the others by weight, not only by colour
    weights = page.evaluate("[...document.querySelectorAll('nav.arc-pager a[aria-label]')]"
                            ".map(a => getComputedStyle(a).fontWeight)")
    assert weights[1] == "700" and weights[0] != "700"
    assert page.locator('nav.arc-pager a[rel="prev"]').get_attribute("href") == "../../corrections/"
    context.close()


@pytest.mark.parametrize("url", ["people/mark-esper/", "corrections-log/2/", "archive/"])
def test_pagers_fit_a_360px_phone(browser, base, url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(base + url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
