"""Published text is frozen: a field a source printed changes only through a correction.

`check --against PUBLISHED` reads the records the published site holds (data/archive.jsonl.gz,
or data/archive.jsonl from a site built before the downloads were compressed; from a folder or a
URL) and compares each printed field (core/kinds.py names them: a quote's text, speaker and date,
a headline …) with the content. A change is accepted only when a correction
issued by the archive targets the record and states what was published (`previous:`); a
published record never disappears (restore it, and retract it with a retraction).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from generator.core.archive import Archive
from generator.core.kinds import FOLDER_OF, KIND
from generator.core.models import Correction
from generator.core.problems import Problem
from generator.outputs import downloads
from generator.outputs.opendata import written_fields

DATA = downloads.JSONL
TIMEOUT = 30  # seconds to wait for a published site


class PublishedError(Exception):
    """The published records cannot be read; the message says why."""


def published_records(published: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """id → (kind, fields as written) of every record the published site holds."""
    try:
        text, _ = downloads.published_jsonl(lambda path: _read(published, path))
        documents = [json.loads(line) for line in text.splitlines() if line.strip()]
        return {d["id"]: (d["kind"], d["fields"]) for d in documents}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PublishedError(f"{published}: cannot read the published records ({DATA}): {error}") from None


def _read(published: str, path: str) -> bytes | None:
    """A file of the published site (a URL or a folder); None when it has none."""
    if published.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(published.rstrip("/") + "/" + path, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise
    file = Path(published) / path
    return file.read_bytes() if file.is_file() or not file.parent.is_dir() else None


def frozen_problems(archive: Archive, published: dict[str, tuple[str, dict[str, Any]]]) -> list[Problem]:
    renamed = {old: record.id for record in archive.records.values() for old in record.previous_ids}
    problems = []
    for published_id, (kind, was) in sorted(published.items()):
        record_id = published_id if published_id in archive.records else renamed.get(published_id)
        if record_id is None:
            problems.append(Problem(f"content/{FOLDER_OF.get(kind, kind)}/{published_id}.yaml", 0, 0, (
                f"{kind} '{published_id}' was published and is gone: a published record is never deleted; "
                "restore it, and add a correction with kind: retraction that says what was retracted "
                "and why"), published_id))
            continue
        if published_id == record_id or published_id not in published:
            problems += _changed_fields(archive, record_id, kind, was)
    return problems


def _changed_fields(archive: Archive, record_id: str, kind: str, was: dict[str, Any]) -> list[Problem]:
    record, source = archive.records[record_id], archive.sources[record_id]
    now = written_fields(record)
    corrections = [c for c in archive.records.values()
                   if isinstance(c, Correction) and c.target == record_id and c.issuer == "archive"
                   and c.correction_kind == "correction"]
    problems = []
    for name in KIND[kind].printed if kind in KIND else ():
        old, new = was.get(name), now.get(name)
        if old == new:
            continue
        stated = [c for c in corrections if name in c.previous]
        if any(c.previous[name] == _text(old) for c in stated):
            continue
        for correction in stated:  # a correction that says something else was published
            problems.append(archive.sources[correction.id].problem(("previous", name), (
                f"previous.{name}: {_quoted(correction.previous[name])} is not what was published for "
                f"'{record_id}': {_quoted(_text(old))}")))
        if not stated:
            problems.append(source.problem((name,), (
                f"{name}: changed since it was published ({_quoted(_text(old))} → {_quoted(_text(new))}); "
                f"what a source printed changes only through a correction: add one with target: {record_id}, "
                f"issuer: archive and previous: {{{name}: {_quoted(_text(old))}}}")))
    return problems


def _text(value: Any) -> str:
    """A field's value as `previous:` states it: text as written, a date as its text."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _quoted(text: str) -> str:
    shown = text if len(text) <= 80 else text[:79] + "…"
    return "'" + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown) + "'"
