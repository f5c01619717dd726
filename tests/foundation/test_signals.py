"""SIGTERM and SIGHUP end the app through its normal exit path (acceptance point 9): a real
``cockpit`` in a pseudo-terminal exits with status 0, restores the terminal, shows no traceback."""

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest

from cockpit.settings import default_db
from cockpit.workspace import open_workspace
from tests.helpers import ROOT, child_env, cockpit_app

LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """Everything the terminal received until ``wanted`` shows up (or EOF, or the deadline)."""
    data = b""
    deadline = time.monotonic() + seconds
    while wanted not in data and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side of the terminal closed
            break
        if not chunk:
            break
        data += chunk
    return data


def run_in_terminal(args: list[str], home, signum: int) -> tuple[int, bytes, bytes]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "cockpit", *args], cwd=ROOT,
                            env=child_env(home, TERM="xterm-256color"), stdin=slave, stdout=slave,
                            stderr=slave, start_new_session=True, close_fds=True)
    os.close(slave)
    try:
        # a new workspace: the guided setup is on screen, so the workspace is open and the app is up
        drawn = read_until(master, b"Welcome to Cockpit", 120)
        assert b"Welcome to Cockpit" in drawn, drawn[-2000:]
        proc.send_signal(signum)
        after = read_until(master, b"\x00never\x00", 30)  # until the terminal closes
        status = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return status, drawn, after


def test_sigterm_ends_the_app_normally_on_first_run(cockpit_home):
    """``cockpit`` with no --db: creates the default workspace, then SIGTERM ends it cleanly."""
    status, drawn, after = run_in_terminal([], cockpit_home, signal.SIGTERM)
    assert status == 0, after[-2000:]
    assert LEAVE_ALT_SCREEN in after  # the terminal was restored by the normal exit path
    assert b"Traceback" not in drawn + after
    store = open_workspace(default_db(), create=False)
    assert store.workspace.project().name == "My project" and len(store.workspace.stages()) == 6
    store.engine.dispose()


def test_sighup_ends_the_app_normally(cockpit_home, tmp_path):
    target = tmp_path / "team.db"
    status, drawn, after = run_in_terminal(["--db", str(target)], cockpit_home, signal.SIGHUP)
    assert status == 0, after[-2000:]
    assert LEAVE_ALT_SCREEN in after
    assert b"Traceback" not in drawn + after
    # the header shows the workspace it opened: read without the styling (under the welcome, dimmed,
    # each cell is styled on its own), and in what came after the welcome too (the header's title is
    # set by a watcher, which may run after the welcome's first frame)
    assert b"My project" in re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", drawn + after)
    assert target.exists()


@pytest.mark.parametrize("ending", ["signal", "quit"])
async def test_every_exit_path_runs_the_shutdown_hooks_once(store, settings, ending):
    app = cockpit_app(store, settings=settings)
    ran = []
    app.shutdown.hooks.append(lambda: ran.append("minutes written"))
    app.shutdown.hooks.insert(0, lambda: 1 / 0)  # one failing hook does not stop the others
    async with app.run_test() as pilot:
        if ending == "signal":
            app.action_quit()  # what the loop's SIGTERM / SIGHUP handler calls (on_mount: on_signals)
        else:
            await pilot.press("ctrl+q")
        await pilot.pause()
    app.shutdown.run()  # cockpit.cli calls it again in its finally: it must not run twice
    assert ran == ["minutes written"]
    assert app.return_code in (0, None)
