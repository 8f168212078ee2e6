"""Archived copies of a source: checked by pattern, shown beside the link, carried as archivedAt."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.core import archived

from conftest import MINIMAL, REPO, check
from site_helpers import BuiltSite

WAYBACK = "https://web.archive.org/web/20200106210900/https://www.example.org/news/letter"
ARTICLE = f"""
--- articles/letter.yaml
headline: Letter
outlet: daily-caller
published: 2020-01-06
url: https://www.example.org/news/letter
archived:
  - url: {WAYBACK}
    captured: 2020-01-06T21:09:00Z
  - url: https://archive.ph/AbC12
    captured: 2020-01-06T23:00:00+01:00
--- corrections/letter-fix.yaml
target: letter
at: 2020-01-07
text: The letter was a draft.
source: http://example.org/notice/
archived:
  - url: https://archive.ph/2020.01.07-120000/https://www.example.org/notice
    captured: 2020-01-07T12:00:00Z
"""


def test_archived_copies_of_the_source_check_clean(content):
    content(MINIMAL + ARTICLE)
    assert check() == (0, ["6 records checked, no problems."])


def test_a_copy_must_be_an_archive_s_of_this_page_at_the_time_it_carries(content):
    content(MINIMAL + """
--- articles/letter.yaml
headline: Letter
outlet: daily-caller
published: 2020-01-06
url: https://www.example.org/news/letter
archived:
  - url: https://web.archive.org/web/20200106210900/https://www.example.org/news/other
    captured: 2020-01-06T21:10:00Z
  - url: https://example.org/my-copy
    captured: 2020-01-06
--- corrections/fix.yaml
target: letter
at: 2020-01-07
text: Fixed.
archived:
  - url: https://archive.ph/AbC12
    captured: 2020-01-07T12:00:00Z
""")
    assert check() == (1, [
        "content/articles/letter.yaml:8:10: archived[1].url: 'https://example.org/my-copy': it is not the address "
        "of a Wayback Machine or archive.today copy, such as "
        "https://web.archive.org/web/20200106210900/https://example.org/page or https://archive.ph/AbC12",
        "content/articles/letter.yaml:9:15: archived[1].captured: '2020-01-06' is a day, but this field needs a "
        "time and a UTC offset, e.g. '2020-01-06T09:00:00+00:00'",
        "content/corrections/fix.yaml:4:1: archived: copies of what? this correction has no 'source'; write the "
        "address of the page copied under 'source'",
        "3 problems in 2 files (6 records checked).",
    ])


def test_a_copy_of_another_page_or_time_is_refused_with_its_line(content):
    content(MINIMAL + """
--- articles/letter.yaml
headline: Letter
outlet: daily-caller
published: 2020-01-06
url: https://www.example.org/news/letter
archived:
  - url: https://web.archive.org/web/20200106210900/https://www.example.org/news/other
    captured: 2020-01-06T16:10:00-05:00
""")
    assert check() == (1, [
        "content/articles/letter.yaml:6:10: archived[0].url: is a copy of 'https://www.example.org/news/other', "
        "not of this article's url 'https://www.example.org/news/letter'",
        "content/articles/letter.yaml:7:15: archived[0].captured: '2020-01-06T16:10:00-05:00' is not the capture "
        "time the address carries (2020-01-06T21:09:00Z); write that time",
        "2 problems in 1 file (5 records checked).",
    ])


@given(st.text())
def test_anything_not_an_archive_address_is_refused(text):
    url = f"https://example.org/{text}"
    assert archived.service(url) is None and archived.copy_problem(url) is not None


@pytest.mark.parametrize("url,service,original", [
    (WAYBACK, "Wayback Machine", "https://www.example.org/news/letter"),
    ("https://web.archive.org/web/20200106210900id_/http://example.org/", "Wayback Machine", "http://example.org/"),
    ("https://archive.today/2020.01.06-210900/https://example.org/a", "archive.today", "https://example.org/a"),
    ("https://archive.is/AbC12", "archive.today", None),
    ("https://web.archive.org/web/2020/https://example.org/", None, None),  # not a capture's address
    ("https://archive.ph/<script>", None, None),
    ("https://web.archive.org.evil.example/web/20200106210900/https://example.org/", None, None),
])
def test_addresses_are_read_by_pattern(url, service, original):
    assert (archived.service(url), archived.original_of(url)) == (service, original)


def test_pages_show_archived_copy_beside_the_link_and_json_ld_carries_archived_at(content, tmp_path):
    from generator.mkdocs_adapter import build_site

    folder = content(MINIMAL + ARTICLE)
    build_site(REPO / "mkdocs.yml", tmp_path / "site", folder, 1)
    site = BuiltSite(tmp_path / "site")
    assert site.facts("articles/letter/")["Original"] == (
        "https://www.example.org/news/letter · archived copy (Wayback Machine, captured 6 January 2020, 9:09 p.m. "
        "UTC+00:00) · archived copy (archive.today, captured 6 January 2020, 11:00 p.m. UTC+01:00)")
    original = next(dt for dt in site.article("articles/letter/").select("dl.arc-meta dt") if dt.get_text() == "Original")
    links = [(a.get_text(), a["href"]) for a in original.find_next_sibling("dd").select("a")]
    assert links == [("https://www.example.org/news/letter", "https://www.example.org/news/letter"),
                     ("archived copy", WAYBACK), ("archived copy", "https://archive.ph/AbC12")]
    assert site.facts("corrections/letter-fix/")["Source"] == (
        "http://example.org/notice/ · archived copy (archive.today, captured 7 January 2020, 12:00 p.m. UTC+00:00)")
    graph = json.loads(site.soup("articles/letter/").select_one('script[type="application/ld+json"]').string)
    node = next(n for n in graph["@graph"] if n.get("@type") == "NewsArticle")
    assert node["archivedAt"] == [WAYBACK, "https://archive.ph/AbC12"]
    record = json.loads((tmp_path / "site/articles/letter/index.json").read_text())
    assert record["fields"]["archived"][0] == {"url": WAYBACK, "captured": "2020-01-06T21:09:00Z"}
