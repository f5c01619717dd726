"""Ending the app however it ends: ctrl+q, SIGTERM / SIGHUP, or the command line's ``finally``.

The hooks (e.g. end the running meeting and write its minutes) run once, synchronously, before the
process exits: nothing acknowledged is lost on quit or on a signal.
"""

import asyncio
import signal
from collections.abc import Callable


class Shutdown:
    """The app's shutdown hooks; ``run`` is safe to call from every exit path (it runs them once)."""

    def __init__(self, log_error: Callable[[str], None]) -> None:
        #: Called once when the app ends, however it ends (quit, signal, crash).
        self.hooks: list[Callable[[], None]] = []
        self.done = False
        self._log_error = log_error

    def run(self) -> None:
        if self.done:
            return
        self.done = True
        for hook in self.hooks:
            try:
                hook()
            except Exception as exc:  # noqa: BLE001 - one failing hook must not stop the others
                self._log_error(f"shutdown hook failed: {exc}")


def on_signals(handler: Callable[[], None]) -> None:
    """SIGTERM and SIGHUP call ``handler`` on the running event loop (not in a test's thread)."""
    try:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, handler)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # not the main thread (tests), or no signals on this platform
