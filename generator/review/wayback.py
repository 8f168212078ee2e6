"""Save Page Now: ask the Wayback Machine to capture sources that have no archived copy, and add the
captures to their records.

The Save Page Now 2 API (POST https://web.archive.org/save with `url=…`, then GET
…/save/status/<job_id> until the capture is done) needs an archive.org account's S3 keys
(`Authorization: LOW key:secret`). Its documented limit is 12 captures a minute for a signed-in user
(4 for an anonymous one), and it answers 429 past it: requests here go one every SAVE_EVERY seconds,
and a 429 stops the run. A capture is added to its record's file by appending an `archived:` block
at its end, so every other byte stays as it was; the file is parsed again and compared before it
replaces the old one.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml
from pydantic import ValidationError

from generator.core.archived import same_page, wayback_url
from generator.core.models import ArchivedCopy

ENDPOINT = "https://web.archive.org/save"
ENDPOINT_VARIABLE = "WAYBACK_SAVE_URL"
KEY_VARIABLES = ("WAYBACK_ACCESS_KEY", "WAYBACK_SECRET_KEY")
SAVE_EVERY = 5.0  # seconds between captures: 12 a minute, the limit for a signed-in user
POLL_EVERY = 5.0  # seconds between status requests of one capture
POLL_FOR = 180.0  # how long a capture may take before the run moves on


def request_line(url: str, endpoint: str = ENDPOINT) -> str:
    """The request to make, as the plan prints it."""
    return f"POST {endpoint} url={url}"


@dataclass(frozen=True)
class Capture:
    url: str  # the page saved
    timestamp: str | None = None  # the Wayback Machine's 14 digits, UTC
    original: str | None = None  # the page the Wayback Machine says it captured
    error: str | None = None

    @property
    def copy_url(self) -> str:
        return wayback_url(self.timestamp or "", self.original or self.url)

    @property
    def captured(self) -> str:
        t = self.timestamp or ""
        return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


class SlowDown(Exception):
    """The Wayback Machine answered 429: no more requests in this run."""


def _headers() -> dict[str, str]:
    headers = {"Accept": "application/json"}
    key, secret = (os.environ.get(name, "") for name in KEY_VARIABLES)
    if key and secret:
        headers["Authorization"] = f"LOW {key}:{secret}"
    return headers


def keys_missing(endpoint: str) -> str | None:
    """Why saving cannot start: the real endpoint needs keys; another one (a test's) may do without."""
    if endpoint == ENDPOINT and not all(os.environ.get(name) for name in KEY_VARIABLES):
        return (f"--save needs an archive.org account's S3 keys in {' and '.join(KEY_VARIABLES)} "
                "(archive.org → your account → S3 API keys); the requests to make are listed above")
    return None


def save_all(urls: list[str], endpoint: str) -> Iterator[Capture]:
    """Capture each URL in turn, one every SAVE_EVERY seconds; SlowDown when asked to stop."""
    with httpx.Client(timeout=60, headers=_headers()) as client:
        last = None
        for url in urls:
            if last is not None:
                time.sleep(max(0.0, SAVE_EVERY - (time.monotonic() - last)))
            last = time.monotonic()
            yield _save(client, endpoint.rstrip("/"), url)


def _save(client: httpx.Client, endpoint: str, url: str) -> Capture:
    try:
        answer = _json(client.post(endpoint, data={"url": url}))
        job = answer.get("job_id")
        if not job:
            return Capture(url, error=str(answer.get("message") or answer.get("status_ext") or "no job started"))
        waited = 0.0
        while True:
            status = _json(client.get(f"{endpoint}/status/{job}"))
            if status.get("status") == "success" and status.get("timestamp"):
                return Capture(url, str(status["timestamp"]), str(status.get("original_url") or url))
            if status.get("status") != "pending":
                return Capture(url, error=str(status.get("message") or status.get("status_ext") or "failed"))
            if waited >= POLL_FOR:
                return Capture(url, error=f"not captured within {POLL_FOR:g} s (job {job}); run again later")
            time.sleep(POLL_EVERY)
            waited += POLL_EVERY
    except httpx.HTTPError as error:
        return Capture(url, error=f"Save Page Now cannot be reached ({type(error).__name__})")


def _json(response: httpx.Response) -> dict:
    if response.status_code == 429:
        raise SlowDown
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return {"message": f"Save Page Now answered {response.status_code} without JSON"}
    return data


def captured_problem(capture: Capture, cited_url: str) -> str | None:
    """A capture that cannot be this source's copy: of another page (the source redirects), or an
    answer the archive's check would refuse."""
    if capture.error:
        return _shown(capture.error)
    if not (capture.timestamp or "").isdigit() or len(capture.timestamp or "") != 14:
        return f"Save Page Now answered the capture time '{_shown(capture.timestamp or '')}', not 14 digits"
    try:  # what is written must check: an answer is data from another site, never trusted as it comes
        ArchivedCopy.model_validate({"url": capture.copy_url, "captured": capture.captured})
    except ValidationError as error:
        return f"Save Page Now answered a capture the archive would refuse: {error.errors()[0]['msg']}"
    if not same_page(capture.original or capture.url, cited_url):
        return f"the Wayback Machine captured '{capture.original}', not this page (it redirects there)"
    return None


def _shown(text: str) -> str:
    """Text from another site, safe on a terminal: escapes for anything not printable."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def add_copy(path: Path, capture: Capture) -> str | None:
    """Append `archived:` with this capture to the record's file; None, or why the file was left alone."""
    raw = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    lines = ["archived:", f"  - url: {json.dumps(capture.copy_url, ensure_ascii=False)}",
             f"    captured: {capture.captured}"]
    block = newline.join(line.encode("utf-8") for line in lines) + newline
    new = raw + (b"" if not raw or raw.endswith(b"\n") else newline) + block
    try:
        old_data = yaml.safe_load(raw.decode("utf-8-sig"))
        new_data = yaml.safe_load(new.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError):
        new_data = old_data = None
    if not isinstance(old_data, dict) or "archived" in old_data:
        return "it has an 'archived:' line already, or is not a mapping of fields: add the copy by hand"
    expected = {**old_data, "archived": yaml.safe_load("\n".join(lines))["archived"]}
    if new_data != expected or list(new_data) != list(expected):
        return "appending would not add just this field (the file ends in a way that changes its meaning): " \
               "add the copy by hand"
    temporary = path.with_name(f".{path.name}.links-tmp")
    temporary.write_bytes(new)
    os.replace(temporary, path)
    return None
