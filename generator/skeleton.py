"""Record skeletons for `generator new`: required fields to fill, optional ones commented."""

from __future__ import annotations

from datetime import date

from generator.models import MODELS, fields_of

_EXAMPLES = {
    "name": "Full Name", "title": "What happened", "headline": "Headline as printed",
    "text": "The words exactly as printed", "outlet": "outlet-id", "speaker": "person-id",
    "article": "article-id", "target": "record-id",
}
_SKIP = {"status", "previous_ids"}


def skeleton(kind: str, record_id: str) -> str:
    model = MODELS[kind]
    today = date.today().isoformat()
    lines = [f"# {kind} '{record_id}': fill in the fields, then run 'python -m generator check'",
             f"# yaml-language-server: $schema=../../site_config/schema/{kind}.schema.json"]
    optional = []
    for info in fields_of(model):
        field = model.model_fields[info.attr]
        if info.name in _SKIP:
            continue
        description = f"  # {field.description}" if field.description else ""
        if field.is_required():
            example = today if info.name in ("published", "at") else _EXAMPLES.get(info.name, "")
            if info.name == "at" and kind == "update":
                example = f"{today}T12:00:00+00:00"
            lines.append(f"{info.name}: \"{example}\"{description}")
        else:
            hint = "[]" if info.many else ""
            optional.append(f"# {info.name}: {hint}{description}")
    if kind == "event":
        lines.append(f"date: \"{today}\"  # or start: / end:")
        optional = [o for o in optional if not o.startswith("# date:")]
    lines.append("")
    lines.append("# Optional fields:")
    lines += optional
    lines.append("# status: draft  # validated but not published")
    return "\n".join(lines) + "\n"
