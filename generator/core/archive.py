"""All records of an archive with their indexes and back-references, built once.

Pages never scan the archive: they ask the indexes here, which are built in
one pass over every reference (so the work grows with the archive, not its square).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.core.checks import check_archive
from generator.core.embargo import Withheld, withhold
from generator.core.history import History
from generator.core.kinds import ALL_KINDS
from generator.core.models import MODELS, Record, fields_of
from generator.core.parallel import cores, fork_map
from generator.core.problems import ContentError, Problem
from generator.core.settings import Settings
from generator.core.sources import Loc, Source, discover, read_source
from generator.core.validate import validate

LINK_RE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]*))?\]\]")


@dataclass(frozen=True)
class Reference:
    """`source` names `target` in field `loc` (or links to it in Markdown)."""

    source: str
    loc: Loc
    target: str
    kinds: tuple[str, ...]  # the kinds the field accepts
    link: bool = False  # a [[target]] link inside Markdown
    offset: int = 0  # for links: character offset inside the Markdown text

    @property
    def field(self) -> str:
        return next(str(p) for p in self.loc if isinstance(p, str))


@dataclass
class Archive:
    records: dict[str, Record] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    back: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    named: dict[str, list[str]] = field(default_factory=dict)  # id → the ids its record names
    history: History = field(default_factory=History)  # from git, when the builder reads it (history.py)
    withheld: Withheld = field(default_factory=lambda: Withheld({}))  # records under embargo (embargo.py)

    def add(self, record: Record, source: Source, references: list[Reference]) -> None:
        self.records[record.id] = record
        self.sources[record.id] = source
        self.named[record.id] = [reference.target for reference in references]
        for reference in references:
            self.back[reference.target].append(reference)

    def of_kind(self, kind: str, public_only: bool = True) -> list[Record]:
        return [r for r in self.records.values() if r.kind == kind and (r.is_public or not public_only)]

    def referrers(self, target: str, kind: str | None = None, field: str | None = None) -> list[Record]:
        """Public records that name `target`, each once, optionally of one kind or via one field."""
        seen: dict[str, Record] = {}
        for ref in self.back.get(target, ()):
            record = self.records[ref.source]
            if record.is_public and (kind is None or record.kind == kind) and (field is None or ref.field == field):
                seen.setdefault(record.id, record)
        return list(seen.values())


def references_of(source: Source) -> Iterator[Reference]:
    """Every id a record's data names, in fields and in [[links]] inside its Markdown.

    Works on the plain data, so references of a record with other problems
    are still checked; values of the wrong type are left to the model's messages.
    """
    if source.data is not None:
        links = source.data.get("text_format") != "plain"  # plain text holds no [[links]]
        yield from _walk(source.id, MODELS[source.kind], source.data, (), links)


def _walk(source: str, model: type[BaseModel], data: dict[str, Any], prefix: Loc,
          links: bool) -> Iterator[Reference]:
    for info in fields_of(model):
        value = data.get(info.name)
        if value is None:
            continue
        loc = prefix + (info.name,)
        if info.many and not isinstance(value, list):
            continue
        values = list(enumerate(value)) if info.many else [(None, value)]
        for index, item in values:
            item_loc = loc if index is None else loc + (index,)
            if info.nested and isinstance(item, dict):
                yield from _walk(source, info.nested, item, item_loc, links)
            elif not isinstance(item, str):
                continue
            elif info.ref:
                yield Reference(source, item_loc, item, info.ref.kinds)
            elif info.markdown and links:
                for match in LINK_RE.finditer(item):
                    yield Reference(source, item_loc, match.group(1).strip(), ALL_KINDS, True, match.start())


# Below this many files one process is faster than starting workers.
PARALLEL_FROM = 2000


@dataclass
class _Read:
    """One file read, parsed and validated (in a worker process for large archives)."""

    source: Source
    problems: list[Problem]
    record: Record | None = None
    references: list[Reference] = field(default_factory=list)


def _read(shown: str, kind: str, timezone) -> _Read:
    source, problems = read_source(shown, kind)
    if source.data is None:
        return _Read(source, problems)
    references = list(references_of(source))
    record, found = validate(source, timezone)
    return _Read(source, problems + found, record, references)


def _read_all(files: list[tuple[str, str]], timezone) -> list[_Read]:
    """Read every file, on every core for a large archive; results keep the files' order."""
    return fork_map(lambda file: _read(file[0], file[1], timezone), files, min(cores(), 8), PARALLEL_FROM)


def load(content_dir: Path, settings: Settings, now: datetime | None = None) -> tuple[Archive, list[Problem], int]:
    """Read and validate every record; return the archive (without the records under embargo at
    `now`, default: embargo.now_from()), its problems and the file count."""
    files, problems = discover(content_dir)
    archive, found = assemble(_read_all(files, settings.timezone), now)
    return archive, sorted(problems + found), len(files)


def read_files(files: list[tuple[str, str]], settings: Settings) -> list[_Read]:
    """Read, parse and validate these files (each on its own: a preview re-reads only edits)."""
    return _read_all(files, settings.timezone)


def assemble(reads: list[_Read], now: datetime | None = None) -> tuple[Archive, list[Problem]]:
    """The archive from files already read, with the problems only the whole archive shows; records
    under embargo at `now` (default: embargo.now_from()) are checked, then withheld."""

    archive = Archive()
    problems: list[Problem] = []
    first_seen: dict[str, Source] = {}
    for read in reads:
        source = read.source
        if source.id in first_seen:
            other = first_seen[source.id]
            problems.append(Problem(source.path, 0, 0, f"duplicate id '{source.id}': {other.path} has it "
                                    "already; ids are unique across all kinds, rename one file", source.id))
            continue
        first_seen[source.id] = source
        problems += read.problems
        archive.references += read.references
        if read.record is not None:
            archive.add(read.record, source, read.references)
    problems += check_archive(archive, first_seen)
    archive.withheld = withhold(archive, now)
    return archive, problems


def load_or_raise(content_dir: Path, settings: Settings, now: datetime | None = None) -> Archive:
    archive, problems, _ = load(content_dir, settings, now)
    if problems:
        raise ContentError(problems)
    return archive
