"""Record text → HTML, exactly once.

Plain-text fields never come here: templates escape them (Jinja2 autoescape).
Fields the content model marks *md* come here and leave as sanitised HTML:

- `render_markdown`: the editors' dialect — Python-Markdown's core syntax with
  sane lists, no typographic substitution (quotes, dashes and ellipses stay as
  typed), raw HTML shown as text, `[[id]]` / `[[id|label]]` links to records;
  the result is cleaned again with nh3 (an allow-list of tags and attributes,
  links only to http(s), mailto and pages of this site). Links are read as a browser reads
  them (the WHATWG URL standard, ada-url): a link to another site leaves as its standard
  form, so the host in the page is the host a browser goes to, and its host is printed after
  it (in ASCII, so a look-alike in another script shows: `аррӏе.com` is `xn--80ak6aa92e.com`);
  a link naming a user (`https://trusted.example@evil.example/`) or one that is written as
  relative but leads to another host (`/\\evil.example`) keeps its text and loses its link.
- `render_verbatim`: a field whose record says `text_format: plain` — text as
  printed, escaped, with every space and line break kept.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from xml.etree import ElementTree

import ada_url
import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
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
    md.treeprocessors.register(_Hosts(md), "arc_hosts", -1)  # after every other step
    return md


class _Hosts(Treeprocessor):
    """Each link to another site is followed by its host, unless its text is that host or that
    URL in its standard form (an autolink such as <https://example.org/>)."""

    def run(self, root: ElementTree.Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            host = outbound_host(href)
            if host is None:
                continue
            standard = browser_href(href) or ""
            a.set("href", standard)
            text = "".join(a.itertext()).strip()
            if not (text.isascii() and (text == host or text in (standard, standard.removesuffix("/")))):
                a.tail = f" ({host})" + (a.tail or "")


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

    rendered = _converted(LINK_RE.sub(hold, text))
    if rendered is None:  # lists or quotes nested hundreds deep: shown as written, never a failed build
        return render_verbatim(text)
    rendered = re.sub(re.escape(prefix) + r"(\d+)q7x", lambda m: links[int(m.group(1))], rendered)
    return Markup(_cleaned(rendered))


@functools.lru_cache(maxsize=1 << 14)
def _converted(text: str) -> str | None:
    """Python-Markdown's HTML for a text whose links are tokens, None when it nests too deep.

    The same text is rendered for several pages and outputs (an update's text on its page and its
    article's, in the JSON-LD, the search documents): converted once. Its links, which differ from
    page to page, are still tokens here."""
    if _one_plain_line(text):  # most quotes and summaries: no Markdown to parse
        return f"<p>{text}</p>"
    converter = _CONVERTER[0]
    converter.reset()
    try:
        return converter.convert(text)
    except RecursionError:
        _CONVERTER[0] = _markdown()  # a converter left mid-recursion is not to be trusted again
        return None


@functools.lru_cache(maxsize=1 << 14)
def _cleaned(rendered: str) -> str:
    """Markdown's HTML with its links in place, cleaned by nh3: once for a text that several pages
    and outputs show with the same links (a text without [[links]] is the same everywhere)."""
    return nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     attribute_filter=_safe_attribute, link_rel=None, strip_comments=True)


# what Markdown reads as markup anywhere in a line (emphasis, code, links, escapes, HTML, entities,
# headings), and what it reads so at the start of one (lists, quotes, code, rules, headings)
_MARKUP = frozenset("\\`*_[]<>&#")
_MARKUP_FIRST = frozenset("0123456789+-=> ")


def _one_plain_line(text: str) -> bool:
    """Whether Python-Markdown makes `<p>text</p>` of `text`, nothing else: one line of printable
    characters (no tab, line break or control, which it rewrites) with none of its markup and no
    space at either end (tests/test_fragments.py holds this against the converter itself)."""
    return (text != "" and text.isprintable() and text[0] not in _MARKUP_FIRST and not text.endswith(" ")
            and _MARKUP.isdisjoint(text))


def _safe_attribute(tag: str, name: str, value: str) -> str | None:
    """Links go to http(s), mailto or this site, as a browser reads them (browser_href)."""
    if name == "href":
        return browser_href(value)
    if name == "start" and not value.isdigit():
        return None
    return value


# Relative links are read as from a page of this site: one that leaves this host is refused.
_HERE = "https://this-site.invalid/a/b/c/"
_HERE_HOST = "this-site.invalid"


def _parsed(value: str, base: str | None = None) -> ada_url.URL | None:
    try:
        return ada_url.URL(value, base=base)
    except ValueError:
        return None


def browser_href(value: str) -> str | None:
    """The href to print for a link written `value`, or None when it may not be a link.

    As a browser reads it (WHATWG): a link within this site is kept as written; a link to
    another site is printed in its standard form (a backslash is a slash, the host in ASCII),
    so what a reader or a checker sees is where the browser goes; a link naming a user before
    its host, a relative link that leaves this site, and any scheme but http(s) and mailto are
    refused."""
    url = _parsed(value, _HERE)
    if url is None or url.protocol not in ("http:", "https:", "mailto:"):
        return None
    if url.protocol == "mailto:":
        return value if value.lower().startswith("mailto:") else None
    if url.username or url.password:
        return None
    absolute = _parsed(value)
    if absolute is None:  # relative: it must stay on this site
        return value if url.hostname == _HERE_HOST else None
    return url.href


def outbound_host(value: str) -> str | None:
    """The host (ASCII, as DNS knows it) an http(s) link to another site goes to, else None."""
    url = _parsed(value)
    if url is None or url.protocol not in ("http:", "https:") or url.username or url.password:
        return None
    return url.hostname or None


def host_note(url: str) -> str | None:
    """For a URL shown as its own link text: the host in ASCII when the URL spells it otherwise
    (an internationalised host, whose letters may look like another's), else None."""
    host = outbound_host(url)
    if host is None:
        return None
    written = url.split("//", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0]
    return None if written.isascii() else host


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
    return _words(str(rendered))


@functools.lru_cache(maxsize=1 << 14)  # a page's description, its JSON-LD and its search text ask alike
def _words(rendered: str) -> str:
    return html.unescape(nh3.clean(rendered, tags=set()))



# bidirectional classes that can reorder the text around them: right-to-left letters and numbers,
# and the embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
_NOT_LTR = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


def isolated(text: str) -> Markup:
    """Plain record text, escaped, in a <bdi> when it holds right-to-left letters or bidi controls,
    so that it cannot reorder the text after it (a name with U+202E in it reverses only itself)."""
    # a page names the same records as many others (a speaker, an outlet): each text is looked at
    # once. Only a plain str is cached: Markup equals the str of its markup, but is not escaped again.
    if type(text) is str:
        return _isolated_text(text)
    return _isolated(text)


@functools.lru_cache(maxsize=1 << 16)
def _isolated_text(text: str) -> Markup:
    return _isolated(text)


def _isolated(text: str) -> Markup:
    # no ASCII character is of a class in _NOT_LTR
    if not text.isascii() and any(unicodedata.bidirectional(c) in _NOT_LTR for c in text):
        return Markup("<bdi>") + escape(text) + Markup("</bdi>")
    return escape(text)
