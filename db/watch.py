"""Noticing changes made by other windows (design.md §3, "several windows, one database").

``ChangeWatcher(store).changed()`` answers "did another window or process change the database since
I last asked?".  It is meant to be called a few times a second by the app, so it is cheap:

- On a SQLite file it asks ``PRAGMA data_version`` on one dedicated connection.  SQLite bumps that
  number whenever *another* connection commits; reading it touches no table, holds no transaction
  and does no I/O beyond the shared-memory WAL index.  Only when it moved does the watcher read the
  change log to tell this window's own writes (``store.own_txns``) from other people's.
- On PostgreSQL it asks nothing of the server: a ``Listener`` (db/listen.py) LISTENs on its own
  connection in a thread, and ``changed()`` reads the flag it sets when another window's write
  transaction NOTIFYs; ``wake`` (if given) is called from that thread so the app checks at once.
  While the listener's connection is down, and once after it is back, it polls the newest change id
  (one indexed ``max()`` per call), as on any other engine.
"""

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.engine import BUSY_TIMEOUT_MS, sqlite_path
from cockpit.db.listen import Listener
from cockpit.db.models import Change

if TYPE_CHECKING:
    from cockpit.db.store import Store


class ChangeWatcher:
    """One per window.  ``changed()`` is True when someone else's change landed since the last call."""

    def __init__(self, store: "Store", *, wake: Callable[[], None] | None = None,
                 listen: bool = True, **listener_options: object) -> None:
        self.store = store
        self._conn: sqlite3.Connection | None = None
        self.listener: Listener | None = None
        url = store.engine.url
        path = sqlite_path(url.render_as_string(hide_password=False))
        if path is not None:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                         timeout=BUSY_TIMEOUT_MS / 1000)
        self._version = self._data_version()
        self._seen = self._last_change_id()
        if listen and url.get_backend_name() == "postgresql":
            conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
            self.listener = Listener(conninfo, own=store.own_txns, wake=wake, **listener_options)  # type: ignore[arg-type]

    @property
    def uses_data_version(self) -> bool:
        return self._conn is not None

    def _data_version(self) -> int | None:
        if self._conn is None:
            return None
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def _last_change_id(self) -> int:
        with self.store.read() as session:
            return session.exec(select(func.max(Change.id))).one() or 0

    def changed(self) -> bool:
        """True if another window changed the database since the last call (own writes do not count)."""
        listener = self.listener
        if listener is not None:
            if listener.listening and not listener.take_resync():
                return listener.take_pending()  # no query: the server tells us
            listener.take_pending()  # the poll below covers what was notified so far
        if self._conn is not None:
            version = self._data_version()
            if version == self._version:
                return False
            self._version = version
        latest = self._last_change_id()
        if latest == self._seen:
            # The file changed but the change log did not: a write that bypassed the store (or an
            # undo stack replay that wrote nothing).  Reload to be safe; it is rare.
            return self._conn is not None
        with self.store.read() as session:
            txns = set(session.exec(
                select(Change.txn).where(Change.id > self._seen, Change.id <= latest).distinct()
            ).all())
        self._seen = latest
        return bool(txns - set(self.store.own_txns))

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "ChangeWatcher":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
