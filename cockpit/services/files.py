"""Where a workspace's files go (written by ``write_private``, atomically and privately).

``WorkspaceFiles`` is the only code that knows "the folder beside the database": for a SQLite file,
its folder; for a server database (team mode), a folder of the user's own data folder named after the
server and database (each PM keeps their own files).  Minutes and the daily and weekly reports go in
``minutes/`` there, report templates in ``templates/``, and exports are offered there by default.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.private_files import private_folder, write_private  # noqa: F401 - importers of write_private use this module

if TYPE_CHECKING:
    from cockpit.db.store import Store


def read_text(path: Path) -> str:
    """The file as text (UTF-8, a byte-order mark is accepted); ValueError if it is not UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path} is not UTF-8 text (byte {exc.start})") from None


@dataclass(frozen=True)
class WorkspaceFiles:
    """The folders of one workspace's files.  ``root``: the files folder; ``stem``: the name files
    named after the workspace start with (the database file's stem, ``cockpit`` for a server)."""

    root: Path
    stem: str = "cockpit"

    @classmethod
    def of(cls, store: "Store") -> "WorkspaceFiles":
        return cls.for_url(store.engine.url)

    @classmethod
    def for_url(cls, url) -> "WorkspaceFiles":  # noqa: ANN001 - a sqlalchemy URL
        from cockpit.db.engine import sqlite_path

        path = sqlite_path(url.render_as_string(hide_password=False))
        if path is not None:
            return cls(path.parent, path.stem)
        from cockpit.settings import data_dir

        host = url.host or str(url.query.get("host") or "local")
        label = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{host}-{url.port or 5432}-{url.database or 'db'}").strip("_")
        digest = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:8]
        return cls(data_dir() / "teams" / f"{label[:60]}-{digest}")

    @property
    def minutes(self) -> Path:
        return self.root / "minutes"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def export(self, name: str) -> Path:
        """The default path of an export named ``name`` (``risks-2026-11-22.csv``)."""
        return self.root / name

    def calendar_export(self) -> Path:
        """The default path of the calendar export: ``<database stem>-calendar.ics``."""
        return self.root / f"{self.stem}-calendar.ics"
