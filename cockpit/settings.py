"""Where Cockpit keeps its files, and the preferences it remembers (theme, presentation mode).

Paths come from platformdirs; ``COCKPIT_HOME`` moves everything into one folder (tests use it so they
never touch the user's real data directory).
"""

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP = "cockpit"


def data_dir() -> Path:
    home = os.environ.get("COCKPIT_HOME")
    return Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get("COCKPIT_HOME")
    return Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_db() -> Path:
    return data_dir() / "cockpit.db"


def demo_db() -> Path:
    return data_dir() / "demo" / "cockpit-demo.db"


@dataclass
class Settings:
    """User preferences, saved as JSON in the config folder (private to the user)."""

    theme: str = "textual-dark"
    #: Presentation mode (f5) was on when the cockpit was last closed.
    presentation: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        known = {name: raw[name] for name in ("theme", "presentation", "keymap") if name in raw}
        settings = cls(**known)
        settings.path = path
        return settings

    def save(self) -> None:
        if self.path is None:
            return
        data = {name: value for name, value in asdict(self).items() if name != "path"}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = self.path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a preference that cannot be saved is not worth interrupting a meeting for
