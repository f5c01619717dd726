"""Keys by binding id: every binding Cockpit defines, the ``[keys]`` table of the settings checked
against them, and applied through Textual's keymap (``App.set_keymap``).

Binding ids are ``<feature>.<action>``: the feature is the screen, dialog or widget family that owns
the key (``board``, ``card_form``, ``confirm``, ``app`` for keys that work everywhere), the action what
the key does there (``board.move_next``).  An id names one action: two classes share an id only
for the same action with the same default keys (a remap then moves the key in both, as the user
means).  ``tests/foundation/test_keymap.py`` holds every binding to this.

Textual applies the keymap to the bindings themselves, so everything that lists active bindings (the
footer, F1, the command palette) shows the remapped keys.  A bad entry (a value that is not a string,
a key Textual does not know, an id no binding has, a key that another key of the same screen already
uses) is left out, so that binding keeps its default, and all of them are reported in one warning.
"""

import importlib
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import ASCII_KEY_NAMES, KEY_NAME_REPLACEMENTS, Keys, key_to_character

if TYPE_CHECKING:
    from textual.app import App

    from cockpit.settings import Settings

#: Where bindings are defined: these packages, and the app shell's module.
PACKAGES = ("cockpit.screens", "cockpit.widgets")
MODULES = ("cockpit.app",)
OUR_PACKAGES = ("cockpit", "cockpit.screens", "cockpit.widgets")

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}


@cache
def named_keys() -> frozenset[str]:
    """Keys with a name (``f1``, ``pageup``, ``ctrl+left``...): worked out when first needed."""
    return frozenset(key.value for key in Keys if not key.value.startswith("<"))


@dataclass(frozen=True)
class Entry:
    """One binding as its class defines it."""

    id: str | None
    key: str
    action: str
    description: str
    owner: str  # the class that defines it ("CockpitApp": everywhere)
    where: str  # "module:qualname" of that class


# --- the catalogue of bindings ---------------------------------------------------------------------


def import_modules(packages: Iterable[str] = PACKAGES, modules: Iterable[str] = MODULES) -> None:
    """Import every module of ``packages`` (and ``modules``), so that their classes exist."""
    import pkgutil  # here, not at start-up: it costs more than the rest of this module

    for name in modules:
        importlib.import_module(name)
    for package_name in packages:
        package = importlib.import_module(package_name)
        # the package's own folder: in a checkout ``cockpit.__path__`` also holds the repository root
        folder = os.path.dirname(package.__file__)
        for info in pkgutil.walk_packages([folder], f"{package_name}."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)


def our_classes() -> list[type[DOMNode]]:
    """Every App, Screen and Widget class defined in our packages (among those imported)."""
    found: dict[type, None] = {}
    stack = list(DOMNode.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls in found:
            continue
        found[cls] = None
        stack.extend(cls.__subclasses__())
    ours = [cls for cls in found if cls.__module__.partition(".")[0] == "cockpit"]
    return sorted(ours, key=lambda cls: (cls.__module__, cls.__qualname__))


def entries_of(cls: type[DOMNode]) -> list[Entry]:
    """The bindings a class defines itself (inherited ones belong to its base; a class that only shows
    another's keys, ``SHOWS_KEYS_OF``, such as the board's first paint, adds none)."""
    if cls.__dict__.get("SHOWS_KEYS_OF") is not None:
        return []
    entries = []
    for binding in cls.__dict__.get("BINDINGS", []):
        if not isinstance(binding, Binding):
            binding = Binding(*binding)  # a tuple: it has no id, which the tests refuse
        entries.append(Entry(binding.id, binding.key, binding.action, binding.description, cls.__name__,
                             f"{cls.__module__}:{cls.__qualname__}"))
    return entries


def catalogue() -> list[Entry]:
    """Every binding Cockpit defines (imports every screen and widget module: about a second)."""
    import_modules()
    return [entry for cls in our_classes() for entry in entries_of(cls)]


# --- keys ------------------------------------------------------------------------------------------


def key_name(key: str) -> str:
    """A key as Textual names it: a single character by its name (``?`` is ``question_mark``)."""
    key = key.strip()
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = ASCII_KEY_NAMES.get(key, key)
    return KEY_NAME_REPLACEMENTS.get(name, name)


def key_names(keys: str) -> list[str]:
    return [key_name(key) for key in keys.split(",")]


def bad_key(keys: str) -> str | None:
    """The first key of a comma-separated list that Textual would never see, or None."""
    for key in keys.split(","):
        key = key.strip()
        *modifiers, base = key.split("+") if key != "+" else ["+"]
        known = (len(base) == 1 and base.isprintable() and base != " ") or base in named_keys() \
            or key_to_character(base) is not None
        if not key or not known or any(m not in MODIFIERS for m in modifiers) \
                or len(set(modifiers)) != len(modifiers):
            return key
    return None


def shown_keys(keys: str) -> str:
    """Keys as a person reads them: ``f1,?`` rather than ``f1,question_mark``."""
    shown = []
    for key in keys.split(","):
        modifiers, _, base = key.strip().rpartition("+")
        char = key_to_character(base) if base not in named_keys() else None
        base = char if char is not None and char.isprintable() and char != " " else base
        shown.append(f"{modifiers}+{base}" if modifiers else base)
    return ",".join(shown)


# --- checking the [keys] table ---------------------------------------------------------------------


def check(table: Mapping[str, Any], entries: list[Entry] | None = None) -> tuple[dict[str, str], list[str]]:
    """The usable entries of a ``[keys]`` table, and one line for each bad one.

    Without ``entries`` only the values are checked (cheap, at start-up); with them, the ids must
    exist and a new key must not be one another binding of the same class already uses."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        if not isinstance(value, str):
            problems.append(f'keys: "{binding_id}" must be a key in quotes, like "ctrl+l"; the default stays')
        elif (bad := bad_key(value)) is not None:
            problems.append(f'keys: "{binding_id}" = "{value}": {bad!r} is not a key; the default stays')
        else:
            good[binding_id] = value
    if entries is None:
        return good, problems
    known = {entry.id for entry in entries}
    for binding_id in [binding_id for binding_id in good if binding_id not in known]:
        del good[binding_id]
        problems.append(f'keys: no key has the id "{binding_id}" (see: cockpit keys)')
    for binding_id, problem in clashes(good, entries).items():
        good.pop(binding_id, None)
        problems.append(problem)
    return good, problems


def clashes(keymap: Mapping[str, str], entries: list[Entry]) -> dict[str, str]:
    """Remapped ids whose new key another binding of the same class uses already -> the problem."""
    by_owner: dict[str, list[Entry]] = {}
    for entry in entries:
        by_owner.setdefault(entry.where, []).append(entry)
    found: dict[str, str] = {}
    for owned in by_owner.values():
        for entry in owned:
            if entry.id not in keymap:
                continue
            for other in owned:
                if other.id == entry.id:
                    continue
                taken = set(key_names(keymap.get(other.id or "", other.key))) & set(key_names(keymap[entry.id]))
                if taken and entry.id not in found:
                    found[entry.id] = (f'keys: "{entry.id}" = "{keymap[entry.id]}": {shown_keys(",".join(taken))} '
                                       f'is already "{other.id}" on {entry.owner}; the default stays')
    return found


# --- the app ---------------------------------------------------------------------------------------


def apply(app: "App[Any]", settings: "Settings") -> None:
    """Apply the settings' ``[keys]`` at start-up; bad entries are dropped and reported in one warning.

    The values are checked at once; the ids need every screen module imported, so that check runs
    in a thread, and only when there is a remap to check (most people have none)."""
    good, problems = check(settings.keys)
    problems = [*settings.problems, *problems]
    app.set_keymap(good)
    if good:
        app.run_worker(partial(_check_ids, app, good, problems), thread=True, name="keymap check",
                       group="keymap", exit_on_error=False)
    elif problems:
        warn(app, problems)


def _check_ids(app: "App[Any]", keymap: dict[str, str], problems: list[str]) -> None:
    good, more = check(keymap, catalogue())
    try:
        if good != keymap:
            app.call_from_thread(app.set_keymap, good)
        if problems or more:
            app.call_from_thread(warn, app, [*problems, *more])
    except RuntimeError:
        pass  # the app closed meanwhile


def warn(app: "App[Any]", problems: list[str]) -> None:
    """One notification for every problem of the settings file."""
    app.notify("\n".join(problems), title="Settings (see: cockpit keys)", severity="warning",
               timeout=15, markup=False)
