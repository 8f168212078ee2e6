"""Pages joined from one render of the theme per page shape (generator/build/frames.py) are, byte
for byte, what the theme renders for each page: on whole builds (every page type, hostile text),
and on a small template with the kinds of filters and tests Material uses, over generated values."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from generator.build import frames
from generator.mkdocs_adapter import build_site

from conftest import REPO, hostile_tree

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402

KINDS = ["articles", "quotes", "updates", "corrections", "events", "people", "organizations"]

@pytest.fixture
def joined(monkeypatch) -> list[str]:
    """The URLs of the pages the next build joins from a frame."""
    urls: list[str] = []
    plan = frames.plan_groups

    def recording(*args, **kwargs):
        result = plan(*args, **kwargs)
        urls.extend(page.url for page, _, _ in result.joined)
        return result

    monkeypatch.setattr(frames, "plan_groups", recording)
    return urls


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("content", ["synthetic", "hostile"])
def test_joined_pages_are_the_themes_own_render_byte_for_byte(content, joined, tmp_path):
    tree = tmp_path / "content"
    if content == "synthetic":
        synthetic.write_tree(300, tree, seed=3)  # several languages, tags, previous ids, CRLF, BOM
    else:
        hostile_tree(tree)
    build_site(REPO / "mkdocs.yml", tmp_path / "themed", tree, workers=1, theme_per_page=True)
    assert joined == []
    build_site(REPO / "mkdocs.yml", tmp_path / "joined", tree, workers=1)
    themed, fast = _files(tmp_path / "themed"), _files(tmp_path / "joined")
    assert sorted(fast) == sorted(themed)
    assert [name for name in fast if fast[name] != themed[name]] == []
    # pages of every kind of record are joined (three records of each make shapes of several pages),
    # and most pages of a larger archive, lists (months, tags, letters) included
    folders = {url.split("/")[0] for url in joined}
    if content == "hostile":
        assert set(KINDS) <= folders
    else:
        assert {"articles", "quotes", "people", "archive", "tags", "people-a-z"} <= folders
        assert len(joined) > 0.8 * len([n for n in fast if n.endswith("index.html")])


def test_the_build_says_how_many_pages_it_joined(tmp_path, caplog):
    caplog.set_level("INFO", logger="mkdocs.plugins.archive")
    build_site(REPO / "mkdocs.yml", tmp_path / "site", hostile_tree(tmp_path / "content"), workers=1)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("theme: ")]
    assert len(lines) == 1
    assert lines[0].endswith("rendered one by one (shapes of one page, or values the theme does not print "
                             "as they are)")


# A page of a small theme: Material's own kinds of use of a value — printed as it is, through
# `striptags | e` (its table of contents), tested with `in` (`hide`), the title as an <h1> when the
# body has none, a list looped over.
THEME = jinja2.Environment(autoescape=False).from_string(
    "<title>{{ meta.title }} - Site</title>\n"
    "{% if meta.description %}<meta content=\"{{ meta.description }}\">{% endif %}\n"
    "{% if 'toc' not in meta.hide %}<nav>{% for item in toc %}"
    "<a href=\"#{{ item[1] }}\" aria-label=\"{{ item[0] | striptags | e }}\">  {{ item[0] }}</a>\n"
    "{% endfor %}</nav>{% endif %}\n"
    "{% if '<h1' not in body %}<h1>{{ meta.title }}</h1>{% endif %}{{ body }}\n")

_text = st.lists(st.sampled_from(list("ab <>&\"'\n\t\u202e\ue000\ue001") + ["<h1>", "&amp;", "Named in"]),
                 max_size=8).map("".join)


def _page(title: str, description: str, hide: list[str], headings: list[tuple[str, str]], body: str) -> dict:
    return {"meta": {"title": Markup(escape(title)), "description": Markup(escape(description)), "hide": hide},
            "toc": [[Markup(escape(t)), anchor] for t, anchor in headings], "body": body}


_pages = st.lists(st.builds(_page, _text, _text, st.sampled_from([[], ["toc"], ["navigation"]]),
                            st.lists(st.tuples(st.sampled_from(["Named in", "Quotes", "a  b", "<i>x</i>"]),
                                               st.sampled_from(["named-in", "quotes", "x"])), max_size=2),
                            _text),
                  min_size=2, max_size=12)


@settings(max_examples=150, deadline=None)
@given(_pages)
def test_a_join_is_the_render_of_every_page_for_any_values(pages):
    def render(n: int, values) -> str:
        return THEME.render(values if values is not None else pages[n])

    plan = frames.plan(list(range(len(pages))), lambda n: ("main.html", pages[n]), render)
    assert sorted([n for n, _, _ in plan.joined] + plan.themed) == list(range(len(pages)))
    for n, frame, texts in plan.joined:
        assert frame.join(texts) == render(n, None)


def test_pages_of_one_shape_share_one_frame():
    pages = [_page(f"Title {n}", f"About {n}", [], [("Named in", "named-in")], f"<h1>{n}</h1>") for n in range(5)]
    plan = frames.plan(list(range(5)), lambda n: ("main.html", pages[n]), lambda n, v: THEME.render(v or pages[n]))
    assert (len(plan.joined), plan.themed, plan.frames) == (5, [], 1)


def test_flatten_and_rebuild_give_back_the_value():
    value = {"title": Markup("A &amp; B"), "same": Markup("A &amp; B"), "empty": "", "n": 2, "hide": ["toc"],
             "toc": [[Markup("x"), "x", 2, []]]}
    shape, texts = frames.flatten(value)
    assert texts == [Markup("A &amp; B"), "toc", Markup("x"), "x"]
    assert frames.rebuild(shape, texts) == value
    assert type(frames.rebuild(shape, texts)["title"]) is Markup
    with pytest.raises(TypeError):
        frames.flatten({"when": object()})
