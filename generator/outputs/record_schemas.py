"""JSON Schemas of what the site publishes, each with an `$id` at the address it is published at:

    data/schema/<kind>.schema.json          a record's fields as the editors write them (the content
                                            model, site_config/schema/ with its published `$id`)
    data/schema/<kind>.record.schema.json   a published record: <kind plural>/<id>/index.json, and each
                                            line of data/archive.jsonl of that kind; its `fields` are
                                            the schema above (`$ref`)
    data/schema/moved.schema.json           the JSON left at a renamed record's old address

A validator that loads them by `$id` (a `referencing.Registry`) follows the `$ref`s between them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator.core.kinds import ALL_KINDS, KIND
from generator.core.schemas import schema_for
from generator.core.sources import ID_PATTERN

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "data/schema/"


def input_name(kind: str) -> str:
    return f"{kind}.schema.json"


def record_name(kind: str) -> str:
    return f"{kind}.record.schema.json"


MOVED = "moved.schema.json"


def _text(description: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **more}


def _link(direction: str) -> dict[str, Any]:
    return {"type": "object", "description": f"a record {direction}, resolved",
            "required": ["field", "id", "kind", "title", "url", "in_text"], "additionalProperties": False,
            "properties": {"field": _text("the field that names it (dotted for nested fields: roles.0.organization)"),
                           "id": _text("its id", pattern=ID_PATTERN), "kind": {"enum": list(ALL_KINDS)},
                           "title": _text("its title"), "url": _text("its page", format="uri"),
                           "in_text": {"type": "boolean", "description": "named by a [[link]] inside a text"}}}


def record_schema(kind: str, url: Callable[[str], str]) -> dict[str, Any]:
    """The schema of one kind's published record document (opendata.OpenData.document)."""
    folder = KIND[kind].folder
    return {
        "$schema": DRAFT, "$id": url(SCHEMA_FOLDER + record_name(kind)),
        "title": f"{kind} as the archive publishes it ({folder}/<id>/index.json, a line of data/archive.jsonl)",
        "type": "object", "additionalProperties": False,
        "required": ["id", "kind", "title", "url", "json", "fields", "references", "referenced_by", "history"],
        "properties": {
            "id": _text("the record's id", pattern=ID_PATTERN), "kind": {"const": kind},
            "title": _text("the title its page shows"), "url": _text("its page", format="uri"),
            "json": _text("this document's address", format="uri"),
            "fields": {"$ref": input_name(kind), "description": "its fields exactly as written (dates as written)"},
            "references": {"type": "array", "items": {"$ref": "#/$defs/named"}},
            "referenced_by": {"type": "array", "items": {"$ref": "#/$defs/naming"}},
            "history": {"type": "array", "description": "its file's commits, oldest first (none without git)",
                        "items": {"$ref": "#/$defs/change"}},
        },
        "$defs": {
            "named": _link("it names"), "naming": _link("naming it"),
            "change": {"type": "object", "required": ["day", "commit", "subject", "fields"],
                       "additionalProperties": False,
                       "properties": {"day": _text("the commit's day", format="date"),
                                      "commit": _text("the commit", pattern="^[0-9a-f]{40}([0-9a-f]{24})?$"),
                                      "subject": _text("the commit message's first line, as written"),
                                      "fields": {"type": "array", "items": {"type": "string"},
                                                 "description": "the fields it changed (none: the first version)"}}},
        },
    }


def moved_schema(url: Callable[[str], str]) -> dict[str, Any]:
    return {"$schema": DRAFT, "$id": url(SCHEMA_FOLDER + MOVED),
            "title": "what a renamed record's old JSON address holds", "type": "object",
            "required": ["moved_to"], "additionalProperties": False,
            "properties": {"moved_to": _text("the record's JSON address now", format="uri")}}


def published_schemas(url: Callable[[str], str]) -> dict[str, str]:
    """File name (in data/schema/) → JSON text, for every kind's input and record schemas; `url` gives the
    absolute address of a path relative to the site root (Published.url)."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind in ALL_KINDS:
        schemas[input_name(kind)] = {"$id": url(SCHEMA_FOLDER + input_name(kind)), **schema_for(kind)}
        schemas[record_name(kind)] = record_schema(kind, url)
    schemas[MOVED] = moved_schema(url)
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}


__all__ = ["MOVED", "SCHEMA_FOLDER", "input_name", "published_schemas", "record_name", "record_schema"]
