"""Editors' Markdown → safe HTML, and plain text → safe Markdown.

Contributed text must never run script in a reader's browser: raw HTML in
Markdown fields is shown as text, the result is cleaned again with nh3 (an
allow-list of tags, http(s)/mailto links only, no images that would load
from third-party hosts), and [[id]] links become links to record pages.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Callable

import markdown
import nh3

from generator.archive import LINK_RE

_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "br", "hr",
         "h3", "h4", "h5", "h6", "del", "sup", "sub", "abbr"}
_ATTRIBUTES = {"a": {"href", "title", "class"}, "abbr": {"title"}}
_SCHEMES = {"http", "https", "mailto"}


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML is text, not markup
    md.inlinePatterns.deregister("html")
    return md


_MD = _markdown()


def render_markdown(text: str, resolve: Callable[[str], tuple[str, str]]) -> str:
    """Render an editor's Markdown to clean HTML.

    `resolve(id)` gives (href, title) of a record for its [[id]] links.
    """

    def link(match: re.Match[str]) -> str:
        href, title = resolve(match.group(1).strip())
        label = match.group(2) if match.group(2) is not None else title
        return f"[{escape_markdown(label.strip())}]({href})"

    _MD.reset()
    rendered = _MD.convert(LINK_RE.sub(link, text))
    return nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel=None, strip_comments=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!])")


def escape_markdown(text: str) -> str:
    """Plain text (a headline, a name, a quote) as Markdown that shows it verbatim."""
    text = " ".join(str(text).split())  # one line: plain fields are never blocks
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def relative_url(from_url: str, to_url: str) -> str:
    """Link between directory-style page URLs ('people/x/' → '../../quotes/y/')."""
    rel = posixpath.relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


def relative_file(from_file: str, to_file: str) -> str:
    """Link between Markdown files ('people/x.md' → '../quotes/y.md'), as MkDocs checks them."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
