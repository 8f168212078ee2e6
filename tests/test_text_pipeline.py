"""Text reaches HTML exactly once: plain fields come back from the page exactly as
written and inert; Markdown fields are sanitised; nothing is rewritten on the way.

Pages are parsed with html5lib (a spec-compliant parser), as a browser would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.archive import load_or_raise
from generator.core.richtext import render_markdown, render_verbatim
from generator.core.settings import load_settings
from generator.outputs.search import BROWSE_WORD, search_document, search_records
from generator.render.pages import render_site
from generator.site.questions import Site

from conftest import REPO

SETTINGS = load_settings(REPO / "site_config/archive.yml")

# Tags and attributes the templates make; anything else in a page came from a record.
TEMPLATE_TAGS = {"html", "head", "body", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "p", "ul", "ol", "li",
                 "dl", "dt", "dd", "span", "time", "strong", "em", "blockquote", "figure", "figcaption", "ins",
                 "del", "aside", "code", "pre", "br", "hr", "sup", "sub", "abbr", "form", "label", "input",
                 "button", "fieldset", "legend", "select", "option", "noscript", "nav", "details", "summary",
                 "mark", "svg", "use", "bdi", "q", "textarea"}
TEMPLATE_ATTRIBUTES = {"class", "id", "href", "title", "datetime", "start", "lang", "action", "role", "for", "type",
                       "name", "autocomplete", "value", "hidden", "aria-live", "data-arc-search-page",
                       "data-arc-filters", "data-arc-filter", "data-arc-picker", "data-arc-status",
                       "data-arc-results", "data-arc-more", "aria-label", "aria-current", "aria-hidden",
                       "focusable", "width", "height", "open", "rel", "download", "readonly", "spellcheck",
                       "rows"}

# Text full of what has broken text pipelines: HTML, Markdown, attr_list, Jinja,
# list markers, indentation, bidi marks, line separators, combining marks, emoji.
PIECES = ["<", ">", "&", '"', "'", "{", "}", "[", "]", "(", ")", "*", "_", "#", "\\", "|", "!", ":", "/", "=",
          ".", "-", "2007. ", "1) ", "    ", "{{ 7*7 }}", "{% raw %}", "</script>", "</title>", "javascript:",
          "{ onclick=alert(1) }", "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "\u200f", "\u202e",
          "\u2028", "e\u0301", "🙂", "Á", "日本", "`", "~", " ", "\n", "x", "Esper"]
text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
# names, titles, labels, tags: one line (check refuses line breaks there)
line = st.lists(st.sampled_from([p for p in PIECES if p not in ("\n", "\u2028")]), min_size=1, max_size=8).map("".join)


def _tree(root: Path, v: dict[str, str]) -> Path:
    """A content tree with every plain-text field of every kind set from `v`."""
    records = {
        "organizations/outlet": {"name": v["org_name"], "kind": "outlet", "other_names": [v["org_other"]]},
        "people/speaker": {"name": v["person_name"], "other_names": [v["person_other"]],
                           "roles": [{"title": v["role_title"]}], "tags": [v["tag"]]},
        "events/event": {"title": v["event_title"], "date": "2020-01-06", "location": v["location"]},
        "articles/article": {"headline": v["headline"], "outlet": "outlet", "published": "2020-01-06",
                             "section": v["section"], "byline": v["byline"],
                             "images": [{"caption": v["caption"], "credit": v["credit"]}]},
        "quotes/quote": {"text": v["quote_text"], "speaker": "speaker", "article": "article",
                         "events": ["event"]},
        "updates/update": {"article": "article", "at": "2020-01-06T16:09:00-05:00", "label": v["label"],
                           "text": "An update."},
    }
    for name, data in records.items():
        path = root / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


FIELDS = ["org_name", "org_other", "person_name", "person_other", "role_title", "tag", "event_title", "location",
          "headline", "section", "byline", "caption", "credit", "quote_text", "label"]


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html5lib")


def _fact(soup: BeautifulSoup, label: str) -> str:
    dt = next(dt for dt in soup.select("dl.arc-meta dt") if dt.get_text() == label)
    return dt.find_next_sibling("dd").get_text()


def assert_inert(html: str) -> None:
    """No element or attribute the templates do not make; links only to allowed places."""
    soup = _soup(html)
    for element in soup.find_all(True):
        assert element.name in TEMPLATE_TAGS, f"unexpected <{element.name}>"
        for name, value in element.attrs.items():
            assert name in TEMPLATE_ATTRIBUTES, f"unexpected attribute {name} on <{element.name}>"
            if name == "href":
                assert re.match(r"^(https?://|mailto:|#|\.\.?/|[a-z0-9-]+/)", value) or value == "./", value
    ids = [e["id"] for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({name: text if name == "quote_text" else line for name in FIELDS}))
def test_every_plain_field_comes_back_exactly_and_inert(tmp_path_factory, values):
    root = _tree(tmp_path_factory.mktemp("content"), values)
    site, pages = render_site(load_or_raise(root, SETTINGS), SETTINGS)
    html = {p.uri: p.html for p in pages}
    for page_html in html.values():
        assert_inert(page_html)
    org, person = _soup(html["organizations/outlet.md"]), _soup(html["people/speaker.md"])
    event, article = _soup(html["events/event.md"]), _soup(html["articles/article.md"])
    quote, update = _soup(html["quotes/quote.md"]), _soup(html["updates/update.md"])
    v = values
    assert org.h1.get_text() == v["org_name"]
    assert _fact(org, "Also written") == v["org_other"]
    assert person.h1.get_text() == v["person_name"]
    assert person.select_one(".arc-aka").get_text() == "Also written: " + v["person_other"]
    assert person.select_one("#roles + ul li").get_text() == v["role_title"]
    assert [a.get_text() for a in person.select("a.arc-tag")] == [v["tag"]]
    assert event.h1.get_text() == v["event_title"]
    assert _fact(event, "Where") == v["location"]
    assert article.h1.get_text() == v["headline"]
    assert _fact(article, "Section") == v["section"]
    assert _fact(article, "Byline") == v["byline"]
    assert _fact(article, "Outlet") == v["org_name"]
    assert article.select_one(".arc-caption").get_text() == v["caption"]
    assert article.select_one(".arc-credit").get_text() == "Photo: " + v["credit"]
    assert quote.select_one("blockquote.arc-quote p").get_text() == v["quote_text"]
    assert quote.h1.get_text() == f"{v['person_name']}: {site.title(site.get('quote'))}"
    assert update.h1.get_text() == f"{v['label']}: {v['headline']}"
    # the record's tag link leads to the tag's page; the tags index keeps the tag's old anchor
    anchor = person.select_one("a.arc-tag")["href"].rstrip("/").rsplit("/", 1)[1]
    assert _soup(html[f"tags/{anchor}.md"]).h1.get_text() == "Tag: " + v["tag"]
    assert _soup(html["tags.md"]).find(id=anchor).get_text() == v["tag"]


HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example/path)",
    "![img](https://evil.example/pixel.png)",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<div style="position:fixed">x</div>',
    "<svg/onload=alert(1)>",
    "[x](https://example.org){ onclick=alert(1) }",
    "# Heading { onclick=alert(1) }",
    "<details open ontoggle=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "[x](&#106;avascript:alert(1))",
    '[x](https://example.org "title" onmouseover=alert(1))',
    "<object data=x></object><embed src=x>",
    "<form action=https://evil.example><input></form>",
]


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN)
def test_hostile_markdown_renders_inert(source):
    html = str(render_markdown(source, lambda i: ("#", i)))
    soup = _soup(html)
    for element in soup.find_all(True):
        assert element.name in {"html", "head", "body", "p", "a", "em", "strong", "h3", "h4", "code", "pre"}
        for name, value in element.attrs.items():
            assert name in {"href", "title"}
            if name == "href":
                assert re.match(r"^(https?://|mailto:|#)", value) and not value.startswith("//"), value


def test_ordinary_markdown_still_works():
    html = str(render_markdown(
        "Some *emphasis*, **strong**, `code` and [a link](https://example.org/x).\n\n"
        "- one\n- two\n\n> quoted\n\n[[mark-esper]] and [[mark-esper|the secretary]]",
        lambda i: ("../../people/mark-esper/", "Mark <Esper>")))
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html and "<code>code</code>" in html
    assert '<a href="https://example.org/x">a link</a>' in html
    assert "<li>one</li>" in html and "<blockquote>" in html
    assert '<a href="../../people/mark-esper/">Mark &lt;Esper&gt;</a>' in html
    assert '<a href="../../people/mark-esper/">the secretary</a>' in html


def test_no_typographic_substitution():
    html = str(render_markdown("\"Straight\" and 'single' -- dashes --- and dots... <<x>>", lambda i: ("#", i)))
    assert _soup(html).get_text() == "\"Straight\" and 'single' -- dashes --- and dots... <<x>>"


def test_verbatim_text_is_shown_exactly_as_printed():
    printed = ("2007. június 28-án a cikk \"hibás\" volt.\n    Négy szóköz után.\n"
               "E*Trade's fee … E*Trade\n* Denotes a footnote\n\n\nThree lines on.")
    soup = _soup(str(render_verbatim(printed)))
    assert soup.select_one("p.arc-verbatim").get_text() == printed


def test_markdown_keeps_a_list_start_and_code_block_blank_lines():
    listed = _soup(str(render_markdown("2007. A year that starts a list", lambda i: ("#", i))))
    assert listed.ol["start"] == "2007"
    code = _soup(str(render_markdown("Code:\n\n    first\n\n\n    second", lambda i: ("#", i))))
    assert code.pre.get_text() == "first\n\n\nsecond\n"


def test_records_can_say_their_markdown_is_plain_text(tmp_path):
    root = tmp_path / "content"
    (root / "corrections").mkdir(parents=True)
    (root / "people").mkdir()
    (root / "people/p.yaml").write_text("name: P\n", encoding="utf-8")
    text = "2007. június 28-án\n* Denotes [[p]] *not* a link"
    (root / "corrections/c.yaml").write_text(yaml.safe_dump(
        {"target": "p", "at": "2020-01-06", "text": text, "text_format": "plain"}, allow_unicode=True))
    _, pages = render_site(load_or_raise(root, SETTINGS), SETTINGS)
    page = _soup(next(p.html for p in pages if p.uri == "corrections/c.md"))
    assert page.select_one("p.arc-verbatim").get_text() == text


def test_search_text_is_escaped_once(tmp_path):
    root = tmp_path / "content"
    (root / "organizations").mkdir(parents=True)
    (root / "organizations/att.yaml").write_text(
        "name: AT&T <Inc>\nsummary: 'AT&T said **no** & <b>more</b>'\nother_names: ['AT&amp;T']\n", encoding="utf-8")
    site = Site(load_or_raise(root, SETTINGS), SETTINGS)
    record = next(iter(search_records(site)))
    document = _soup(search_document(record))
    assert document.h1.get_text() == "AT&T <Inc>"
    assert [p.get_text() for p in document.select("main p")] == ["AT&amp;T", "AT&T said no & <b>more</b>", BROWSE_WORD]


def test_tag_anchors_are_unicode_aware_and_unique(tmp_path):
    root = tmp_path / "content"
    (root / "people").mkdir(parents=True)
    (root / "people/p.yaml").write_text("name: P\ntags: [日本, 中国, Iraq, iraq, Ünlü, '!!!']\n", encoding="utf-8")
    site, pages = render_site(load_or_raise(root, SETTINGS), SETTINGS)
    anchors = site.tag_anchors
    assert anchors["日本"] == "日本" and anchors["中国"] == "中国" and anchors["Ünlü"] == "ünlü"
    assert len(set(anchors.values())) == 6
    tags = _soup(next(p.html for p in pages if p.uri == "tags.md"))
    for tag, anchor in anchors.items():
        assert tags.find(id=anchor).get_text().rstrip("¶") == tag
