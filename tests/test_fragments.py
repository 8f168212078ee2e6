"""Pieces made once and shared by many pages (generator/render/fragments.py, the caches in
richtext.py): each page still shows its own links, and text is escaped exactly once."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.core.addresses import page_url
from generator.core.archive import load_or_raise
from generator.core.richtext import _markdown, _one_plain_line, isolated, render_markdown
from generator.core.settings import load_settings
from generator.render.pages import render_site

from conftest import REPO

SETTINGS = load_settings(REPO / "site_config/archive.yml")
PIECES = ["<", ">", "&", '"', "'", "&amp;", "<script>", "..", "/", "\u202e", "\u200f", "日本", "عربي", " ", "x"]
name = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join).filter(str.strip)

def _tree(root: Path, speaker: str, outlet: str, headline: str) -> Path:
    records = {
        "organizations/outlet": {"name": outlet, "kind": "outlet"},
        "people/speaker": {"name": speaker},
        "events/event": {"title": "The letter", "date": "2020-01-06"},
        "articles/article": {"headline": headline, "outlet": "outlet", "published": "2020-01-06",
                             "events": ["event"], "tags": ["story"]},
        "quotes/quote": {"text": "No decision.", "speaker": "speaker", "article": "article", "events": ["event"],
                         "tags": ["story"]},
    }
    for path, data in records.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / f"{path}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root

@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(speaker=name, outlet=name, headline=name)
def test_a_list_line_shows_its_records_and_links_them_from_every_page(tmp_path_factory, speaker, outlet, headline):
    root = _tree(tmp_path_factory.mktemp("content"), speaker, outlet, headline)
    _, pages = render_site(load_or_raise(root, SETTINGS), SETTINGS)
    by_uri = {p.uri: p for p in pages}
    # the quote's line on its event's page, its tag's page and its month's page: three depths
    shown = [uri for uri in ("events/event.md", "tags/story.md", "archive/2020-01.md") if uri in by_uri]
    assert len(shown) == 3
    for uri in shown:
        soup = BeautifulSoup(by_uri[uri].html, "html5lib")
        line = next(li for li in soup.select("ul.arc-list li") if "quotes/quote/" in
                    urljoin(f"https://x.invalid/{page_url(uri)}", li.select("a")[0]["href"]))
        links = line.select("a")
        assert [a.get_text() for a in links] == ["“No decision.”", speaker, outlet]  # a quote is titled by its words
        assert [urljoin(f"https://x.invalid/{page_url(uri)}", a["href"]) for a in links] == [
            "https://x.invalid/quotes/quote/", "https://x.invalid/people/speaker/",
            "https://x.invalid/organizations/outlet/"]
        # a name that may run right to left is isolated, so it cannot reorder the line after it
        assert bool(links[1].find("bdi")) == any(c in speaker for c in "\u202e\u200fعربي")
        assert not line.find("script")

def test_isolated_escapes_a_text_and_keeps_markup_as_it_is():
    """Markup equals the str of its markup: the shared answers must not mix them up."""
    assert isolated("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert isolated(Markup("<b>x</b>")) == "<b>x</b>"
    assert isolated("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert isolated("\u202ex") == "<bdi>\u202ex</bdi>"

def test_markdown_rendered_once_still_links_from_each_page():
    text = "See [[mark-esper]] and *more*."
    here = render_markdown(text, lambda _: ("../../people/mark-esper/", "Mark <Esper>"))
    there = render_markdown(text, lambda _: ("../mark-esper/", "Mark Esper"))
    assert here == '<p>See <a href="../../people/mark-esper/">Mark &lt;Esper&gt;</a> and <em>more</em>.</p>'
    assert there == '<p>See <a href="../mark-esper/">Mark Esper</a> and <em>more</em>.</p>'


# every character Markdown gives a meaning somewhere, white space of every kind, letters of other scripts
SYMBOLS = list("\\`*_{}[]()<>&#+-.!|~:=\"'@/%$;,?^") + [" ", "  ", "\t", "\n", "\r", "\u00a0", "\u2028", "\x02",
                                                     "\x03", "\u202e", "é", "日本", "🙂", "1", "2.", "Esper", "x"]
markdown_text = st.lists(st.sampled_from(SYMBOLS), max_size=10).map("".join)
# prose with a little of the above in it: most such lines are taken as plain
prose = st.lists(st.sampled_from(["Esper", " ", "said", ".", ",", "—", "2020", "é", "'", '"', ":", "(", ")", "%"]
                                 + SYMBOLS), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(markdown_text, prose))
def test_a_line_taken_as_plain_is_what_markdown_makes_of_it(text):
    """Lines without Markdown skip the converter (most quotes and summaries): only where the
    converter would make one paragraph of exactly that text."""
    if _one_plain_line(text):
        converter = _markdown()
        assert converter.convert(text) == f"<p>{text}</p>"


def test_lines_with_markdown_are_not_taken_as_plain():
    for text in ["", "1. one", "- item", "# Title", "> quoted", "    code", "a *b*", "a_b_", "[[x]]", "a & b",
                 "a<b", "line\nbreak", "tab\there", "ends with a space ", "\u202eflipped"]:
        assert not _one_plain_line(text), text
    assert _one_plain_line("Let me be clear: we seek escalation — but we are ready. (Really?) 5% of $3")
