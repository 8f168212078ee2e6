"""Each record's public history, from the repository's git history: when its file was first
committed and every later commit that changed it (the day, the commit's subject, the fields
that changed).

Three processes whatever the archive's size: `git rev-parse`, one `git log` over the content folder, and one
`git cat-file --batch` for the versions of files that changed after they were added (to name
the fields that changed). A checkout with no git history, or a shallow one, still builds:
`read_history` says why it has none (or why it starts late) in `History.note`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import yaml

from generator.core.kinds import FOLDERS

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe either way; C is faster
_RECORD = "\x1e"  # separates commits in the log
_UNIT = "\x1f"  # separates a commit's fields


@dataclass(frozen=True)
class Change:
    day: date  # the commit's date (committer date): when the change reached the archive
    commit: str  # full hash
    subject: str  # the commit message's first line, as written
    fields: tuple[str, ...]  # top-level fields that changed; () for the first version


@dataclass
class History:
    changes: dict[str, list[Change]] = field(default_factory=dict)  # record id → oldest first
    note: str | None = None  # why there is no history, or why it starts late

    def of(self, record_id: str) -> list[Change]:
        return self.changes.get(record_id, [])


def read_history(root: Path, content_dir: Path) -> History:
    """The history of every record file under `content_dir` in the git repository at `root`."""
    try:
        folder = content_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return History(note="the content folder is outside the repository: no history")
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return History(note="not a git repository: pages show no history")
    log = _git(root, "log", "--reverse", "--no-renames", "--raw", "--no-abbrev", "-z",
               f"--format={_RECORD}%H{_UNIT}%cs{_UNIT}%s", "--", folder)
    if log is None:
        return History(note="git log failed: pages show no history")
    commits = _parse(log, folder)
    history = History()
    if shallow.strip() == "true":
        history.note = "a shallow clone: each record's history starts at the oldest commit fetched"
    # the versions on either side of a modification: only those are read, to name the fields
    blobs = _contents(root, {blob for _, _, _, changes in commits for _, new, old, added in changes
                             if new is not None and not added for blob in (new, old)})
    last: dict[str, str] = {}  # record id → blob of its latest version
    for commit, day, subject, changes in commits:
        for record_id, blob, _, added in changes:
            if blob is None:  # deleted: a later file with this id starts afresh
                history.changes.pop(record_id, None)
                last.pop(record_id, None)
                continue
            previous = last.get(record_id)
            fields = () if added or previous is None else _changed(blobs.get(previous), blobs.get(blob))
            if previous is None or fields or added:
                history.changes.setdefault(record_id, []).append(
                    Change(date.fromisoformat(day), commit, subject, fields))
            last[record_id] = blob
    return history


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8",
                              errors="replace")
    except OSError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None


def _parse(log: str, folder: str) -> list[tuple[str, str, str, list[tuple[str, str | None, str, bool]]]]:
    """[(commit, day, subject, [(record id, new blob or None when deleted, old blob, added?)])] from
    `git log -z --raw`."""
    commits = []
    for chunk in log.split(_RECORD)[1:]:
        # with -z the header ends with NUL; then ":modes blobs status" NUL path NUL … (a newline may lead)
        head, _, rest = chunk.partition("\0")
        commit, day, subject = head.strip("\n").split(_UNIT, 2)
        parts = [p.lstrip("\n") for p in rest.split("\0") if p.strip("\n") != ""]
        changes = []
        for meta, path in zip(parts[0::2], parts[1::2], strict=False):
            fields = meta.lstrip(":").split()  # old mode, new mode, old blob, new blob, status
            record_id = _record_id(path, folder)
            if record_id is not None and len(fields) == 5:
                status, old_blob, new_blob = fields[4], fields[2], fields[3]
                changes.append((record_id, None if status == "D" else new_blob, old_blob, status == "A"))
        commits.append((commit, day, subject, changes))
    return commits


def _record_id(path: str, folder: str) -> str | None:
    """The id of a record file (content/<folder>/<id>.yaml), else None."""
    parts = PurePosixPath(path).relative_to(folder).parts if path.startswith(folder + "/") else ()
    if len(parts) == 2 and parts[0] in FOLDERS and parts[1].endswith((".yaml", ".yml")):
        return parts[1].rsplit(".", 1)[0]
    return None


def _contents(root: Path, blobs: set[str]) -> dict[str, object]:
    """Each blob's YAML data, read by one `git cat-file --batch`."""
    if not blobs:
        return {}
    order = sorted(blobs)
    try:
        done = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"],
                              input=("\n".join(order) + "\n").encode(), capture_output=True)
    except OSError:
        return {}
    out, data, at = {}, done.stdout, 0
    for blob in order:
        header_end = data.index(b"\n", at)
        header = data[at:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            at = header_end + 1
            continue
        size = int(header[2])
        body = data[header_end + 1: header_end + 1 + size]
        at = header_end + 1 + size + 1
        try:
            out[blob] = yaml.load(body.decode("utf-8-sig"), Loader=_LOADER)
        except (yaml.YAMLError, UnicodeDecodeError):
            out[blob] = None
    return out


def _changed(before: object, after: object) -> tuple[str, ...]:
    """Top-level fields that differ between two versions of a record (all, when one cannot be read)."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ("(the whole file)",)
    return tuple(sorted(str(k) for k in before.keys() | after.keys() if before.get(k) != after.get(k)))
