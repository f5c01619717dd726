"""Goals screen benchmark: does the Goals screen open as fast as the board, and a check-in key cost no
more than a card move, drawn at 120x40?

    python bench/goals_screen.py [--runs 9] [--keep DIR]

The workspace of bench/goals.py (5,000 cards; 50 objectives x 5 KRs x 365 days of check-ins; reused
from ``--keep DIR`` if built there).  In ONE process, through Pilot at 120x40, started as ``cockpit``
starts it (``settle_gc``), alternately:

- open board / open goals: the screen made, mounted, loaded and painted (push + ``wait_for_refresh``);
- move: on the board, ``H`` (the card to the previous stage) until the board is repainted;
- check-in: on the Goals screen, ``c``, a value, ``enter``, until the KR's row shows the new value and
  the screen is repainted (the sum of its keys' own times); and each key of it: "bar" (``c`` until the check-in bar is painted,
  focused), "key" (each key of the value typed until repainted: the line read, what it reads as
  said; the median of the four), "save" (``enter`` until the row is repainted: the write, the row
  recomputed, the table redrawn, the bar closed).

Each is timed to the last update the app hands its terminal for it (what a PM sees: the key's own
cost), not to the moment Pilot returns: Pilot's ``press`` waits for the process to fall idle, about
60 ms a key whatever the key does, which made every key measure about one card move (the earlier
figures, kept in the JSON as ``*_wall``).  Every write is undone (untimed) so runs are repeatable.
It prints medians, the ratios, and as its last line one JSON object (ms).
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from calibration import calibration_ms  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)


async def _until(pilot, condition, what: str) -> None:  # noqa: ANN001 - Pilot
    for _ in range(2000):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


async def _measure(db: str, runs: int) -> dict:
    from cockpit.app import CockpitApp
    from cockpit.screens.board.screen import BoardScreen
    from cockpit.screens.goals.checkin_bar import CheckinBar
    from cockpit.screens.goals.screen import GoalsScreen
    from cockpit.settings import Settings
    from cockpit.widgets.okr_table import OkrTable
    from cockpit.workspace import open_workspace

    store = open_workspace(db, create=False, actor="bench")
    app = CockpitApp(store, settings=Settings(), settle_gc=True, start_mode="setup", live=False)
    kinds = ("open_board", "open_goals", "move", "checkin", "bar", "key", "save")
    times: dict[str, list[float]] = {k: [] for k in kinds}  # to the last update written
    walls: dict[str, list[float]] = {k: [] for k in kinds}  # to Pilot's return (its idle wait in it)
    painted: list[float] = []  # when each update was handed to the terminal

    def painted_since(started: float) -> float:
        return max((at for at in painted if at >= started), default=float("nan")) - started

    async with app.run_test(size=SIZE) as pilot:
        display = app._display

        def timed_display(screen, renderable) -> None:  # noqa: ANN001
            display(screen, renderable)
            if renderable is not None and not app._batch_count:  # written (Textual drops held paints)
                painted.append(time.perf_counter())

        app._display = timed_display
        await pilot.pause()
        for run in range(runs + 1):  # the first round warms up (imports, caches)
            keep = bool(run)
            # --- the board: open it, move a card back one stage ----------------------------------
            started = time.perf_counter()
            await app.push_screen(BoardScreen(app.workspace))
            await app.screen.wait_for_refresh()
            if keep:
                walls["open_board"].append(time.perf_counter() - started)
                times["open_board"].append(painted_since(started))
            screen = app.screen
            view = screen.query_one("BoardView")
            card = [c.id for c in view.layout_data.in_column(1)][run]
            view.select(card)
            await pilot.pause()
            stage = view.cursor_card.stage_id
            started = time.perf_counter()
            await pilot.press("H")
            await screen.wait_for_refresh()
            if keep:
                walls["move"].append(time.perf_counter() - started)
                times["move"].append(painted_since(started))
            assert store.items.get(card).stage_id != stage, "the card did not move"
            store.undo()
            await app.pop_screen()
            await pilot.pause()
            # --- the Goals screen: open it, check a value in by key ------------------------------
            started = time.perf_counter()
            await app.push_screen(GoalsScreen(app.workspace))
            await app.screen.wait_for_refresh()
            if keep:
                walls["open_goals"].append(time.perf_counter() - started)
                times["open_goals"].append(painted_since(started))
            screen = app.screen
            table = screen.query_one(OkrTable)
            table.move_cursor(row=1 + (run % 5), animate=False)  # a KR of the first objective
            await pilot.pause()
            line = table.current
            assert line is not None and line.kr_id is not None
            value = f"{70 + run}.5"
            bar = screen.query_one(CheckinBar)
            started = time.perf_counter()
            await pilot.press("c")
            await _until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
            await screen.wait_for_refresh()
            opened, bar_shown = time.perf_counter(), painted_since(started)
            keys, key_walls = [], []
            for char in value:  # each key typed: the line read again and what it reads as said
                pressed = time.perf_counter()
                await pilot.press(char)
                await screen.wait_for_refresh()
                key_walls.append(time.perf_counter() - pressed)
                keys.append(painted_since(pressed))
            typed = time.perf_counter()
            await pilot.press("enter")
            await _until(pilot, lambda: not bar.is_open and table.current != line, "the row's new figures")
            await screen.wait_for_refresh()
            done = time.perf_counter()
            if keep:
                walls["checkin"].append(done - started)
                walls["bar"].append(opened - started)
                walls["key"].append(statistics.median(key_walls))
                walls["save"].append(done - typed)
                times["bar"].append(bar_shown)
                times["key"].append(statistics.median(keys))
                times["save"].append(painted_since(typed))
                times["checkin"].append(bar_shown + sum(keys) + times["save"][-1])  # its keys, not Pilot's waits
            checkin = store.goals.checkins(line.kr_id)[-1]
            assert checkin.value == float(value), "the value was not saved"
            store.undo()
            await app.pop_screen()
            await pilot.pause()
    return {key: round(statistics.median(values) * 1000, 1) for key, values in times.items()} | {
        f"{key}_max": round(max(values) * 1000, 1) for key, values in times.items()} | {
        f"{key}_wall": round(statistics.median(values) * 1000, 1) for key, values in walls.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (median; one more warms up)")
    parser.add_argument("--keep", type=Path, help="build the workspace in this folder (reused if there)")
    args = parser.parse_args()
    os.environ.setdefault("COCKPIT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    sys.path.insert(0, str(ROOT))
    import goals  # bench/goals.py: the same workspace

    before = calibration_ms()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-goals-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "goals.db"
    if not db.exists():
        started = time.perf_counter()
        goals.build(db, date.today())
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    result = asyncio.run(_measure(str(db), args.runs))
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"a 1e6-step Python loop took {before:.0f} / {calibration_ms():.0f} ms (before / after; ~40 ms idle)")
    print(f"ms at {SIZE[0]}x{SIZE[1]} to the last update written, median (max) of {args.runs}; "
          "to Pilot's return (its idle wait in it):")
    for key, label in (("open_board", "open the board"), ("open_goals", "open Goals"), ("move", "card move (H)"),
                       ("checkin", "check-in (c, value, enter)"), ("bar", "  c: the bar shown"),
                       ("key", "  a key typed (median)"), ("save", "  enter: row redrawn")):
        print(f"  {label:<28} {result[key]:8.1f} ({result[key + '_max']:.1f})  {result[key + '_wall']:8.1f}")
    result["open_ratio"] = round(result["open_goals"] / result["open_board"], 2)
    result["checkin_ratio"] = round(result["checkin"] / result["move"], 2)
    for key in ("bar", "key", "save"):
        result[f"{key}_ratio"] = round(result[key] / result["move"], 2)
    print(f"open goals / open board = {result['open_ratio']:.2f} (goal <= 1); each key of a check-in / move: "
          f"c {result['bar_ratio']:.2f}, a typed key {result['key_ratio']:.2f}, enter {result['save_ratio']:.2f} "
          f"(goal <= 1); the whole check-in (c, {len('70.5')} keys, enter) / move = {result['checkin_ratio']:.2f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
