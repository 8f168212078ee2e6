"""A build over several processes writes exactly what a serial build writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.core import parallel
from generator.mkdocs_adapter import build_site

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _same_bytes(one: Path, other: Path) -> None:
    mine, theirs = _files(one), _files(other)
    assert sorted(mine) == sorted(theirs)
    different = [name for name in mine if mine[name] != theirs[name]]
    assert different == []


@pytest.fixture(scope="module")
def synthetic_content(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("synthetic") / "content"
    synthetic.write_tree(300, tree, seed=3)  # several languages, tags, previous ids, CRLF, BOM
    return tree


@pytest.mark.parametrize("content", ["seed", "synthetic"])
def test_a_parallel_build_is_byte_identical_to_a_serial_one(content, synthetic_content, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # every parallel path, even for a small archive
    content_dir = REPO / "content" if content == "seed" else synthetic_content
    build_site(REPO / "mkdocs.yml", tmp_path / "serial", content_dir, workers=1)
    build_site(REPO / "mkdocs.yml", tmp_path / "parallel", content_dir, workers=2)
    _same_bytes(tmp_path / "serial", tmp_path / "parallel")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parallel", "serial"]  # nothing left behind


def test_a_failing_forked_process_fails_the_build_in_one_line(tmp_path, monkeypatch):
    from generator.build import jobs as outputs
    from generator.mkdocs_adapter import BuildFailed

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "DATA_OUTPUTS", tuple(broken if write is outputs.write_feeds else write
                                                       for write in outputs.DATA_OUTPUTS))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous")
    with pytest.raises(BuildFailed, match="^the site was not built: disk full$"):
        build_site(REPO / "mkdocs.yml", tmp_path / "site", REPO / "content", workers=2)
    assert (tmp_path / "site" / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_fork_map_keeps_the_order_of_its_items(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    items = list(range(1000))
    assert parallel.fork_map(lambda n: n * n, items, 2) == [n * n for n in items]
