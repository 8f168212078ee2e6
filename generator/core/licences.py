"""Licences as SPDX expressions (`CC-BY-4.0`, `CC-BY-4.0 OR MIT`), checked against the SPDX licence
list that the `license-expression` package ships, and the addresses of their texts on spdx.org.

The archive states a licence only when its editors set one (`licence`, `data_licence` in
site_config/archive.yml); nothing here picks a default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NO_LICENCE = "no licence stated"  # what every output says when the settings name none
SPDX_LIST = "https://spdx.org/licenses/"
# the characters of an SPDX expression (ids, '+', 'WITH', 'AND', 'OR', parentheses, spaces): the
# library raises on anything else, and a licence is one line of text
_EXPRESSION_CHARS = re.compile(r"[A-Za-z0-9.+\-:() ]+")


class LicenceError(ValueError):
    """Not an SPDX licence expression; the message says why and what would be right."""


@dataclass(frozen=True)
class Licence:
    expression: str  # normalised SPDX expression, e.g. "CC-BY-4.0" or "CC-BY-4.0 OR MIT"
    ids: tuple[str, ...]  # the licences (and exceptions) it names, in the order written

    @property
    def url(self) -> str | None:
        """The licence text's address when the expression is one licence, else None."""
        return licence_url(self.ids[0]) if len(self.ids) == 1 else None


def licence_url(spdx_id: str) -> str:
    return f"{SPDX_LIST}{spdx_id}.html"


@cache
def _licensing():
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def parse_licence(text: str) -> Licence:
    """The SPDX expression `text` names, normalised ('cc-by-4.0' → 'CC-BY-4.0'); LicenceError if none."""
    example = f"write an SPDX licence id from {SPDX_LIST}, e.g. CC-BY-4.0 or CC0-1.0"
    if not text.strip():
        raise LicenceError(f"empty: {example}, or leave the setting out")
    if not _EXPRESSION_CHARS.fullmatch(text):
        bad = next(c for c in text if not _EXPRESSION_CHARS.fullmatch(c))
        raise LicenceError(f"the character U+{ord(bad):04X} is in no SPDX expression: {example}")
    try:
        info = _licensing().validate(text.strip())
    except Exception as error:  # the library's own errors are not all ExpressionError
        raise LicenceError(f"'{text}' is not an SPDX licence expression ({error}): {example}") from None
    if info.errors or not info.normalized_expression:
        unknown = ", ".join(info.invalid_symbols) or text
        raise LicenceError(f"'{text}' is not an SPDX licence expression (unknown: {unknown}): {example}")
    expression = info.normalized_expression
    return Licence(expression, _ids(expression))


def _ids(expression: str) -> tuple[str, ...]:
    words = re.findall(r"[A-Za-z0-9.+\-:]+", expression)
    return tuple(dict.fromkeys(w for w in words if w not in ("AND", "OR", "WITH")))


__all__ = ["NO_LICENCE", "Licence", "LicenceError", "licence_url", "parse_licence"]
