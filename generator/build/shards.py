"""A build split into N shards that run as separate jobs, and the merge of their folders into the
site an unsplit build writes, byte for byte.

Every shard loads and checks the whole archive (pages link to each other, lists and feeds need
every record), then writes only its share of the work: every N-th page (`Shard.takes` over the
renderer's page order), every N-th Pagefind bundle of the search index, every N-th data output.
What every shard writes alike (the theme's assets, the sitemap, urls.txt, search.json,
redirect pages) is written by each, and the merge checks that the copies agree. A shard's
folder carries `.shard.json`: which shard it is, of how many, and a fingerprint of what it was
built from, so that the merge refuses parts of different builds.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.parallel import fork_map
from generator.render.pages import Page, Renderer

MARKER = ".shard.json"
_SPEC = re.compile(r"(\d+)/(\d+)")


class ShardError(Exception):
    """A shard that cannot be built or parts that cannot be merged; the message says why."""


@dataclass(frozen=True)
class Shard:
    number: int  # 1 … count
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """'2/4' → the second of four shards."""
        match = _SPEC.fullmatch(spec.strip())
        if not match:
            raise ShardError(f"--shard: got '{spec}'; write which shard of how many, e.g. 1/2")
        number, count = int(match[1]), int(match[2])
        if count < 1 or not 1 <= number <= count:
            raise ShardError(f"--shard: got '{spec}'; the shard is a number from 1 to the count, e.g. 1/2 and 2/2")
        return cls(number, count)

    def takes(self, position: int) -> bool:
        """Whether the item at `position` of a list every shard sees in the same order is this shard's."""
        return position % self.count == self.number - 1

    def share(self, weights: Sequence[int]) -> set[int]:
        """The positions of items of these sizes that are this shard's: the largest item first to the
        shard with the least so far (lowest number on a tie), so that shards get about the same work
        even when a few items are large (one span of years of the search index)."""
        loads = [0] * self.count
        mine: set[int] = set()
        for position in sorted(range(len(weights)), key=lambda p: (-weights[p], p)):
            least = min(range(self.count), key=lambda k: (loads[k], k))
            loads[least] += weights[position]
            if least == self.number - 1:
                mine.add(position)
        return mine

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


EVERYTHING: Shard = Shard(1, 1)  # an unsplit build: one shard that takes every item


def fingerprint(folders: Iterable[Path], files: Iterable[Path]) -> str:
    """A SHA-256 of what a build reads (file names relative to their folder, and bytes): shards built
    from the same checkout agree on it."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    for path in files:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_marker(site_dir: Path, shard: Shard, built_from: str) -> None:
    (site_dir / MARKER).write_text(json.dumps({"shard": shard.number, "of": shard.count, "built_from": built_from}),
                                   encoding="utf-8")


def merge(parts: list[Path], site_dir: Path) -> int:
    """Put the shards' files into `site_dir` as one site (linked, or copied across disks); returns the
    number of files.

    All N shards of one build must be given, each once; a file that several shards wrote must be
    the same in each. The site is assembled in a fresh folder and swapped in only when it is whole,
    so a failed merge leaves `site_dir` as it was."""
    markers = [_marker(part) for part in parts]
    count = markers[0]["of"]
    numbers = sorted(m["shard"] for m in markers)
    if any(m["of"] != count for m in markers) or numbers != list(range(1, count + 1)):
        got = ", ".join(f"{part} is {m['shard']}/{m['of']}" for part, m in zip(parts, markers, strict=True))
        raise ShardError(f"the parts are not every shard of one build, each once: {got}")
    if len({m["built_from"] for m in markers}) > 1:
        raise ShardError("the parts were built from different content, templates or settings "
                         "(their .shard.json fingerprints differ): build every shard from the same checkout")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-merging-", dir=site_dir.parent))
    try:
        written = sum(_copy_part(part, staging, parts[:i]) for i, part in enumerate(parts))
        swap_in(staging, site_dir)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _marker(part: Path) -> dict:
    try:
        marker = json.loads((part / MARKER).read_text(encoding="utf-8"))
        if not (isinstance(marker.get("shard"), int) and isinstance(marker.get("of"), int)
                and isinstance(marker.get("built_from"), str)):
            raise ValueError
        return marker
    except FileNotFoundError:
        raise ShardError(f"{part}: not a shard's folder (no {MARKER}): build it with `generator build --shard K/N`") \
            from None
    except ValueError:
        raise ShardError(f"{part}/{MARKER}: not a shard's description; build the shard again") from None


def _copy_part(part: Path, into: Path, earlier: list[Path]) -> int:
    """Copy one shard's files; a file an earlier part wrote must have the same bytes."""
    written = 0
    for folder, _, names in os.walk(part):
        relative = Path(folder).relative_to(part)
        (into / relative).mkdir(exist_ok=True)
        for name in names:
            if not relative.parts and name == MARKER:
                continue
            target = into / relative / name
            if target.exists():
                if not filecmp.cmp(Path(folder) / name, target, shallow=False):
                    owner = next(p for p in earlier if (p / relative / name).exists())
                    raise ShardError(f"{(relative / name).as_posix()}: {owner} and {part} wrote different files; "
                                     "build every shard from the same checkout")
                continue
            _place(Path(folder) / name, target)
            written += 1
    return written


def _place(source: Path, target: Path) -> None:
    """A hard link where the part and the site share a disk (no bytes copied: the parts are a build's
    scratch), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` where `target` is, replacing it (the old one is removed only after)."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def share_pages(renderer: Renderer, shard: Shard, workers: int) -> tuple[list[Page], set[str]]:
    """Every page of the site in the renderer's order: this shard's rendered (over `workers` processes),
    the others as placeholders (`Renderer.placeholder`); and the uris of those rendered here."""
    jobs = renderer.jobs()
    mine = [job for position, job in enumerate(jobs) if shard.takes(position)]
    rendered = dict(zip(mine, fork_map(renderer.render, mine, workers), strict=True))
    pages = [rendered[job] if job in rendered else renderer.placeholder(job) for job in jobs]
    return pages, {rendered[job].uri for job in mine}
