"""The theme's markup around a page body (its "chrome"), made lighter without changing what a
reader sees.

Material's templates are indented for people reading them: on a record page about a fifth of
the bytes is indentation and blank lines, repeated on every page. A run of whitespace that holds
a line break renders exactly like a single line break everywhere except inside `<pre>`,
`<textarea>` and elements styled `white-space: pre`, and the theme's chrome has none of those.
So every such run outside the page's body becomes one line break; the body itself (our final
HTML, or a hand-written page's) is left byte for byte as it was rendered.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"\s*\n\s*")


def squeeze(chrome: str) -> str:
    """Each run of whitespace holding a line break → one line break."""
    return _RUN.sub("\n", chrome)


def lighter(output: str, body: str) -> str:
    """A themed page with its chrome squeezed and `body` (where the theme put it) untouched."""
    at = output.find(body) if body else -1
    if at < 0:  # a page with no body: all of it is the theme's
        return squeeze(output)
    end = at + len(body)
    return squeeze(output[:at]) + body + squeeze(output[end:])


__all__ = ["lighter", "squeeze"]
