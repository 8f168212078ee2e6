"""How big a built site is, by kind of output, against the host's limit.

GitHub Pages publishes sites of at most 1 GB (its documented limit), so a build says so
in one line when the site it wrote is larger (a warning, not a failure: the site is
fine elsewhere). The benchmark and the size test read the same table: bytes by output
kind (pages, search index, feeds, calendars, record JSON, downloads, theme, other).
"""

from __future__ import annotations

import os
from pathlib import Path

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_LIMIT = 1_000_000_000

# Output kinds, in the order tables list them
KINDS = ("pages", "search index", "feeds", "calendars", "record JSON", "downloads", "theme", "other")


def output_kind(path: str) -> str:
    """The output kind of a file, from its path relative to the site folder ('/'-separated)."""
    name = path.rsplit("/", 1)[-1]
    top = path.split("/", 1)[0]
    if top == "pagefind":
        return "search index"
    if top == "data":
        return "downloads"
    if top == "assets":
        return "theme"
    if name.endswith(".html"):
        return "pages"
    if name == "feed.xml":
        return "feeds"
    if name.endswith(".ics"):
        return "calendars"
    if name == "index.json":
        return "record JSON"
    return "other"


def sizes_by_kind(site_dir: Path) -> dict[str, tuple[int, int]]:
    """{kind: (files, bytes)} for every file under site_dir, every kind listed (zeros included)."""
    totals = {kind: [0, 0] for kind in KINDS}
    root = str(site_dir)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for name in names:
            entry = totals[output_kind(prefix + name)]
            entry[0] += 1
            entry[1] += os.path.getsize(os.path.join(folder, name))
    return {kind: (files, size) for kind, (files, size) in totals.items()}


def over_limit(total: int, limit: int | None = None) -> str | None:
    """The line a build prints when the site is larger than GitHub Pages publishes, else None."""
    limit = PAGES_LIMIT if limit is None else limit
    if total <= limit:
        return None
    return (f"the site is {_size(total)}, more than the {_size(limit)} GitHub Pages publishes; "
            "it was built, but Pages will not deploy it")


def note_on(site_dir: Path) -> str | None:
    """The line for a built site larger than GitHub Pages publishes (`over_limit`), else None."""
    return over_limit(sum(size for _, size in sizes_by_kind(site_dir).values()))


def _size(count: int) -> str:
    """Bytes as people read them: '1.23 GB', '345.6 MB' (decimal units, as GitHub states its limit)."""
    return f"{count / 1e9:,.2f} GB".replace(".00 GB", " GB") if count >= 1e9 else f"{count / 1e6:,.1f} MB"


__all__ = ["KINDS", "PAGES_LIMIT", "note_on", "output_kind", "over_limit", "sizes_by_kind"]
