"""The archive's downloads, compressed: `data/archive.jsonl.gz` and `data/archive.sqlite.gz`.

Whole-archive downloads were the largest data output (about 3 KB a record, uncompressed) while
JSON Lines and SQLite compress four- to tenfold, so they are published gzipped: `gunzip` (or
`curl … | gunzip`) gives the very files that were published as `data/archive.jsonl` and
`data/archive.sqlite` before (the "About the data" page and README say so). The gzip header
holds no name and no time, so the same content writes the same bytes.

Readers of a published site (`check --against`, `diff`) take the compressed file, and the
uncompressed one from a site built before.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable
from pathlib import Path

JSONL = "data/archive.jsonl.gz"
SQLITE = "data/archive.sqlite.gz"
# what a site built before the downloads were compressed published instead
UNCOMPRESSED = {JSONL: "data/archive.jsonl", SQLITE: "data/archive.sqlite"}
LEVEL = 6  # zlib's default: within a few per cent of level 9, in half the time


def write_gzip(path: Path, data: bytes) -> None:
    """Write `data` gzipped, with no name or time in the header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, compresslevel=LEVEL, mtime=0))


def compress(path: Path) -> Path:
    """Replace a file with its gzipped copy (`NAME.gz`, no name or time in the header); returns it."""
    target = path.with_name(path.name + ".gz")
    with open(path, "rb") as source, open(target, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=LEVEL, fileobj=raw, mtime=0) as out:
            shutil.copyfileobj(source, out, 1 << 20)
    path.unlink()
    return target


def published_jsonl(read: Callable[[str], bytes | None]) -> tuple[str, str]:
    """(text, path) of a published site's JSON Lines: `read(path)` gives a file's bytes, None when
    the site has no such file; the compressed download first, then the uncompressed one."""
    for path in (JSONL, UNCOMPRESSED[JSONL]):
        data = read(path)
        if data is not None:
            return (gzip.decompress(data) if path.endswith(".gz") else data).decode("utf-8"), path
    raise FileNotFoundError(f"neither {JSONL} nor {UNCOMPRESSED[JSONL]}")


__all__ = ["JSONL", "SQLITE", "UNCOMPRESSED", "compress", "published_jsonl", "write_gzip"]
