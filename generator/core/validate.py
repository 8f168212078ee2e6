"""Turn parsed sources into typed records, and pydantic's errors into editor messages."""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.core.fields import describe
from generator.core.models import MODELS, Record, fields_of
from generator.core.problems import Problem, did_you_mean, dotted
from generator.core.sources import ID_MAX, ID_RE, Loc, Source

_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list (one '- item' per line, or [a, b])",
    "dict_type": "a mapping of 'field: value' lines",
    "model_type": "a mapping of 'field: value' lines",
    "model_attributes_type": "a mapping of 'field: value' lines",
}


def validate(source: Source, timezone: tzinfo | None) -> tuple[Record | None, list[Problem]]:
    """Validate one source's data against its kind's model."""
    model = MODELS[source.kind]
    problems = check_id(source)
    try:
        record = model.model_validate(source.data, context={"timezone": timezone})
    except ValidationError as error:
        errors = error.errors(include_url=False)
        problems += [_problem(source, model, e) for e in errors if not _explained(e, errors)]
        return None, problems
    record._id = source.id
    record._path = source.path
    return record, problems


# ids a builder reads as something else: MkDocs makes <kind>/index.md and README.md the kind's own
# index page (people/index/ would take people/), Windows cannot create the device names
RESERVED_IDS = {"index", "readme", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                *(f"lpt{n}" for n in range(10))}


def check_id(source: Source) -> list[Problem]:
    """The file's stem is the id: it must be a slug, and not a name builders reserve."""
    if source.id in RESERVED_IDS:
        return [Problem(source.path, 0, 0, f"file name '{source.id}' is reserved: '{source.id}' would take the "
                        "address of another page or cannot be a file on every system; rename the file, e.g. to "
                        f"'{source.id}-1.yaml'", source.id)]
    if ID_RE.fullmatch(source.id) and len(source.id) <= ID_MAX:
        return []
    if len(source.id) > ID_MAX:
        why = f"is {len(source.id)} characters long; ids have at most {ID_MAX}"
    else:
        why = "is not a valid id: use lowercase letters, digits and single hyphens"
    return [Problem(source.path, 0, 0, f"file name '{source.id}' {why}; "
                    f"rename the file, e.g. to '{slugify(source.id)[:ID_MAX]}.yaml'", source.id)]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "record"


def _explained(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A missing field is explained by a misspelled one next to it ("hedline")."""
    if error["type"] != "missing":
        return False
    loc, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
    return any(e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == loc
               and did_you_mean(str(e["loc"][-1]), [name], cutoff=0.6) for e in errors)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The (nested) model whose fields live at `loc`, e.g. Role for ('roles', 0)."""
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((f for f in fields_of(model) if f.name == part), None)
        if info is None or info.nested is None:
            break
        model = info.nested
    return model


def _problem(source: Source, model: type[BaseModel], error: ErrorDetails) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    value: Any = error.get("input")  # what the record holds there: any type
    field = dotted(loc)
    if kind == "extra_forbidden":
        names = [f.name for f in fields_of(_model_at(model, loc[:-1]))]
        hint = did_you_mean(str(loc[-1]), names, cutoff=0.6) or f" (fields here: {', '.join(names)})"
        return source.problem(loc, f"unknown field '{loc[-1]}'{hint}", key=True)
    if kind == "missing":
        parent = loc[:-1]
        where = f" in {dotted(parent)}" if parent else ""
        return source.problem(parent, f"{field}: required field is missing{where}", key=True)
    if kind == "string_type" and isinstance(value, bool):  # YAML reads False, no, on… as true/false
        return source.problem(loc, f"{field}: expected text, got {describe(value)}; to write the word, put it "
                              f"in quotes, e.g. \"{value}\"")
    if kind in _TYPE_NAMES:
        return source.problem(loc, f"{field}: expected {_TYPE_NAMES[kind]}, got {describe(value)}")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        hint = did_you_mean(str(value), choices, cutoff=0.6) if isinstance(value, str) else ""
        shown = f"'{value}'" if isinstance(value, str) else describe(value)
        return source.problem(loc, f"{field}: {shown} is not one of {', '.join(choices)}{hint}")
    if kind == "string_pattern_mismatch":
        shown = value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
        return source.problem(loc, f"{field}: '{shown}' is not a valid id: ids use lowercase letters, "
                              f"digits and single hyphens, e.g. '{slugify(value)}'")
    if kind == "string_too_short":
        return source.problem(loc, f"{field}: must not be empty")
    if kind == "string_too_long":
        return source.problem(loc, f"{field}: is {len(value)} characters long; at most "
                              f"{error['ctx']['max_length']} allowed")
    # our own validators (dates, URLs) already speak to the editor
    return source.problem(loc, f"{field}: {error['msg']}")
