"""The JSON Schemas editors use are generated from the models and kept current."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from generator.core.schemas import schema_files
from generator.core.sources import FOLDER_OF

from conftest import REPO, run


def test_committed_schemas_are_current():
    for name, text in schema_files().items():
        committed = (REPO / "site_config/schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"site_config/schema/{name} is stale: run 'python -m generator schema'"


@pytest.mark.parametrize("kind", sorted(FOLDER_OF))
def test_seed_records_validate_against_their_schema(kind):
    schema = json.loads((REPO / f"site_config/schema/{kind}.schema.json").read_text(encoding="utf-8"))
    for path in (REPO / "content" / FOLDER_OF[kind]).glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # dates stay text
        jsonschema.validate(data, schema)


def test_schema_refuses_unknown_fields():
    schema = json.loads((REPO / "site_config/schema/person.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "nmae": "y"}, schema)


def test_schema_command_writes_every_kind(tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.schema.json" for k in FOLDER_OF)
