"""Whatever bytes an editor commits, check answers with problems, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.archive import load
from generator.core.settings import Settings
from generator.core.sources import FOLDERS

FIELDS = ["name", "title", "headline", "text", "speaker", "outlet", "published", "date", "start", "end",
          "at", "article", "events", "people", "roles", "part_of", "related", "same_as", "kind", "status",
          "previous_ids", "tags", "url", "summary", "images", "target", "via", "said", "quotes", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["2020-01-06", "2020-01-06T16:09:00-05:00", "2020-13-45", "a", "a-b",
                                     "[[a]]", "[[B c]]", "http://x.org", "javascript:x", "outlet", "draft"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS + ["title", "event", "relation"]),
                                                 inner, max_size=4)), max_leaves=12)
RECORDS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8)
YAML_PIECES = st.lists(st.sampled_from([
    "a: b\n", "- x\n", "&a [1]\n", "*a\n", "? k\n", ": v\n", "!!python/object:os.system {}\n", "---\n", "...\n",
    "'\n", '"\n', "[", "]", "{", "}", "|\n  t\n", ">\n", "%YAML 1.1\n", "!!binary aGk=\n", "<<: *a\n", "\t",
    "\x00", "\ufeff", "name: é\n", "  ", "\r\n", "#c\n", "!!set {a}\n", "!tag x\n", "9" * 5000, "\n",
]), max_size=12).map("".join)
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_file(data: bytes, folder: str = "people") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / folder / "some-record.yaml"
        path.parent.mkdir()
        path.write_bytes(data)
        archive, problems, count = load(Path(tmp), Settings())
        assert count == 1
        assert all(p.message and p.path.endswith("some-record.yaml") for p in problems)
        if "some-record" not in archive.records:  # a file that gave no record says why
            assert problems
        else:  # a valid record may still break a rule about its fields together (an event with no date)
            assert all(p.record == "some-record" for p in problems)


@SLOW
@given(st.binary(max_size=400), st.sampled_from(sorted(FOLDERS)))
def test_random_bytes(data, folder):
    _check_file(data, folder)


@SLOW
@given(YAML_PIECES, st.sampled_from(sorted(FOLDERS)))
def test_random_yaml_text(text, folder):
    _check_file(text.encode("utf-8"), folder)


@SLOW
@given(RECORDS, st.sampled_from(sorted(FOLDERS)))
def test_random_records(record, folder):
    _check_file(yaml.safe_dump(record, allow_unicode=True).encode("utf-8"), folder)


def test_deep_nesting_is_refused_cleanly():
    _check_file(("name: " + "[" * 5000 + "]" * 5000 + "\n").encode())
    _check_file(("name:\n" + "".join("  " * i + "- \n" for i in range(200))).encode())


def test_huge_integer_is_refused_cleanly():
    _check_file(("name: " + "9" * 10000 + "\n").encode())
