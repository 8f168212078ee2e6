"""Problems found in content: what an editor reads, in text or JSON."""

from __future__ import annotations

import difflib
import html
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, anchored to a file position."""

    path: str  # as shown to the editor, relative to the working directory
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based; 0 when unknown
    message: str  # what is wrong and what would be right, field name first
    record: str | None = None  # record id, when the file names one

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return terminal_safe(f"{where}: {self.message}")


def terminal_safe(text: str) -> str:
    """Text for a terminal or a log: a control or format character that a record's value brought
    into a message (an escape sequence, a line break, a bidi override) is shown as \\uXXXX and does
    nothing to the reader's screen."""
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


class ContentError(Exception):
    """Raised when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem], files: int = 0):
        super().__init__(f"{len(problems)} problem(s) in content")
        self.problems = sorted(problems)
        self.files = files  # how many files were checked, when known


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or ""."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def summary(problems: list[Problem], records: int) -> str:
    if not problems:
        return f"{records} records checked, no problems."
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    fnoun = "file" if files == 1 else "files"
    return f"{len(problems)} {noun} in {files} {fnoun} ({records} records checked)."


def as_text(problems: list[Problem], records: int) -> str:
    lines = [str(p) for p in sorted(problems)]
    lines.append(summary(problems, records))
    return "\n".join(lines)


def as_json(problems: list[Problem], records: int) -> str:
    return json.dumps(
        {
            "ok": not problems,
            "records": records,
            "problems": [asdict(p) for p in sorted(problems)],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_github(problems: list[Problem], records: int) -> str:
    """GitHub Actions workflow commands: one `::error` annotation per problem, on its file and
    line in the pull request, then the summary line. Values are escaped as the runner expects
    (actions/toolkit's escapeData and escapeProperty), so no text can end a command early."""
    lines = []
    for problem in sorted(problems):
        properties = [f"file={annotation_property(problem.path)}"]
        if problem.line:
            properties.append(f"line={problem.line}")
            if problem.column:
                properties.append(f"col={problem.column}")
        lines.append(f"::error {','.join(properties)}::{annotation_data(problem.message)}")
    lines.append(summary(problems, records))
    return "\n".join(lines)


def annotation_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def as_markdown(problems: list[Problem], records: int) -> str:
    """Every problem as a table for the job's summary page ($GITHUB_STEP_SUMMARY): GitHub shows
    at most 10 annotations a step, the summary holds them all. Record text in messages is
    escaped for HTML, so a name like `<script>` reads as written."""
    out = ["## Content check", "", html.escape(summary(problems, records))]
    if problems:
        out += ["", "<table>", "<tr><th>File</th><th>Line</th><th>Column</th><th>Problem</th></tr>"]
        for p in sorted(problems):
            message = html.escape(p.message).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
            out.append(f"<tr><td>{html.escape(p.path)}</td><td>{p.line or ''}</td><td>{p.column or ''}</td>"
                       f"<td>{message}</td></tr>")
        out.append("</table>")
    return "\n".join(out) + "\n"


def dotted(loc: tuple[str | int, ...]) -> str:
    """('roles', 0, 'title') → 'roles[0].title', the way messages name a field."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
