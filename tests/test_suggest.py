"""`generator suggest`: quotes that look like the same words or remarks, names a record does not list."""

from __future__ import annotations

import json
import random
import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.review.quote_pairs import _judge, words

from conftest import REPO, make_archive, run

DC = "esper-no-decision-to-leave-iraq-period"
BB = "esper-no-decision-whatsoever-to-leave"
ESPER_LINE = (f"content/quotes/{BB}.yaml:1:1: 80 the same words as content/quotes/{DC}.yaml:1? add 'same_as: {DC}', "
              f"or once checked and not the same, 'not_same_as: [{DC}]'")


def _seed_copy(tmp_path, monkeypatch):
    make_archive(tmp_path)
    shutil.copy(REPO / "site_config/archive.yml", tmp_path / "site_config/archive.yml")  # its time zone
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def _lines(*args: str) -> list[str]:
    result = run("suggest", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def _append(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_seed_lists_esper_s_two_wordings_until_the_pair_is_marked_checked(tmp_path, monkeypatch):
    content = _seed_copy(tmp_path, monkeypatch)
    lines = _lines()
    assert lines[0] == ESPER_LINE  # the only quote pair, first: pairs come before names
    assert [line for line in lines if "the same" in line] == [ESPER_LINE]
    _append(content / "quotes" / f"{DC}.yaml", f"not_same_as: [{BB}]\n")  # either quote may say it
    assert run("check").exit_code == 0
    lines = _lines()
    assert not [line for line in lines if "the same" in line]
    assert lines[-1].startswith(f"{len(lines) - 1} suggestions (")


def test_a_linked_pair_is_not_suggested_and_a_pair_cannot_be_both(tmp_path, monkeypatch):
    content = _seed_copy(tmp_path, monkeypatch)
    quote = content / "quotes" / f"{BB}.yaml"
    _append(quote, f"same_as: {DC}\n")
    assert not [line for line in _lines() if "the same" in line]
    _append(quote, f"not_same_as: [{DC}]\n")
    _append(content / "quotes" / f"{DC}.yaml", f"not_same_as: [{BB}]\n")
    result = run("suggest")
    assert result.exit_code == 1  # suggestions need an archive that passes check
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"content/quotes/{DC}.yaml:19:15: not_same_as[0]: '{BB}' links this quote (same_as: {DC}); a pair is "
        "either linked or marked as checked and not linked, not both",
        f"content/quotes/{BB}.yaml:18:15: not_same_as[0]: '{DC}' is also this quote's same_as; a pair is either "
        "linked or marked as checked and not linked, not both",
        "2 problems in 2 files (62 records checked).",
    ]


def test_not_same_as_names_quotes_only(content):
    content("""
--- people/p.yaml
name: P
--- quotes/a.yaml
text: one two three
speaker: p
not_same_as: [p, b]
""")
    result = run("check")
    assert result.stdout.splitlines()[:2] == [
        "content/quotes/a.yaml:3:15: not_same_as[0]: 'p' is a person, but this field needs a quote",
        "content/quotes/a.yaml:3:18: not_same_as[1]: unknown quote 'b'",
    ]


def test_not_same_as_shows_on_no_page(content):
    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings
    from generator.render.pages import render_site

    tree = content("""
--- people/p.yaml
name: P
--- quotes/a.yaml
text: one two three
speaker: p
--- quotes/b.yaml
text: one two four
speaker: p
not_same_as: [a]
""")
    settings = load_settings(tree.parent / "site_config/archive.yml")
    _, pages = render_site(load_or_raise(tree, settings), settings, REPO / "site_config/templates")
    page = next(p for p in pages if p.uri == "quotes/a.md")
    assert "Named in" not in page.html and "quotes/b" not in page.html


TREE = """
--- people/mark-esper.yaml
name: Mark Esper
other_names: [Esper]
--- people/paul-mcleary.yaml
name: Paul McLeary
--- organizations/daily-caller.yaml
name: The Daily Caller
kind: outlet
--- articles/dc.yaml
headline: Esper denies the letter
outlet: daily-caller
published: 2020-01-06
people: [mark-esper]
body: |
  Breaking Defense reporter Paul McLeary
  heard it first.
--- quotes/a.yaml
text: "There’s been no decision to leave Iraq. Period."
speaker: mark-esper
said: 2020-01-06
--- quotes/b.yaml
text: no decision whatsoever to leave
speaker: mark-esper
said: 2020-01-07
"""


def test_exact_lines_in_every_format(content):
    content(TREE)
    assert _lines() == [
        "content/quotes/b.yaml:1:1: 80 the same words as content/quotes/a.yaml:1? add 'same_as: a', or once checked "
        "and not the same, 'not_same_as: [a]'",
        # a block scalar's column is not known: the line is where the name is
        "content/articles/dc.yaml:6: body names Paul McLeary (person 'paul-mcleary'), which this article neither "
        "lists nor links: add 'paul-mcleary' to people",
        "2 suggestions (6 records looked at).",
    ]
    assert _lines("--format", "github") == [
        "::notice file=content/quotes/b.yaml,line=1,col=1::80 the same words as content/quotes/a.yaml:1? add "
        "'same_as: a', or once checked and not the same, 'not_same_as: [a]'",
        "::notice file=content/articles/dc.yaml,line=6::body names Paul McLeary (person 'paul-mcleary'), "
        "which this article neither lists nor links: add 'paul-mcleary' to people",
        "2 suggestions (6 records looked at).",
    ]
    document = json.loads(run("suggest", "--format", "json").stdout)
    assert document["records"] == 6
    assert document["suggestions"][0] == {
        "path": "content/quotes/b.yaml", "line": 1, "column": 1, "record": "b", "kind": "same_as", "add": "same_as: a",
        "message": "80 the same words as content/quotes/a.yaml:1? add 'same_as: a', or once checked and not the "
                   "same, 'not_same_as: [a]'",
        "score": 80, "other": "content/quotes/a.yaml:1", "other_record": "a"}
    assert document["suggestions"][1]["add"] == "- paul-mcleary"


def test_no_suggestions_exit_zero_and_bad_content_exits_one(content):
    content("""
--- people/p.yaml
name: P
""")
    assert _lines() == ["No suggestions (1 records looked at)."]
    content("""
--- quotes/q.yaml
text: x
speaker: nobody
""")
    result = run("suggest", "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == "content/quotes/q.yaml:2:10: speaker: unknown person or organization 'nobody'"


def test_names_listed_linked_shared_or_unlistable_are_not_suggested(content):
    content("""
--- people/smith-1.yaml
name: Ann Smith
other_names: [Smith]
--- people/smith-2.yaml
name: Bob Smith
other_names: [Smith]
--- people/paul-mcleary.yaml
name: Paul McLeary
--- organizations/cnn.yaml
name: CNN
--- events/e.yaml
title: Smith meets Paul McLeary on CNN
date: 2020-01-06
summary: "[[paul-mcleary|McLeary]] and Paul McLeary; CNNs and cnn are not CNN's name"
--- quotes/q.yaml
text: Paul McLeary said so on CNN
speaker: smith-1
""")
    assert _lines() == [
        "content/events/e.yaml:1:36: title names CNN (organization 'cnn'), which this event neither lists nor links: "
        "add 'organizations: [cnn]'",
        "1 suggestion (6 records looked at).",
    ]


def test_a_draft_holds_the_line_it_may_name_a_published_quote(content):
    content("""
--- people/p.yaml
name: P
--- quotes/z-published.yaml
text: we will not be leaving the country this year
speaker: p
--- quotes/a-draft.yaml
text: we will not be leaving the country this year at all
speaker: p
status: draft
""")
    assert _lines()[0].startswith("content/quotes/a-draft.yaml:1:1: 100 the same words as "
                                  "content/quotes/z-published.yaml:1? add 'same_as: z-published'")


def test_hostile_text_breaks_no_format(content):
    hostile = "Ev\u202eil <script>alert(1)</script> 100% ::x,y:"
    content(f"""
--- people/p.yaml
name: "{hostile}"
--- quotes/a.yaml
text: "a\\nb </script> \\u202e we will never leave\\tthe city"
speaker: p
--- quotes/b.yaml
text: "we will never leave the city \\u2028 ok"
speaker: p
--- events/e.yaml
title: The event
date: 2020-01-06
summary: "{hostile} came"
""")
    text = _lines()
    assert len(text) == 3 and all(line.isprintable() for line in text)
    assert text[1] == ("content/events/e.yaml:3:10: summary names Ev\\u202eil <script>alert(1)</script> 100% ::x,y: "
                       "(person 'p'), which this event neither lists nor links: add 'people: [p]'")
    github = _lines("--format", "github")
    assert len(github) == 3 and github[1].startswith("::notice file=content/events/e.yaml,line=3,col=10::summary "
                                                     "names Ev\\u202eil <script>alert(1)</script> 100%25 ::x,y: ")
    document = json.loads(run("suggest", "--format", "json").stdout)
    assert document["suggestions"][1]["message"].startswith(f"summary names {hostile} (person 'p')")
    assert document["suggestions"][0]["add"] == "same_as: a"


# --- the method on a synthetic archive: planted variants found, no false pair ---------------------

VOCABULARY = ("the we will not a of to and in for on that is with as this be are by our it at from they have "
              "troops coalition letter decision leave country government minister talks deal strike region "
              "forces border sanctions vote parliament embassy security plan week today never always clear "
              "position partners support review process future agreement withdrawal statement report people "
              "officials military army ministry treaty budget oil water city north south east west").split()


def _variant(words_of: list[str], rng: random.Random) -> str:
    """The same words printed differently: one word dropped, added or changed; case and punctuation."""
    out = list(words_of)
    edit = rng.choice(("drop", "add", "swap", "none"))
    at = rng.randrange(1, len(out) - 1)
    if edit == "drop":
        del out[at]
    elif edit == "add":
        out.insert(at, "whatsoever")
    elif edit == "swap":
        out[at] = "indeed"
    return " ".join(out).capitalize().replace(" ", ", ", 1) + "."


def test_planted_variants_are_found_and_distinct_quotes_never_paired(content):
    rng = random.Random(20)
    speakers = [f"speaker-{i}" for i in range(4)]
    spec = "".join(f"--- people/{s}.yaml\nname: Speaker {s[-1]}\n" for s in speakers)
    planted = set()
    for i in range(120):
        said = rng.sample(VOCABULARY, rng.randint(8, 14))
        speaker = rng.choice(speakers)
        spec += f"--- quotes/q{i}.yaml\ntext: {' '.join(said)}\nspeaker: {speaker}\nsaid: 2020-01-06\n"
        if i % 6 == 0:
            spec += f"--- quotes/v{i}.yaml\ntext: \"{_variant(said, rng)}\"\nspeaker: {speaker}\nsaid: 2020-01-06\n"
            planted.add(frozenset((f"q{i}", f"v{i}")))
    content(spec)
    document = json.loads(run("suggest", "--format", "json").stdout)
    found = {frozenset((s["record"], s["other_record"])) for s in document["suggestions"] if s["kind"] == "same_as"}
    assert found == planted
    assert all(s["kind"] == "same_as" for s in document["suggestions"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=8, max_size=30), st.data())
def test_one_word_edited_is_the_same_words(said, data):
    """From 8 words on, a word dropped, added or changed anywhere leaves a quotation the same words
    (shorter ones may have a single word left between two edits, which counts as not shared)."""
    at = data.draw(st.integers(0, len(said) - 1))
    edited = said[:at] + [data.draw(st.sampled_from(("whatsoever", "indeed", "")))] + said[at + 1:]
    judged = _judge(words(" ".join(said)), words(" ".join(edited).upper()))
    assert judged is not None and judged[0] == "same_as"


def test_words_ignore_case_punctuation_and_apostrophe_shapes():
    assert words("There’s been NO decision — to leave Iraq. Period.") == (
        "there's", "been", "no", "decision", "to", "leave", "iraq", "period")


def test_when_both_quotes_hold_a_link_the_end_of_one_chain_joins_the_groups(content):
    content("""
--- people/p.yaml
name: P
--- quotes/a.yaml
text: we are not leaving the country this year
speaker: p
same_as: c
--- quotes/b.yaml
text: we are not leaving the country this year at all
speaker: p
same_as: d
--- quotes/c.yaml
text: nothing has been decided yet about anything
speaker: p
--- quotes/d.yaml
text: ask the minister about the budget
speaker: p
""")
    assert _lines()[0] == (
        "content/quotes/d.yaml:1:1: 100 the same words as content/quotes/a.yaml:1? (the end of b's same_as chain) "
        "add 'same_as: a', or once checked and not the same, 'not_same_as: [a]' in content/quotes/b.yaml")
