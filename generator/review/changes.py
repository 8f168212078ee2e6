"""What a change does to the site: records added, changed (field by field) and removed, pages
and URLs added, changed and removed, corrections added — for a pull request's reviewer.

The base is a git ref (its content/ is read with one `git archive`, and its pages rendered
with today's templates, so a page counts as changed only when its records did) or a published
site folder (its data/archive.jsonl and urls.txt: records and URLs, no pages).
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.archive import load_or_raise
from generator.core.kinds import KIND
from generator.core.settings import Settings
from generator.outputs import downloads, urls_kept
from generator.outputs.opendata import written_fields
from generator.render.pages import render_site


class BaseError(Exception):
    """The base cannot be read; the message says why."""


@dataclass
class Snapshot:
    """One side of the comparison: records' written fields, pages' bodies, published URLs."""

    records: dict[str, tuple[str, dict[str, Any]]]  # id → (kind, fields as written)
    urls: set[str]
    pages: dict[str, str] | None = None  # URL → HTML body; None when the side has no pages


@dataclass
class Changes:
    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, id)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, list[tuple[str, Any, Any]]]] = field(default_factory=list)  # field, old, new
    pages: tuple[list[str], list[str], list[str]] | None = None  # added, changed, removed
    urls: tuple[list[str], list[str]] = ([], [])  # added, removed


def snapshot_of_content(content_dir: Path, settings: Settings, templates: Path | None,
                        docs_dir: Path | None = None) -> Snapshot:
    """The content as it would publish: every page, and every URL (old ids', docs_dir's pages)."""
    archive = load_or_raise(content_dir, settings)
    site, pages = render_site(archive, settings, templates)
    records = {r.id: (r.kind, written_fields(r)) for r in site.public.values()}
    bodies = {urls_kept.normal(page.url): page.html for page in pages}
    return Snapshot(records, set(bodies) | set(urls_kept.site_urls(archive, docs_dir)), bodies)


def snapshot_of_ref(repo: Path, ref: str, content: str, settings: Settings, templates: Path | None,
                    docs_dir: Path | None = None) -> Snapshot:
    """The content folder as it was at `ref`, unpacked from one `git archive` into a scratch folder
    (rendered with today's templates and docs_dir: only the records' changes show)."""
    done = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", ref, "--", content],
                          capture_output=True)
    if done.returncode != 0:
        raise BaseError(f"{ref}: not a git ref with a {content}/ folder: "
                        f"{done.stderr.decode('utf-8', 'replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="archive-base-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
            tar.extractall(scratch, filter="data")  # no links out, no absolute paths
        return snapshot_of_content(Path(scratch) / content, settings, templates, docs_dir)


def snapshot_of_site(folder: Path) -> Snapshot:
    """A published site: its records (data/archive.jsonl.gz, or data/archive.jsonl from a site built
    before the downloads were compressed) and its URLs (urls.txt)."""
    try:
        text, _ = downloads.published_jsonl(lambda path: (folder / path).read_bytes()
                                            if (folder / path).is_file() else None)
        lines = text.splitlines()
        urls = (folder / "urls.txt").read_text(encoding="utf-8").split()
    except FileNotFoundError as error:
        if error.filename is None:  # neither download
            raise BaseError(f"{folder}: not a published archive ({error})") from None
        raise BaseError(f"{folder}: not a published archive ({error.strerror}: {error.filename})") from None
    except OSError as error:
        raise BaseError(f"{folder}: not a published archive ({error.strerror}: {error.filename})") from None
    records = {}
    for line in lines:
        document = json.loads(line)
        records[document["id"]] = (document["kind"], document["fields"])
    return Snapshot(records, set(urls))


def compare(base: Snapshot, head: Snapshot) -> Changes:
    changes = Changes()
    for record_id in sorted(head.records.keys() - base.records.keys()):
        changes.added.append((head.records[record_id][0], record_id))
    for record_id in sorted(base.records.keys() - head.records.keys()):
        changes.removed.append((base.records[record_id][0], record_id))
    for record_id in sorted(base.records.keys() & head.records.keys()):
        (_, old), (kind, new) = base.records[record_id], head.records[record_id]
        fields = [(name, old.get(name), new.get(name)) for name in sorted(old.keys() | new.keys())
                  if old.get(name) != new.get(name)]
        if fields:
            changes.changed.append((kind, record_id, fields))
    if base.pages is not None and head.pages is not None:
        changes.pages = (sorted(head.pages.keys() - base.pages.keys()),
                         sorted(u for u in base.pages.keys() & head.pages.keys() if base.pages[u] != head.pages[u]),
                         sorted(base.pages.keys() - head.pages.keys()))
    changes.urls = (sorted(head.urls - base.urls), sorted(base.urls - head.urls))
    return changes


def report(changes: Changes) -> str:
    """The changes as lines a reviewer reads: `+` added, `~` changed, `-` removed; a field the
    source printed (a quote's text, a headline …) is marked `(printed)`."""
    out = [f"Records: {len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"]
    out += [f"+ {kind} {record_id}" for kind, record_id in changes.added]
    for kind, record_id, fields in changes.changed:
        out.append(f"~ {kind} {record_id}")
        for name, old, new in fields:
            mark = " (printed)" if name in KIND[kind].printed else ""
            old_text, new_text = _around_change(old, new)
            out.append(f"    {name}{mark}: {old_text} → {new_text}")
    out += [f"- {kind} {record_id}" for kind, record_id in changes.removed]
    corrections = [record_id for kind, record_id in changes.added if kind == "correction"]
    out.append(f"Corrections added: {len(corrections)}" + (f" ({', '.join(corrections)})" if corrections else ""))
    if changes.pages is not None:
        added, changed, removed = changes.pages
        out.append(f"Pages: {len(added)} added, {len(changed)} changed, {len(removed)} removed")
        out += [f"+ {url}" for url in added] + [f"~ {url}" for url in changed] + [f"- {url}" for url in removed]
    added, removed = changes.urls
    out.append(f"URLs: {len(added)} added, {len(removed)} removed")
    out += [f"+ {url}" for url in added] + [f"- {url}" for url in removed]
    return "\n".join(out)


CONTEXT = 30  # characters kept on each side of a change in a long text


def _around_change(old: Any, new: Any) -> tuple[str, str]:
    """Two values as shown: long texts cut to the part that changed, with some context."""
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= 2 * CONTEXT + 20:
        return _shown(old), _shown(new)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - CONTEXT)

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - end + CONTEXT)
        return ("…" if begin else "") + _shown(text[begin:stop]) + ("…" if stop < len(text) else "")

    return cut(old), cut(new)


def _shown(value: Any) -> str:
    """A field's value on one line: JSON, so line breaks and control characters are escaped."""
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False)
    text = "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)
    return text if len(text) <= 200 else text[:199] + "…"
