"""Record skeletons for `generator new`: required fields to fill, optional ones commented."""

from __future__ import annotations

from datetime import date

from generator.core import issuers
from generator.core.models import MODELS, fields_of

_EXAMPLES = {
    "name": "Full Name", "title": "What happened", "headline": "Headline as printed",
    "text": "The words exactly as printed", "outlet": "outlet-id", "speaker": "person-id",
    "article": "article-id", "target": "record-id",
}
_SKIP = {"status", "previous_ids"}
# provenance fields (content model 1.1): an example value and a short hint instead of the long description
_HINTS = {
    "time_as_printed": ('"4:09 P.M."', "the time exactly as the source printed it; needs time_zone"),
    "time_zone": ("unstated", "stated | unstated (no zone printed: the offset only orders records) | assumed"),
    "issuer": ("archive", issuers.hint()),
    "reported_in": ("[article-id]", "with issuer: third-party: articles or updates that reported their words"),
    "same_remarks_as": ("quote-id", "another excerpt of the same remarks (same_as: the same words printed "
                        "differently)"),
    "not_same_as": ("[quote-id]", "quotes checked and not linked (not the same, or the sources do not say): "
                    "`generator suggest` stops proposing them"),
    "embargo_until": ('"2026-12-07T09:00:00+00:00"', "publish nowhere before this instant (with its UTC offset); "
                      "checked meanwhile"),
    "archived": ('[{url: "https://web.archive.org/web/20200106210900/https://example.org/page", '
                 'captured: "2020-01-06T21:09:00Z"}]', "archived copies of the source page (Wayback Machine or "
                 "archive.today), each with its capture time"),
    "ratings": ("[{by: org-id, rating: Mostly False}]", "verdicts as printed; also scale (worst first), "
                "scale_name, rated (only if the source dates it), source, reasoning"),
    "wikidata": ("Q42", "the Wikidata item id (https://www.wikidata.org/wiki/Q42)"),
    "correction.kind": ("correction", "correction | clarification | retraction | dispute"),
    "correction.by": ("person-id", "who raised it: needed with issuer: third-party"),
}


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
        elif f"{kind}.{info.name}" in _HINTS or info.name in _HINTS:
            example, hint = _HINTS.get(f"{kind}.{info.name}") or _HINTS[info.name]
            optional.append(f"# {info.name}: {example}  # {hint}")
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
