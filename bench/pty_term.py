"""One program on a pseudo-terminal, for bench/terminal.py: started with a window size set by ioctl,
its output read with a select loop on the master side, timed, counted, and fed to a VT emulator
(pyte) to see what is on screen; keys written as the bytes a terminal sends."""

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLS, ROWS = 160, 48
QUIET = 0.030  # s of silence that ends a screen update
TOAST_S = 5.0  # Textual's notification timeout: a toast's removal repaints the screen then


class Exited(Exception):
    """The process closed the terminal."""


@dataclass
class Term:
    """One program on a pseudo-terminal: its output read, timed, counted and kept on a virtual screen."""

    argv: list[str]
    env: dict
    started: float = 0.0
    last_byte: float = 0.0
    total: int = 0
    pending: bytearray = field(default_factory=bytearray)
    toasts: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        import pyte

        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = self.env | {"TERM": "xterm-256color", "COLUMNS": str(COLS), "LINES": str(ROWS)}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                     start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.fd = master

    # --- reading -------------------------------------------------------------------------------

    def _read(self, timeout: float) -> int:
        """Read what arrives within ``timeout`` s (kept raw: the emulator is fed between updates)."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return 0
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the slave side is closed
            data = b""
        if not data:
            raise Exited
        self.last_byte = time.perf_counter()
        self.total += len(data)
        self.pending += data
        return len(data)

    def settle(self, quiet: float = QUIET) -> float:
        """Read until the output has been quiet for ``quiet`` s; the time of the last byte."""
        while True:
            left = quiet - (time.perf_counter() - self.last_byte)
            if left <= 0 or not self._read(left):
                if time.perf_counter() - self.last_byte >= quiet:
                    self.feed()
                    return self.last_byte

    def first_byte(self, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self._read(deadline - time.perf_counter()):
                return True
        return False

    def feed(self) -> None:
        if self.pending:
            self.stream.feed(bytes(self.pending))
            self.pending.clear()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def until(self, done, timeout: float = 120.0) -> float:  # noqa: ANN001
        """Read update by update until ``done(self)`` holds once the output settles; ms since spawn
        to the last byte of that update."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.first_byte(deadline - time.perf_counter()):
                self.settle()
                if done(self):
                    return (self.last_byte - self.started) * 1000
        raise TimeoutError(f"{self.argv[-1]}: the screen never showed what was awaited:\n{self.text()}")

    # --- keys ----------------------------------------------------------------------------------

    def cpu_ticks(self) -> int:
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def idle(self, window: float = 0.1, timeout: float = 5.0, seen=None) -> None:  # noqa: ANN001
        """Wait until the output is quiet and the process's CPU time stands still for ``window`` s;
        ``seen()`` is called after each update that comes meanwhile (settled, on the screen)."""
        deadline = time.perf_counter() + timeout
        self.settle()
        while time.perf_counter() < deadline:
            ticks = self.cpu_ticks()
            if self._read(window):
                self.settle()
                if seen is not None:
                    seen()
                continue
            if self.cpu_ticks() - ticks <= 1:
                return

    def _clear_of_toasts(self) -> None:
        """Do not time a key across the removal of an earlier key's toast: wait it out."""
        now = time.perf_counter()
        due = [at + TOAST_S for at in self.toasts if now - 0.3 < at + TOAST_S < now + 0.6]
        if due:
            time.sleep(max(due) + 0.3 - now)
            self.idle()
        self.toasts = [at for at in self.toasts if at + TOAST_S > time.perf_counter()]

    def key(self, data: bytes, toast: bool = False, done=None) -> tuple[float, int, int]:  # noqa: ANN001
        """Write a key; (ms to the last byte of the update it caused, bytes written, bytes written
        later, after the 30 ms of quiet and before the process fell idle).  With ``done``,
        the update ends only once the screen shows it (a dialog painted after a pause of its own)."""
        self.idle()
        self._clear_of_toasts()
        before = self.total
        sent = time.perf_counter()
        os.write(self.fd, data)
        if toast:
            self.toasts.append(sent)
        deadline = sent + 5.0
        while self.first_byte(deadline - time.perf_counter()):
            self.settle()
            if done is None or done(self):
                ms, written = (self.last_byte - sent) * 1000, self.total - before
                self.idle()  # what still comes after the quiet gap belongs to this key: counted apart
                return ms, written, self.total - before - written
        return float("nan"), self.total - before, 0

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """Quit as a user does (ctrl+q); kill the process if it does not exit."""
        try:
            os.write(self.fd, b"\x11")
            deadline = time.perf_counter() + 10
            while self.proc.poll() is None and time.perf_counter() < deadline:
                try:
                    self._read(0.05)
                except Exited:
                    break
            self.proc.wait(timeout=max(deadline - time.perf_counter(), 0.1))
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        finally:
            os.close(self.fd)
