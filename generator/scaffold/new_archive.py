"""`generator init`: a new, empty archive that builds with `make site`.

The theme files (templates, overrides, docs_dir assets, JSON Schemas) are
copied from the generator's own defaults when the archive is created, so an
archive keeps the theme it was created with; later changes to the defaults
reach it only when its files are copied again. The defaults are the checkout's
site_config/ (when the generator runs from a source checkout) or the copy
installed with the package as `generator/defaults` (pyproject.toml maps
site_config/ to that package).

Every value an editor gives (title, description) reaches YAML through
yaml.safe_dump and JSON through json.dumps, never through string formatting.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.core.fields import canonical_language, one_line_problem
from generator.core.licences import LicenceError, parse_licence
from generator.core.shipped import DISTRIBUTION, THEME_FOLDERS, Defaults, MissingDefaults, find_defaults
from generator.core.sources import FOLDER_OF, FOLDERS

FILES = Path(__file__).resolve().parent / "files"  # a new archive's Makefile, .gitignore, workflow, settings
_NOT_ZONES = {"localtime", "posixrules"}  # files in the zone folder that are not IANA names


class ScaffoldError(Exception):
    """init refuses; the message (one line) says why."""


@dataclass
class Written:
    """What init wrote, for the summary it prints (paths relative to the archive)."""

    root: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def normalize_language(code: str) -> str:
    """'PT-br' → 'pt-BR'; refuses what is not a BCP 47 tag (the grammar articles' `language` uses)."""
    canonical = canonical_language(code)
    if canonical is None:
        raise ScaffoldError(f"--language: '{code}' is not a BCP 47 language tag such as 'en', 'hu' or 'pt-BR'")
    return canonical


def check_timezone(name: str) -> str:
    if name in _NOT_ZONES or name not in zoneinfo.available_timezones():
        raise ScaffoldError(f"--timezone: '{name}' is not an IANA time zone name such as 'America/New_York' "
                            "or 'Europe/Budapest'")
    return name


def theme_language(language: str) -> tuple[str, bool]:
    """The closest language MkDocs Material has labels for, and whether it is the same language."""
    try:
        from importlib.resources import files

        available = {path.name.removesuffix(".html")
                     for path in (files("material") / "templates" / "partials" / "languages").iterdir()}
    except (ModuleNotFoundError, OSError):  # pragma: no cover - material is a dependency
        return language.split("-")[0], True
    parts = language.split("-")
    for size in range(len(parts), 0, -1):
        candidate = "-".join(parts[:size])
        if candidate in available:
            return candidate, True
    return "en", False


def check_licence(option: str, expression: str | None) -> str | None:
    """The normalised SPDX expression (none given: None, and the archive states no licence)."""
    if expression is None:
        return None
    try:
        return parse_licence(expression).expression
    except LicenceError as error:
        raise ScaffoldError(f"{option}: {error}") from None


def init_archive(folder: Path, title: str, description: str = "", language: str = "en",
                 timezone: str | None = None, licence: str | None = None,
                 data_licence: str | None = None) -> Written:
    """Create the archive in `folder` (new or empty); ScaffoldError when it refuses."""
    if not title.strip():
        raise ScaffoldError("--title: the archive needs a title, e.g. --title 'The Budget Archive'")
    for option, value in (("--title", title), ("--description", description)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that were not UTF-8 on the command line
            raise ScaffoldError(f"{option}: not valid UTF-8 text") from None
        problem = one_line_problem(value)
        if problem:
            raise ScaffoldError(f"{option}: {problem}")
    language = normalize_language(language)
    if timezone is not None:
        timezone = check_timezone(timezone)
    licences = {"licence": check_licence("--licence", licence),
                "data_licence": check_licence("--data-licence", data_licence)}
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: exists and is not a folder; give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder}: not empty; init writes a new archive only into a new or empty folder")
    try:
        defaults = find_defaults()
    except MissingDefaults as error:
        raise ScaffoldError(str(error)) from None
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScaffoldError(f"{folder}: cannot create the folder: {error.strerror}") from None
    try:
        return _write(folder, defaults, title, description, language, timezone, licences)
    except BaseException as error:
        # leave the folder as it was: a new one goes, an empty one is emptied again
        for child in folder.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        if created:
            folder.rmdir()
        if isinstance(error, OSError):
            raise ScaffoldError(f"{folder}: nothing was written: {error}") from None
        raise


def _write(root: Path, defaults: Defaults, title: str, description: str, language: str,
           timezone: str | None, licences: dict[str, str | None]) -> Written:
    written = Written(root)

    def put(relative: str, text: str) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.files.append(Path(relative))

    material_language, same = theme_language(language)
    if not same:
        written.notes.append(f"MkDocs Material has no labels in '{language}'; the theme's own labels are in "
                             f"'{material_language}' (theme.language in mkdocs.yml)")
    put("mkdocs.yml", mkdocs_yml(defaults.mkdocs_yml.read_text(encoding="utf-8"), title, material_language))

    settings: dict[str, str] = {"title": title, "description": description, "language": language}
    if timezone:
        settings["timezone"] = timezone
    settings.update({name: value for name, value in licences.items() if value})
    put("site_config/archive.yml", (FILES / "archive.yml").read_text(encoding="utf-8") + _dump(settings))

    for name in THEME_FOLDERS:
        target = root / "site_config" / name
        shutil.copytree(defaults.site_config / name, target, ignore=_not_shipped)
        written.files += sorted(path.relative_to(root) for path in target.rglob("*") if path.is_file())

    for folder in FOLDERS:
        put(f"content/{folder}/.gitkeep", "")
    put("content/README.md", defaults.content_guide.read_text(encoding="utf-8"))

    put(".vscode/settings.json", json.dumps({"yaml.schemas": {
        f"site_config/schema/{kind}.schema.json": f"content/{folder}/*.yaml" for kind, folder in FOLDER_OF.items()
    }}, indent=2) + "\n")
    put(".github/workflows/pages.yml", (FILES / "pages.yml").read_text(encoding="utf-8"))
    put("Makefile", makefile(defaults.source))
    put(".gitignore", (FILES / "gitignore").read_text(encoding="utf-8"))
    if defaults.source == DISTRIBUTION:
        written.notes.append(f"the Makefile installs the generator as '{DISTRIBUTION}', which is not on PyPI: "
                             "set GENERATOR in the Makefile to a folder or URL pip can install it from")
    elif Path(defaults.source).is_absolute():
        written.notes.append(f"the Makefile installs the generator from {defaults.source}; for GitHub Actions "
                             "set the repository variable GENERATOR to an address pip can reach "
                             "(e.g. git+https://github.com/OWNER/REPO.git)")
    return written


WHAT = {  # the summary init prints: what each part of a new archive is for
    "mkdocs.yml": "MkDocs configuration: theme, the archive plugin, navigation",
    "site_config/archive.yml": "settings: title, description, language, time zone, licences",
    "site_config/templates": "page templates",
    "site_config/overrides": "theme overrides (the 404 page, record pages' chrome, the icons drawn from one sprite)",
    "site_config/docs": "styles and scripts",
    "site_config/schema": "JSON Schemas of the records, for editors' YAML support",
    "content": "one folder per kind, empty, and the editors' guide README.md",
    ".vscode/settings.json": "the schemas for VS Code's YAML extension",
    ".github/workflows/pages.yml": "checks pull requests, deploys main to GitHub Pages",
    "Makefile": "make site | serve | check | clean",
    ".gitignore": "keeps site/ and .venv/ out of git",
}


def summary(written: Written, shown: str) -> str:
    """What init wrote (a line per part, with file counts) and what to do next."""
    counts: dict[str, int] = {}
    for path in written.files:
        text = path.as_posix()
        part = next((name for name in WHAT if text == name or text.startswith(name + "/")), text)
        counts[part] = counts.get(part, 0) + 1
    width = max(len(part) for part in counts) + 2
    lines = [f"Created a new archive in {shown} ({len(written.files)} files):"]
    for part, count in counts.items():
        name = part + ("/" if (written.root / part).is_dir() else "")
        files = f" ({count} files)" if count > 1 else ""
        lines.append(f"  {name:<{width}}{WHAT.get(part, '')}{files}")
    lines += [f"Note: {note}." for note in written.notes]
    lines += ["Next steps:",
              f"  cd {shlex.quote(shown)} && make site   set up .venv, check content/, build the site into site/",
              "  .venv/bin/python -m generator new person jane-doe   write a first record",
              "  make serve   preview at http://127.0.0.1:8000/ while you edit"]
    return "\n".join(lines)


def _dump(data: dict) -> str:
    """YAML that reads back as `data`: non-ASCII kept readable unless PyYAML would
    garble it (it writes U+0085 raw, which reads back as a line break), then escaped."""
    for readable in (True, False):
        text = yaml.safe_dump(data, allow_unicode=readable, sort_keys=False, default_flow_style=False,
                              width=1 << 16)
        if yaml.safe_load(text) == data:
            break
    return text


def makefile(source: str) -> str:
    """The archive's Makefile; `source` is written so that make and the shell read it back as given."""
    if "\n" in source or "\r" in source:
        raise ScaffoldError(f"cannot record the generator's location {source!r} in a Makefile")
    shell = re.sub(r'(["\\$`])', r"\\\1", source)  # inside "…" in the recipe
    value = shell.replace("$", "$$").replace("#", r"\#")
    return (FILES / "Makefile").read_text(encoding="utf-8").replace("@GENERATOR@", value)


def _not_shipped(folder: str, names: list[str]) -> set[str]:
    """Caches and hidden files stay behind; the theme's icon overrides (overrides/.icons/) come along."""
    return {n for n in names if n == "__pycache__" or n.endswith(".pyc") or (n.startswith(".") and n != ".icons")}


# the lines of the shipped mkdocs.yml that a new archive changes: its name, and the language
# of the theme's own labels (the only key indented under `theme:` with that name)
_SITE_NAME = re.compile(r"^site_name: .*\n", re.M)
_THEME_LANGUAGE = re.compile(r"^  language: .*\n", re.M)


def mkdocs_yml(shipped: str, title: str, theme_language: str) -> str:
    """The generator's own mkdocs.yml, comments and all, with the new archive's name and language."""
    for pattern in (_SITE_NAME, _THEME_LANGUAGE):
        if len(pattern.findall(shipped)) != 1:
            raise ScaffoldError(f"the shipped mkdocs.yml has no single line matching {pattern.pattern!r}")
    shipped = _SITE_NAME.sub(lambda _: _dump({"site_name": title}), shipped)
    return _THEME_LANGUAGE.sub(lambda _: "  " + _dump({"language": theme_language}), shipped)
