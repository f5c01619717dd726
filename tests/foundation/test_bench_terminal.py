"""The real-terminal benchmark's harness works: a Textual app run under a pseudo-terminal paints, a key's
bytes reach it, its update is timed and counted, it quits on ctrl+q, and the report carries its JSON
keys.  Speed itself is measured by the benchmark, never asserted here."""

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import terminal  # noqa: E402  (bench/terminal.py)

COUNTER_APP = '''from textual.app import App
from textual.widgets import Static


class Counter(App):
    BINDINGS = [("j", "bump", "Bump")]
    count = 0

    def compose(self):
        yield Static("count 0", id="count")

    def action_bump(self):
        self.count += 1
        self.query_one("#count", Static).update(f"count {self.count}")


Counter().run()
'''


def test_a_key_written_to_the_terminal_is_timed_to_the_screen_update_and_counted(tmp_path):
    app = tmp_path / "counter.py"
    app.write_text(COUNTER_APP)
    term = terminal.Term([sys.executable, str(app)], terminal._env(tmp_path))
    try:
        assert term.until(lambda t: "count 0" in t.text(), timeout=30) > 0
        samples = [term.key(b"j", done=lambda t, n=n: f"count {n}" in t.text()) for n in (1, 2, 3)]
        assert "count 3" in term.text()
        assert term.rss_mb() > 0
    finally:
        term.close()
    assert term.proc.returncode is not None, "ctrl+q (or the kill after it) ended the app"
    assert all(ms > 0 and written > 0 for ms, written, _late in samples)

    (tmp_path / "floor.py").write_text(terminal.FLOOR_APP)
    floor = terminal.spawn_floor(tmp_path / "floor.py", tmp_path)
    assert floor > 0
    work = {"cursor": terminal.summary(samples), "move": terminal.summary(samples), "dialog": terminal.summary(samples)}
    result = {"floor": floor, "load_start": (1.0, 1.0, 1.0), "load_end": (1.0, 1.0, 1.0),
              "sizes": {100: {"frame": floor, "ready": floor, "frame_paired": 1.1, "ready_paired": 1.3, "rss": 80.0,
                              "work": work}}}
    out = terminal.report(result, keys=3)
    assert json.loads(json.dumps(out)) == out
    for key in ("frame_ms", "ready_ms_100", "cursor_ms", "move_ms", "dialog_ms", "cursor_bytes", "move_bytes",
                "floor_ms", "rss_mb_100", "frame_ratio", "ready_ratio_100", "cursor_p95_ratio"):
        assert out[key] > 0, key
    assert (out["frame_ratio_paired"], out["ready_ratio_paired_100"]) == (1.1, 1.3)
    assert out["key_cards"] == 100
