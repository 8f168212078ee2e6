"""Every name the archive takes from MkDocs, imported here and nowhere else.

The rest of the adapter imports them from this module, so the whole surface a move to an MkDocs
fork or successor must provide is this list. Two of them are private to MkDocs (`_build_page`, and
the page context it renders with): the theme is rendered per page shape in forked processes
(theme.py), as MkDocs' own build loop renders a page.
"""

from mkdocs.commands.build import _build_page, get_context
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import write_file

__all__ = ["Abort", "AnchorLink", "BasePlugin", "Config", "ConfigurationError", "File", "Files", "MkDocsConfig",
           "PluginError", "TableOfContents", "_build_page", "config_options", "get_context", "load_config",
           "mkdocs_build", "write_file"]
