"""A preview that rebuilds only what an edit touches, and ends up equal to a full build.

Between two builds of one `mkdocs serve` session the previous build is kept: every
file's read (parsed, validated), every page and every page head. After an edit only
the changed files are read again; the archive is assembled and checked whole (cheap,
and cross-record problems stay exact); and only the pages that can show a changed
record are rendered again:

- the pages of each changed record (its id before and after the edit);
- the pages of records within two references of it, both directions, in the graph
  before and after the edit (a person's page lists their quotes with each quote's
  article; a correction's title shows on its target's referrers' pages);
- the quotes of the same statement or remarks (groups joined by same_as);
- the pages of lists that show one of those records (`Renderer.jobs_showing`), and
  the first page of every top index page;
- everything, when something every page depends on changed (templates, settings,
  the set of tags).

A page rendered again but equal to the one before is not written again. Tests
compare an incremental build with a full one after each kind of edit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from generator.core.archive import Archive, _Read, assemble, read_files
from generator.core.parallel import fork_map
from generator.core.problems import ContentError
from generator.core.settings import Settings, load_settings
from generator.core.sources import discover
from generator.render.pages import INDEX_PAGES, Job, Page, Renderer
from generator.site.questions import Site

HOPS = 2


def stamps(paths: Iterable[str | Path]) -> dict[str, tuple[int, int]]:
    """What says a file changed: its modification time and size."""
    found = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


def template_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())


@dataclass
class Built:
    """One build, kept for the next: what was read, and what was rendered from it."""

    content: dict[str, tuple[int, int]]  # content file → stamp
    others: dict[str, tuple[int, int]]  # settings and templates → stamp
    reads: dict[str, _Read]  # content file → its read
    renderer: Renderer
    pages: dict[Job, Page]
    heads: dict[str, dict]  # page uri → its head values

    @cached_property
    def record_jobs(self) -> dict[str, list[Job]]:
        return record_jobs(self.pages)

    @property
    def site(self) -> Site:
        return self.renderer.site


def changed_files(before: Built | None, content: dict[str, tuple[int, int]],
                  others: dict[str, tuple[int, int]]) -> list[str] | None:
    """Content files that are new or changed since `before`; None when everything must be redone."""
    if before is None or others != before.others:
        return None
    return [path for path, stamp in content.items() if before.content.get(path) != stamp]


def changed_ids(before: Built, reads: dict[str, _Read], changed: list[str]) -> set[str]:
    """Ids of the records in changed, added or removed files, as they were and as they are."""
    ids = set()
    for path in set(changed) | (set(before.reads) - set(reads)):
        for read in (before.reads.get(path), reads.get(path)):
            if read is not None:
                ids.add(read.source.id)
    return ids


def near(archives: Iterable[Archive], ids: set[str], hops: int = HOPS) -> set[str]:
    """`ids` and every record within `hops` references of one (either way), in any of the archives."""
    found = set(ids)
    for archive in archives:
        frontier = set(ids)
        for _ in range(hops):
            frontier = {other for one in frontier
                        for other in (*archive.named.get(one, ()), *(ref.source for ref in archive.back.get(one, ())))}
            frontier -= found
            found |= frontier
    return found


def affected_records(before: Built, site: Site, ids: set[str]) -> set[str] | None:
    """The records whose pages can show one of the changed records; None: every record."""
    if site.tag_anchors != before.site.tag_anchors:  # tag links on many pages
        return None
    records = near((before.site.archive, site.archive), ids)
    for group in (site._wordings, site._remarks, before.site._wordings, before.site._remarks):
        records |= {member for record in list(records) for member in group.get(record, ())}
    return records


def affected_jobs(before: Built, renderer: Renderer, jobs: list[Job], ids: set[str],
                  records: set[str] | None) -> set[Job]:
    """The jobs whose pages can show one of the changed records, and pages that are new."""
    if records is None:
        return set(jobs)
    # the first page of every top index page (they are small, and some name sample records), and the
    # pages of lists that show one of the records, as they were before the edit and as they are now:
    # a list's line shows other records too (a quote's line its speaker), hence every nearby record
    index: set[Job] = {("index", uri) for uri in INDEX_PAGES}
    for one in (before.renderer, renderer):
        for record_id in records:
            record = one.site.public.get(record_id)
            if record is not None:
                index |= one.jobs_showing(record, len(ids))
    return {job for job in jobs if (job[0] == "record" and job[1] in records)
            or job in index or job not in before.pages}


def record_jobs(jobs: Iterable[Job]) -> dict[str, list[Job]]:
    """Each record's jobs (its page, and pages 2, 3 … of a long person or organization page)."""
    found: dict[str, list[Job]] = {}
    for job in jobs:
        if job[0] == "record":
            found.setdefault(job[1], []).append(job)
    return found


def kept_jobs(before: Built | None, records: set[str] | None) -> dict[str, list[Job]]:
    """The jobs of the records an edit cannot change, as the build before listed them.

    Working out how many pages a person or organization has means gathering everything their page
    lists, for every one of them (10,000 records: 0.3 s); a record outside `records` keeps its page
    as it was (affected_jobs), so it keeps its page count too."""
    if before is None or records is None:
        return {}
    return {key: jobs for key, jobs in before.record_jobs.items() if key not in records}


class Preview:
    """The builds of one preview session: each one reuses what the one before it made."""

    def __init__(self) -> None:
        self.built: Built | None = None
        self.fresh: set[str] = set()  # uris of the pages this build must write
        self.removed: set[str] = set()  # uris of the pages the previous build had and this one has not
        self.everything = True  # whether this build writes every page again

    def load(self, content_dir: Path, settings_file: Path, watched: list[Path]) -> tuple[Settings, Archive]:
        """Read what changed, assemble and check the whole archive; ContentError on any problem."""
        settings = load_settings(settings_file)
        files, problems = discover(content_dir)
        content = stamps(shown for shown, _ in files)
        others = stamps([settings_file, *watched])
        changed = changed_files(self.built, content, others)
        if changed is None:
            reads = dict(zip((shown for shown, _ in files), read_files(files, settings), strict=True))
        else:
            todo = set(changed)
            # changed_files names changes only against a build before: self.built is not None
            reads = {shown: self.built.reads[shown] for shown, _ in files if shown not in todo}  # type: ignore[union-attr]
            again = [(shown, kind) for shown, kind in files if shown in todo]
            reads.update(zip((shown for shown, _ in again), read_files(again, settings), strict=True))
        archive, found = assemble([reads[shown] for shown, _ in files])
        if problems or found:
            self.built = None  # an edit may be half-saved: the next build starts afresh
            raise ContentError(problems + found, len(files))
        if self.built is not None and archive.withheld != self.built.site.archive.withheld:
            changed = None  # an embargo lifted (or an edit changed one): records appear on many lists
        self._pending = (content, others, reads, changed)
        return settings, archive

    def renderer(self, site: Site, templates: Path, base: str = "") -> Renderer:
        """A renderer that knows the newest days of the pages the edit cannot change."""
        content, others, reads, changed = self._pending
        self._records = None
        self._ids: set[str] = set()
        if changed is not None and self.built is not None:
            self._ids = changed_ids(self.built, reads, changed)
            self._records = affected_records(self.built, site, self._ids)
        days = {}
        if self._records is not None:  # set only with a build before (self.built)
            days = {key: day for key, day in self.built.renderer.updated.items()  # type: ignore[union-attr]
                    if key not in self._records}
        return Renderer(site, templates, days, base)

    def pages(self, renderer: Renderer, workers: int) -> list[Page]:
        """Every page in job order: those the edit can change rendered again, the rest kept."""
        before = self.built
        jobs = renderer.jobs(kept_jobs(before, self._records))
        if before is None or self._pending[3] is None:
            todo = jobs
        else:
            wanted = affected_jobs(before, renderer, jobs, self._ids, self._records)
            todo = [job for job in jobs if job in wanted]
        rendered = dict(zip(todo, fork_map(renderer.render, todo, workers), strict=True))
        pages = []
        for job in jobs:
            page = rendered.get(job)
            if page is None:  # kept: only its newest day can have moved (the archive's newest)
                page = before.pages[job]  # type: ignore[union-attr]  # without a build before, all are rendered
                if page.updated != renderer.updated_of(job):
                    page = replace(page, updated=renderer.updated_of(job))
            pages.append(page)
        self._renderer, self._by_job = renderer, dict(zip(jobs, pages, strict=True))
        return pages

    def heads(self, pages: dict[str, Page], head_of: Callable[[str], dict], workers: int) -> dict[str, dict]:
        """Every page's head: made again for the pages rendered again. Notes which pages to write."""
        before = self.built
        old_pages = {page.uri: page for page in before.pages.values()} if before else {}
        redo = [uri for uri, page in pages.items() if before is None or old_pages.get(uri) is not page]
        heads = dict(before.heads) if before else {}
        heads.update(zip(redo, fork_map(head_of, redo, workers), strict=True))
        heads = {uri: heads[uri] for uri in pages}
        # after a change every page depends on (settings, mkdocs.yml, the theme's overrides) every page
        # is written again: its body may be the same, and what the theme puts around it not
        self.everything = everything = before is None or self._pending[3] is None
        self.fresh = {uri for uri in redo if everything or old_pages.get(uri) != pages[uri]
                      or (before is not None and before.heads.get(uri) != heads[uri])}
        self.removed = set(old_pages) - set(pages)
        self._heads = heads
        return heads

    def commit(self) -> None:
        """The build succeeded: the next one starts from it."""
        content, others, reads, _ = self._pending
        self.built = Built(content, others, reads, self._renderer, self._by_job, self._heads)

    def forget(self) -> None:
        """The build failed: the next one starts afresh."""
        self.built = None


__all__ = [
    "Built",
    "Preview",
    "affected_jobs",
    "affected_records",
    "changed_files", "changed_ids",
    "kept_jobs",
    "near",
    "record_jobs",
    "stamps",
    "template_files",
]
