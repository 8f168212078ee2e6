"""`check --format github`: annotations on the pull request's lines, every problem in the job summary."""

from __future__ import annotations

from conftest import check, run


def test_annotations_escape_what_would_end_a_command(content, tmp_path, monkeypatch):
    content("""
--- people/a,b:c%.yaml
name: x
--- quotes/q.yaml
text: "50% <script>alert(1)</script>"
speaker: mark-espr
""")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, lines = check("--format", "github")
    assert code == 1
    assert lines == [
        # the message's own '%' is escaped too: GitHub shows it as 'a,b:c%'
        "::error file=content/people/a%2Cb%3Ac%25.yaml::file name 'a,b:c%25' is not a valid id: use lowercase "
        "letters, digits and single hyphens; rename the file, e.g. to 'a-b-c.yaml'",
        "::error file=content/quotes/q.yaml,line=2,col=10::speaker: unknown person or organization 'mark-espr'",
        "2 problems in 2 files (2 records checked).",
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Content check\n\n2 problems in 2 files (2 records checked).\n\n<table>\n")
    assert "<tr><td>content/quotes/q.yaml</td><td>2</td><td>10</td><td>speaker: unknown person or organization " \
           "&#x27;mark-espr&#x27;</td></tr>" in text


def test_a_message_with_line_breaks_stays_one_annotation():
    from generator.core.problems import Problem, as_github, as_markdown

    problem = Problem("content/people/p.yaml", 3, 0, "name: 'a\r\nb' holds a line break; 100% wrong")
    script = Problem("content/people/s.yaml", 1, 7, "speaker: unknown person '<script>x</script>'")
    assert "<td>speaker: unknown person &#x27;&lt;script&gt;x&lt;/script&gt;&#x27;</td>" in as_markdown([script], 1)
    assert as_github([problem], 1).splitlines()[0] == (
        "::error file=content/people/p.yaml,line=3::name: 'a%0D%0Ab' holds a line break; 100%25 wrong")
    assert "<td>name: &#x27;a<br>b&#x27; holds a line break; 100% wrong</td>" in as_markdown([problem], 1)


def test_clean_content_prints_only_the_summary(content, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    content("""
--- people/mark-esper.yaml
name: Mark Esper
""")
    result = run("check", "--format", "github")
    assert (result.exit_code, result.output) == (0, "1 records checked, no problems.\n")
