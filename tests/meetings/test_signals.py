"""A real cockpit in a pseudo-terminal: SIGHUP (terminal closed) ends the meeting and writes the
minutes; after SIGKILL the next start offers to close the unfinished meeting."""

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from cockpit.services.meetings import minutes_dir
from cockpit.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class Terminal:
    """``python -m cockpit --db FILE --as ann`` on a pseudo-terminal, its output drained in a thread (Ann is
    a person of the workspace, so the cockpit does not ask who is at the keyboard)."""

    def __init__(self, db: Path, home: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COCKPIT_HOME": str(home),
               "TZ": "UTC"}
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "cockpit", "--db", str(db), "--as", "ann"], stdin=slave, stdout=slave,
                                     stderr=slave, cwd=ROOT, env=env, start_new_session=True)
        os.close(slave)
        self.master = master
        self.output = b""
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def text(self) -> str:
        return ANSI.sub("", self.output.decode("utf-8", "replace"))

    def wait_for(self, condition, what: str, timeout: float = 90) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while not condition():
            if self.proc.poll() is not None:
                raise AssertionError(f"cockpit exited ({self.proc.returncode}) waiting for {what}:\n{self.text()[-2000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.text()[-2000:]}")
            time.sleep(0.05)

    def write(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        os.close(self.master)


def running_meeting(db: Path):
    store = open_workspace(db, create=False)
    try:
        return store.meetings.unfinished()
    finally:
        store.engine.dispose()


def start_a_meeting(term: Terminal, db: Path) -> None:
    term.wait_for(lambda: "palette" in term.text(), "the cockpit to draw")
    term.write(b"m")
    term.wait_for(lambda: "Start a meeting" in term.text(), "the start-meeting dialog")
    term.write(b"\r")
    term.wait_for(lambda: bool(running_meeting(db)), "the meeting to start")


@pytest.fixture
def workspace(tmp_path):
    db = tmp_path / "team.db"
    store = open_workspace(db)
    store.workspace.add_person("Ann Lee", "ann")
    store.workspace.add_person("Ben Okafor", "ben")
    store.engine.dispose()
    return db


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_hangup_or_terminate_ends_the_meeting_and_writes_the_minutes(workspace, tmp_path, signum):
    term = Terminal(workspace, tmp_path / "home")
    try:
        start_a_meeting(term, workspace)
        os.kill(term.proc.pid, signum)
        assert term.proc.wait(timeout=60) is not None
    finally:
        term.close()
    assert running_meeting(workspace) == []
    store = open_workspace(workspace, create=False)
    folder = minutes_dir(store)
    [minutes] = folder.iterdir()
    assert minutes.name.endswith("-stand-up.md")
    text = minutes.read_text()
    assert text.startswith("# Stand-up") and "- **Attendees:** Ann Lee, Ben Okafor" in text
    assert store.meetings.last().ended is not None


@pytest.mark.slow
def test_after_sigkill_the_next_start_offers_to_close_the_meeting(workspace, tmp_path):
    term = Terminal(workspace, tmp_path / "home")
    try:
        start_a_meeting(term, workspace)
        os.kill(term.proc.pid, signal.SIGKILL)
        term.proc.wait(timeout=30)
    finally:
        term.close()
    [left] = running_meeting(workspace)
    store = open_workspace(workspace, create=False)
    assert not minutes_dir(store).exists()
    term = Terminal(workspace, tmp_path / "home")
    try:
        term.wait_for(lambda: "An unfinished meeting" in term.text(), "the offer to close the meeting")
        term.write(b"c")
        term.wait_for(lambda: minutes_dir(store).exists() and any(minutes_dir(store).iterdir()), "the minutes")
    finally:
        term.close()
    assert store.meetings.get(left.id).ended is not None
