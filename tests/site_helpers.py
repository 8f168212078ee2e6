"""Building sites in tests and reading their pages with BeautifulSoup."""

from __future__ import annotations

import gzip
import posixpath
import re
import sqlite3
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO


def build(content_dir: Path, site_dir: Path) -> None:
    from generator.mkdocs_adapter import build_site

    build_site(REPO / "mkdocs.yml", site_dir, content_dir)


def download_lines(site: Path) -> list[str]:
    """The lines of a built site's JSON Lines download (data/archive.jsonl.gz)."""
    return gzip.decompress((site / "data/archive.jsonl.gz").read_bytes()).decode("utf-8").splitlines()


def download_db(site: Path) -> sqlite3.Connection:
    """A built site's SQLite download (data/archive.sqlite.gz), unpacked into memory."""
    db = sqlite3.connect(":memory:")
    db.deserialize(gzip.decompress((site / "data/archive.sqlite.gz").read_bytes()))
    return db


def unpacked_db(site: Path, folder: Path) -> Path:
    """A built site's SQLite download as a researcher has it after `gunzip`: folder/archive.sqlite."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "archive.sqlite").write_bytes(gzip.decompress((site / "data/archive.sqlite.gz").read_bytes()))
    return folder / "archive.sqlite"


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str):
        """The page's main content (without header, nav and footer)."""
        return self.soup(url).select_one("article.md-content__inner")

    def text(self, url: str) -> str:
        return " ".join(self.article(url).get_text(" ").split())

    def facts(self, url: str) -> dict[str, str]:
        """The facts list at the top of a record page: label → text."""
        return {" ".join(dt.get_text(" ").split()): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
                for dt in self.article(url).select("dl.arc-meta dt")}

    def links(self, url: str) -> set[str]:
        """Site URLs (like 'people/mark-esper/') the page's content links to."""
        out = set()
        for a in self.article(url).select("a[href]"):
            href = a["href"].split("#")[0]
            if not href or re.match(r"^[a-z]+:", href):
                continue
            out.add(posixpath.normpath(posixpath.join(url, href)).lstrip("./") + "/")
        return out

    def urls(self) -> list[str]:
        return sorted(p.parent.relative_to(self.root).as_posix() + "/"
                      for p in self.root.rglob("index.html") if p.parent != self.root)
