"""How long a change made in one process takes to appear in another cockpit window.

    python -m bench.live_latency [ROUNDS]   (not as a script: bench/calendar.py would shadow the stdlib)

Starts a cockpit window (tests/remote/live_child.py: the real app, headless) on a file, then this
process adds a card ROUNDS times (default 20) through its own store and reads, from the window's
report, when its screen showed the card.  Latency = shown - committed (same machine clock).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from cockpit.workspace import open_workspace

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    home = Path(tempfile.mkdtemp(prefix="cockpit-latency-"))
    db, out = home / "shared.db", home / "window.jsonl"
    store = open_workspace(db, actor="bench")
    stage = store.workspace.stages()[0].id
    env = os.environ | {"COCKPIT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    window = subprocess.Popen([sys.executable, "-m", "tests.remote.live_child", str(db), str(out), "window"],
                              cwd=ROOT, env=env, stdin=subprocess.PIPE, text=True)

    def shown(title: str, limit: float = 30.0) -> float:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if out.exists():
                for line in out.read_text().splitlines():
                    event = json.loads(line)
                    if any(row[1] == title for row in event["rows"]):
                        return event["at"]
            time.sleep(0.005)
        raise SystemExit(f"{title!r} never appeared")

    end = time.monotonic() + 60
    while not (out.exists() and out.read_text().strip()) and time.monotonic() < end:
        time.sleep(0.05)
    latencies = []
    for n in range(rounds):
        time.sleep(0.3 + random.random() * 0.3)  # idle between rounds, at no fixed phase of the poll
        title = f"probe {n}"
        store.items.create(title=title, stage_id=stage)
        committed = time.time()
        latencies.append(shown(title) - committed)
    window.stdin.write("quit\n")
    window.stdin.flush()
    window.wait(timeout=30)
    ms = sorted(1000 * value for value in latencies)
    print(f"{rounds} changes: median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms, "
          f"min {ms[0]:.0f} ms (poll every 0.25 s + reload)")


if __name__ == "__main__":
    main()
