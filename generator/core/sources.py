"""Find record files and parse them safely into plain data with a line map.

YAML is composed (never constructed) with PyYAML's C loader, then turned into
plain Python by our own walk, so no input can build an object, expand an alias
or hide a duplicate key. Every value's position is kept for error messages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.kinds import FOLDER_OF, FOLDERS  # noqa: F401 - the folders, read here by many
from generator.core.problems import Problem, did_you_mean, dotted

try:  # the C loader is much faster; fall back to pure Python if it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

YAML_SUFFIXES = (".yaml", ".yml")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # for the JSON Schemas; Python code uses ID_RE.fullmatch
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always with fullmatch: `$` would let an id end in a line break
ID_MAX = 120
MAX_BYTES = 1_000_000  # a record is a page of text, not a data dump
MAX_DEPTH = 12  # records nest at most a few levels (roles → role → field)

_TAG = "tag:yaml.org,2002:"
_SCALARS = {
    _TAG + "str": None,  # kept as the text itself
    _TAG + "timestamp": None,  # dates stay text: models parse them with good messages
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "float": SafeConstructor.construct_yaml_float,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
    _TAG + "null": SafeConstructor.construct_yaml_null,
}
_SAFE = SafeConstructor()

Loc = tuple[str | int, ...]


@dataclass
class Source:
    """One record file: where it is, what it claims to be, and its parsed data."""

    path: str  # as shown in messages
    kind: str
    id: str
    data: dict[str, Any] | None = None
    # position of each value by its location in data, e.g. ("roles", 0, "title")
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # position of each mapping key by the same location
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # lines of block scalars start one line below their indicator
    block: set[Loc] = field(default_factory=set)

    def position(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Best known (line, column) for a location, walking up to a parent."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return (1, 0)

    def value_at(self, loc: Loc) -> Any:
        """The plain value at a location in the data."""
        value: Any = self.data
        for part in loc:
            value = value[part]
        return value

    def problem(self, loc: Loc, message: str, key: bool = False, line: int | None = None) -> Problem:
        at_line, column = self.position(loc, key)
        if line is not None:
            at_line, column = line, 0
        return Problem(self.path, at_line, column, message, self.id)


class _Refused(Exception):
    """A construct we refuse, with the node it was found at."""

    def __init__(self, node: Node, message: str):
        super().__init__(message)
        self.node = node
        self.message = message


def display_path(path: Path) -> str:
    """The path as the editor would type it: relative to the working directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def discover(content_dir: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """List record files as (path as shown, kind); report YAML files in the wrong place."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(content_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(content_dir)
        shown_dir = display_path(Path(dirpath))  # once per folder: relpath is slow
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue  # READMEs, images and other files are left alone
            shown = os.path.join(shown_dir, name)
            if len(rel.parts) == 1 and rel.parts[0] in FOLDERS:
                found.append((shown, FOLDERS[rel.parts[0]]))
            elif not rel.parts:
                problems.append(Problem(shown, 0, 0, "YAML file at the top of the content folder: "
                                        f"records go in one of {', '.join(sorted(FOLDERS))}/"))
            elif rel.parts[0] in FOLDERS:
                problems.append(Problem(shown, 0, 0, f"YAML file in a subfolder: records go directly in "
                                        f"{rel.parts[0]}/, not in {rel.as_posix()}/"))
            else:
                problems.append(Problem(shown, 0, 0, f"unknown folder '{rel.parts[0]}'"
                                        f"{did_you_mean(rel.parts[0], FOLDERS)}: records go in one of "
                                        f"{', '.join(sorted(FOLDERS))}/"))
    return found, problems


def read_source(shown: str, kind: str) -> tuple[Source, list[Problem]]:
    """Read and parse one record file (`shown` is its path as shown). Never raises for bad content."""
    stem = os.path.basename(shown).rsplit(".", 1)[0]
    source = Source(shown, kind, stem)
    try:
        with open(shown, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return source, [Problem(shown, 0, 0, f"cannot read file: {error.strerror}")]
    if len(raw) > MAX_BYTES:
        return source, [Problem(shown, 0, 0, f"file is {len(raw):,} bytes; a record may be at most "
                                f"{MAX_BYTES:,} bytes")]
    text, problem = _decode(raw, shown)
    if problem:
        return source, [problem]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return source, [_yaml_problem(error, shown)]
    except yaml.YAMLError as error:  # ReaderError: a character YAML forbids
        return source, [_reader_problem(error, text, shown)]
    if node is None:
        return source, [Problem(shown, 1, 0, "file is empty: a record is a mapping of fields, "
                                f"e.g. run 'python -m generator new {kind} {stem}'")]
    if not isinstance(node, MappingNode):
        line, col = _mark(node)
        return source, [Problem(shown, line, col, f"a record must be a mapping of 'field: value' lines, "
                                f"not {_describe_node(node)}")]
    if "*" in text:  # find an alias where it is written, before anything expands it
        alias = _first_alias(text)
        if alias:
            return source, [Problem(shown, alias[0], alias[1], _ALIAS_MESSAGE, stem)]
    try:
        source.data = _plain(node, (), source, set(), 0)
    except _Refused as refused:
        line, col = _mark(refused.node)
        return source, [Problem(shown, line, col, refused.message, stem)]
    return source, []


_ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in records: write the value out"


def _first_alias(text: str) -> tuple[int, int] | None:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark  # never None from the parser: it marks every event it makes
            return mark.line + 1, mark.column + 1  # type: ignore[union-attr]
    return None


def _decode(raw: bytes, shown: str) -> tuple[str, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return "", Problem(shown, line, column, f"file is not UTF-8: byte 0x{raw[error.start]:02x} "
                           "cannot be decoded; save the file as UTF-8")


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _yaml_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (error.problem or "").strip()
    if problem.startswith("but found another document") or "expected a single document" in (error.context or ""):
        message = "file holds more than one YAML document ('---'): put each record in its own file"
    else:
        context = (error.context or "").strip()
        message = f"YAML syntax error: {context + ': ' if context else ''}{problem}"
    return Problem(shown, line, col, message)


def _reader_problem(error: yaml.YAMLError, text: str, shown: str) -> Problem:
    position = getattr(error, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = getattr(error, "character", None)
    what = f"character U+{ord(char):04X}" if isinstance(char, str) else "a character"
    return Problem(shown, line, column, f"{what} is not allowed in YAML (control characters cannot "
                   "appear in a record); remove it")


def _describe_node(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the text '{node.value[:40]}'" if node.value else "an empty value"


def _plain(node: Node, loc: Loc, source: Source, seen: set[int], depth: int) -> Any:
    """Turn a composed node into plain data, recording positions; refuse tricks."""
    if id(node) in seen:
        raise _Refused(node, _ALIAS_MESSAGE)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(node, f"values are nested more than {MAX_DEPTH} levels deep")
    source.values[loc] = _mark(node)
    allowed = _SCALARS if isinstance(node, ScalarNode) else (_TAG + "seq", _TAG + "map")
    if node.tag not in allowed or isinstance(node, SequenceNode) != (node.tag == _TAG + "seq"):
        raise _Refused(node, f"YAML tag '{_short_tag(node.tag)}' is not allowed: records hold only "
                       "text, numbers, true/false, lists and mappings")
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            source.block.add(loc)
        build = _SCALARS[node.tag]
        try:
            return node.value if build is None else build(_SAFE, node)
        except ValueError:  # e.g. an integer of more digits than Python converts
            raise _Refused(node, f"'{node.value[:40]}…' is not a usable number; quote it if it is text") from None
    if isinstance(node, SequenceNode):
        return [_plain(item, loc + (i,), source, seen, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != _TAG + "str":
            what = "a merge key '<<'" if key_node.tag == _TAG + "merge" else _describe_node(key_node)
            raise _Refused(key_node, f"field names must be plain text, not {what}")
        key = key_node.value
        if key in result:
            first = source.keys[loc + (key,)][0]
            raise _Refused(key_node, f"{dotted(loc + (key,))}: duplicate field (first given on line {first}); "
                           "keep only one")
        source.keys[loc + (key,)] = _mark(key_node)
        result[key] = _plain(value_node, loc + (key,), source, seen, depth + 1)
    return result


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag

