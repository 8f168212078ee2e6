"""Command line: `python -m generator check | suggest | new | schema | pages | build | merge | diff | init`.

Every command works from any folder inside an archive: paths the user leaves out
are found from the archive's root (the folder holding mkdocs.yml, see
config.find_root); paths the user gives are read relative to the working directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.core.problems import ContentError, as_github, as_json, as_markdown, as_text
from generator.core.settings import (
    DEFAULT_CONFIG,
    DEFAULT_CONTENT,
    DEFAULT_SCHEMA_DIR,
    DEFAULT_SITE_DIR,
    ROOT_MARKER,
    NoArchiveError,
    find_root,
    load_settings,
)
from generator.core.sources import FOLDER_OF, FOLDERS, ID_RE, YAML_SUFFIXES, display_path

KIND_CHOICES = sorted(set(FOLDERS) | set(FOLDERS.values()))


class _Guarded(click.Group):
    """No command prints a traceback: an unexpected failure is one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, EOFError):
            raise  # click's own usage errors and exits keep their behaviour
        except NoArchiveError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except ContentError as error:
            click.echo(as_text(error.problems, 0), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            click.echo(f"error: {_what(error)}", err=True)
            sys.exit(1)


def _what(error: Exception) -> str:
    """An unexpected exception in one line."""
    if isinstance(error, OSError) and error.filename:
        return f"{display_path(Path(error.filename))}: {error.strerror or error}"
    text = " ".join(str(error).split())
    return f"{text} ({type(error).__name__})" if text else type(error).__name__


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build and check the news archive from YAML records.

    Run it anywhere inside an archive (a folder with mkdocs.yml): paths not
    given are found from the archive's root.
    """


def _or_root(given: Path | None, default: Path) -> Path:
    """A path as the user gave it (relative to the working directory), else `default` in the archive's root."""
    return given if given is not None else find_root() / default


def _archive_templates() -> Path | None:
    """The archive's own templates when run inside an archive that has them, else the generator's."""
    try:
        folder = find_root() / "site_config" / "templates"
    except NoArchiveError:
        return None
    return folder if folder.is_dir() else None


def _shown(path: Path, given: bool) -> str:
    """A path in a message: an absolute path the user typed stays as typed, others relative to here."""
    return str(path) if given and path.is_absolute() else display_path(path)


def _content_folder(given: Path | None) -> Path:
    """The content folder given, else the archive's; exits with a message when it is not a folder."""
    folder = _or_root(given, DEFAULT_CONTENT)
    if not folder.is_dir():
        click.echo(f"{_shown(folder, given is not None)}: no such folder; give the content folder, e.g. 'content'",
                   err=True)
        sys.exit(1)
    return folder


def _settings(config: Path | None):
    try:
        return load_settings(_or_root(config, DEFAULT_CONFIG))
    except ContentError as error:
        click.echo(as_text(error.problems, 0), err=True)
        sys.exit(1)


config_option = click.option("--config", type=click.Path(path_type=Path), default=None,
                             help=f"Site settings file (title, default time zone)  [default: {DEFAULT_CONFIG} "
                                  "in the archive's root]")
def _instant(ctx, param, value: str | None):
    """--now: an instant with its UTC offset (None: the clock)."""
    if value is None:
        return None
    from generator.core.embargo import DateError, now_from

    try:
        return now_from(value)
    except DateError as error:
        raise click.BadParameter(str(error)) from None


now_option = click.option("--now", type=str, default=None, callback=_instant, envvar="ARCHIVE_NOW", metavar="INSTANT",
                          help="The instant embargoes are compared with, with its UTC offset, e.g. "
                               "2026-12-07T09:00:00+00:00  [default: $ARCHIVE_NOW, else the clock]")
content_option = click.option("--content", "content_dir", type=click.Path(path_type=Path), default=None,
                              help=f"The content folder  [default: {DEFAULT_CONTENT} in the archive's root]")


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path), required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="json prints the same problems for tools; github prints GitHub Actions annotations and "
                   "writes every problem to the job summary ($GITHUB_STEP_SUMMARY) when it is set.")
@click.option("--against", "published", default=None, metavar="PUBLISHED",
              help="The published site (a folder or URL): a field a source printed may change only through a "
                   "correction that states what was published (previous:).")
@config_option
@now_option
def check(content_dir: Path | None, fmt: str, config: Path | None, published: str | None, now) -> None:
    """Validate every record in CONTENT_DIR (default: content in the archive's root).

    Prints each problem as path:line[:column]: message, then a summary.
    Exit status 0 when the content is clean, 1 when it is not.
    """
    from generator.core.archive import load

    content_dir = _content_folder(content_dir)
    archive, problems, count = load(content_dir, _settings(config), now)
    if published is not None:
        from generator.review.frozen import PublishedError, frozen_problems, published_records

        try:
            problems = sorted(problems + frozen_problems(archive, published_records(published)))
        except PublishedError as error:
            click.echo(f"check: {error}", err=True)
            sys.exit(2)
    if fmt == "github":
        click.echo(as_github(problems, count))
        if os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as step_summary:
                step_summary.write(as_markdown(problems, count))
    else:
        click.echo(as_json(problems, count) if fmt == "json" else as_text(problems, count))
    sys.exit(1 if problems else 0)


@main.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@click.argument("record_id")
@content_option
def new(kind: str, record_id: str, content_dir: Path | None) -> None:
    """Write a skeleton record content/<kind>/<RECORD_ID>.yaml."""
    from generator.scaffold.new_record import skeleton

    kind = FOLDERS.get(kind, kind)
    if not ID_RE.fullmatch(record_id) or len(record_id) > 120:
        raise click.BadParameter(f"'{record_id}' is not a valid id: use lowercase letters, digits and single "
                                 "hyphens, e.g. 'mark-esper'", param_hint="RECORD_ID")
    given = content_dir is not None
    content_dir = _or_root(content_dir, DEFAULT_CONTENT)
    for folder in FOLDERS:
        for suffix in YAML_SUFFIXES:
            existing = content_dir / folder / f"{record_id}{suffix}"
            if existing.exists():
                click.echo(f"{_shown(existing, given)}: the id '{record_id}' is taken; ids are unique across "
                           "all kinds", err=True)
                sys.exit(1)
    path = content_dir / FOLDER_OF[kind] / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind, record_id), encoding="utf-8")
    click.echo(f"wrote {_shown(path, given)}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help=f"Folder to write to  [default: {DEFAULT_SCHEMA_DIR} in the archive's root]")
def schema(out: Path | None) -> None:
    """Write the JSON Schema of every kind (for editors' YAML support)."""
    from generator.core.schemas import write_schemas

    for path in write_schemas(_or_root(out, DEFAULT_SCHEMA_DIR)):
        click.echo(f"wrote {_shown(path, out is not None)}")


@main.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write the pages to.")
@click.option("--site-url", envvar="SITE_URL", default="", metavar="URL",
              help="The site's public address, as mkdocs.yml's site_url (default: $SITE_URL): citations on the "
                   "pages give each record's permanent address under it; without one they give none.")
@config_option
def pages(content_dir: Path | None, out: Path, site_url: str, config: Path | None) -> None:
    """Write every page as plain Markdown to a folder (portable to other builders)."""
    from generator.core.archive import load_or_raise
    from generator.render.pages import render_site

    content_dir = _or_root(content_dir, DEFAULT_CONTENT)
    settings = _settings(config)
    try:
        archive = load_or_raise(content_dir, settings)
    except ContentError as error:
        click.echo(as_text(error.problems, 0), err=True)
        sys.exit(1)
    from generator.core.history import read_history

    archive.history = read_history(find_root(), content_dir)  # the same pages as a build
    written = 0
    for page in render_site(archive, settings, _archive_templates(), base=site_url)[1]:
        path = out / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written += 1
    click.echo(f"wrote {written} pages to {_shown(out, True)}")


@main.command()
@content_option
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help=f"Folder to build into  [default: {DEFAULT_SITE_DIR} beside mkdocs.yml]")
@click.option("--config-file", type=click.Path(path_type=Path, exists=True), default=None,
              help=f"The MkDocs configuration  [default: {ROOT_MARKER} in the archive's root]")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes to build with (1: serial)  [default: every core]")
@now_option
@click.option("--shard", "shard_spec", metavar="K/N", default=None,
              help="Build only shard K of N (a job of a split build); `generator merge` joins the N folders")
def build(content_dir: Path | None, site_dir: Path | None, config_file: Path | None, workers: int | None,
          now, shard_spec: str | None) -> None:
    """Validate the content, then build the whole site into SITE_DIR.

    A failed build prints every problem and leaves SITE_DIR as it was.
    """
    from generator.build.shards import EVERYTHING, Shard, ShardError
    from generator.mkdocs_adapter import BuildFailed, build_site

    try:
        shard = Shard.parse(shard_spec) if shard_spec is not None else EVERYTHING
    except ShardError as error:
        raise click.UsageError(str(error)) from None
    config_file = _or_root(config_file, Path(ROOT_MARKER))
    given = site_dir is not None
    site_dir = site_dir if site_dir is not None else config_file.parent / DEFAULT_SITE_DIR
    try:
        build_site(config_file, site_dir, content_dir, workers, now, shard=shard)
    except BuildFailed as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    what = f"shard {shard} of the site" if shard.count > 1 else "the site"
    click.echo(f"built {what} in {_shown(site_dir, given)}")


@main.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help=f"Folder to write the whole site into  [default: {DEFAULT_SITE_DIR} beside mkdocs.yml]")
def merge(parts: tuple[Path, ...], site_dir: Path | None) -> None:
    """Join the folders of a split build (`generator build --shard K/N`, one per shard) into one site,
    the same files an unsplit build writes.

    Every shard must be given once; files that several shards wrote must agree. A failed merge
    leaves SITE_DIR as it was.
    """
    from generator.build.shards import ShardError
    from generator.build.shards import merge as merge_parts
    from generator.build.site_size import note_on

    given = site_dir is not None
    site_dir = site_dir if site_dir is not None else find_root() / DEFAULT_SITE_DIR
    try:
        written = merge_parts(list(parts), site_dir)
    except ShardError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"merged {len(parts)} shards: {written:,} files in {_shown(site_dir, given)}")
    note = note_on(site_dir)
    if note:
        click.echo(f"size: {note}")


@main.command()
@click.argument("base")
@content_option
@config_option
def diff(base: str, content_dir: Path | None, config: Path | None) -> None:
    """What the content now does to the site, against BASE: a git ref (main, HEAD~1, a commit)
    or the folder of a published site.

    Lists records added, changed (field by field; fields the source printed are marked) and
    removed, corrections added, pages added, changed and removed, and URLs added and removed.
    """
    from generator.core.archive import load
    from generator.review.changes import (
        BaseError,
        compare,
        report,
        snapshot_of_content,
        snapshot_of_ref,
        snapshot_of_site,
    )

    content_dir = _or_root(content_dir, DEFAULT_CONTENT)
    settings = _settings(config)
    _, problems, count = load(content_dir, settings)
    if problems:  # a diff of content that does not check would list what cannot be published
        click.echo(as_text(problems, count), err=True)
        sys.exit(1)
    templates = _archive_templates()
    try:
        docs = find_root() / "site_config" / "docs"
        docs_dir = docs if docs.is_dir() else None
        head = snapshot_of_content(content_dir, settings, templates, docs_dir)
        if Path(base).is_dir():
            before = snapshot_of_site(Path(base))
            head.pages = None
        else:
            root = find_root()
            folder = content_dir.resolve().relative_to(root.resolve()).as_posix()
            before = snapshot_of_ref(root, base, folder, settings, templates, docs_dir)
    except BaseError as error:
        click.echo(f"diff: {error}", err=True)
        sys.exit(2)
    except ContentError as error:
        click.echo(f"diff: the content at {base} does not check:\n" + as_text(error.problems, 0), err=True)
        sys.exit(2)
    click.echo(report(compare(before, head)))


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path), required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="json prints the same suggestions for tools; github prints GitHub Actions notices.")
@config_option
def suggest(content_dir: Path | None, fmt: str, config: Path | None) -> None:
    """Suggest what editors may add to CONTENT_DIR (default: content in the archive's root).

    Quotes that look like the same words (same_as) or the same remarks (same_remarks_as), with a
    score and the line to add; people and organizations a text names but its record does not list.
    Exit status 0 with or without suggestions; 1 when the content does not pass check.
    """
    from generator.core.archive import load
    from generator.review.suggest import as_github as suggestions_github
    from generator.review.suggest import as_json as suggestions_json
    from generator.review.suggest import as_text as suggestions_text
    from generator.review.suggest import suggestions

    content_dir = _content_folder(content_dir)
    archive, problems, count = load(content_dir, _settings(config))
    if problems:  # suggestions for content that does not check would be built on records that may change
        click.echo(as_text(problems, count), err=True)
        sys.exit(1)
    found = suggestions(archive)
    output = {"text": suggestions_text, "json": suggestions_json, "github": suggestions_github}[fmt]
    click.echo(output(found, count))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", required=True, help="The archive's name, e.g. 'The Budget Archive'.")
@click.option("--description", default="", help="One sentence on what the archive covers.")
@click.option("--language", default="en", show_default=True,
              help="BCP 47 tag of the site's language, e.g. hu, pt-BR.")
@click.option("--timezone", default=None,
              help="IANA zone for datetimes written without an offset, e.g. Europe/Budapest.")
@click.option("--licence", default=None, help="SPDX id of the pages' licence, e.g. CC-BY-4.0 (default: none stated).")
@click.option("--data-licence", default=None,
              help="SPDX id of the data's licence (JSON, SQLite), e.g. CC0-1.0 (default: none stated).")
def init(folder: Path, title: str, description: str, language: str, timezone: str | None, licence: str | None,
         data_licence: str | None) -> None:
    """Create a new, empty archive in FOLDER (new or empty), ready for `make site`."""
    from generator.scaffold.new_archive import ScaffoldError, init_archive, summary

    try:
        written = init_archive(folder, title, description, language, timezone, licence, data_licence)
    except ScaffoldError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(summary(written, str(folder)))


@main.command()
@content_option
@config_option
@click.option("--jobs", type=click.IntRange(min=1, max=64), default=8, show_default=True,
              help="Links fetched at a time (never more than 2 from one host).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a link has to answer, connecting and reading together.")
@click.option("--state", "state_file", type=click.Path(path_type=Path), default=None,
              help="What the previous run saw of each link (a page whose text hash differs is 'changed')  "
                   "[default: site_config/links.json in the archive's root]")
@click.option("--save", is_flag=True, help="Ask Save Page Now to capture every live source with no archived copy "
              "(needs WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY; one request every 5 seconds).")
@click.option("--write", is_flag=True, help="With --save: add each capture to its record as an archived: entry.")
@click.option("--save-endpoint", envvar="WAYBACK_SAVE_URL", default=None, metavar="URL",
              help="Where Save Page Now requests go  [default: $WAYBACK_SAVE_URL, else https://web.archive.org/save]")
def links(content_dir: Path | None, config: Path | None, jobs: int, timeout: float, state_file: Path | None,
          save: bool, write: bool, save_endpoint: str | None) -> None:
    """Check every source URL (an article's url, a correction's source): report dead, moved and changed
    links with file and line, then the Save Page Now requests for sources with no archived copy.

    Exit status 1 when a link is dead.
    """
    from generator.review.links import run_links

    if write and not save:
        raise click.UsageError("--write adds the captures --save makes: give both")
    sys.exit(run_links(_or_root(content_dir, DEFAULT_CONTENT), _settings(config), jobs, timeout,
                       _or_root(state_file, Path("site_config/links.json")), save, write, save_endpoint))
