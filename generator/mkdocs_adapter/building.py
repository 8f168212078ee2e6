"""`python -m generator build`: one MkDocs build with the plugin, into a staging folder swapped in
only when it succeeds (a failed build leaves the site as it was)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import cast

from generator.build.progress import Phases
from generator.build.shards import EVERYTHING, Shard, fingerprint, swap_in, write_marker
from generator.mkdocs_adapter.loading import load_content
from generator.mkdocs_adapter.mkdocs_api import (
    Abort,
    ConfigurationError,
    MkDocsConfig,
    PluginError,
    config_options,
    load_config,
    mkdocs_build,
)
from generator.mkdocs_adapter.plugin import ArchivePlugin, keep_urls


def build_site(config_file: Path, site_dir: Path, content_dir: Path | None = None,
               workers: int | None = None, now: datetime | None = None, theme_per_page: bool = False,
               shard: Shard = EVERYTHING) -> None:
    """Build the whole site into a fresh folder, then swap it into place.

    A failed build raises BuildFailed and leaves `site_dir` as it was. `workers`: processes
    to use (None: the configuration's `workers`, whose default 0 means every core). `now`: the
    instant embargoes are compared with (None: $ARCHIVE_NOW, else the clock). `shard`: the share of a
    split build this one writes (generator/build/shards.py; `generator merge` joins the parts).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    start = time.perf_counter()
    kept = _PLUGINS.plugin_cache.pop("archive", None)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        plugin = cast(ArchivePlugin, config.plugins["archive"])  # the plugin of mkdocs.yml's `plugins: [archive]`
        root = config_file.resolve().parent
        content_dir = content_dir or root / plugin.config.content
        plugin.phases = phases = Phases()
        plugin.workers_override = workers
        plugin.content_dir = content_dir
        plugin.theme_per_page = theme_per_page
        plugin.shard = shard
        with phases.timed("load"):
            plugin.preloaded = load_content(content_dir, root / plugin.config.settings, now)
        plugin.published_dir = site_dir
        plugin.urls = keep_urls(plugin, config, plugin.preloaded[1])
        mkdocs_build(config)
        if shard.count > 1:  # what the parts were built from, which the merge compares
            write_marker(staging, shard, fingerprint([content_dir, root / "site_config", Path(config.docs_dir)],
                                                     [config_file]))
        swap_in(staging, site_dir)
        phases.write(time.perf_counter() - start)
    except PluginError as error:
        raise BuildFailed(str(error)) from None
    except (Abort, ConfigurationError, OSError) as error:
        raise BuildFailed(f"the site was not built: {error}") from None
    except Exception as error:  # never a traceback: one line, and the previous site stays
        raise BuildFailed(f"the site was not built: unexpected {type(error).__name__}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when the swap succeeded
        _PLUGINS.plugin_cache.pop("archive", None)
        if kept is not None:
            _PLUGINS.plugin_cache["archive"] = kept

# MkDocs keeps one instance of a plugin with on_startup for all builds in a process (a preview
# session's); build_site builds with a fresh one and leaves a preview's instance as it was.
_PLUGINS = cast(config_options.Plugins, MkDocsConfig.plugins)  # the option itself, read from the class

def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)

class BuildFailed(Exception):
    """The builder refused the site; the message says why."""
