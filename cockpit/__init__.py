"""Cockpit: a keyboard-driven terminal cockpit for project managers.

Cockpit installs as one package: the database layer, the screens and the widgets are
``cockpit.db``, ``cockpit.screens`` and ``cockpit.widgets``.  An installed wheel holds them as
folders inside this one (the build maps them there).  A checkout keeps them beside this folder
(``db/``, ``screens/``, ``widgets/`` at the top of the repository): there, and only there, the
repository root is added to this package's ``__path__``, so ``cockpit.db`` is found as ``<root>/db``.
Code always imports them under ``cockpit.``; a top-level ``db`` is never imported (a second copy of
the tables).  docs/packaging.md explains the choice.
"""

import os

__version__ = "0.1.0"


def _checkout_root() -> str | None:
    """The repository root when running from a checkout, None in an installed wheel."""
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.isdir(os.path.join(here, "db")):
        return None  # installed: the subpackages are inside this folder
    root = os.path.dirname(here)
    beside = ("db", "screens", "widgets")
    if all(os.path.isfile(os.path.join(root, name, "__init__.py")) for name in beside):
        return root
    return None


_root = _checkout_root()
if _root is not None and _root not in __path__:
    # The same list object as __spec__.submodule_search_locations, which import-linter (grimp) reads.
    __path__.append(_root)
del _root
