"""An archive in another language: people A–Z in Unicode collation order with
family-name-first names, and each record page marked with its own language."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.core.archive import load_or_raise
from generator.core.settings import Settings
from generator.render.pages import render_site

from conftest import write_tree

HUNGARIAN = """
--- people/orban-viktor.yaml
name: Orbán Viktor
sort_name: Orbán Viktor
--- people/abel-zoltan.yaml
name: Ábel Zoltán
sort_name: Ábel Zoltán
--- people/adam-eva.yaml
name: Éva Ádám
--- people/olah-gabor.yaml
name: Oláh Gábor
sort_name: Oláh Gábor
--- people/zsofia-kiss.yaml
name: Kiss Zsófia
sort_name: Kiss Zsófia
--- people/anna-ozd.yaml
name: Anna Özd
--- people/agnes-zrinyi.yaml
name: Ágnes Zrínyi
--- organizations/hvg.yaml
name: HVG
kind: outlet
--- articles/cikk.yaml
headline: "2007. június 28-án: helyreigazítás"
outlet: hvg
published: 2020-01-06
language: hu
"""


def test_people_a_z_collates_accents_within_their_letter_and_honours_sort_name(tmp_path):
    content = write_tree(tmp_path / "content", HUNGARIAN)
    site, pages = render_site(load_or_raise(content, Settings(title="Archívum")), Settings(title="Archívum"))
    assert [(letter, [p.name for p in people]) for letter, people in site.people_az()] == [
        ("A", ["Ábel Zoltán", "Éva Ádám"]),
        ("K", ["Kiss Zsófia"]),
        ("O", ["Oláh Gábor", "Orbán Viktor", "Anna Özd"]),
        ("Z", ["Ágnes Zrínyi"]),
    ]
    people = BeautifulSoup(next(p.html for p in pages if p.uri == "people.md"), "html5lib")
    assert [h.get_text().rstrip("¶") for h in people.select("h2")] == ["A", "K", "O", "Z"]  # no empty sections


def test_a_record_in_another_language_is_marked_with_it(tmp_path):
    content = write_tree(tmp_path / "content", HUNGARIAN)
    settings = Settings(title="Archive")
    _, pages = render_site(load_or_raise(content, settings), settings)
    article = BeautifulSoup(next(p.html for p in pages if p.uri == "articles/cikk.md"), "html5lib")
    assert article.select_one(".arc-page")["lang"] == "hu"
    assert article.h1.get_text() == "2007. június 28-án: helyreigazítás"
    person = BeautifulSoup(next(p.html for p in pages if p.uri == "people/abel-zoltan.md"), "html5lib")
    assert not person.select_one(".arc-page").has_attr("lang")  # the site's language
