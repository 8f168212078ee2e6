"""Rules that need more than one field or more than one record.

Each rule is a small function yielding problems; `check_archive` runs them all.
A rule sees the archive of valid records and every source found on disk by id
(so a reference to a record that has problems of its own is not reported again).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from generator.core.archived import archived_copies
from generator.core.dates import When
from generator.core.embargo import named_too_early
from generator.core.kinds import KINDS
from generator.core.models import Event, Person
from generator.core.problems import Problem, did_you_mean, dotted
from generator.core.sources import ID_RE, Source

if TYPE_CHECKING:  # the archive runs these checks when it is assembled: a type, not an import
    from generator.core.archive import Archive, Reference

Rule = Callable[["Archive", dict[str, Source]], Iterator[Problem]]

WITH_ARTICLE = {kind.name: kind.with_article for kind in KINDS}


def check_archive(archive: Archive, sources: dict[str, Source]) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(archive, sources))
    return problems


def position_in_text(source: Source, ref: Reference) -> tuple[int, int]:
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
    """Every id resolves, to a kind the field accepts, and public records name no drafts (nor a record
    under an embargo that lifts after their own: embargo.py)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for source in sources.values():
        by_kind[source.kind].append(source.id)
    for ref in archive.references:
        message = _reference_problem(archive, sources, by_kind, ref)
        if message:
            line, column = position_in_text(sources[ref.source], ref)
            yield Problem(sources[ref.source].path, line, column, f"{dotted(ref.loc)}: {message}", ref.source)


def _reference_problem(archive: Archive, sources: dict[str, Source], by_kind: dict[str, list[str]],
                       ref: Reference) -> str | None:
    name = f"[[{ref.target}]]" if ref.link else f"'{ref.target}'"
    if ref.link and not ID_RE.fullmatch(ref.target):
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
    if target is not None and source is not None and source.is_public and ref.target != ref.source:
        early = named_too_early(source, target)
        return f"{name} {early}" if early else None
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



# --- provenance (content model 1.1): times as printed, who issued a correction, same remarks ---

import re  # noqa: E402 - kept with the rules that use it

from generator.core.models import Correction, Quote  # noqa: E402

# the field holding each kind's time, as written in YAML and as read on the model
_TIME_FIELD = {"article": ("published", "published_at"), "quote": ("said", "said"),
               "update": ("at", "at"), "correction": ("at", "at")}
_CLOCK_RE = re.compile(r"(?<![\d:])(\d{1,2})[:.](\d{2})(?!\d)(?:\s*([AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?")
_ZONE_NAME_RE = re.compile(r"\b(UTC|GMT|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AST|BST|CET|CEST)\b")


def printed_times(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """A time as printed goes with a datetime it agrees with, and says whether the source gave a zone."""
    for record in archive.records.values():
        names = _TIME_FIELD.get(record.kind)
        printed, zone = getattr(record, "time_as_printed", None), getattr(record, "time_zone", None)
        if names is None or (printed is None and zone is None):
            continue
        source = archive.sources[record.id]
        name, attr = names
        when: When | None = getattr(record, attr)
        first = "time_as_printed" if printed is not None else "time_zone"
        if when is None:
            yield source.problem((first,), f"{first}: this {record.kind} has no '{name}'; give '{name}' with "
                                 f"the time, or remove {first}")
            continue
        if when.is_day:
            yield source.problem((first,), f"{first}: {name} '{when}' is a day without a time; write the "
                                 f"time too (e.g. '{when}T16:09'), or remove {first}")
            continue
        if zone is None:
            yield source.problem(("time_as_printed",), "time_as_printed: say whether the source stated a time "
                                 "zone: add 'time_zone: stated', 'time_zone: unstated' or 'time_zone: assumed'")
        elif printed is None and zone != "stated":
            yield source.problem(("time_zone",), f"time_zone: '{zone}' means the source printed a time "
                                 "without a zone: add time_as_printed with the time exactly as printed, "
                                 "e.g. '4:09 P.M.'")
        if printed is None:
            continue
        named = _ZONE_NAME_RE.search(printed)
        if named and zone in ("unstated", "assumed"):
            yield source.problem(("time_zone",), f"time_zone: '{zone}', but time_as_printed '{printed}' names "
                                 f"a time zone ({named.group(1)}): use 'time_zone: stated' and write that "
                                 f"zone's UTC offset in '{name}'")
        clocks = _clocks(printed)
        moment = when.moment
        if clocks and (moment.hour, moment.minute) not in clocks:
            hour, minute = clocks[0]
            yield source.problem(("time_as_printed",), f"time_as_printed: '{printed}' reads {hour:02d}:"
                                 f"{minute:02d}, but {name} '{when}' is {moment.hour:02d}:"
                                 f"{moment.minute:02d}; make them agree")


def _clocks(printed: str) -> list[tuple[int, int]]:
    """The wall-clock readings a printed time can mean: '4:09 P.M.' → 16:09; '4:09' → 4:09 or 16:09."""
    match = _CLOCK_RE.search(printed)
    if not match:
        return []
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        return []
    if half:
        return [(hour % 12 + (12 if half in "Pp" else 0), minute)]
    return [(hour, minute), (hour + 12, minute)] if 1 <= hour <= 11 else [(hour, minute)]


def _article_of(record) -> str | None:
    """The article that published a record: an article itself, an update's or a quote's article."""
    if record.kind == "article":
        return record.id
    return getattr(record, "article", None) if record.kind in ("update", "quote") else None


def correction_issuers(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """Who issued a correction fits what it corrects, and its date fits what it corrects."""
    for record in archive.records.values():
        if not isinstance(record, Correction):
            continue
        source = archive.sources[record.id]
        issuer, kind = record.issuer, record.correction_kind
        if record.reported_in and issuer != "third-party":
            yield source.problem(("reported_in",), "reported_in: only a third party's words are reported "
                                 "elsewhere; use it with 'issuer: third-party'")
        if issuer is None:
            continue
        if kind == "retraction" and issuer != "outlet":
            yield source.problem(("kind",), "kind: a 'retraction' is made by the outlet that published the "
                                 "target: use 'issuer: outlet'")
        if issuer == "third-party":
            if record.by is None:
                yield source.problem(("issuer",), "by: required when issuer is 'third-party': name the person "
                                     "or organization who raised it")
            if not record.reported_in and record.source is None:
                yield source.problem(("issuer",), "reported_in: say where the third party's words were "
                                     "reported (article or update ids), or give their 'source' URL")
        elif issuer == "archive":
            if record.by is not None:
                yield source.problem(("by",), "by: an editor's note (issuer: archive) is by this archive's "
                                     "editors; remove by (pages name the archive from the site's title)")
            if kind == "dispute":
                yield source.problem(("kind",), "kind: an editor's note (issuer: archive) cannot be a "
                                     "'dispute': the archive does not dispute its sources; record who disputes "
                                     "them with 'issuer: third-party' and 'by'")
        target = archive.records.get(record.target)
        if target is None:
            continue  # the references rule speaks about it
        article_id = _article_of(target)
        if issuer == "outlet" and article_id is None:
            what = "a quote with no article" if target.kind == "quote" else WITH_ARTICLE[target.kind]
            yield source.problem(("issuer",), "issuer: 'outlet' needs a target that an outlet published (an "
                                 f"article, an update, or a quote with an article), but '{target.id}' is {what}")
        elif issuer == "outlet" and record.by is not None and article_id in archive.records:
            outlet = getattr(archive.records[article_id], "outlet", None)
            if outlet is not None and record.by != outlet:
                yield source.problem(("by",), f"by: '{record.by}' did not publish '{target.id}' ('{outlet}' "
                                     f"did); an outlet's own correction is by '{outlet}': name it or leave by "
                                     "out")
        if target.when is not None and record.at.day < target.when.day:
            yield source.problem(("at",), f"at: '{record.at}' is before '{target.id}' ({target.when}); a "
                                 "correction cannot come before what it corrects")
        if issuer == "third-party":
            for i, reported in enumerate(record.reported_in):
                report = archive.records.get(reported)
                if report is not None and report.when is not None and record.at.day > report.when.day:
                    yield source.problem(("reported_in", i), f"reported_in[{i}]: '{reported}' ({report.when}) "
                                         f"is before at '{record.at}'; words are said on or before the day "
                                         "they are reported")


def same_remarks(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """Excerpts of the same remarks share a speaker and a day, and are not also the same words."""
    for record in archive.records.values():
        if not isinstance(record, Quote) or record.same_remarks_as is None:
            continue
        other = archive.records.get(record.same_remarks_as)
        if not isinstance(other, Quote):
            continue  # the references rule speaks about it
        source, other_id = archive.sources[record.id], record.same_remarks_as
        if record.same_as == other_id:
            yield source.problem(("same_remarks_as",), f"same_remarks_as: '{other_id}' is also this quote's "
                                 "same_as; a quote is either the same words printed differently (same_as) or "
                                 "another excerpt of the same remarks (same_remarks_as), not both")
        if other.speaker != record.speaker:
            yield source.problem(("same_remarks_as",), f"same_remarks_as: '{other_id}' is spoken by "
                                 f"'{other.speaker}', this quote by '{record.speaker}'; excerpts of the same "
                                 "remarks have the same speaker")
        if record.said is not None and other.said is not None and record.said.day != other.said.day:
            yield source.problem(("same_remarks_as",), f"same_remarks_as: '{other_id}' was said on "
                                 f"{other.said}, this quote on {record.said}; excerpts of the same remarks "
                                 "were said on the same day")


def checked_not_linked(archive: Archive, sources: dict[str, Source]) -> Iterator[Problem]:
    """A pair an editor marked as checked and not linked (not_same_as) is not linked either way."""
    for record in archive.records.values():
        if not isinstance(record, Quote):
            continue
        for i, other_id in enumerate(record.not_same_as):
            other = archive.records.get(other_id)
            links = {"same_as": record.same_as, "same_remarks_as": record.same_remarks_as}
            field = next((name for name, target in links.items() if target == other_id), None)
            back = next((name for name in links if isinstance(other, Quote) and getattr(other, name) == record.id),
                        None)
            if field is not None:
                yield archive.sources[record.id].problem(("not_same_as", i), (
                    f"not_same_as[{i}]: '{other_id}' is also this quote's {field}; a pair is either linked or "
                    "marked as checked and not linked, not both"))
            elif back is not None:
                yield archive.sources[record.id].problem(("not_same_as", i), (
                    f"not_same_as[{i}]: '{other_id}' links this quote ({back}: {record.id}); a pair is either "
                    "linked or marked as checked and not linked, not both"))


RULES += [printed_times, correction_issuers, same_remarks, checked_not_linked]

# a rule kept in its own module: a source's archived copies belong to it
RULES += [archived_copies]
