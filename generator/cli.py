"""Command line: `python -m generator check | new | schema | pages | build`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.config import DEFAULT_CONFIG, load_settings
from generator.problems import ContentError, as_json, as_text
from generator.sources import FOLDER_OF, FOLDERS, ID_RE, YAML_SUFFIXES

KIND_CHOICES = sorted(set(FOLDERS) | set(FOLDERS.values()))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build and check the news archive from YAML records."""


def _settings(config: Path):
    try:
        return load_settings(config)
    except ContentError as error:
        click.echo(as_text(error.problems, 0), err=True)
        sys.exit(1)


config_option = click.option("--config", type=click.Path(path_type=Path), default=DEFAULT_CONFIG,
                             show_default=True, help="Site settings file (title, default time zone).")


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path), default="content")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints the same problems for tools.")
@config_option
def check(content_dir: Path, fmt: str, config: Path) -> None:
    """Validate every record in CONTENT_DIR (default: content).

    Prints each problem as path:line[:column]: message, then a summary.
    Exit status 0 when the content is clean, 1 when it is not.
    """
    from generator.archive import load

    if not content_dir.is_dir():
        click.echo(f"{content_dir}: no such folder; give the content folder, e.g. 'content'", err=True)
        sys.exit(1)
    archive, problems, count = load(content_dir, _settings(config))
    click.echo(as_json(problems, count) if fmt == "json" else as_text(problems, count))
    sys.exit(1 if problems else 0)


@main.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@click.argument("record_id")
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default="content", show_default=True)
def new(kind: str, record_id: str, content_dir: Path) -> None:
    """Write a skeleton record content/<kind>/<RECORD_ID>.yaml."""
    from generator.skeleton import skeleton

    kind = FOLDERS.get(kind, kind)
    if not ID_RE.match(record_id) or len(record_id) > 120:
        raise click.BadParameter(f"'{record_id}' is not a valid id: use lowercase letters, digits and single "
                                 "hyphens, e.g. 'mark-esper'", param_hint="RECORD_ID")
    for folder in FOLDERS:
        for suffix in YAML_SUFFIXES:
            existing = content_dir / folder / f"{record_id}{suffix}"
            if existing.exists():
                click.echo(f"{existing}: the id '{record_id}' is taken; ids are unique across all kinds",
                           err=True)
                sys.exit(1)
    path = content_dir / FOLDER_OF[kind] / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind, record_id), encoding="utf-8")
    click.echo(f"wrote {path}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("site_config/schema"), show_default=True)
def schema(out: Path) -> None:
    """Write the JSON Schema of every kind (for editors' YAML support)."""
    from generator.schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default="content", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write the pages to.")
@config_option
def pages(content_dir: Path, out: Path, config: Path) -> None:
    """Write every page as plain Markdown to a folder (portable to other builders)."""
    from generator.archive import load_or_raise
    from generator.pages import Site

    settings = _settings(config)
    try:
        archive = load_or_raise(content_dir, settings)
    except ContentError as error:
        click.echo(as_text(error.problems, 0), err=True)
        sys.exit(1)
    written = 0
    for page in Site(archive, settings).pages():
        path = out / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written += 1
    click.echo(f"wrote {written} pages to {out}")


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default="content", show_default=True)
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
@click.option("--config-file", type=click.Path(path_type=Path, exists=True), default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration.")
def build(content_dir: Path, site_dir: Path, config_file: Path) -> None:
    """Validate the content, then build the whole site into SITE_DIR.

    A failed build prints every problem and leaves SITE_DIR as it was.
    """
    from generator.mkdocs_adapter import BuildFailed, build_site

    try:
        build_site(config_file, site_dir, content_dir)
    except BuildFailed as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"built the site in {site_dir}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", required=True, help="The archive's name, e.g. 'The Budget Archive'.")
@click.option("--description", default="", help="One sentence on what the archive covers.")
@click.option("--language", default="en", show_default=True,
              help="BCP 47 tag of the site's language, e.g. hu, pt-BR.")
@click.option("--timezone", default=None,
              help="IANA zone for datetimes written without an offset, e.g. Europe/Budapest.")
def init(folder: Path, title: str, description: str, language: str, timezone: str | None) -> None:
    """Create a new, empty archive in FOLDER (new or empty), ready for `make site`."""
    from generator.scaffold import ScaffoldError, init_archive, summary

    try:
        written = init_archive(folder, title, description, language, timezone)
    except ScaffoldError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(summary(written, str(folder)))
