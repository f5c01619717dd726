"""Where Cockpit keeps its files, and the preferences it remembers (theme, presentation mode, keys).

Paths come from platformdirs; ``COCKPIT_HOME`` moves everything into one folder (tests use it so they
never touch the user's real data directory).

The preferences live in ``settings.toml`` in the config folder, a file the user may edit: it is read
with ``tomllib`` and written atomically and private (0600) with ``write_private``.  Cockpit changes
only two lines of it, ``theme`` and ``presentation``, and rewrites just those lines, so the user's
comments and ``[keys]`` table stay exactly as typed (rewriting the whole file would drop every comment;
editing two known one-line values in place is a few lines of code, checked by parsing the result).
A ``settings.json`` from an older Cockpit is read once, when no ``settings.toml`` exists yet, and
copied into a new ``settings.toml``; the JSON file is left as it was.
"""

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from cockpit.private_files import write_private

APP = "cockpit"
SETTINGS_FILE = "settings.toml"
LEGACY_FILE = "settings.json"


def data_dir() -> Path:
    home = os.environ.get("COCKPIT_HOME")
    return Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get("COCKPIT_HOME")
    return Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def default_db() -> Path:
    return data_dir() / "cockpit.db"


def demo_db() -> Path:
    return data_dir() / "demo" / "cockpit-demo.db"


@dataclass
class Settings:
    """User preferences, saved as TOML in the config folder (private to the user)."""

    theme: str = "textual-dark"
    #: Presentation mode (f5) was on when the cockpit was last closed.
    presentation: bool = False
    #: The ``[keys]`` table as read: binding id -> key(s).  Checked and applied by ``cockpit.keymap``
    #: (a value that is not a string is kept here so that it can be reported).
    keys: dict[str, Any] = field(default_factory=dict)
    path: Path | None = field(default=None, repr=False, compare=False)
    #: What was wrong in the file, one line each (shown once at start and by ``cockpit keys``).
    problems: list[str] = field(default_factory=list, repr=False, compare=False)
    #: False when the file exists but could not be read: saving must not replace what the user wrote.
    writable: bool = field(default=True, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        settings = cls(path=path or settings_path())
        try:
            text = settings.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            settings._migrate(settings.path.with_name(LEGACY_FILE))
            return settings
        except (OSError, UnicodeDecodeError) as error:
            settings._refuse(f"cannot read it ({getattr(error, 'strerror', None) or error})")
            return settings
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            settings._refuse(f"not valid TOML ({error})")
            return settings
        settings._take(raw)
        return settings

    def _refuse(self, why: str) -> None:
        self.problems.append(f"{self.path}: {why}; the defaults apply and the file is left as it is")
        self.writable = False

    def _take(self, raw: dict[str, Any], keys_name: str = "keys") -> None:
        for name, value in raw.items():
            if name == "theme" and isinstance(value, str):
                self.theme = value
            elif name == "presentation" and isinstance(value, bool):
                self.presentation = value
            elif name == keys_name and isinstance(value, dict):
                self.keys = dict(value)
            elif name in ("theme", "presentation", keys_name):
                kind = {"theme": "a string", "presentation": "true or false"}.get(name, "a table")
                self.problems.append(f"settings: {name} must be {kind}; the default applies")
            else:
                self.problems.append(f"settings: unknown setting {name!r} (ignored)")

    def _migrate(self, legacy: Path) -> None:
        """Read an older ``settings.json`` once and write it as ``settings.toml`` (the JSON stays)."""
        try:
            raw = json.loads(legacy.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(raw, dict):
            self._take({name: value for name, value in raw.items() if name in ("theme", "presentation", "keymap")},
                       keys_name="keymap")
            self.save()

    def save(self) -> None:
        if self.path is None or not self.writable:
            return
        try:
            try:
                text = update_toml(self.path.read_text(encoding="utf-8"), self)
            except FileNotFoundError:
                text = None
            write_private(self.path, text if text is not None else render_toml(self))
        except (OSError, UnicodeDecodeError):
            pass  # a preference that cannot be saved is not worth interrupting a meeting for


# --- writing TOML: the few types the settings hold (strings, booleans, a table of strings) -----------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else toml_string(name)


def toml_value(value: str | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else toml_string(value)


HEADER = """\
# Cockpit settings.  Edit freely: Cockpit itself changes only the `theme` and
# `presentation` lines (when you change them in the app) and keeps the rest of
# this file, comments included.

# Colour theme (ctrl+p, "Change theme").
theme = {theme}
# Presentation mode (f5) was on when Cockpit was last closed.
presentation = {presentation}

# Remap any key by its binding id: "id" = "key", several keys with commas
# ("ctrl+l,L").  `cockpit keys` lists every id and the keys in force.
[keys]
"""


def render_toml(settings: Settings) -> str:
    """The whole file, documented, for a new settings file."""
    text = HEADER.format(theme=toml_value(settings.theme), presentation=toml_value(settings.presentation))
    entries = [f"{toml_key(name)} = {toml_string(value)}" for name, value in settings.keys.items()
               if isinstance(value, str)]
    return text + ("\n".join(entries) + "\n" if entries else '# "board.move_next" = "ctrl+l"\n')


_SIMPLE_VALUE = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|true|false')


def update_toml(text: str, settings: Settings) -> str | None:
    """``text`` with its top-level ``theme`` and ``presentation`` lines set to the settings' values
    (added before the first table if missing), every other line as it was; None when the file is not
    in a shape this can edit safely (the caller then writes the whole file again)."""
    values = {"theme": settings.theme, "presentation": settings.presentation}
    lines = text.splitlines(keepends=True)
    first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    done: set[str] = set()
    for index in range(first_table):
        match = re.match(r"""(\s*)(?:(\w+)|"(\w+)"|'(\w+)')(\s*=\s*)(.*?)(\r?\n)?$""", lines[index], re.S)
        name = match and (match[2] or match[3] or match[4])
        if name not in values:
            continue
        value = _SIMPLE_VALUE.match(match[6])
        if value is None:
            return None
        rest = match[6][value.end():]
        lines[index] = f"{match[1]}{name}{match[5]}{toml_value(values[name])}{rest}{match[7] or ''}"
        done.add(name)
    missing = [f"{name} = {toml_value(value)}\n" for name, value in values.items() if name not in done]
    at = first_table  # after the last top-level line that is not blank
    while at and not lines[at - 1].strip():
        at -= 1
    if at and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines[at:at] = missing + (["\n"] if missing and at == first_table < len(lines) else [])
    new = "".join(lines)
    try:
        parsed = tomllib.loads(new)
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    expected = {**before, **values}
    return new if parsed == expected else None
