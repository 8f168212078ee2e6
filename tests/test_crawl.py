"""Crawl each built site as GitHub Pages serves a project site, under /archive/, from its home
page: every link, script, stylesheet, feed entry and sitemap address answers 200, every
`#anchor` names an element on the page it points to, no address leaves /archive/, and no
script holds up the first paint.

Links are read with html5lib (as a browser parses), feeds and the sitemap with ElementTree.
"""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from browser import free_port, serve
from site_helpers import build

# Where an element names another address: (tag, attribute)
LINKING = [("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
           ("source", "src"), ("iframe", "src"), ("form", "action")]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Fetched:
    status: int
    type: str = ""
    ids: set[str] | None = None  # element ids, for HTML pages
    blocking: list[str] = field(default_factory=list)  # scripts that stop the parser (and first paint)
    links: list[str] = field(default_factory=list)
    redirect: bool = False  # an HTML page that only sends the reader on (a renamed record's old address)


def absolute(base: str, link: str) -> str:
    """`link` resolved against `base` and percent-encoded as a browser sends it (an href may hold
    non-ASCII characters, e.g. a tag's page `tags/日本/`)."""
    return quote(urljoin(base, link.strip()), safe=":/?#[]@!$&'()*+,;=%~")


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def _html(body: bytes) -> Fetched:
    soup = BeautifulSoup(body, "html5lib")
    ids = {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
    links = [el[attr] for tag, attr in LINKING for el in soup.find_all(tag, attrs={attr: True})]
    refresh = soup.find_all("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"})
    for meta in refresh:
        _, _, target = meta.get("content", "").partition("url=")
        links.append(target.strip())
    blocking = [el["src"] for el in soup.find_all("script", src=True)
                if not el.has_attr("defer") and not el.has_attr("async") and el.get("type") != "module"]
    return Fetched(200, "text/html", ids=ids, links=links, blocking=blocking, redirect=bool(refresh))


def _xml(body: bytes) -> list[str]:
    """Addresses in an Atom feed (entry and feed links) or a sitemap (loc)."""
    root = ET.fromstring(body)
    return [el.get("href") for el in root.iter(ATOM + "link")] + [el.text for el in root.iter(SITEMAP + "loc")]


def crawl(base: str, extra: tuple[str, ...] = ()) -> tuple[dict[str, Fetched], list[str]]:
    """Every address reachable from `base` and the `extra` entry points (relative to it): what
    each answered, and each problem as 'page: link: what is wrong'."""
    prefix = urlsplit(base)
    seen: dict[str, Fetched] = {}
    anchors: list[tuple[str, str, str]] = []  # (page, link, target without fragment)
    problems: list[str] = []
    queue = [(base, "(start)", base)] + [(absolute(base, url), "(start)", url) for url in extra]
    while queue:
        url, page, href = queue.pop()
        target, _, fragment = url.partition("#")
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https"):
            continue  # mailto:, data:, javascript: never reach here (the pipeline drops them)
        if parts.netloc != prefix.netloc:
            continue  # another site (sources, sameAs): not ours to check, and no network here
        if not parts.path.startswith(prefix.path):
            problems.append(f"{page}: {href}: leaves {prefix.path} (resolves to {parts.path})")
            continue
        if fragment:
            anchors.append((page, href, target))
        if target in seen:
            continue
        status, kind, body = _fetch(target)
        if status != 200:
            seen[target] = Fetched(status)
            problems.append(f"{page}: {href}: HTTP {status}")
            continue
        if kind == "text/html":
            seen[target] = _html(body)
            # performance: a script without defer holds up the first paint of every page
            problems += [f"{target}: {src}: a script that blocks rendering (add defer)" for src in seen[target].blocking]
        elif kind in ("application/atom+xml", "application/xml", "text/xml") and body.lstrip().startswith(b"<"):
            seen[target] = Fetched(200, kind, links=_xml(body))
        else:
            seen[target] = Fetched(200, kind)
        for link in seen[target].links:
            queue.append((absolute(target, link), target, link))
    for page, href, target in anchors:
        fetched = seen[target]
        fragment = unquote(absolute(page, href).partition("#")[2])
        if fetched.status == 200 and fetched.ids is not None and fragment not in fetched.ids:
            problems.append(f"{page}: {href}: no element with id {fragment!r} on {target}")
    return seen, sorted(set(problems))


def _served_site(tmp_path: Path, content: Path):
    port = free_port()
    site = tmp_path / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", f"http://127.0.0.1:{port}/archive/")
        build(content, site)
    return site, port


def reachable(seen: dict[str, Fetched], start: str) -> set[str]:
    """The addresses reached from `start` by following links (fragments dropped)."""
    out, queue = set(), [start]
    while queue:
        url = queue.pop()
        if url in out or url not in seen:
            continue
        out.add(url)
        queue += [absolute(url, link).partition("#")[0] for link in seen[url].links]
    return out


def _assert_clean(site: Path, port: int) -> None:
    with serve(site, port) as base:
        _assert_clean_at(site, base)


def _assert_clean_at(site: Path, base: str) -> None:
    # Entry points besides the home page: the sitemap, and every address the build published
    # (urls.txt), so that renamed records' old addresses, which nothing links to, are checked too.
    published = tuple(url.lstrip("/") for url in (site / "urls.txt").read_text(encoding="utf-8").split())
    seen, problems = crawl(base, ("sitemap.xml", *published))
    print("\n".join(problems))
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems)
    # every page the build wrote is reached from the home page by following links, except
    # old addresses that only redirect
    pages = {absolute(base, posixpath.relpath(p.parent, site) + "/") for p in site.rglob("index.html")}
    unreached = pages - reachable(seen, base)
    assert sorted(url for url in unreached if not seen[url].redirect) == []
    assert len(pages) > 10 and pages <= set(seen)


def test_seed_site_has_no_broken_link_or_anchor_under_a_sub_path(seed_served):
    base, site = seed_served
    _assert_clean_at(site, base)


def test_hostile_site_has_no_broken_link_or_anchor(tmp_path):
    from test_build_safety import hostile_tree

    _assert_clean(*_served_site(tmp_path, hostile_tree(tmp_path / "content")))


def test_hungarian_site_has_no_broken_link_or_anchor(tmp_path):
    from test_languages import HUNGARIAN

    from conftest import write_tree

    _assert_clean(*_served_site(tmp_path, write_tree(tmp_path / "content", HUNGARIAN)))


def test_the_crawler_reports_what_is_broken(tmp_path):
    """The check itself: a missing page, a missing anchor and a link out of /archive/ are each found."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><h1 id="top">t</h1><a href="gone/">x</a> <a href="#nowhere">y</a>'
        ' <a href="/elsewhere/">z</a> <a href="#top">ok</a> <a href="https://example.org/">out</a>', encoding="utf-8")
    with serve(tmp_path) as base:
        _, problems = crawl(base, extra=())
    assert problems == [
        f"{base}: #nowhere: no element with id 'nowhere' on {base}",
        f"{base}: /elsewhere/: leaves /archive/ (resolves to /elsewhere/)",
        f"{base}: gone/: HTTP 404",
    ]
