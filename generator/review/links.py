"""`links`: is every source URL still there, where it was, saying what it said?

Every URL a record cites as its source (an article's `url`, a correction's `source`) is fetched once,
however many records cite it, at most `jobs` at a time and 2 to one host, each within `timeout`
seconds (connecting and reading together). A link is *dead* when it answers an HTTP error or not at
all, *moved* when it redirects, *changed* when its text differs from the previous run's (link_state.py).
Records under embargo and drafts are checked too: they will be published.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import click
import httpx

from generator.core.archive import Archive, load
from generator.core.archived import SOURCE_FIELD
from generator.core.problems import as_text
from generator.core.settings import Settings
from generator.review.link_state import MAX_BODY, StateError, read_state, text_hash, write_state

PER_HOST = 2  # never more than this many requests to one site at a time
MAX_REDIRECTS = 10
USER_AGENT = "news-archive-generator links (checks the sources an archive cites)"
EVERYTHING = datetime(9999, 12, 31, tzinfo=UTC)  # "now" past every embargo: every record's source is checked


@dataclass(frozen=True)
class Cited:
    """A source URL where a record cites it."""

    url: str
    path: str
    line: int
    column: int
    field: str
    record_id: str
    has_copy: bool  # the record lists an archived copy of it


@dataclass(frozen=True)
class Answer:
    """What fetching a URL gave."""

    url: str
    status: int | None = None  # the last response's status
    first_status: int | None = None  # the first redirect's status, when it redirected
    final_url: str | None = None
    text_sha256: str | None = None
    error: str | None = None  # no answer: why


def cited_sources(archive: Archive) -> list[Cited]:
    """Every source URL of every record (drafts and records under embargo too), in file order."""
    found = []
    for record_id, record in archive.records.items():
        field = SOURCE_FIELD.get(record.kind)
        url = getattr(record, "url" if field == "url" else "source", None) if field else None
        if url and field:
            source = archive.sources[record_id]
            line, column = source.position((field,))
            archived = record.archived  # type: ignore[attr-defined]  # SOURCE_FIELD's kinds have copies
            found.append(Cited(url, source.path, line, column, field, record_id, bool(archived)))
    return sorted(found, key=lambda c: (c.path, c.line))


def fetch_all(urls: list[str], jobs: int, timeout: float) -> dict[str, Answer]:
    """Fetch each URL once; answers by URL."""
    return asyncio.run(_fetch_all(sorted(set(urls)), jobs, timeout))


async def _fetch_all(urls: list[str], jobs: int, timeout: float) -> dict[str, Answer]:
    everyone = asyncio.Semaphore(jobs)
    hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST))
    limits = httpx.Limits(max_connections=jobs, max_keepalive_connections=jobs)
    async with httpx.AsyncClient(follow_redirects=True, max_redirects=MAX_REDIRECTS, limits=limits,
                                 timeout=timeout, headers={"User-Agent": USER_AGENT}) as client:
        async def one(url: str) -> Answer:
            # the host's turn first: a request waiting for its host must not hold one of the `jobs` slots
            async with hosts[(urlsplit(url).hostname or "").lower()], everyone:
                try:
                    async with asyncio.timeout(timeout):
                        return await _fetch(client, url)
                except TimeoutError:
                    return Answer(url, error=f"no answer within {timeout:g} s")

        answers = await asyncio.gather(*(one(url) for url in urls))
    return {answer.url: answer for answer in answers}


async def _fetch(client: httpx.AsyncClient, url: str) -> Answer:
    try:
        async with client.stream("GET", url) as response:
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) >= MAX_BODY:
                    break
            first = response.history[0].status_code if response.history else None
            digest = text_hash(bytes(body[:MAX_BODY]), response.headers.get("content-type", ""),
                               response.charset_encoding) if response.status_code < 400 else None
            return Answer(url, response.status_code, first, str(response.url), digest)
    except httpx.TooManyRedirects:
        return Answer(url, error=f"it redirects more than {MAX_REDIRECTS} times")
    except httpx.TimeoutException:
        raise TimeoutError from None
    except httpx.HTTPError as error:
        return Answer(url, error=f"cannot be fetched ({type(error).__name__}: {' '.join(str(error).split()) or '-'})")


def verdicts(answer: Answer, before: dict | None) -> list[tuple[str, str]]:
    """(what, message) of a link: ('dead', …), ('moved', …), ('changed', …); none when it is as it was."""
    if answer.error:
        return [("dead", f"dead: {answer.error}")]
    found = []
    moved = f", after a redirect to {answer.final_url}" if answer.first_status else ""
    if answer.status is not None and answer.status >= 400:
        return [("dead", f"dead ({_status(answer.status)}{moved})")]
    if answer.first_status:
        found.append(("moved", f"moved ({_status(answer.first_status)}) to {answer.final_url}"))
    recorded = (before or {}).get("text_sha256")
    if recorded and answer.text_sha256 and recorded != answer.text_sha256:
        found.append(("changed", "changed since the last run (its text differs)"))
    return found


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def new_state(previous: dict[str, dict], answers: dict[str, Answer], cited: set[str]) -> dict[str, dict]:
    """The state to keep: this run's answers; a URL that gave none keeps the previous; uncited ones go."""
    state = {}
    for url in sorted(cited):
        answer = answers.get(url)
        if answer is not None and answer.error is None and answer.text_sha256 is not None:
            state[url] = {"status": answer.status, "final_url": answer.final_url, "text_sha256": answer.text_sha256}
        elif url in previous:
            state[url] = previous[url]
    return state


def report(cited: list[Cited], answers: dict[str, Answer], previous: dict[str, dict]) -> tuple[list[str], dict]:
    """One line per problem (file:line:column: field: what: URL), and the counts by kind."""
    lines, counts = [], {"dead": 0, "moved": 0, "changed": 0}
    seen: set[str] = set()
    for one in cited:
        found = verdicts(answers[one.url], previous.get(one.url))
        for what, message in found:
            lines.append(f"{one.path}:{one.line}:{one.column}: {one.field}: {message}: {one.url}")
            if one.url not in seen:
                counts[what] += 1
        seen.add(one.url)
    return lines, counts


def summary(cited: list[Cited], counts: dict, unarchived: int) -> str:
    urls = len({c.url for c in cited})
    live = urls - counts["dead"]
    return (f"{urls} source link{'s' if urls != 1 else ''} checked: {live} live ({counts['moved']} moved, "
            f"{counts['changed']} changed), {counts['dead']} dead; {unarchived} with no archived copy.")


def run_links(content_dir: Path, settings: Settings, jobs: int, timeout: float, state_file: Path, save: bool,
              write: bool, endpoint: str | None) -> int:
    """The `links` command: check, report, plan (and with --save make) the captures; the exit status."""
    from generator.review import wayback

    archive, problems, count = load(content_dir, settings, EVERYTHING)
    if problems:  # the records must be readable (and writable) as the site reads them
        click.echo(as_text(problems, count), err=True)
        return 1
    try:
        previous = read_state(state_file)
    except StateError as error:
        click.echo(f"links: {error}", err=True)
        return 1
    cited = cited_sources(archive)
    answers = fetch_all([c.url for c in cited], jobs, timeout)
    lines, counts = report(cited, answers, previous)
    for line in lines:
        click.echo(line)
    write_state(state_file, new_state(previous, answers, {c.url for c in cited}))
    endpoint = endpoint or wayback.ENDPOINT
    # a source is saved once, for the first record citing it; a dead one would only capture its error
    to_save: dict[str, Cited] = {}
    for one in cited:
        if not one.has_copy and not answers[one.url].error and (answers[one.url].status or 500) < 400:
            to_save.setdefault(one.url, one)
    for one in to_save.values():
        click.echo(f"{one.path}:{one.line}:{one.column}: {one.field}: no archived copy; Save Page Now: "
                   f"{wayback.request_line(one.url, endpoint)}")
    click.echo(summary(cited, counts, len({c.url for c in cited if not c.has_copy})))
    if save and to_save:
        _save(list(to_save.values()), [c for c in cited if not c.has_copy], endpoint, write)
    return 1 if counts["dead"] else 0


def _save(wanted: list[Cited], unarchived: list[Cited], endpoint: str, write: bool) -> None:
    from generator.review import wayback

    missing = wayback.keys_missing(endpoint)
    if missing:
        click.echo(f"links: {missing}", err=True)
        return
    done = 0
    try:
        for capture in wayback.save_all([c.url for c in wanted], endpoint):
            done += 1
            for one in (c for c in unarchived if c.url == capture.url):
                problem = wayback.captured_problem(capture, one.url)
                where = f"{one.path}:{one.line}:{one.column}: {one.field}"
                if problem:
                    click.echo(f"{where}: not saved: {problem}")
                    continue
                entry = f"{capture.copy_url} (captured {capture.captured})"
                why_not = wayback.add_copy(Path(one.path), capture) if write else "without --write"
                click.echo(f"{where}: saved {entry}" + (f"; added to {one.path}" if why_not is None else
                                                        f"; not written: {why_not}"))
    except wayback.SlowDown:
        click.echo(f"links: the Wayback Machine asks to slow down (429); {len(wanted) - done} sources not "
                   "saved: run again later", err=True)
