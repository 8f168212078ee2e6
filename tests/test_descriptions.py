"""Every page says what it holds in its own meta description; only the home page (and the 404
page) use the archive's own sentence from the settings."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.core.settings import load_settings

from conftest import REPO


def _descriptions(site) -> dict[str, tuple[str, str, str]]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a renamed record's redirect
        values = tuple((tag or {}).get("content") for tag in (
            soup.find("meta", attrs={"name": "description"}), soup.find("meta", attrs={"property": "og:description"})))
        found[str(path.relative_to(site))] = values
    return found


def test_only_the_home_page_uses_the_archives_own_sentence(seed_site):
    sentence = load_settings(REPO / "site_config/archive.yml").description
    pages = _descriptions(seed_site)
    assert sorted(p for p, (meta, _) in pages.items() if meta == sentence) == ["404.html", "index.html"]
    # the Open Graph description (which a Twitter card shows too) says the same as the page's own
    assert [p for p, (meta, og) in pages.items() if p != "404.html" and meta != og] == []


def test_index_pages_say_what_they_list(seed_site):
    pages = _descriptions(seed_site)
    assert pages["people/index.html"][0] == (
        "Everyone the archive names, A–Z by family name, with their roles and what they said.")
    assert pages["archive/2020-01/index.html"][0] == (
        "Everything dated January 2020, in time order: articles, quotes, updates, corrections and events.")
    assert pages["tags/iraq/index.html"][0] == "Everything tagged “Iraq” in the archive, in time order."
    assert pages["about/index.html"][0] == (
        "What this archive is, how its records are sourced, its corrections policy and how to report an error.")


def test_a_later_page_of_a_list_says_which_page_it_is(tmp_path):
    from test_paging import _renderer, _tree

    renderer = _renderer(_tree(tmp_path / "content", list(range(1, 40)), [3], list(range(10))), 2)
    assert renderer.render(("index", "corrections.md")).description == (
        "Every correction, clarification, retraction and dispute in the archive, newest first, with who issued it.")
    later = renderer.render(("index", "corrections.md", 2))  # 10 corrections, 2 a page
    assert (later.title, later.description) == ("Corrections log (page 2 of 5)", (
        "Every correction, clarification, retraction and dispute in the archive, newest first, with who issued it. "
        "Page 2 of 5."))
    assert renderer.render(("index", "tags/iraq.md", 3)).description.startswith(
        "Everything tagged “Iraq” in the archive, in time order. Page 3 of ")
