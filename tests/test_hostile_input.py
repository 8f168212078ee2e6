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
