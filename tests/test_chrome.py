"""The theme's markup around a page body is squeezed (runs of whitespace holding a line break
become one line break) while the body stays byte for byte as rendered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.build import chrome


def test_runs_of_whitespace_with_a_line_break_become_one_line_break():
    assert chrome.squeeze("<div>\n    <a>x</a>  \n\n  <b>y</b> z</div>") == "<div>\n<a>x</a>\n<b>y</b> z</div>"


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
