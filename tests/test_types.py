"""The type hints mypy checks (`make lint`): reference types say the kinds they name, a When's
instant is read only from an instant, and every `# type: ignore` left in the package says why."""

from __future__ import annotations

import re
import typing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic.fields import FieldInfo

from generator.core import fields
from generator.core.dates import When, parse_when
from generator.core.kinds import ALL_KINDS
from generator.core.models import MODELS, fields_of

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _reference_types() -> dict[str, tuple[fields.Ref, str | None]]:
    """Every Annotated type of fields.py that carries a Ref: its kinds and its description."""
    found = {}
    for name, value in vars(fields).items():
        if typing.get_origin(value) is typing.Annotated:
            refs = [m for m in value.__metadata__ if isinstance(m, fields.Ref)]
            described = [m.description for m in value.__metadata__ if isinstance(m, FieldInfo)]
            if refs:
                found[name] = (refs[0], described[0] if described else None)
    return found


def test_each_reference_type_describes_the_kinds_it_names():
    types = _reference_types()
    assert {"PersonId", "EventId", "PersonOrOrganizationId", "AnyRecordId"} <= set(types)
    for name, (ref, description) in types.items():
        assert set(ref.kinds) <= set(ALL_KINDS), name
        named = " or ".join(ref.kinds) if len(ref.kinds) < len(ALL_KINDS) else "any record"
        assert description == f"id of {named}", name


def test_every_reference_field_of_the_models_names_kinds_that_exist():
    for kind, model in MODELS.items():
        for info in fields_of(model):
            if info.ref is not None:
                assert info.ref.kinds and set(info.ref.kinds) <= set(ALL_KINDS), (kind, info.name)


def test_a_quotes_speaker_and_a_corrections_target_keep_their_kinds():
    by_name = {info.name: info for info in fields_of(MODELS["quote"])}
    assert by_name["speaker"].ref.kinds == ("person", "organization")
    assert by_name["events"].ref.kinds == ("event",) and by_name["events"].many
    target = {info.name: info for info in fields_of(MODELS["correction"])}["target"]
    assert target.ref.kinds == ALL_KINDS


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
       st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_the_moment_of_an_instant_is_the_instant_itself(wall, minutes):
    moment = wall.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    when = When(moment.isoformat(), moment)
    assert when.moment is moment
    assert when.day == moment.date()


def test_a_day_has_no_moment():
    when = parse_when("2020-01-06")
    assert when.day == date(2020, 1, 6)
    with pytest.raises(TypeError, match=r"^'2020-01-06' is a day, not an instant$"):
        _ = when.moment


_IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$")


def test_every_type_ignore_names_its_code_and_says_why():
    """A comment after the ignore, or one on the line above, tells the reader what holds there that
    the checker cannot see."""
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            found = _IGNORE.search(line)
            if not found:
                continue
            why_after = re.fullmatch(r"\s*#\s*\S.*", found.group(2)) is not None
            above = lines[number - 2] if number > 1 else ""
            why_above = above.strip().startswith("#") or "  # " in above
            if not found.group(1) or not (why_after or why_above):
                unexplained.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert unexplained == []
