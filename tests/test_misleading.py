"""Text that cannot mislead: links go where a browser would take the reader and say which host that
is; record text cannot reverse the text after it; control characters reach no page, data file or
terminal; every output gives record text back exactly through a real parser."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.core.richtext import browser_href, host_note, outbound_host, render_markdown


def _links(source: str) -> list[tuple[str | None, str, str]]:
    """(href, text, the text after the link) of each link the Markdown renders to."""
    soup = BeautifulSoup(str(render_markdown(source, lambda i: ("../x/", "X"))), "html5lib")
    return [(a.get("href"), a.get_text(), a.next_sibling if isinstance(a.next_sibling, str) else "")
            for a in soup.find_all("a")]


@pytest.mark.parametrize("source", [
    r"[x](/\evil.example/)",
    r"[x](\/evil.example/)",
    r"[x](\\\\evil.example/)",  # Markdown unescapes it to two backslashes
    "[x](//evil.example/)",
    "[x](https://trusted.example@evil.example/)",
    "[x](https://trusted.example:pw@evil.example/)",
    "[x](javascript:alert(1))",
    "[x](data:text/html,x)",
])
def test_a_link_that_would_mislead_keeps_its_text_and_loses_its_link(source):
    assert _links(source) == [(None, "x", "")]


@pytest.mark.parametrize("source, href, host", [
    # a backslash is a slash to a browser: the reader goes to trusted.example, and is told so
    (r"[x](https://trusted.example\@evil.example/)", "https://trusted.example/@evil.example/",
     "trusted.example"),
    ("[Reuters](https://evil.example/story)", "https://evil.example/story", "evil.example"),
    ("[x](HTTPS://Example.ORG)", "https://example.org/", "example.org"),
    # a host in other letters is printed as DNS knows it: a look-alike of apple.com cannot pass for it
    ("[apple.com](https://аррӏе.com/)", "https://xn--80ak6aa92e.com/", "xn--80ak6aa92e.com"),
    ("[x](https://bücher.example/)", "https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
])
def test_a_link_to_another_site_goes_where_it_says_and_names_its_host(source, href, host):
    assert _links(source) == [(href, "x" if source.startswith("[x]") else source[1:source.index("]")],
                               f" ({host})")]


def test_a_link_whose_text_is_its_url_or_host_is_not_followed_by_it_again():
    assert _links("<https://example.org/> and [example.org](https://example.org/a)") == [
        ("https://example.org/", "https://example.org/", " and "), ("https://example.org/a", "example.org", "")]


def test_links_within_the_site_and_mail_are_kept_as_written():
    assert _links("[a](../people/x/) [b](#top) [c](mailto:desk@example.org) [[p]]") == [
        ("../people/x/", "a", " "), ("#top", "b", " "), ("mailto:desk@example.org", "c", " "), ("../x/", "X", "")]


def test_the_standard_form_is_stable():
    for value in ["https://example.org/a?b=1&c=2#d", r"https://a.example\b", "https://аррӏе.com/"]:
        once = browser_href(value)
        assert once is not None and browser_href(once) == once and outbound_host(once) == outbound_host(value)


def test_a_url_field_shows_an_internationalised_host_in_ascii():
    assert host_note("https://аррӏе.com/page") == "xn--80ak6aa92e.com"
    assert host_note("https://example.org/") is None
    assert host_note("https://[2001:db8::1]:443/") is None
