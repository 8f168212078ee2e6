"""The theme's markup around a page body is squeezed (runs of whitespace holding a line break
become one line break) while the body stays byte for byte as rendered."""

from __future__ import annotations

import re
from pathlib import Path

import material as material_templates
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build import chrome


def test_runs_of_whitespace_with_a_line_break_become_one_line_break():
    assert chrome.squeeze("<div>\n    <a>x</a>\n\n  <b>y</b> z \n</div>") == "<div>\n<a>x</a>\n<b>y</b> z \n</div>"


@given(st.text(alphabet=" \t\n<>ab"), st.text(alphabet=" \t\n<>pre"), st.text(alphabet=" \t\n<>cd"))
def test_the_body_is_kept_byte_for_byte(before, body, after):
    body = "<article>" + body + "</article>"
    page = chrome.lighter(before + body + after, body)
    assert page == chrome.squeeze(before) + body + chrome.squeeze(after)


def test_the_seed_pages_lose_the_themes_indentation(seed_site):
    quote = (seed_site / "quotes/esper-no-decision-to-leave-iraq-period/index.html").read_text("utf-8")
    start, end = quote.index('<div class="arc-page'), quote.index("</article>")
    assert "\n " not in quote[:start] + quote[end:]
    assert "\n\n" not in quote[:start] + quote[end:]


def test_the_themes_icons_come_from_one_sprite_drawn_by_materials_own(seed_site):
    from xml.etree import ElementTree

    sprite = ElementTree.parse(seed_site / "assets/icons.svg").getroot()
    symbols = {s.get("id"): s for s in sprite.iter("{http://www.w3.org/2000/svg}symbol")}
    assert sorted(symbols) == ["arrow-up", "library", "menu", "weather-night", "weather-sunny"]
    material = Path(material_templates.__file__).parent / "templates/.icons/material"
    for name, symbol in symbols.items():
        path = ElementTree.parse(material / f"{name}.svg").getroot()[0]
        assert symbol[0].get("d") == path.get("d")
    for page in ("index.html", "quotes/esper-no-decision-to-leave-iraq-period/index.html", "404.html"):
        html = (seed_site / page).read_text("utf-8")
        used = re.findall(r'<use href="([^"]*)icons\.svg#([^"]+)"/>', html)
        assert {name for _, name in used} == set(symbols)
        assert "<path" not in html  # no icon is drawn inline any more
    assert {prefix for prefix, _ in re.findall(r'<use href="([^"]*)icons\.svg#([^"]+)"/>', (
        seed_site / "quotes/esper-no-decision-to-leave-iraq-period/index.html").read_text("utf-8"))} == {
        "../../assets/"}


def test_an_icon_the_theme_does_not_have_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"the theme has no icon 'material/no-such' for \.icons/arc/no-such\.svg"):
        chrome.icon_sprite(["no-such"], [tmp_path])
