"""What a build writes besides its pages, independent of the builder: the search index
(made in a forked process while the pages render), the data outputs, redirect pages."""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Collection
from functools import partial
from pathlib import Path

from generator.build.shards import EVERYTHING, Shard
from generator.core.parallel import Forked
from generator.outputs.calendars import write_calendars
from generator.outputs.citation_files import write_citations
from generator.outputs.feeds import write_feeds
from generator.outputs.opendata import write_open_data
from generator.outputs.publication import Published
from generator.outputs.search import search_records
from generator.outputs.search_index import write_index
from generator.site.questions import Site

# The archive as data: records as JSON/JSON Lines/SQLite, Atom feeds, iCalendar files, citations
DATA_OUTPUTS = (write_open_data, write_feeds, write_calendars, write_citations)


def data_share(shard: Shard) -> list[int]:
    """The positions in DATA_OUTPUTS of the outputs this build writes (a shard of a split build: its share)."""
    return [position for position in range(len(DATA_OUTPUTS)) if shard.takes(position)]


def write_data(published: Published, site_dir: Path, positions: Collection[int]) -> tuple[int, ...]:
    """Write the data outputs at these positions of DATA_OUTPUTS; how many of each were written, 0 for
    those left to others."""
    return tuple(write(published, site_dir) if position in positions else 0
                 for position, write in enumerate(DATA_OUTPUTS))


class DataJobs:
    """The data outputs in forked processes beside the theme's: the share of this build dealt over
    `workers` of them (every `workers`-th output each), so that when the pages are written the
    outputs still being made use every core, not one."""

    def __init__(self, published: Published, site_dir: Path, shard: Shard, workers: int):
        mine = data_share(shard)
        groups = [set(mine[start::workers]) for start in range(min(workers, len(mine)))]
        self.jobs = [Forked(partial(write_data, published, site_dir, group)) for group in groups]

    def result(self) -> tuple[int, ...]:
        try:
            counts = [job.result() for job in self.jobs]
        except BaseException:
            self.cancel()  # the others are stopped, not left writing into a folder about to go
            raise
        return tuple(sum(column) for column in zip(*counts, strict=True)) if counts else (0,) * len(DATA_OUTPUTS)

    def cancel(self) -> None:
        for job in self.jobs:
            job.cancel()


class SearchIndexJob:
    """The Pagefind index, made in a forked process from the start of a parallel build
    (search documents come from the records, not the rendered pages), else at the end."""

    def __init__(self, site: Site, site_dir: Path, background: bool, shard: Shard = EVERYTHING):
        self.site, self.shard = site, shard
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-search-", dir=site_dir.parent))
        self.job = Forked(self._index) if background else None

    def _index(self) -> int:
        return write_index(search_records(self.site), self.scratch / "pagefind", self.site.settings.language,
                           self.shard.share)  # an unsplit build's share is every bundle

    def result(self, site_dir: Path) -> int:
        try:
            count = self.job.result() if self.job else self._index()
            shutil.rmtree(site_dir / "pagefind", ignore_errors=True)  # a preview's previous index
            shutil.move(str(self.scratch / "pagefind"), str(site_dir / "pagefind"))
            return count
        finally:
            self.discard()

    def discard(self) -> None:
        if self.job:
            self.job.cancel()
        shutil.rmtree(self.scratch, ignore_errors=True)


def redirect_html(old: str, new: str, address: str | None = None) -> str:
    """A page at an old url that sends readers (and search engines) to the new one. Its canonical
    link is the new page's absolute `address` (a relative one would be read against the old page);
    without a site address there is none, and `noindex` keeps the old page out of search."""
    depth = old.rstrip("/").count("/") + 1
    target = html.escape("../" * depth + new)
    canonical = f'<link rel="canonical" href="{html.escape(address)}">' if address else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title>{canonical}'
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<meta name="robots" content="noindex"></head><body><p>This page has moved to '
            f'<a href="{target}">{target}</a>.</p></body></html>\n')


__all__ = ["DATA_OUTPUTS", "DataJobs", "SearchIndexJob", "data_share", "redirect_html", "write_data"]
