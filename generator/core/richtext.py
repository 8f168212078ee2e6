"""Record text → HTML, exactly once.

Plain-text fields never come here: templates escape them (Jinja2 autoescape).
Fields the content model marks *md* come here and leave as sanitised HTML:

- `render_markdown`: the editors' dialect — Python-Markdown's core syntax with
  sane lists, no typographic substitution (quotes, dashes and ellipses stay as
  typed), raw HTML shown as text, `[[id]]` / `[[id|label]]` links to records;
  the result is cleaned again with nh3 (an allow-list of tags and attributes,
  links only to http(s), mailto and pages of this site).
- `render_verbatim`: a field whose record says `text_format: plain` — text as
  printed, escaped, with every space and line break kept.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup, escape

from generator.core.archive import LINK_RE

_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "br", "hr",
         "h3", "h4", "h5", "h6", "del", "sup", "sub", "abbr"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}

Resolve = Callable[[str], tuple[str, str]]


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML is text, not markup
    md.inlinePatterns.deregister("html")
    return md


_CONVERTER = [_markdown()]  # replaced after a failure (render_markdown)
# [[id]] links are swapped for a token Markdown leaves alone, and the token for the
# finished link after rendering: a record's title never passes through Markdown. The token's
# prefix is made longer until the editor's text does not hold it (typing a token is just text).
_TOKEN_PREFIX = "arclinkq7x"


def render_markdown(text: str, resolve: Resolve) -> Markup:
    """An editor's Markdown as clean HTML; `resolve(id)` gives (href, title) for [[id]] links."""
    links: list[str] = []
    prefix = _TOKEN_PREFIX
    while prefix in text:
        prefix += "z"

    def hold(match: re.Match[str]) -> str:
        href, title = resolve(match.group(1).strip())
        label = match.group(2).strip() if match.group(2) is not None else title
        links.append(f'<a href="{escape(href)}">{escape(label)}</a>')
        return f"{prefix}{len(links) - 1}q7x"

    converter = _CONVERTER[0]
    converter.reset()
    try:
        rendered = converter.convert(LINK_RE.sub(hold, text))
    except RecursionError:  # lists or quotes nested hundreds deep: shown as written, never a failed build
        _CONVERTER[0] = _markdown()  # a converter left mid-recursion is not to be trusted again
        return render_verbatim(text)
    rendered = re.sub(re.escape(prefix) + r"(\d+)q7x", lambda m: links[int(m.group(1))], rendered)
    return Markup(nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                            attribute_filter=_safe_attribute, link_rel=None, strip_comments=True))


def _safe_attribute(tag: str, name: str, value: str) -> str | None:
    """Links go to http(s), mailto or this site; `//host/…` (another host) is dropped."""
    if name == "href" and (value.startswith(("//", "\\\\", "/\\")) or
                           (not urlsplit(value).scheme and urlsplit(value).netloc)):
        return None
    if name == "start" and not value.isdigit():
        return None
    return value


def render_verbatim(text: str) -> Markup:
    """Text as printed: escaped, shown with its spaces and line breaks (CSS pre-wrap)."""
    return Markup('<p class="arc-verbatim">{}</p>').format(text.rstrip("\n"))


def plain_text(text: str, resolve: Resolve, verbatim: bool = False) -> str:
    """The words of a Markdown field without markup (for search and descriptions)."""
    if verbatim:
        return text
    return words_of(render_markdown(text, resolve))


def words_of(rendered: Markup) -> str:
    """The words of rendered Markdown without its markup."""
    return html.unescape(nh3.clean(str(rendered), tags=set()))


def relative_url(from_url: str, to_url: str) -> str:
    """Link between directory-style page URLs ('people/x/' → '../../quotes/y/').

    The same result as posixpath.relpath on the two folders, computed on segments:
    pages make tens of links each, and relpath's normalising dominated rendering."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for mine, theirs in zip(here, there, strict=False):  # paths of any lengths
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    return rel + "/" if rel else "./"


# bidirectional classes that can reorder the text around them: right-to-left letters and numbers,
# and the embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
_NOT_LTR = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


def isolated(text: str) -> Markup:
    """Plain record text, escaped, in a <bdi> when it holds right-to-left letters or bidi controls,
    so that it cannot reorder the text after it (a name with U+202E in it reverses only itself)."""
    if any(unicodedata.bidirectional(c) in _NOT_LTR for c in text):
        return Markup("<bdi>") + escape(text) + Markup("</bdi>")
    return escape(text)
