"""Rules that need more than one field or more than one record.

Each rule is a small function yielding problems; `check_archive` runs them all.
A rule sees the archive of valid records and every source found on disk by id
(so a reference to a record that has problems of its own is not reported again).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterator

from generator.archive import Archive, Reference
from generator.dates import When
from generator.models import Event, Person
from generator.problems import Problem, did_you_mean, dotted
from generator.sources import ID_RE, Source

Rule = Callable[[Archive, dict[str, Source]], Iterator[Problem]]

WITH_ARTICLE = {"article": "an article", "quote": "a quote", "update": "an update", "correction": "a correction",
           "event": "an event", "person": "a person", "organization": "an organization"}


def check_archive(archive: Archive, sources: dict[str, Source]) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(archive, sources))
    return problems


def _at(source: Source, ref: Reference) -> tuple[int, int]:
    """Line and column of a reference; a [[link]] is found inside its text."""
    line, column = source.position(ref.loc)
    if ref.link:
        newlines = source.value_at(ref.loc).count("\n", 0, ref.offset)
        if ref.loc in source.block:
            line, column = line + 1 + newlines, 0
        elif newlines == 0:
            column += ref.offset
        else:
            line, column = line + newlines, 0
    return line, column


def references(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """Every id resolves, to a kind the field accepts, and public records name no drafts."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for source in sources.values():
        by_kind[source.kind].append(source.id)
    for ref in archive.references:
        message = _reference_problem(archive, sources, by_kind, ref)
        if message:
            line, column = _at(sources[ref.source], ref)
            yield Problem(sources[ref.source].path, line, column, f"{dotted(ref.loc)}: {message}", ref.source)


def _reference_problem(archive: Archive, sources: dict[str, Source], by_kind: dict[str, list[str]],
                       ref: Reference) -> str | None:
    name = f"[[{ref.target}]]" if ref.link else f"'{ref.target}'"
    if ref.link and not ID_RE.match(ref.target):
        return f"link {name} does not name an id: ids use lowercase letters, digits and hyphens"
    if ref.target not in sources:
        wanted = " or ".join(ref.kinds) if len(ref.kinds) < len(WITH_ARTICLE) else "record"
        candidates = [i for k in ref.kinds for i in by_kind[k]]
        return f"unknown {wanted} {name}{did_you_mean(ref.target, candidates)}"
    kind = sources[ref.target].kind
    if kind not in ref.kinds:
        return f"{name} is {WITH_ARTICLE[kind]}, but this field needs {_with_article(ref.kinds)}"
    if ref.target == ref.source and not ref.link:
        return f"a record cannot refer to itself ({name})"
    target, source = archive.records.get(ref.target), archive.records.get(ref.source)
    if target is not None and source is not None and source.is_public and not target.is_public:
        return f"{name} is a draft; a published record cannot name it (publish {name} or make this record a draft too)"
    return None


def _with_article(kinds: tuple[str, ...]) -> str:
    return " or ".join(WITH_ARTICLE[k] for k in kinds)


def part_of_cycles(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """Following part_of from any event must end, never come back round."""
    parent = {r.id: r.part_of for r in archive.records.values() if isinstance(r, Event) and r.part_of}
    reported: set[str] = set()
    for start in sorted(parent):
        chain, seen, node = [], set(), start
        while node in parent and node not in seen:
            seen.add(node)
            chain.append(node)
            node = parent[node]
        if node in seen and node not in reported:
            cycle = chain[chain.index(node):]
            reported.update(cycle)
            first = min(cycle)
            loop = cycle[cycle.index(first):] + cycle[: cycle.index(first)] + [first]
            yield archive.sources[first].problem(("part_of",), "part_of: events form a cycle: "
                                                 f"{' → '.join(loop)}; an event cannot be part of itself")


def dates_in_order(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """An event has a date or a start; nothing ends before it starts."""
    for record in archive.records.values():
        source = archive.sources[record.id]
        if isinstance(record, Event):
            if record.date is None and record.start is None:
                yield source.problem((), "date: required field is missing (give 'date', or 'start' "
                                     "with an optional 'end')")
            elif record.date is not None and (record.start or record.end):
                yield source.problem(("start",) if record.start else ("end",),
                                     "give either 'date' or 'start'/'end', not both")
            yield from _span(source, (), record.start, record.end)
        elif isinstance(record, Person):
            for i, role in enumerate(record.roles):
                yield from _span(source, ("roles", i), role.start, role.end)


def _span(source, prefix, start: When | None, end: When | None) -> Iterator[Problem]:
    """By the instant, whatever offsets were written; a day as the end lasts until that day is over."""
    if start and end and end.last_key < start.sort_key:
        field = "end" if not prefix else f"{prefix[0]}[{prefix[1]}].end"
        yield source.problem(prefix + ("end",), f"{field}: '{end}' is before start '{start}'; "
                             "the end must be on or after the start")


def previous_ids(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """An old id keeps redirecting to one record only, and is not in use again."""
    claimed: dict[str, str] = {}
    for record in archive.records.values():
        source = archive.sources[record.id]
        for i, old in enumerate(record.previous_ids):
            if old in sources:
                yield source.problem(("previous_ids", i), f"previous_ids[{i}]: '{old}' is the id of a "
                                     "current record; an old id cannot be reused")
            elif old in claimed:
                yield source.problem(("previous_ids", i), f"previous_ids[{i}]: '{old}' is already a previous "
                                     f"id of '{claimed[old]}'; an old URL can redirect to one record only")
            else:
                claimed[old] = record.id


RULES: list[Rule] = [references, part_of_cycles, dates_in_order, previous_ids]

