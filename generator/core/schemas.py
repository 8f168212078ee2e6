"""JSON Schemas for editors, generated from the models (one file per kind)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.models import MODELS
from generator.core.sources import FOLDER_OF

SCHEMA_DIR = Path("site_config/schema")


def schema_for(kind: str) -> dict:
    schema = MODELS[kind].model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind} record (content/{FOLDER_OF[kind]}/<id>.yaml)"
    return schema


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every kind."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in MODELS}


def write_schemas(out: Path = SCHEMA_DIR) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
