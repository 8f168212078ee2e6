"""The package is laid out as its pipeline: imports go one way, there is no circle, and only
the adapter imports MkDocs (generator/__init__.py draws the layout)."""

from __future__ import annotations

import ast
import graphlib

import pytest

from conftest import REPO

GENERATOR = REPO / "generator"
# each package may import itself and the packages before it in this order
ORDER = ["core", "site", "render", "outputs", "build", "review"]
# leaf tools: they use the core only
LEAVES = {"scaffold": {"core"}, "importers": {"core"}}
TOP = {"cli", "__main__", "mkdocs_adapter", "__init__"}  # may import anything


def _module(path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> set[str]:
    """Modules of the generator that `path` imports at run time (lazy imports included;
    `if TYPE_CHECKING:` blocks, which never run, left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree)
               if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
               for stmt in block.body for node in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("generator"):
            for alias in node.names:  # `from generator.core import parallel` imports a module
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (GENERATOR.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          else node.module)
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ORDER + list(LEAVES)) else parts[-1]


GRAPH = {_module(p): _imports(p) for p in sorted(GENERATOR.rglob("*.py"))}


def _allowed(importer: str, imported: str) -> bool:
    mine, theirs = _package(importer), _package(imported)
    if mine in TOP or mine == theirs or imported == "generator":
        return True
    if mine in LEAVES:
        return theirs in LEAVES[mine]
    return theirs in ORDER and mine in ORDER and ORDER.index(theirs) < ORDER.index(mine)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_go_down_the_pipeline(module):
    wrong = sorted(m for m in GRAPH[module] if not _allowed(module, m))
    assert wrong == [], f"{module} imports {wrong}: see the layout in generator/__init__.py"


def test_no_import_circle():
    graph = {module: {m for m in imports if m in GRAPH and m != module} for module, imports in GRAPH.items()}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle


def test_only_the_adapter_imports_mkdocs():
    importers = set()
    for path in GENERATOR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "mkdocs" or n.startswith("mkdocs.") or n == "material" for n in names):
                importers.add(_module(path))
    assert importers == {"generator.mkdocs_adapter.mkdocs_api"}, importers


def test_every_package_docstring_names_its_modules():
    for init in GENERATOR.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        modules = {p.stem for p in init.parent.glob("*.py") if p.stem != "__init__"}
        assert {m for m in modules if m not in doc} == set(), init
    top = ast.get_docstring(ast.parse((GENERATOR / "__init__.py").read_text(encoding="utf-8")))
    assert all(f"{package}/" in top for package in ORDER + list(LEAVES))


def test_mkdocs_nav_lists_the_index_pages_of_the_table():
    """The index pages are stated in site/index_pages.py; mkdocs.yml's nav must follow it."""
    import yaml

    from generator.core.kinds import FOLDERS
    from generator.site.index_pages import LIST_FOLDERS, SITE_PAGES

    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    assert config["nav"] == [{page.nav: page.uri} for page in SITE_PAGES] + [{"About": "about.md"}]
    # record pages and lists' further pages stay out of the nav (Material renders it on every page)
    assert config["not_in_nav"].split() == [f"/{folder}/" for folder in (*FOLDERS, *LIST_FOLDERS)]
