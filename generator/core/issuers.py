"""Who issued a correction, stated once: what each `issuer` means, whose words the record's text
is, and how pages and outputs name it.

The rules that tie an issuer to other fields (`by`, `reported_in`, a retraction's issuer) are
checks (checks.correction_issuers); their meaning and wording live here, read by the content
model's description, the `new` skeleton, the pages' headings and notice lines, the feeds and
the JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.core.models import Correction


@dataclass(frozen=True)
class Issuer:
    name: str  # as records write it: issuer: outlet
    meaning: str  # the field's description (JSON Schema, README)
    hint: str  # the `new` skeleton's short form
    own_words: bool  # the record's text is the issuer's own notice (else the archive tells it)


ISSUERS: tuple[Issuer, ...] = (
    Issuer("outlet", "the outlet that published the target corrected itself", "outlet (it corrected itself)",
           True),
    Issuer("archive", "an editor's note by this archive's editors, dated when the archive added it (no 'by')",
           "archive (editor's note, dated when added, no by)", False),
    Issuer("third-party", "the person or organization in 'by', dated when they said it, with where it was "
           "reported ('reported_in') or its 'source'", "third-party (by, dated when said, with reported_in or "
           "source)", False),
)
ISSUER = {issuer.name: issuer for issuer in ISSUERS}
NAMES = tuple(ISSUER)

EDITORS_NOTE = "Editor's note"  # what an archive's correction is called, on every page and output
DONE = {"correction": "corrected", "clarification": "clarified", "retraction": "retracted", "dispute": "disputed"}


def description() -> str:
    return "optional: who issued it. " + "; ".join(f"'{i.name}': {i.meaning}" for i in ISSUERS)


def hint() -> str:
    return " | ".join(i.hint for i in ISSUERS)


def in_own_words(correction: Correction) -> bool:
    """Whether the record's text is its issuer's own notice (an outlet's); otherwise the archive wrote
    it, and a third party who raised it is named, not its author."""
    return correction.issuer is not None and ISSUER[correction.issuer].own_words


def heading(correction: Correction, who: str | None, with_kind: bool = False) -> str:
    """'Correction by The Daily Caller', 'Disputed by Mark Esper', "Editor's note" (with_kind:
    "Editor's note (clarification)"), or the kind alone when no one is named."""
    kind = correction.correction_kind
    if correction.issuer == "archive":
        return f"{EDITORS_NOTE} ({kind})" if with_kind else EDITORS_NOTE
    if who is None:
        return kind.capitalize()
    return f"Disputed by {who}" if kind == "dispute" else f"{kind.capitalize()} by {who}"


def editors_notes(count: int) -> str:
    """'1 editor's note', '2 editor's notes'."""
    return f"{count} {EDITORS_NOTE.lower()}{'s' if count > 1 else ''}"


__all__ = ["DONE", "EDITORS_NOTE", "ISSUER", "ISSUERS", "NAMES", "Issuer", "description", "editors_notes", "heading",
           "hint", "in_own_words"]
