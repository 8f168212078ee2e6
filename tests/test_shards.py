"""A build split into shards (`generator build --shard K/N`) and merged (`generator merge`) is the
site an unsplit build writes, byte for byte; a merge of parts that do not make one build says why
and leaves the site as it was."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.build.shards import MARKER, Shard
from generator.mkdocs_adapter import build_site

from conftest import REPO, hostile_tree, run

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _content(kind: str, root: Path) -> Path:
    if kind == "seed":
        return REPO / "content"
    if kind == "hostile":
        return hostile_tree(root)
    synthetic.write_tree(300, root, seed=3)  # several languages and search bundles, tags, old ids
    return root


def _shards(content: Path, root: Path, count: int) -> list[Path]:
    parts = [root / f"part-{k}" for k in range(1, count + 1)]
    for k, part in enumerate(parts, start=1):
        result = run("build", "--content", str(content), "--site-dir", str(part), "--shard", f"{k}/{count}",
                     "--workers", "1")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1] == f"built shard {k}/{count} of the site in {part}"
    return parts


@pytest.mark.parametrize(("kind", "count"), [("seed", 2), ("synthetic", 2), ("synthetic", 3), ("hostile", 2)])
def test_shards_merged_are_the_unsplit_site_byte_for_byte(kind, count, tmp_path):
    content = _content(kind, tmp_path / "content")
    build_site(REPO / "mkdocs.yml", tmp_path / "whole", content)  # every core, as `make site` builds
    parts = _shards(content, tmp_path, count)
    whole = _files(tmp_path / "whole")
    # each part wrote its share of the pages, not the whole site
    for part in parts:
        assert 0 < len([n for n in _files(part) if n.endswith("index.html")]) < len(
            [n for n in whole if n.endswith("index.html")])
    result = run("merge", *map(str, parts), "--site-dir", str(tmp_path / "merged"))
    assert result.exit_code == 0, result.output
    merged = _files(tmp_path / "merged")
    assert result.output.startswith(f"merged {count} shards: {len(merged):,} files in ")
    assert sorted(merged) == sorted(whole)
    assert [name for name in merged if merged[name] != whole[name]] == []


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> list[Path]:
    """The seed built as two shards, once for the tests below. Copy before changing."""
    return _shards(REPO / "content", tmp_path_factory.mktemp("parts"), 2)


def _copies(parts: list[Path], into: Path) -> list[Path]:
    copies = [into / part.name for part in parts]
    for part, copy in zip(parts, copies, strict=True):
        shutil.copytree(part, copy)
    return copies


def _merge_fails(parts: list[Path], site: Path) -> str:
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("the published site", encoding="utf-8")
    result = run("merge", *map(str, parts), "--site-dir", str(site))
    assert result.exit_code == 1
    assert [p.name for p in site.iterdir()] == ["index.html"]  # left as it was
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
    return result.output.strip()


def test_a_merge_without_every_shard_says_which_parts_it_got(parts, tmp_path):
    message = _merge_fails(parts[:1], tmp_path / "site")
    assert message == f"the parts are not every shard of one build, each once: {parts[0]} is 1/2"
    message = _merge_fails([parts[0], parts[0]], tmp_path / "site")
    assert message == (f"the parts are not every shard of one build, each once: {parts[0]} is 1/2, "
                       f"{parts[0]} is 1/2")


def test_a_merge_refuses_parts_built_from_different_content(parts, tmp_path):
    first, second = _copies(parts, tmp_path)
    marker = json.loads((second / MARKER).read_text(encoding="utf-8"))
    (second / MARKER).write_text(json.dumps({**marker, "built_from": "0" * 64}), encoding="utf-8")
    assert _merge_fails([first, second], tmp_path / "site") == (
        "the parts were built from different content, templates or settings (their .shard.json fingerprints "
        "differ): build every shard from the same checkout")


def test_a_merge_refuses_two_different_copies_of_one_file(parts, tmp_path):
    first, second = _copies(parts, tmp_path)
    (second / "urls.txt").write_text("people/someone-else/\n", encoding="utf-8")
    assert _merge_fails([first, second], tmp_path / "site") == (
        f"urls.txt: {first} and {second} wrote different files; build every shard from the same checkout")


def test_a_merge_refuses_a_folder_that_is_not_a_shard(parts, tmp_path):
    (tmp_path / "plain").mkdir()
    assert _merge_fails([parts[0], tmp_path / "plain"], tmp_path / "site") == (
        f"{tmp_path / 'plain'}: not a shard's folder (no .shard.json): build it with `generator build --shard K/N`")


def test_the_marker_does_not_reach_the_merged_site(parts, tmp_path):
    result = run("merge", *map(str, parts), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "site" / MARKER).exists()
    assert (tmp_path / "site" / "quotes" / "esper-no-decision-to-leave-iraq-period" / "index.html").is_file()


@pytest.mark.parametrize(("spec", "message"), [
    ("2", "--shard: got '2'; write which shard of how many, e.g. 1/2"),
    ("3/2", "--shard: got '3/2'; the shard is a number from 1 to the count, e.g. 1/2 and 2/2"),
    ("0/2", "--shard: got '0/2'; the shard is a number from 1 to the count, e.g. 1/2 and 2/2"),
])
def test_a_shard_that_does_not_exist_is_refused_before_building(spec, message, tmp_path):
    result = run("build", "--site-dir", str(tmp_path / "site"), "--shard", spec)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"Error: {message}"
    assert not (tmp_path / "site").exists()


@given(st.integers(1, 12), st.integers(0, 500))
def test_every_item_belongs_to_exactly_one_shard(count, position):
    owners = [k for k in range(1, count + 1) if Shard.parse(f"{k}/{count}").takes(position)]
    assert len(owners) == 1


def test_the_split_deployment_builds_every_shard_it_merges():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages-sharded.yml").read_text(encoding="utf-8"))
    count = workflow["env"]["SHARDS"]
    assert workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"] == list(range(1, count + 1))
    shard_steps = workflow["jobs"]["shard"]["steps"]
    assert any('--shard "${{ matrix.shard }}/$SHARDS"' in step.get("run", "") for step in shard_steps)
    # the artifact keeps .shard.json (upload-artifact leaves hidden files out unless told)
    upload = next(step for step in shard_steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["include-hidden-files"] is True
    # every shard compares embargoes with one instant, taken once
    build = next(step for step in shard_steps if "--shard" in step.get("run", ""))
    assert build["env"]["ARCHIVE_NOW"] == "${{ needs.when.outputs.now }}"
    merge = [step["run"] for step in workflow["jobs"]["deploy"]["steps"] if "generator merge" in step.get("run", "")]
    assert merge and "parts/shard-*" in merge[0]


@given(st.integers(1, 6), st.lists(st.integers(1, 10_000), max_size=40))
def test_items_of_any_sizes_are_shared_out_once_and_evenly(count, weights):
    shares = [Shard(k, count).share(weights) for k in range(1, count + 1)]
    assert sorted(p for share in shares for p in share) == list(range(len(weights)))
    loads = [sum(weights[p] for p in share) for share in shares]
    # greedy, largest first: no shard carries more than the even share plus one item
    assert max(loads) <= sum(weights) / count + max(weights, default=0)
