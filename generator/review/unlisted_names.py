"""People and organizations a record's text names (by `name` or `other_names`) that it neither lists
nor links.

Names are matched as whole words, case and all ("Esper" in "Esper said", not in "esperanto"), after
Unicode NFC. A spelling two records share ("Smith") names neither for sure, so it suggests nothing.
The text looked at is every Markdown field and the one-line texts that print names (a headline, a
title, a quote's words, a label, a byline, an image's caption).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.core.archive import Archive, Reference
from generator.core.checks import position_in_text
from generator.core.models import MODELS, Organization, Person, Record, fields_of
from generator.core.problems import dotted

_WORD_RE = re.compile(r"\w+")
TEXT_FIELDS = ("headline", "title", "text", "label", "byline", "summary", "body", "context")
LIST_FIELDS = ("people", "organizations")  # what a record is about or mentions (not authors, speakers …)


@dataclass(frozen=True)
class Unlisted:
    """`record` names `named` at `line`:`column` of its file, in `field`; `add` is what would list it."""

    record: Record
    named: Record
    spelling: str  # the name as the text prints it
    field: str
    line: int
    column: int
    add: str  # "people" or "organizations" (a list to add the id to), or "link" (a [[id|name]] in the text)


def unlisted_names(archive: Archive) -> list[Unlisted]:
    names = _names(archive)
    if not names:
        return []
    lengths = sorted({len(name) for name in names}, reverse=True)
    found = []
    for record in sorted(archive.records.values(), key=lambda r: archive.sources[r.id].path):
        listed = _listed(archive, record)
        seen: set[str] = set()
        for loc, text in _texts(archive.sources[record.id].data or {}):
            for offset, spelling, named_id in _occurrences(text, names, lengths):
                named = archive.records[named_id]
                if named_id in listed or named_id in seen or (record.is_public and not named.is_public):
                    continue
                add = _where(record, named, loc)
                if add is None:
                    continue
                seen.add(named_id)
                ref = Reference(record.id, loc, named_id, (named.kind,), link=True, offset=offset)
                line, column = position_in_text(archive.sources[record.id], ref)
                found.append(Unlisted(record, named, spelling, dotted(loc), line, column, add))
    return found


def _listed(archive: Archive, record: Record) -> set[str]:
    """What a record names, itself, and what the records it is about name: a quote's or an update's
    article (its outlet, its people), a correction's target and the reports of a third party's words."""
    about = [record.id, getattr(record, "article", None), getattr(record, "target", None),
             *getattr(record, "reported_in", ())]
    listed = {record_id for record_id in about if record_id}
    for record_id in list(listed):
        listed.update(archive.named.get(record_id, ()))
    return listed


def _names(archive: Archive) -> dict[tuple[str, ...], tuple[str, str]]:
    """Each spelling, as words → (the one person or organization it names, the spelling as its record
    writes it); a spelling two records share is left out."""
    owners: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    for record in archive.records.values():
        if isinstance(record, (Person, Organization)):
            for name in (record.name, *record.other_names):
                spelled = tuple(_WORD_RE.findall(unicodedata.normalize("NFC", name)))
                if spelled:
                    owners[spelled].setdefault(record.id, name)
    return {spelled: next(iter(ids.items())) for spelled, ids in owners.items() if len(ids) == 1}


def _occurrences(text: str, names: dict[tuple[str, ...], tuple[str, str]],
                 lengths: list[int]) -> Iterator[tuple[int, str, str]]:
    """(offset, spelling, id) of each name in `text`, the longest spelling first where two start together;
    the spelling is the named record's (the text may break it over lines)."""
    text = unicodedata.normalize("NFC", text)
    found = list(_WORD_RE.finditer(text))
    tokens = [match.group() for match in found]
    start = 0
    while start < len(tokens):
        for length in lengths:
            if start + length > len(tokens):
                continue  # a shorter slice at the end would match a shorter name
            named = names.get(tuple(tokens[start:start + length]))
            if named is not None:
                yield found[start].start(), named[1], named[0]
                start += length - 1
                break
        start += 1


def _texts(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for key, value in data.items():
        if isinstance(value, str) and key in TEXT_FIELDS:
            yield (key,), value
        elif key == "images" and isinstance(value, list):
            for i, image in enumerate(value):
                if isinstance(image, dict) and isinstance(image.get("caption"), str):
                    yield ("images", i, "caption"), image["caption"]


def _where(record: Record, named: Record, loc: tuple[str | int, ...]) -> str | None:
    """The list field that would name it, else a link in a Markdown text, else nothing (a quote's words)."""
    for info in fields_of(MODELS[record.kind]):
        if info.name in LIST_FIELDS and info.ref is not None and info.ref.kinds == (named.kind,):
            return info.name
    markdown = {info.name for info in fields_of(MODELS[record.kind]) if info.markdown}
    if len(loc) == 1 and loc[0] in markdown and record.text_format != "plain":
        return "link"
    return None

