"""`generator suggest`: what an editor may want to add, as text, JSON or GitHub annotations.

Suggestions, never assertions: nothing here reaches the site. Two finders feed it:
quote_pairs.py (quotes that look like the same words or the same remarks) and
unlisted_names.py (people and organizations a text names but its record does not list).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from generator.core.archive import Archive
from generator.core.problems import annotation_data, annotation_property, terminal_safe
from generator.review.quote_pairs import Pair, quote_pairs
from generator.review.unlisted_names import Unlisted, unlisted_names

_WORDS = {"same_as": "the same words as", "same_remarks_as": "the same remarks as"}


@dataclass(frozen=True, order=True)
class Suggestion:
    """One thing to add, at a file position: `add` is the YAML to write there."""

    path: str  # the file to edit
    line: int
    column: int
    record: str  # its record's id
    kind: str  # "same_as", "same_remarks_as" (a quote pair) or "names" (a name not listed)
    add: str  # the YAML line (or the [[link]]) to add
    message: str  # the whole suggestion in one sentence
    score: int | None = None  # quote pairs: 0-100, how closely the words match
    other: str | None = None  # quote pairs: the other quote's file:line
    other_record: str | None = None


def suggestions(archive: Archive) -> list[Suggestion]:
    """Quote pairs best first, then names not listed by file and line."""
    return [_from_pair(archive, pair) for pair in quote_pairs(archive)] + \
        sorted(_from_unlisted(archive, unlisted) for unlisted in unlisted_names(archive))


def _from_pair(archive: Archive, pair: Pair) -> Suggestion:
    holder, other = archive.sources[pair.holder.id], archive.sources[pair.other.id]
    line, column = holder.position(("text",), key=True)
    other_line, _ = other.position(("text",), key=True)
    there = f"{other.path}:{other_line}"
    add = f"{pair.link}: {pair.other.id}"
    marker = pair.chain_of or pair.holder  # not_same_as goes on one of the two quotes that look alike
    checked = (f"add '{pair.other.id}' to not_same_as" if marker.not_same_as
               else f"'not_same_as: [{pair.other.id}]'")
    chain = ""
    if pair.chain_of is not None:
        chain = f" (the end of {pair.chain_of.id}'s {pair.link} chain)"
        checked += f" in {archive.sources[marker.id].path}"
    message = (f"{pair.score} {_WORDS[pair.link]} {there}?{chain} add '{add}', or once checked and not the same, "
               f"{checked}")
    return Suggestion(holder.path, line, column, pair.holder.id, pair.link, add, message, pair.score, there,
                      pair.other.id)


def _from_unlisted(archive: Archive, found: Unlisted) -> Suggestion:
    record, named = found.record, found.named
    if found.add == "link":
        add = f"[[{named.id}|{found.spelling}]]"
        how = f"link it: {add}"
    elif getattr(record, found.add):
        add = f"- {named.id}"
        how = f"add '{named.id}' to {found.add}"
    else:
        add = f"{found.add}: [{named.id}]"
        how = f"add '{add}'"
    message = (f"{found.field} names {found.spelling} ({named.kind} '{named.id}'), which this {record.kind} "
               f"neither lists nor links: {how}")
    return Suggestion(archive.sources[record.id].path, found.line, found.column, record.id, "names", add, message)


def summary(found: list[Suggestion], records: int) -> str:
    noun = "suggestion" if len(found) == 1 else "suggestions"
    return f"{len(found) or 'No'} {noun} ({records} records looked at)."


def as_text(found: list[Suggestion], records: int) -> str:
    lines = [terminal_safe(f"{_where(s)}: {s.message}") for s in found]
    return "\n".join([*lines, summary(found, records)])


def as_json(found: list[Suggestion], records: int) -> str:
    return json.dumps({"records": records, "suggestions": [asdict(s) for s in found]}, indent=2, ensure_ascii=False)


def as_github(found: list[Suggestion], records: int) -> str:
    """One `::notice` annotation a suggestion (a suggestion is not an error), then the summary."""
    lines = []
    for s in found:
        properties = [f"file={annotation_property(s.path)}", f"line={s.line}"]
        if s.column:
            properties.append(f"col={s.column}")
        lines.append(f"::notice {','.join(properties)}::{annotation_data(terminal_safe(s.message))}")
    return "\n".join([*lines, summary(found, records)])


def _where(s: Suggestion) -> str:
    return f"{s.path}:{s.line}:{s.column}" if s.column else f"{s.path}:{s.line}"
