"""Input that check accepts must build: what would break a writer is refused with file:line."""

from __future__ import annotations

from conftest import check


def test_single_line_fields_refuse_line_breaks_and_control_characters(content):
    content("""
--- events/e.yaml
title: "Event\\r\\nSUMMARY:x"
date: 2020-01-06
location: "Baghdad\\u2028Iraq"
--- people/p.yaml
name: "Esc\\u001bape"
tags: ["a\\tb", "fine"]
other_names: ["Next\\u0085Line"]
--- organizations/o.yaml
name: The Outlet
kind: outlet
--- articles/a.yaml
headline: Headline
outlet: o
published: 2020-01-06
byline: "By\\nSomeone"
images:
  - caption: "NUL\\0here"
""")
    assert check() == (1, [
        "content/articles/a.yaml:4:9: byline: a line break is not allowed here: write it on one line",
        "content/articles/a.yaml:6:14: images[0].caption: the character U+0000 is a control character, not "
        "allowed in text",
        "content/events/e.yaml:1:8: title: a line break is not allowed here: write it on one line",
        "content/events/e.yaml:3:11: location: a line break is not allowed here: write it on one line",
        "content/people/p.yaml:1:7: name: the character U+001B is a control character, not allowed in text",
        "content/people/p.yaml:2:8: tags[0]: the character U+0009 is a control character, not allowed in text",
        "content/people/p.yaml:3:15: other_names[0]: a line break is not allowed here: write it on one line",
        "7 problems in 3 files (4 records checked).",
    ])


def test_texts_keep_line_breaks_but_no_other_control_character(content):
    content("""
--- people/p.yaml
name: P
summary: "Two\\nlines\\tand a tab"
--- quotes/q.yaml
text: "First line\\nsecond line"
speaker: p
context: "A bell\\u0007"
--- quotes/r.yaml
text: "Carriage\\rreturn"
speaker: p
""")
    assert check() == (1, [
        "content/quotes/q.yaml:3:10: context: the character U+0007 is a control character, not allowed in text",
        "content/quotes/r.yaml:1:7: text: a carriage return (\\r) is a control character, not allowed in text",
        "2 problems in 2 files (3 records checked).",
    ])


def test_settings_title_is_one_line(content, tmp_path):
    content("")
    (tmp_path / "site_config/archive.yml").write_text('title: "Two\\nlines"\n', encoding="utf-8")
    assert check() == (1, ["site_config/archive.yml: title: a line break is not allowed here: write it on one "
                           "line", "1 problem in 1 file (0 records checked)."])


def test_a_right_to_left_override_in_a_name_reverses_only_the_name(tmp_path):
    """U+202E (RIGHT-TO-LEFT OVERRIDE) in a name would reverse the text after it on the line; the name
    is isolated in <bdi> wherever it stands beside other text (titles, links, tags)."""
    from bs4 import BeautifulSoup

    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings
    from generator.render.pages import render_site

    from conftest import make_archive, write_tree

    root = make_archive(tmp_path)
    content = write_tree(root / "content", """
--- people/p.yaml
name: "Mallory \\u202eevil"
tags: ["\\u05e2\\u05d1\\u05e8\\u05d9\\u05ea"]
--- quotes/q.yaml
text: Words.
speaker: p
""")
    settings = load_settings(root / "site_config/archive.yml")
    _, pages = render_site(load_or_raise(content, settings), settings)
    html = {p.uri: BeautifulSoup(p.html, "html5lib") for p in pages}
    person, quote = html["people/p.md"], html["quotes/q.md"]
    assert person.select_one("h1 > bdi").get_text() == "Mallory \u202eevil"
    assert person.select_one("a.arc-tag > bdi").get_text() == "\u05e2\u05d1\u05e8\u05d9\u05ea"
    links = [a for a in quote.select("a") if "Mallory" in a.get_text()]
    assert links and all(a.select_one("bdi").get_text() == "Mallory \u202eevil" for a in links)
    # left-to-right text is not wrapped (the seed's golden pages are unchanged)
    assert not [b for b in person.select("bdi") if "Mallory" not in b.get_text() and "\u05e2" not in b.get_text()]


# --- cost: bounded by size ------------------------------------------------------------------------

def _render(tmp_path, spec):
    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings
    from generator.render.pages import render_site

    from conftest import make_archive, write_tree

    root = make_archive(tmp_path)
    content = write_tree(root / "content", spec)
    settings = load_settings(root / "site_config/archive.yml")
    site, pages = render_site(load_or_raise(content, settings), settings)
    return site, {p.uri: p for p in pages}


def test_two_long_wordings_of_one_statement_diff_in_bounded_work(tmp_path):
    """2,000-word wordings that differ throughout: past EXACT_DIFF_PAIRS the diff marks, in linear
    time, the words one wording has and the other lacks."""
    import random

    from generator.site.storyline import EXACT_DIFF_PAIRS, word_changes

    rng = random.Random(5)
    one = [f"w{rng.randrange(3000)}" for _ in range(2000)]
    two = [f"w{rng.randrange(3000)}" for _ in range(2000)]
    assert len(one) * len(two) > EXACT_DIFF_PAIRS
    mine, theirs = word_changes(one, two)
    assert all(one.count(one[i]) > two.count(one[i]) for i in mine)
    spec = (f'--- people/p.yaml\nname: P\n--- quotes/a.yaml\ntext: "{" ".join(one)}"\nspeaker: p\n'
            f'--- quotes/b.yaml\ntext: "{" ".join(two)}"\nspeaker: p\nsame_as: a\n')
    _, pages = _render(tmp_path, spec)
    assert max(len(p.html) for p in pages.values()) < 200_000  # two columns of 2,000 words and their marks
    # a small change between long wordings keeps the exact diff: only the changed word is marked
    assert word_changes(one, one[:1000] + ["changed"] + one[1001:]) == ({1000}, {1000})


def test_a_thousand_self_links_make_a_page_in_proportion(tmp_path):
    links = " ".join(["[[p]]"] * 1000)
    _, pages = _render(tmp_path, f"--- people/p.yaml\nname: P\nsummary: \"{links}\"\n")
    assert len(pages["people/p.md"].html) < 1000 * 60 + 20_000  # each link is one short <a>


def test_a_title_longer_than_300_characters_is_refused_with_its_length(content):
    content(f"""
--- people/p.yaml
name: {"N" * 301}
--- events/e.yaml
title: {"E" * 300}
date: 2020-01-06
--- organizations/o.yaml
name: O
kind: outlet
--- articles/a.yaml
headline: {"H" * 1200}
outlet: o
published: 2020-01-06
""")
    why = "a title has at most 300 (it is printed wherever the record is linked): shorten it and put the rest in " \
          "the record's text"
    assert check() == (1, [
        f"content/articles/a.yaml:1:11: headline: 1,200 characters; {why}",
        f"content/people/p.yaml:1:7: name: 301 characters; {why}",
        "2 problems in 2 files (4 records checked).",
    ])


def test_many_tags_that_read_alike_get_anchors_in_one_step_each(tmp_path):
    from generator.site.questions import Anchors, slug

    taken = Anchors()
    anchors = [slug("iraq" + "!" * k, taken) for k in range(3000)]
    assert anchors[:3] == ["iraq", "iraq_1", "iraq_2"] and anchors[-1] == "iraq_2999"
    assert len(set(anchors)) == 3000 and taken.resume["iraq"] == "iraq_2999"
    tags = ", ".join(f'"iraq{"!" * k}"' for k in range(300))
    site, pages = _render(tmp_path, f"--- people/p.yaml\nname: P\ntags: [{tags}]\n")
    assert len(set(site.tag_anchors.values())) == 300


def test_dates_after_2105_are_refused_and_deep_nesting_builds(content):
    deep = "\\n".join("    " * i + "- x" for i in range(600))
    content(f"""
--- events/e.yaml
title: E
start: 2020-01-06
end: 9999-12-31
--- people/p.yaml
name: P
summary: "{deep}"
""")
    assert check() == (1, [
        "content/events/e.yaml:3:6: end: '9999-12-31' is after the year 2105, the last the site's files can date; "
        "check the year",
        "1 problem in 1 file (2 records checked).",
    ])
    from generator.core.richtext import render_markdown

    lines = "\n".join("    " * i + "- x" for i in range(600))
    html = render_markdown(lines, lambda i: ("#", i))  # nested 600 deep: shown as written
    assert html.count("- x") == 600


def test_a_typed_link_token_is_text(tmp_path):
    from generator.core.richtext import render_markdown

    html = render_markdown("arclinkq7x5q7x [[a]] arclinkq7x0q7x", lambda i: ("../a/", "A"))
    assert str(html) == '<p>arclinkq7x5q7x <a href="../a/">A</a> arclinkq7x0q7x</p>'


def test_reserved_ids_are_refused(content):
    content("""
--- people/index.yaml
name: Index
--- people/con.yaml
name: Con
""")
    code, lines = check()
    assert code == 1 and lines[:2] == [
        "content/people/con.yaml: file name 'con' is reserved: 'con' would take the address of another page or "
        "cannot be a file on every system; rename the file, e.g. to 'con-1.yaml'",
        "content/people/index.yaml: file name 'index' is reserved: 'index' would take the address of another page "
        "or cannot be a file on every system; rename the file, e.g. to 'index-1.yaml'",
    ]


def test_tag_folders_are_safe_names_on_every_file_system(tmp_path):
    import unicodedata

    long_tag = "日本語" * 200
    nfc, nfd = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
    spec = f'--- people/p.yaml\nname: P\ntags: ["index", "{long_tag}", "{nfc}", "{nfd}", "CAFÉ"]\n'
    site, _ = _render(tmp_path, spec)
    anchors = site.tag_anchors
    assert anchors["index"] == "index_1"  # tags/index/ would be the tags page itself
    assert len(anchors[long_tag].encode()) <= 250
    folded = {unicodedata.normalize("NFC", a).casefold() for a in anchors.values()}
    assert len(folded) == len(anchors) == 5  # no two share a folder on macOS or Windows
