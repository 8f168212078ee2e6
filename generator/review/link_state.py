"""What the previous `links` run saw of each source URL, to tell a changed page from an unchanged one.

A page is *changed* when the SHA-256 of its text differs from the one the previous run recorded. The
text is what a reader reads: HTML tags, scripts, styles and comments dropped, white space collapsed,
so that a new tracking script or re-indented markup does not count; a page that is not HTML (a PDF)
is hashed as it is. The state is a JSON file (`site_config/links.json` by default), sorted, so that
it can be committed and compared; a URL that gave no answer keeps what was recorded before.
"""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

DEFAULT_STATE = Path("site_config/links.json")
MAX_BODY = 5_000_000  # bytes read of a page: enough for any article, bounded for a hostile server


class _Text(HTMLParser):
    """The text of an HTML page, as the standard library's tolerant parser reads it."""

    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1

    def handle_endtag(self, tag) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data) -> None:
        if not self._skipping:
            self.parts.append(data)


def page_text(body: bytes, content_type: str, encoding: str | None) -> str | bytes:
    """What a reader reads of a response: an HTML page's text, else its bytes."""
    if "html" not in content_type.lower():
        return body
    parser = _Text()
    parser.feed(body.decode(encoding or "utf-8", "replace"))
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def text_hash(body: bytes, content_type: str, encoding: str | None) -> str:
    text = page_text(body, content_type, encoding)
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def read_state(path: Path) -> dict[str, dict]:
    """URL → {status, final_url, text_sha256} of the previous run; empty when there was none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise StateError(f"{path}: cannot read the previous run's state ({error}); remove the file to start "
                         "afresh") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StateError(f"{path}: not a state file written by `links`; remove it to start afresh")
    return data


def write_state(path: Path, state: dict[str, dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


class StateError(Exception):
    """The state file cannot be read; the message says which and why."""
