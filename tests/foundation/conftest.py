"""Fixtures for the foundation's tests: running the real ``cockpit`` command in a subprocess."""

import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.helpers import ROOT, child_env


@pytest.fixture
def cockpit(cockpit_home: Path):
    """Run ``python -m cockpit ARGS`` as a user would; returns the CompletedProcess."""

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, env=child_env(cockpit_home),
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    return run


@pytest.fixture
def cockpit_all(cockpit_home: Path):
    """Run several ``cockpit`` commands at once (each its own process); results in the same order."""

    def run(*argvs: tuple[str, ...], timeout: float = 120) -> list[subprocess.CompletedProcess[str]]:
        env = child_env(cockpit_home)
        procs = [subprocess.Popen([sys.executable, "-m", "cockpit", *argv], cwd=ROOT, env=env, text=True,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for argv in argvs]
        results = []
        for argv, proc in zip(argvs, procs):
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                for other in procs:
                    other.kill()
                raise
            results.append(subprocess.CompletedProcess(list(argv), proc.returncode, out, err))
        return results

    return run


class Ran(NamedTuple):
    """An app ``cockpit.cli.main`` ran, and whether it was given an open workspace (False: the app
    opened it itself, after its first frame)."""

    app: Any
    given_a_store: bool


@pytest.fixture
def headless_run(monkeypatch: pytest.MonkeyPatch) -> list[Ran]:
    """``cockpit.cli.main`` runs the real app, headless (a test has no terminal): the app paints its
    first frame, opens the workspace, and quits once the first mode is shown (or stays ended, with its
    error, when the workspace failed to open).  Returns what ran."""
    from textual.app import App

    from cockpit.app import CockpitApp
    from cockpit.screens.board.first_paint import BoardFirstPaint
    from cockpit.screens.opening import OpeningScreen

    OPENING = (BoardFirstPaint, OpeningScreen)
    ran: list[Ran] = []

    async def quit_once_open(pilot) -> None:  # noqa: ANN001 - a Pilot
        import time

        app = pilot.app
        deadline = time.monotonic() + 30  # the workspace opens right after the first frame (a thread, maybe)
        while not (app.started and app.screen_stack and not isinstance(app.screen, OPENING)) \
                and app.open_error is None and time.monotonic() < deadline:
            await pilot.pause()
        if app.open_error is None:
            app.exit()

    def run(self: CockpitApp, **_options: object) -> None:
        ran.append(Ran(self, self.store is not None))
        App.run(self, headless=True, size=(120, 40), auto_pilot=quit_once_open)

    monkeypatch.setattr(CockpitApp, "run", run)
    return ran
