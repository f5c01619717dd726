"""PostgreSQL's LISTEN/NOTIFY for live updates (team mode): no polling of the server while idle.

Every write transaction that changed something sends ``NOTIFY cockpit_changes, '<txn>'`` before it
commits (``notify_sql``; the Store does it inside the transaction, so a rolled-back write notifies
nothing, and PostgreSQL delivers it at commit).  Each window runs one ``Listener``: a daemon thread
with a dedicated autocommit connection that LISTENs and waits on its socket (no query at all while
nothing happens).  A notification from another window's transaction sets ``pending`` and calls
``wake`` (the app schedules its live-update check on its own loop).

When the connection is lost (server restart, network drop, the backend terminated), ``listening``
turns False, so the watcher falls back to polling the change log, and the thread reconnects every
``retry_seconds``; each time it is listening again it sets ``resync`` so that the watcher polls once
for what was committed while nobody listened.
"""

import threading
from collections.abc import Callable, Container
from typing import Any

CHANNEL = "cockpit_changes"


def notify_sql() -> str:
    """The statement a write transaction runs before commit (its txn is the one parameter)."""
    return f"SELECT pg_notify('{CHANNEL}', :txn)"


class Listener:
    """One per window: LISTENs on a dedicated connection in a thread (see the module's docstring)."""

    def __init__(self, conninfo: str, *, own: Container[str], wake: Callable[[], None] | None = None,
                 retry_seconds: float = 1.0, connect: Callable[..., Any] | None = None) -> None:
        self.conninfo = conninfo
        self.own = own
        self.wake = wake
        self.retry_seconds = retry_seconds
        self._connect = connect
        self._lock = threading.Lock()
        self._pending = False
        self._resync = False
        self._stop = threading.Event()
        #: True while the LISTEN connection is up (the watcher polls while it is False).
        self.listening = False
        #: The server process of the LISTEN connection (tests terminate it to cut the line).
        self.backend_pid: int | None = None
        #: Set while listening, and after a listening connection was lost (tests and benchmarks wait
        #: on them).
        self.ready = threading.Event()
        self.lost = threading.Event()
        #: The txn of every notification that arrived, own ones included (tests, benchmarks).
        self.received: list[str] = []
        self.connections = 0
        self._thread = threading.Thread(target=self._run, name="cockpit live updates (LISTEN)", daemon=True)
        self._thread.start()

    # --- asked by the watcher (any thread) ------------------------------------------------------

    def take_pending(self) -> bool:
        """True once after another window's transaction was notified."""
        with self._lock:
            pending, self._pending = self._pending, False
        return pending

    def take_resync(self) -> bool:
        """True once after (re)connecting: what was committed while nobody listened must be polled."""
        with self._lock:
            resync, self._resync = self._resync, False
        return resync

    def close(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    # --- the thread -----------------------------------------------------------------------------

    def _open(self):  # noqa: ANN202 - a psycopg Connection
        if self._connect is not None:
            return self._connect(self.conninfo)
        import psycopg

        return psycopg.connect(self.conninfo, autocommit=True, connect_timeout=10, keepalives=1,
                               keepalives_idle=30, keepalives_interval=10, keepalives_count=3,
                               application_name="cockpit live updates")

    def _run(self) -> None:
        while not self._stop.is_set():
            conn = None
            try:
                conn = self._open()
                conn.execute(f"LISTEN {CHANNEL}")
                self.backend_pid = conn.info.backend_pid
                self.connections += 1
                with self._lock:
                    self._resync = True
                self.listening = True
                self.lost.clear()
                self.ready.set()
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=0.5):
                        self._received(note.payload)
            except Exception:  # noqa: BLE001 - any failure of the line: poll, then reconnect
                pass
            finally:
                was_listening, self.listening = self.listening, False
                self.ready.clear()
                if conn is not None:
                    try:
                        conn.close()
                    except Exception:  # noqa: BLE001
                        pass
            if was_listening:
                self.lost.set()  # the watcher polls from now on (its app's timer still ticks)
            self._stop.wait(self.retry_seconds)

    def _received(self, txn: str) -> None:
        self.received.append(txn)
        if len(self.received) > 1000:
            del self.received[:500]
        try:
            own = txn in self.own
        except RuntimeError:  # the window's deque grew meanwhile: count it as someone else's
            own = False
        if own:
            return
        with self._lock:
            self._pending = True
        self._poke()

    def _poke(self) -> None:
        if self.wake is not None:
            try:
                self.wake()
            except Exception:  # noqa: BLE001 - the app is closing: nobody to tell
                pass
