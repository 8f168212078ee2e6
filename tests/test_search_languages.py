"""Search in every language of the archive, from any page, in a real browser; each page's <html lang>.

An English archive with Hungarian articles: Pagefind makes one index per language (each
stemmed by its own rules), and the browser merges them, so a word that only a Hungarian
record holds is found from an English page; a language filter narrows to one language.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import CHROMIUM, chromium, serve
from conftest import write_tree
from site_helpers import BuiltSite, build

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

MIXED = """
--- organizations/hvg.yaml
name: HVG
kind: outlet
--- organizations/daily-paper.yaml
name: The Daily Paper
kind: outlet
--- people/orban-viktor.yaml
name: Orbán Viktor
sort_name: Orbán Viktor
--- articles/cikk.yaml
headline: "Helyreigazítás: a kormányszóvivő nyilatkozata"
outlet: hvg
published: 2020-01-06
language: hu
people: [orban-viktor]
summary: A kormányszóvivő szerint a döntés végleges; a lap helyreigazítást közölt.
--- articles/story.yaml
headline: The spokesman's statement
outlet: daily-paper
published: 2020-01-07
summary: The spokesman said the decision was final.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    build(write_tree(root / "content", MIXED), root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_each_page_says_its_language(site):
    built = BuiltSite(site)
    assert built.soup("articles/cikk").html["lang"] == "hu"
    assert built.soup("articles/story").html["lang"] == "en"
    assert built.soup("people").html["lang"] == "en"  # index pages: the site's language


def test_one_index_per_language_and_a_language_filter(site):
    manifest = json.loads((site / "pagefind/search.json").read_text(encoding="utf-8"))
    assert manifest["languages"] == {"en": "English", "hu": "Hungarian"}
    assert [sorted(shard["indexes"]) for shard in manifest["shards"]] == [["en", "hu"]]
    facets = json.loads((site / "pagefind/facets.json").read_text(encoding="utf-8"))
    assert facets["language"] == {"English": 4, "Hungarian": 1}  # people and outlets: the site's


def test_a_hungarian_word_is_found_from_an_english_page(site, browser):
    page = browser.new_page()
    with serve(site) as base:
        page.goto(base + "articles/story/")
        assert page.get_attribute("html", "lang") == "en"
        for word in ("kormányszóvivő", "kormanyszovivo", "helyreigazítás", "spokesman", "statements"):
            page.fill(".arc-hsearch__input", "")
            page.wait_for_function("!document.querySelector('#arc-hresults [role=option]')")
            page.fill(".arc-hsearch__input", word)
            page.wait_for_function("document.querySelectorAll('#arc-hresults [role=option]').length > 1")
            titles = [t.inner_text() for t in page.query_selector_all("#arc-hresults .arc-result__title")]
            hungarian = word[0] in "kh"  # found with or without accents; English still stemmed as English
            assert titles == ["Helyreigazítás: a kormányszóvivő nyilatkozata" if hungarian
                              else "The spokesman's statement"], word
    page.close()


def test_the_language_filter_narrows_to_one_language(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with serve(site) as base:
        page.goto(base + "search/?kind=Article")
        page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('2 results')")
        assert page.is_visible("[data-arc-filter=language]")
        page.check("[data-arc-filter=language] input[value=Hungarian]")
        page.wait_for_function("document.querySelector('[data-arc-status]').textContent.startsWith('1 result ')")
        page.wait_for_function("document.querySelectorAll('.arc-results li').length === 1")
        assert page.inner_text(".arc-results .arc-result__title") == "Helyreigazítás: a kormányszóvivő nyilatkozata"
        assert "language=Hungarian" in page.url
    page.close()
