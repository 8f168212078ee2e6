"""URLs are parsed (urllib.parse, then as a browser reads them: WHATWG, ada-url): http(s) with a host, a
numeric port, nothing that could end a link early, and nothing a browser reads as another host. Each
refusal names the field, where it is, and what to do."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.core.addresses import relative_url
from generator.core.fields import _http_url

from conftest import check

FULL = "use a full http(s) URL such as 'https://example.org/page'"


def test_each_bad_url_is_reported_where_it_is_written(content):
    content("""
--- people/x.yaml
name: X
same_as:
  - https://example.org/<svg>
  - "https://example.org/a b"
  - https://example.org:8o80/
  - 'https://'
  - https://user@/page
--- organizations/o.yaml
name: O
url: "https://example.org/`x"
same_as: ["https://example.org/\\"onmouseover=\\"x", 'https://[::1/', "https://ex.org/a\\nb"]
--- corrections/c.yaml
target: x
at: 2020-01-06
text: t
source: "https://example.org/it's"
""")
    assert check() == (1, [
        "content/corrections/c.yaml:4:9: source: 'https://example.org/it's' is not a web address: the character "
        "\"'\" is not allowed in a URL; write it percent-encoded (%27)",
        "content/organizations/o.yaml:2:6: url: 'https://example.org/`x' is not a web address: the character '`' "
        "is not allowed in a URL; write it percent-encoded (%60)",
        "content/organizations/o.yaml:3:11: same_as[0]: 'https://example.org/\"onmouseover=\"x' is not a web "
        "address: the character '\"' is not allowed in a URL; write it percent-encoded (%22)",
        f"content/organizations/o.yaml:3:52: same_as[1]: 'https://[::1/' is not a web address: it cannot be read "
        f"(Invalid IPv6 URL); {FULL}",
        "content/organizations/o.yaml:3:69: same_as[2]: 'https://ex.org/a\\nb' is not a web address: a line break "
        "is not allowed in a URL; write it percent-encoded (%0A)",
        "content/people/x.yaml:3:5: same_as[0]: 'https://example.org/<svg>' is not a web address: the character "
        "'<' is not allowed in a URL; write it percent-encoded (%3C)",
        "content/people/x.yaml:4:5: same_as[1]: 'https://example.org/a b' is not a web address: a space is not "
        "allowed in a URL; write it percent-encoded (%20)",
        "content/people/x.yaml:5:5: same_as[2]: 'https://example.org:8o80/' is not a web address: the port '8o80' "
        "is not a number from 0 to 65535",
        f"content/people/x.yaml:6:5: same_as[3]: 'https://' is not a web address: it has no host name; {FULL}",
        f"content/people/x.yaml:7:5: same_as[4]: 'https://user@/page' is not a web address: it has no host name; "
        f"{FULL}",
        "10 problems in 3 files (3 records checked).",
    ])


@pytest.mark.parametrize("url, problem", [
    ("javascript:alert(1)", FULL),
    ("javascript:alert('x')", FULL),
    ("ftp://example.org/file", FULL),
    ("//example.org/page", FULL),
    ("example.org", FULL),
    ("https:example.org", f"it has no host name; {FULL}"),
    ("https:///page", f"it has no host name; {FULL}"),
    ("https://:80/", f"it has no host name; {FULL}"),
    ("https://exa mple.org/", "a space is not allowed in a URL; write it percent-encoded (%20)"),
    (" https://example.org/", "a space is not allowed in a URL; write it percent-encoded (%20)"),
    ("https://example.org/\t", "a tab is not allowed in a URL; write it percent-encoded (%09)"),
    ("https://example.org/a\u00a0b", "the character U+00A0 is not allowed in a URL; write it percent-encoded "
                                     "(%C2%A0)"),
    ("https://example.org/a\u2028b", "the character U+2028 is not allowed in a URL; write it percent-encoded "
                                     "(%E2%80%A8)"),
    ("https://example.org/>", "the character '>' is not allowed in a URL; write it percent-encoded (%3E)"),
    ("https://example.org:99999/", "the port '99999' is not a number from 0 to 65535"),
    ("https://example.org:-1/", "the port '-1' is not a number from 0 to 65535"),
    ("https://user:pw@[::1]:x/", "the port 'x' is not a number from 0 to 65535"),
    # read as a browser reads it (WHATWG): the host check names is the host a reader goes to
    ("https://user:pw@example.org/", "it names a user before its host ('…@example.org'), which only serves to "
                                     "make a link look like another site's; write the address without it"),
    ("https://trusted.example@evil.example/", "it names a user before its host ('…@evil.example'), which only "
                                              "serves to make a link look like another site's; write the "
                                              "address without it"),
    ("https://trusted.example\\@evil.example/", "a browser reads the backslash '\\' as '/' (so the host may "
                                                "not be the one written); write '/' or, in a path, %5C"),
    ("https://example.org/a\\b", "a browser reads the backslash '\\' as '/' (so the host may not be the one "
                                 "written); write '/' or, in a path, %5C"),
    ("https://exa%mple.org/", "a browser cannot read it as a web address; " + FULL),
])
def test_refused(url, problem):
    with pytest.raises(ValueError) as error:
        _http_url(url)
    shown = url if url.isprintable() else url.encode("unicode_escape").decode("ascii")
    assert error.value.message() == f"'{shown}' is not a web address: {problem}"


@pytest.mark.parametrize("url", [
    "https://example.org",
    "http://example.org/page",
    "HTTPS://EXAMPLE.ORG/Page",
    "https://www.wikidata.org/wiki/Q7747",
    "https://example.org:8080/a/b?q=1&r=%3Csvg%3E#part",
    "https://[2001:db8::1]:443/",
    "https://xn--bcher-kva.example/",
    "https://bücher.example/straße",
])
def test_accepted_exactly_as_written(url):
    assert _http_url(url) == url


SEGMENTS = st.lists(st.sampled_from(["people", "quotes", "mark-esper", "2", "a"]), max_size=4)


@given(SEGMENTS, SEGMENTS)
def test_links_between_pages_are_what_relpath_says(here, there):
    """Page links are computed on URL segments (fast); they must agree with posixpath.relpath."""
    from_url, to_url = "".join(f"{s}/" for s in here), "".join(f"{s}/" for s in there)
    rel = posixpath.relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    assert relative_url(from_url, to_url) == ("./" if rel == "." else rel + "/")


ONE_TAG = """
--- people/p.yaml
name: P
tags: [ünlü]
--- events/e.yaml
title: E
date: 2020-01-06
tags: [ünlü]
people: [p]
"""


def test_every_output_names_a_page_by_one_address(tmp_path):
    """A tag with letters outside ASCII: the canonical link, the sitemap, Open Graph, JSON-LD, the tag's
    feed and urls.txt all give its page the same address, percent-encoded once (RFC 3986)."""
    import json
    import xml.etree.ElementTree as ET

    import feedparser
    from bs4 import BeautifulSoup

    from conftest import write_tree
    from site_helpers import build

    site = tmp_path / "site"
    build(write_tree(tmp_path / "content", ONE_TAG), site)
    base = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url
    address = base + "tags/%C3%BCnl%C3%BC/"
    page = BeautifulSoup((site / "tags/ünlü/index.html").read_text("utf-8"), "html.parser")
    found = {
        "canonical": page.select_one('link[rel="canonical"]')["href"],
        "og:url": page.select_one('meta[property="og:url"]')["content"],
        "JSON-LD": next(node["url"] for node in json.loads(page.select_one('script[type="application/ld+json"]')
                                                          .string)["@graph"] if node["@id"].endswith("#webpage")),
    }
    feed = feedparser.parse((site / "tags/ünlü/feed.xml").read_bytes()).feed
    found["feed"] = next(link.href for link in feed.links if link.rel == "alternate")
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    found["sitemap"] = next(loc for loc in locs if loc.startswith(base + "tags/%"))
    found["urls.txt"] = base[:-1] + next(u for u in (site / "urls.txt").read_text("utf-8").split() if "%" in u)
    assert found == dict.fromkeys(found, address)
    assert feed.id == address + "feed.xml"
    everything = "".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*")
                         if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt", ".ics"})
    assert base + "tags/ünlü" not in everything  # never the raw form in an absolute address
