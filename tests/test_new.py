"""`generator new` writes a skeleton an editor can fill in, and never overwrites."""

from __future__ import annotations

from conftest import MINIMAL, check, run


def test_new_person_is_valid_as_written(content, tmp_path):
    content(MINIMAL)
    result = run("new", "person", "mark-milley")
    assert (result.exit_code, result.output) == (0, "wrote content/people/mark-milley.yaml\n")
    text = (tmp_path / "content/people/mark-milley.yaml").read_text()
    assert 'name: "Full Name"' in text and "# roles: []" in text
    assert check() == (0, ["5 records checked, no problems."])


def test_new_quote_lists_required_fields_and_check_points_at_placeholders(content):
    content(MINIMAL)
    assert run("new", "quotes", "milley-draft").exit_code == 0
    code, lines = check()
    assert code == 1
    assert lines[0] == ("content/quotes/milley-draft.yaml:4:10: speaker: unknown person or organization "
                        "'person-id'")


def test_new_refuses_an_existing_id_of_any_kind(content):
    content(MINIMAL)
    result = run("new", "event", "mark-esper")
    assert result.exit_code == 1
    assert result.output == ("content/people/mark-esper.yaml: the id 'mark-esper' is taken; ids are unique across "
                             "all kinds\n")


def test_new_refuses_a_bad_id(content):
    content()
    result = run("new", "person", "Mark_Esper")
    assert result.exit_code == 2
    assert "'Mark_Esper' is not a valid id" in result.output
