"""Idle CPU of a cockpit window with live updates on, and the cost of one live-update check.

    python bench/idle_cpu.py [SECONDS] [--no-live]

Starts a real ``cockpit --db <demo>`` in a pseudo-terminal (120x40), lets it settle, then reads the
process's utime+stime from /proc/<pid>/stat over SECONDS (default 30) with no key pressed.  Then times
``ChangeWatcher.changed()`` (what the app calls 4 times a second) on the same file.
"""

import os
import pty
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import fcntl
import termios

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    live = "--no-live" not in sys.argv
    seconds = float(args[0]) if args else 30.0
    home = Path(tempfile.mkdtemp(prefix="cockpit-bench-"))
    db = home / "demo.db"
    env = os.environ | {"COCKPIT_HOME": str(home), "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    subprocess.run([sys.executable, "-m", "cockpit", "init", "--db", str(db), "--demo"], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    command = [sys.executable, "-m", "cockpit", "--db", str(db)] if live else [
        sys.executable, "-c", "import sys; from cockpit.app import CockpitApp; from cockpit.workspace import "
        "open_workspace; CockpitApp(open_workspace(sys.argv[1]), live=False).run()", str(db)]
    app = subprocess.Popen(command, env=env, cwd=ROOT,
                           stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True)
    os.close(slave)
    threading.Thread(target=lambda: _drain(master), daemon=True).start()
    _settle(app.pid)  # start-up and first paint are not idle time
    start_cpu, start = cpu_seconds(app.pid), time.monotonic()
    time.sleep(seconds)
    used, wall = cpu_seconds(app.pid) - start_cpu, time.monotonic() - start
    app.terminate()
    app.wait(timeout=20)
    print(f"idle cockpit (live updates {'on' if live else 'off'}): {used:.2f} s CPU in {wall:.1f} s = {100 * used / wall:.2f}% of one CPU")

    if not live:
        return
    from cockpit.db.engine import make_engine
    from cockpit.db.store import Store
    from cockpit.db.watch import ChangeWatcher

    store = Store(make_engine(f"sqlite:///{db}"))
    with ChangeWatcher(store) as watcher:
        rounds = 20_000
        begin = time.perf_counter()
        for _ in range(rounds):
            watcher.changed()
        per_call = (time.perf_counter() - begin) / rounds
    print(f"one live-update check (PRAGMA data_version, nothing changed): {per_call * 1e6:.1f} µs "
          f"= {per_call * 4 * 100:.4f}% of one CPU at 4 checks a second")


def _settle(pid: int, limit: float = 120.0) -> None:
    """Wait until the process used under 2% of a CPU in each of three consecutive seconds."""
    quiet, end = 0, time.monotonic() + limit
    last = cpu_seconds(pid)
    while quiet < 3 and time.monotonic() < end:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        quiet = quiet + 1 if now - last < 0.02 else 0
        last = now


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


if __name__ == "__main__":
    main()
