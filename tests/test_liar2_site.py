"""A real archive at scale: LIAR2's 4,593 fact-checked statements by about 1,600 speakers.

The converted tree builds strictly, and every speaker's page lists exactly their quotes.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

import pytest
from test_liar2_import import CSVS, DATA

from generator.core.archive import load
from generator.core.settings import Settings
from generator.importers.liar2 import convert

from site_helpers import BuiltSite, build

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


def test_quote_pages_show_the_politifact_dispute(liar2):
    archive, site = liar2
    disputed = next(r for r in archive.records.values() if r.kind == "correction")
    target = archive.records[disputed.target]
    notice = site.article(f"quotes/{target.id}/").select_one(".arc-notice")
    assert "PolitiFact rated this statement" in notice.get_text()
