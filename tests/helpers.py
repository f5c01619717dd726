"""Helpers the tests share: plain functions and constants, imported as ``from tests.helpers import X``.

Fixtures stay in the conftest files (pytest finds them there); nothing is imported from a conftest.

- ``TODAY``, ``NOW``, ``FakeClock``: the injected date and clock.
- ``cockpit_app(store, ...)``: the whole app, with live updates off unless a test turns them on.
- ``host_screen(make_screen, ...)``: one screen alone in a small app (no modes, no meeting ticks).
- ``until(pilot, predicate)``: wait for a condition, not for a time.
- ``on_screen(app, name)``: the predicate "the top screen is ``name`` and its widgets are mounted".
- ``footer_keys(app)``, ``footer_line(app)``: what the screen's footer shows.
- board, subprocess and snapshot helpers used by several test files.
"""

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
#: How long ``until`` waits before it fails: generous, it is only there to fail rather than hang.
DEADLINE_S = 30.0


class FakeClock:
    """An injectable clock: ``clock()`` returns a fixed time that tests move on explicitly."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


# --- waiting on the app ----------------------------------------------------------------------------


def on_screen(app: "App", name: str) -> Callable[[], bool]:
    """``until``'s predicate for "screen ``name`` is on top, composed and mounted".  A pushed screen is
    ``app.screen`` at once, before its compose has run: a test that then queries its fields must
    wait for its mount too, or it races the screen's own start on a slow machine."""
    return lambda: type(app.screen).__name__ == name and app.screen.is_mounted


async def until(pilot: "Pilot", predicate: Callable[[], object], what: str = "the condition",
                timeout: float = DEADLINE_S) -> None:
    """Let the app run (``pilot.pause()``: until its messages are processed) until ``predicate()`` is
    true.  The deadline is only there so that a broken feature fails the test instead of hanging it."""
    import time

    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await pilot.pause()


async def search_palette(pilot: "Pilot", query: str):  # noqa: ANN201 - the CommandPalette
    """Type ``query`` into the open command palette and wait until its search for it has finished
    (the palette's gathering worker is done), not for a time.  Returns the palette."""
    from textual.command import CommandPalette

    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette), f"the palette is not open ({palette!r})"
    await pilot.press(*query)

    def searched() -> bool:
        gathering = [worker for worker in palette.workers if worker.node is palette
                     and worker.group == palette._GATHER_COMMANDS_GROUP and not worker.is_finished]
        return palette.has_class("-ready") and not gathering and not palette._show_busy

    await until(pilot, searched, f"the palette to search for {query!r}")
    return palette


# --- hosting the app, or one screen ----------------------------------------------------------------


def cockpit_app(store: Any, *, live: bool = False, **kwargs: Any) -> "App":
    """The whole Cockpit on ``store``.  Live updates (polling the database for other windows' changes
    every 0.25 s) are off unless the test is about them: pass ``live=True``."""
    from cockpit.app import CockpitApp

    return CockpitApp(store, live=live, **kwargs)


@asynccontextmanager
async def host_screen(make_screen: "Callable[[App], Screen]", *, store: Any = None, today: date | None = TODAY,
                      size: tuple[int, int] = (120, 40)) -> AsyncIterator["Pilot"]:
    """Run ONE screen alone: a small app (no modes, no meeting ticks, no live updates) that pushes
    ``make_screen(app)`` once mounted.  ``app.workspace`` is the context the screen is made with
    (the store, a clock pinned to ``today``, default settings, the files folder, a meeting session)::

        async with host_screen(lambda app: RaciScreen(app.workspace), store=store) as pilot:
            ...
    """
    from textual.app import App

    from cockpit.context import Clock, Workspace
    from cockpit.services.files import WorkspaceFiles
    from cockpit.services.meetings import MeetingSession
    from cockpit.settings import Settings

    class Host(App):
        CSS_PATH = str(ROOT / "cockpit" / "app.tcss")
        presenting = False

        def __init__(self) -> None:
            super().__init__()
            self.store = store
            self.today = today
            self.workspace = Workspace(store=store, clock=Clock(store.clock, today, store.settings.zone), settings=Settings(),
                                       files=WorkspaceFiles.of(store).root, meetings=MeetingSession(store))

        def on_mount(self) -> None:
            self.push_screen(make_screen(self))

    app = Host()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot


# --- the board -------------------------------------------------------------------------------------


def board_text(app: "App") -> list[str]:
    """Every line the board widget draws, as plain text."""
    view = app.screen.query_one("BoardView")
    return [view.render_line(y).text for y in range(view.size.height)]


def footer_keys(app: "App") -> dict:
    """The keys the current screen's footer shows, by description (each a KeysFooter ``Key``:
    action, key, display, applies, tooltip)."""
    from cockpit.widgets.keys_footer import KeysFooter

    footers = app.screen.query(KeysFooter)
    return {key.description: key for key in (footers.first().keys or [])} if footers else {}


def footer_line(app: "App") -> str:
    """The footer's line as drawn (its words, the palette key included)."""
    from cockpit.widgets.keys_footer import KeysFooter

    return app.screen.query_one(KeysFooter).render_line(0).text


def cursor(app: "App"):  # noqa: ANN201 - a card read model or None
    return app.screen.query_one("BoardView").cursor_card


async def typed(pilot: "Pilot", app: "App", expected: str) -> None:
    """Wait until the board has applied the filter ``expected`` (waits on messages, not on time)."""
    def applied() -> bool:
        screen = app.screen
        return screen.model.filter_text == screen.query_one("#board-filter").value == expected

    await until(pilot, applied, f"the filter to become {expected!r}")


# --- processes and files ---------------------------------------------------------------------------


@dataclass
class Snapshot:
    """A file's bytes and modification time, to prove it was left untouched."""

    data: bytes
    mtime_ns: int
    mode: int

    @classmethod
    def of(cls, path: Path) -> "Snapshot":
        stat = path.stat()
        return cls(path.read_bytes(), stat.st_mtime_ns, stat.st_mode)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a child ``cockpit``: this repo on the path, its own COCKPIT_HOME."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "COCKPIT"))}
    env.update(PYTHONPATH=str(ROOT), COCKPIT_HOME=str(home), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_cli(*args: str):  # noqa: ANN201
    """``cockpit ARGS`` in this process (the CLI's main), with what it printed."""
    import contextlib
    import io
    from types import SimpleNamespace

    from cockpit.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return SimpleNamespace(returncode=status, stdout=out.getvalue(), stderr=err.getvalue())


def run_python(code: str, *args: str) -> subprocess.Popen:
    """A child Python process running ``code`` with ``args`` in sys.argv (started, not awaited)."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- the calendar ----------------------------------------------------------------------------------


def days(store: Any, start: date, end: date, title: str | None = None) -> list[date]:
    """The days the store's events occur on between ``start`` and ``end`` (of ``title`` only, if given)."""
    from cockpit.logic.recurrence import expand

    return [o.day for o in expand(store.calendar.events(start, end), start, end) if title is None or o.title == title]
