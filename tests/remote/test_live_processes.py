"""Live updates between real processes: two cockpit windows and a third writer on one SQLite file."""

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
#: Generous: a loaded CI machine may take seconds to start Python and Textual.  This is a deadline
#: for not hanging, not a speed check (the latency is measured in bench/ and docs/performance.md).
DEADLINE = 60.0


class Window:
    """A cockpit (tests/remote/live_child.py) in its own process."""

    def __init__(self, db: Path, out: Path, actor: str) -> None:
        self.out = out
        env = os.environ | {"PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-m", "tests.remote.live_child", str(db), str(out), actor],
                                        cwd=ROOT, env=env, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def events(self) -> list[dict]:
        if not self.out.exists():
            return []
        return [json.loads(line) for line in self.out.read_text(encoding="utf-8").splitlines() if line.strip()]

    def wait_for(self, what: str, test: Callable[[dict], bool]) -> dict:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            for event in reversed(self.events()):
                if test(event):
                    return event
            if self.process.poll() is not None:
                pytest.fail(f"the window exited while waiting for {what}: {self.process.stderr.read()}")
            time.sleep(0.05)  # polling a file for the other process's answer, not a timing wait
        pytest.fail(f"no {what} within {DEADLINE}s; events: {self.events()[-3:]}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("quit")
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def titles(event: dict) -> list[str]:
    return [row[1] for row in event["rows"]]


def test_two_windows_see_each_others_changes_without_a_key_press(tmp_path):
    db = tmp_path / "shared.db"
    store = open_workspace(db, actor="carol")
    stage = store.workspace.stages()[0].id
    cards = [store.items.create(title=f"Card {n}", stage_id=stage) for n in range(1, 4)]
    store.forget_undo()

    a = Window(db, tmp_path / "a.jsonl", "ann")
    b = Window(db, tmp_path / "b.jsonl", "ben")
    try:
        a.wait_for("window A to start", lambda e: e["event"] == "ready")
        b.wait_for("window B to start", lambda e: e["event"] == "ready")
        b.send("down")
        on_second = b.wait_for("B's cursor to move", lambda e: e["event"] == "cursor")["cursor"]
        assert on_second == str(cards[1].id)

        # A person in window A adds a card; window B shows it by itself, cursor still on card 2.
        a.send("create Added in window A")
        seen = b.wait_for("B to show A's card", lambda e: "Added in window A" in titles(e))
        assert seen["event"] == "refresh" and seen["reloads"] >= 1
        assert seen["cursor"] == str(cards[1].id)
        # A's own write did not make A reload a second time.
        a.send("status")
        status = a.wait_for("A's status", lambda e: e["event"] == "status")
        assert "Added in window A" in titles(status) and status["reloads"] == 0

        # A third process (this test) edits card 2: both windows show it.
        store.items.update(cards[1].id, cards[1].version, title="Renamed by Carol")
        for window in (a, b):
            shown = window.wait_for("the rename", lambda e: "Renamed by Carol" in titles(e))
            assert shown["reloads"] >= 1
        assert b.wait_for("B's refresh", lambda e: "Renamed by Carol" in titles(e))["cursor"] == str(cards[1].id)

        # A edits card 2 from the version it had opened: refused, naming Carol's change.
        a.send(f"edit {cards[1].id} {cards[1].version} Overwritten by Ann")
        refused = a.wait_for("the refusal", lambda e: e["event"] == "refused")
        assert "carol" in refused["message"] and "edit card" in refused["message"]
        assert store.items.get(cards[1].id).title == "Renamed by Carol"
    finally:
        a.close()
        b.close()
    assert a.process.returncode == 0 and b.process.returncode == 0
