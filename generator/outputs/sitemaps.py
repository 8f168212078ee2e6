"""A sitemap index past 50,000 URLs: the sitemap protocol allows at most 50,000 URLs (and 50 MB)
in one sitemap file.

The theme writes `sitemap.xml` (and `sitemap.xml.gz`) with every page. When it lists more than
`LIMIT` URLs, they move, in the theme's order, into `sitemap-1.xml`, `sitemap-2.xml` … of at
most `LIMIT` each, and `sitemap.xml` (and its .gz) becomes the index that lists them, each with
the newest `lastmod` of its URLs. Crawlers read `sitemap.xml` either way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from generator.outputs.downloads import write_gzip
from generator.outputs.publication import Published

LIMIT = 50_000  # URLs in one sitemap file (sitemaps.org protocol)
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def split_sitemap(site_dir: Path, pub: Published) -> int:
    """Turn a sitemap of more than LIMIT URLs into an index of sitemaps; returns how many sitemap
    files there are (1 when nothing was split)."""
    limit = LIMIT
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return 0
    ET.register_namespace("", NS)
    urls = ET.parse(path).getroot().findall(f"{{{NS}}}url")
    if len(urls) <= limit:
        return 1
    index = ET.Element(f"{{{NS}}}sitemapindex")
    runs = [urls[start:start + limit] for start in range(0, len(urls), limit)]
    for number, run in enumerate(runs, start=1):
        name = f"sitemap-{number}.xml"
        part = ET.Element(f"{{{NS}}}urlset")
        part.extend(run)
        _write(site_dir / name, part)
        entry = ET.SubElement(index, f"{{{NS}}}sitemap")
        ET.SubElement(entry, f"{{{NS}}}loc").text = pub.url(name)
        days = [day.text for url in run if (day := url.find(f"{{{NS}}}lastmod")) is not None and day.text]
        if days:
            ET.SubElement(entry, f"{{{NS}}}lastmod").text = max(days)
    _write(path, index)
    # no name or time in the .gz (downloads.write_gzip): the same content builds the same bytes
    write_gzip(site_dir / "sitemap.xml.gz", path.read_bytes())
    return len(runs)


def _write(path: Path, root: ET.Element) -> None:
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")


__all__ = ["LIMIT", "split_sitemap"]
