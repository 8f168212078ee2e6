"""The theme's markup around a page body (its "chrome"), made lighter without changing what a
reader sees.

Material's templates are indented for people reading them: on a record page about a fifth of
the bytes is indentation and blank lines, repeated on every page. A run of whitespace that holds
a line break renders exactly like a single line break everywhere except inside `<pre>`,
`<textarea>` and elements styled `white-space: pre`, and the theme's chrome has none of those.
So every line break outside the page's body, with the whitespace after it, becomes one line
break; the body itself (our final HTML, or a hand-written page's) is left byte for byte as it
was rendered.

The theme's icons (logo, menu, scheme toggles, back to top) were inline SVG on every page, the
same 1.9 KB each time. mkdocs.yml names icons of the set `arc` instead (site_config/overrides/
.icons/arc/NAME.svg, Material's documented place for custom icons), each an `<svg><use>` of one
sprite, `assets/icons.svg`, which `icon_sprite` makes from Material's own `material/NAME.svg`:
Material stays the source of the icons, and a reader's browser loads them once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

SVG = "http://www.w3.org/2000/svg"
ICON_SET = "arc"  # the icons of site_config/overrides/.icons/arc/ point into the sprite
SPRITE = "assets/icons.svg"

# a line break and the whitespace after it (indentation, blank lines); matching from the line break
# rather than from the whitespace before it is six times faster, and templates leave no spaces there
_RUN = re.compile(r"\n\s*")


def squeeze(chrome: str) -> str:
    """Each line break with the whitespace after it → one line break."""
    return _RUN.sub("\n", chrome)


def lighter(output: str, body: str) -> str:
    """A themed page with its chrome squeezed and `body` (where the theme put it) untouched."""
    at = output.find(body) if body else -1
    if at < 0:  # a page with no body: all of it is the theme's
        return squeeze(output)
    end = at + len(body)
    return squeeze(output[:at]) + body + squeeze(output[end:])


def sprite_icons(theme_dirs: Iterable[Path]) -> list[str]:
    """The names of the icons the theme's overrides take from the sprite (`.icons/arc/NAME.svg`)."""
    return sorted({path.stem for folder in theme_dirs for path in (Path(folder) / ".icons" / ICON_SET).glob("*.svg")})


def icon_sprite(names: Iterable[str], theme_dirs: list[Path]) -> str:
    """An SVG sprite with one <symbol id=NAME> for each name, drawn by the theme's `material/NAME.svg`."""
    symbols = []
    for name in names:
        source = next((p for p in (Path(d) / ".icons/material" / f"{name}.svg" for d in theme_dirs) if p.is_file()),
                      None)
        if source is None:
            raise FileNotFoundError(f"the theme has no icon 'material/{name}' for .icons/{ICON_SET}/{name}.svg")
        icon = ElementTree.fromstring(source.read_text(encoding="utf-8"))
        symbol = ElementTree.Element(f"{{{SVG}}}symbol", {"id": name, "viewBox": icon.get("viewBox", "0 0 24 24")})
        symbol.extend(list(icon))
        symbols.append(symbol)
    sprite = ElementTree.Element(f"{{{SVG}}}svg")
    sprite.extend(symbols)
    ElementTree.register_namespace("", SVG)
    return ElementTree.tostring(sprite, encoding="unicode") + "\n"


__all__ = ["ICON_SET", "SPRITE", "icon_sprite", "lighter", "sprite_icons", "squeeze"]
