"""axe-core (WCAG 2 A/AA rules and best practices: contrast, names, roles, landmarks…) finds
nothing on any page type of the seed archive, in the light and the dark colour scheme.

One page per type, served under /archive/ as GitHub Pages serves a project site. The search
page is checked with its results shown; the open header dropdown is tested with search.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from browser import CHROMIUM, chromium
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import lighthouse  # noqa: E402

if not Path(CHROMIUM).exists():  # CI installs it (.ci/install-test-tools); never skip there
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: run .ci/install-test-tools")
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

# the page types Lighthouse measures (bench/lighthouse.py), and the 404 page
PAGE_TYPES = {**lighthouse.PAGE_TYPES, "not found": "no/such/page/"}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's scheme


@pytest.fixture(scope="module")
def base(seed_served):
    return seed_served[0]


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_page(request, base):
    """One browser tab per colour scheme, reused for every page type."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
        page = context.new_page()
        page.failed = []  # requests answered with an error (each also a console error)
        page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.status} {r.url}"))
        yield request.param, page
        context.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_accessibility_violations(scheme_page, base, kind):
    from axe_playwright_python.sync_playwright import Axe

    scheme, page = scheme_page
    page.failed.clear()
    page.goto(base + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    if kind == "search":  # the results, not only the empty page
        page.wait_for_function("[...document.querySelectorAll('main a')].some(a => a.href.endsWith('/people/mark-esper/'))")
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    violations = Axe().run(page).response["violations"]
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert found == [], f"{kind} page ({PAGE_TYPES[kind]}) in {scheme} mode:\n" + "\n".join(found)
    # nothing the page asks for is missing (the 404 page is itself the answer to a missing page)
    assert page.failed == ([f"404 {base}{PAGE_TYPES[kind]}"] if kind == "not found" else [])
