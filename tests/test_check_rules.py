"""Each bad-input class of the content model gets one exact, actionable message."""

from __future__ import annotations

import json

import pytest

from generator.core.settings import load_settings

from conftest import MINIMAL, check, run


def test_clean_content_passes(content):
    content(MINIMAL)
    assert check() == (0, ["4 records checked, no problems."])


def test_misspelled_speaker_gets_did_you_mean(content):
    content(MINIMAL + """
--- quotes/esper-no-decision.yaml
text: There's been no decision to leave Iraq. Period.
speaker: mark-espr
""")
    assert check() == (1, [
        "content/quotes/esper-no-decision.yaml:2:10: speaker: unknown person or organization 'mark-espr' "
        "(did you mean 'mark-esper'?)",
        "1 problem in 1 file (5 records checked).",
    ])


def test_reference_to_the_wrong_kind(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: words
speaker: the-letter
article: mark-esper
""")
    code, lines = check()
    assert code == 1
    assert lines[:2] == [
        "content/quotes/q.yaml:2:10: speaker: 'the-letter' is an event, but this field needs a person or "
        "an organization",
        "content/quotes/q.yaml:3:10: article: 'mark-esper' is a person, but this field needs an article",
    ]


def test_dangling_list_reference_and_markdown_link(content):
    content(MINIMAL + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
events: [the-leter]
text: |
  Esper spoke.
  See [[mark-espr|him]] and [[the-letter]].
""")
    assert check()[1][:2] == [
        "content/updates/u.yaml:3:10: events[0]: unknown event 'the-leter' (did you mean 'the-letter'?)",
        "content/updates/u.yaml:6: text: unknown record [[mark-espr]] (did you mean 'mark-esper'?)",
    ]


def test_link_that_is_not_an_id(content):
    content(MINIMAL + """
--- people/p.yaml
name: P
summary: "Worked with [[Mark Esper]]."
""")
    assert check()[1][0] == ("content/people/p.yaml:2:22: summary: link [[Mark Esper]] does not name an id: "
                             "ids use lowercase letters, digits and hyphens")


def test_unknown_field_with_suggestion_replaces_missing_field(content):
    content("""
--- people/p.yaml
nmae: Mark Esper
""")
    assert check()[1] == [
        "content/people/p.yaml:1:1: unknown field 'nmae' (did you mean 'name'?)",
        "1 problem in 1 file (1 records checked).",
    ]


def test_unknown_field_without_close_match_lists_the_fields(content):
    content("""
--- organizations/o.yaml
name: O
colour: red
""")
    assert check()[1][0] == ("content/organizations/o.yaml:2:1: unknown field 'colour' (fields here: tags, "
                             "status, previous_ids, text_format, embargo_until, name, kind, url, summary, same_as, other_names, wikidata)")


def test_unknown_nested_field(content):
    content("""
--- people/p.yaml
name: P
roles:
  - title: Secretary
    organisation: x
""")
    assert check()[1][0] == "content/people/p.yaml:4:5: unknown field 'organisation' (did you mean 'organization'?)"


def test_missing_required_fields(content):
    content("""
--- articles/a.yaml
headline: H
--- events/e.yaml
title: E
""")
    assert check()[1] == [
        "content/articles/a.yaml:1: outlet: required field is missing",
        "content/articles/a.yaml:1: published: required field is missing",
        "content/events/e.yaml:1: date: required field is missing (give 'date', or 'start' with an optional 'end')",
        "3 problems in 2 files (2 records checked).",
    ]


def test_wrong_types(content):
    content("""
--- people/p.yaml
name: 12
roles: Secretary
other_names: [true]
""")
    assert check()[1][:3] == [
        "content/people/p.yaml:1:7: name: expected text, got the number 12",
        "content/people/p.yaml:2:8: roles: expected a list (one '- item' per line, or [a, b]), got the text 'Secretary'",
        "content/people/p.yaml:3:15: other_names[0]: expected text, got true/false (true); to write the word, put "
        'it in quotes, e.g. "True"',
    ]


def test_choice_with_suggestion(content):
    content("""
--- organizations/o.yaml
name: O
kind: outlett
""")
    assert check()[1][0] == ("content/organizations/o.yaml:2:7: kind: 'outlett' is not one of outlet, "
                             "news-agency, government, military, legislature, armed-group, other "
                             "(did you mean 'outlet'?)")


def test_bad_file_name_id(content):
    content("""
--- people/Mark_Esper.yaml
name: Mark Esper
""")
    assert check()[1][0] == ("content/people/Mark_Esper.yaml: file name 'Mark_Esper' is not a valid id: use "
                             "lowercase letters, digits and single hyphens; rename the file, e.g. to "
                             "'mark-esper.yaml'")


def test_id_too_long(content):
    long_id = "a" * 121
    content(f"""
--- people/{long_id}.yaml
name: A
""")
    assert check()[1][0] == (f"content/people/{long_id}.yaml: file name '{long_id}' is 121 characters long; ids "
                             f"have at most 120; rename the file, e.g. to '{'a' * 120}.yaml'")


def test_bad_id_in_a_reference(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: words
speaker: Mark Esper
""")
    assert check()[1][0] == ("content/quotes/q.yaml:2:10: speaker: 'Mark Esper' is not a valid id: ids use "
                             "lowercase letters, digits and single hyphens, e.g. 'mark-esper'")


def test_duplicate_ids_across_kinds(content):
    content("""
--- events/esper.yaml
title: E
date: 2020-01-06
--- people/esper.yaml
name: Mark Esper
""")
    assert check()[1][0] == ("content/people/esper.yaml: duplicate id 'esper': content/events/esper.yaml has it "
                             "already; ids are unique across all kinds, rename one file")


def test_part_of_cycle(content):
    content("""
--- events/a.yaml
title: A
date: 2020-01-06
part_of: b
--- events/b.yaml
title: B
date: 2020-01-06
part_of: c
--- events/c.yaml
title: C
date: 2020-01-06
part_of: a
""")
    assert check()[1] == [
        "content/events/a.yaml:3:10: part_of: events form a cycle: a → b → c → a; an event cannot be part of itself",
        "1 problem in 1 file (3 records checked).",
    ]


def test_self_reference(content):
    content("""
--- events/a.yaml
title: A
date: 2020-01-06
part_of: a
""")
    assert check()[1][0] == "content/events/a.yaml:3:10: part_of: a record cannot refer to itself ('a')"


def test_bad_dates(content):
    content(MINIMAL + """
--- corrections/c.yaml
target: dc-letter
at: 2020-02-30
text: t
--- events/e.yaml
title: E
date: 6 January 2020
--- updates/u.yaml
article: dc-letter
at: 2020-01-06
text: t
--- quotes/q.yaml
text: t
speaker: mark-esper
said: 2020
""")
    assert check()[1][:4] == [
        "content/corrections/c.yaml:2:5: at: '2020-02-30' is not a real date (day is out of range for month); "
        "expected a date like 2020-01-06 or a datetime with its UTC offset like 2020-01-06T16:09:00-05:00",
        "content/events/e.yaml:2:7: date: '6 January 2020' is not an ISO 8601 date; expected a date like "
        "2020-01-06 or a datetime with its UTC offset like 2020-01-06T16:09:00-05:00",
        "content/quotes/q.yaml:3:7: said: expected a date, got the number 2020",
        "content/updates/u.yaml:2:5: at: '2020-01-06' is a day, but this field needs a time too, e.g. "
        "'2020-01-06T16:09:00-05:00'",
    ]


def test_naive_datetime_needs_an_offset_or_a_site_zone(content, tmp_path):
    content(MINIMAL + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09
text: t
""")
    assert check()[1][0] == ("content/updates/u.yaml:2:5: at: '2020-01-06T16:09' has no UTC offset: add one, "
                             "e.g. '2020-01-06T16:09-05:00', or set a default 'timezone' in site_config/archive.yml")
    (tmp_path / "settings.yml").write_text("timezone: America/New_York\n")
    result = run("check", "--config", "settings.yml")
    assert (result.exit_code, result.output) == (0, "5 records checked, no problems.\n")


def test_end_before_start(content):
    content("""
--- events/e.yaml
title: E
start: 2020-01-06
end: 2020-01-05
--- people/p.yaml
name: P
roles:
  - title: Secretary
    start: 2019-07-23
    end: 2019-07-01
""")
    assert check()[1][:2] == [
        "content/events/e.yaml:3:6: end: '2020-01-05' is before start '2020-01-06'; the end must be on or after "
        "the start",
        "content/people/p.yaml:5:10: roles[0].end: '2019-07-01' is before start '2019-07-23'; the end must be on "
        "or after the start",
    ]


def test_date_and_start_together(content):
    content("""
--- events/e.yaml
title: E
date: 2020-01-06
start: 2020-01-05
""")
    assert check()[1][0] == "content/events/e.yaml:3:8: give either 'date' or 'start'/'end', not both"


def test_urls_must_be_http(content):
    content("""
--- organizations/o.yaml
name: O
url: javascript:alert(1)
""")
    assert check()[1][0] == ("content/organizations/o.yaml:2:6: url: 'javascript:alert(1)' is not a web address: "
                             "use a full http(s) URL such as 'https://example.org/page'")


def test_syntax_error(content):
    content("""
--- people/p.yaml
name: [Mark
""")
    assert check()[1][0] == ("content/people/p.yaml:2:1: YAML syntax error: while parsing a flow sequence: "
                             "did not find expected ',' or ']'")


def test_duplicate_key(content):
    content("""
--- people/p.yaml
name: Mark Esper
summary: s
name: Mark T. Esper
""")
    assert check()[1][0] == "content/people/p.yaml:3:1: name: duplicate field (first given on line 1); keep only one"


def test_more_than_one_document(content):
    content("""
--- people/p.yaml
name: A
---
name: B
""")
    assert check()[1][0] == ("content/people/p.yaml:2:1: file holds more than one YAML document ('---'): put "
                             "each record in its own file")


def test_not_utf8(content, tmp_path):
    content()
    (tmp_path / "content/people").mkdir()
    (tmp_path / "content/people/p.yaml").write_bytes(b"name: Mark\nsummary: caf\xe9\n")
    assert check()[1][0] == ("content/people/p.yaml:2:13: file is not UTF-8: byte 0xe9 cannot be decoded; "
                             "save the file as UTF-8")


def test_bom_and_crlf_are_accepted(content, tmp_path):
    content()
    (tmp_path / "content/people").mkdir()
    (tmp_path / "content/people/p.yaml").write_bytes(b"\xef\xbb\xbfname: Mark\r\nsummary: caf\xc3\xa9\r\n")
    assert check() == (0, ["1 records checked, no problems."])


def test_python_object_tags_are_refused(content):
    content("""
--- people/p.yaml
name: !!python/object/apply:os.system ["echo pwned"]
""")
    assert check()[1][0] == ("content/people/p.yaml:1:7: YAML tag '!!python/object/apply:os.system' is not "
                             "allowed: records hold only text, numbers, true/false, lists and mappings")


def test_alias_bomb_is_refused_where_the_alias_is(content):
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    content("--- people/p.yaml\nname: P\n" + "\n".join(levels))
    assert check()[1][0] == ("content/people/p.yaml:3:10: YAML aliases (*name) are not allowed in records: "
                             "write the value out")


def test_empty_file_and_non_mapping(content):
    content("""
--- people/empty.yaml

--- people/listy.yaml
- name: A
""")
    assert check()[1][:2] == [
        "content/people/empty.yaml:1: file is empty: a record is a mapping of fields, e.g. run "
        "'python -m generator new person empty'",
        "content/people/listy.yaml:1:1: a record must be a mapping of 'field: value' lines, not a list",
    ]


def test_yaml_in_the_wrong_place(content):
    content("""
--- stray.yaml
name: x
--- peple/p.yaml
name: x
--- people/old/p.yaml
name: x
--- people/README.md
Not a record: left alone.
""")
    assert check()[1] == [
        "content/people/old/p.yaml: YAML file in a subfolder: records go directly in people/, not in people/old/",
        "content/peple/p.yaml: unknown folder 'peple' (did you mean 'people'?): records go in one of articles, "
        "corrections, events, organizations, people, quotes, updates/",
        "content/stray.yaml: YAML file at the top of the content folder: records go in one of articles, "
        "corrections, events, organizations, people, quotes, updates/",
        "3 problems in 3 files (0 records checked).",
    ]


def test_drafts_are_validated_and_cannot_be_named_by_published_records(content):
    content(MINIMAL + """
--- people/secret.yaml
name: 12
status: draft
--- people/hidden.yaml
name: Hidden
status: draft
--- quotes/q.yaml
text: words
speaker: hidden
""")
    assert check()[1][:2] == [
        "content/people/secret.yaml:1:7: name: expected text, got the number 12",
        "content/quotes/q.yaml:2:10: speaker: 'hidden' is a draft; a published record cannot name it (publish "
        "'hidden' or make this record a draft too)",
    ]


def test_previous_ids_cannot_be_reused(content):
    content(MINIMAL + """
--- people/milley.yaml
name: Mark Milley
previous_ids: [mark-esper, gen-milley]
--- people/other.yaml
name: Other
previous_ids: [gen-milley]
""")
    assert check()[1][:2] == [
        "content/people/milley.yaml:2:16: previous_ids[0]: 'mark-esper' is the id of a current record; an old id "
        "cannot be reused",
        "content/people/other.yaml:2:16: previous_ids[0]: 'gen-milley' is already a previous id of 'milley'; an "
        "old URL can redirect to one record only",
    ]


def test_all_problems_in_one_run_sorted_by_file_and_line(content):
    content(MINIMAL + """
--- quotes/b.yaml
text: t
speaker: nobody
--- quotes/a.yaml
speaker: mark-esper
colour: red
""")
    code, lines = check()
    assert code == 1
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in lines[:-1]] == [
        "content/quotes/a.yaml:1", "content/quotes/a.yaml:2", "content/quotes/b.yaml:2"]
    assert lines[-1] == "3 problems in 2 files (6 records checked)."


def test_json_format(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: t
speaker: mark-espr
""")
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "ok": False,
        "records": 5,
        "problems": [{
            "path": "content/quotes/q.yaml", "line": 2, "column": 10, "record": "q",
            "message": "speaker: unknown person or organization 'mark-espr' (did you mean 'mark-esper'?)",
        }],
    }


def test_missing_content_folder(content):
    result = run("check", "nowhere")
    assert (result.exit_code, result.output) == (1, "nowhere: no such folder; give the content folder, e.g. 'content'\n")


def test_bad_settings_file(content, tmp_path):
    content(MINIMAL)
    (tmp_path / "s.yml").write_text("timezone: Mars/Olympus\n")
    result = run("check", "--config", "s.yml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("s.yml: timezone: unknown time zone 'Mars/Olympus': use an IANA name "
                                             "such as 'America/New_York'")


def test_settings_file_must_exist(content, tmp_path):
    content(MINIMAL)
    (tmp_path / "site_config/archive.yml").unlink()
    assert check() == (1, [
        "site_config/archive.yml: settings file not found; create it with at least 'title: …' (see README)",
        "1 problem in 1 file (0 records checked).",
    ])


@pytest.mark.parametrize("settings, message", [
    ("language: english", "language: 'english' is not a language code: use a BCP 47 tag such as 'en', 'hu' or "
                          "'pt-BR'"),
    ("language: 12", "language: the number 12 is not a language code: use a BCP 47 tag such as 'en', 'hu' or "
                     "'pt-BR'"),
    ("language: no", "language: got true/false (false), not a language code; put the code in quotes, e.g. "
                     "language: \"no\""),
    ("language: \"en\\n\"", "language: 'en\\u000a' is not a language code: use a BCP 47 tag such as 'en', 'hu' or "
                               "'pt-BR'"),
    ("languge: hu", "unknown setting 'languge' (did you mean 'language'?): known settings are title, description, "
                    "timezone, language, page_size, repository, licence, data_licence"),
])
def test_bad_settings(content, tmp_path, settings, message):
    content(MINIMAL)
    (tmp_path / "site_config/archive.yml").write_text(f"title: T\n{settings}\n")
    assert check()[1][0] == f"site_config/archive.yml: {message}"


@pytest.mark.parametrize("tag", ["en", "hu", "pt-BR", "zh-Hant-TW", "\"no\""])
def test_language_setting(tmp_path, tag):
    (tmp_path / "s.yml").write_text(f"title: T\nlanguage: {tag}\n")
    assert load_settings(tmp_path / "s.yml").language == tag.strip('"')
    (tmp_path / "s.yml").write_text(f"title: T\nlanguage: {tag.upper()}\n")  # one spelling, as articles'
    assert load_settings(tmp_path / "s.yml").language == tag.strip('"')
    (tmp_path / "s.yml").write_text("title: T\n")
    assert load_settings(tmp_path / "s.yml").language == "en"


@pytest.mark.parametrize("language, message", [
    ("../../../x", "language: '../../../x' is not a BCP 47 language tag such as 'en', 'hu', 'pt-BR' or 'zh-Hant-TW'"),
    ("en us", "language: 'en us' is not a BCP 47 language tag such as 'en', 'hu', 'pt-BR' or 'zh-Hant-TW'"),
    ("en-us", "language: write 'en-us' as 'en-US' (BCP 47's spelling: language in lowercase, Script in title "
              "case, REGION in capitals)"),
])
def test_an_article_language_is_a_bcp47_tag_in_one_spelling(content, language, message):
    """The language names a folder of the search index: '../' wrote outside the site, 'en-us' and
    'en-US' shared one folder."""
    content(MINIMAL + f"""
--- articles/a.yaml
headline: H
outlet: daily-caller
published: 2020-01-06
language: "{language}"
""")
    assert check()[1][0] == f"content/articles/a.yaml:4:11: {message}"


def test_ids_cannot_end_in_a_line_break(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: words
speaker: "mark-esper\\n"
""")
    assert check()[1][0] == ("content/quotes/q.yaml:2:10: speaker: 'mark-esper\\n' is not a valid id: ids use "
                             "lowercase letters, digits and single hyphens, e.g. 'mark-esper'")
    from generator.core.sources import ID_RE
    assert not ID_RE.fullmatch("mark-esper\n") and ID_RE.fullmatch("mark-esper")
