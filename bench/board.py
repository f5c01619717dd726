"""Board benchmark: does a 5,000-card workspace open and respond as fast as a 100-card one?

    python bench/board.py [--runs 5] [--keep DIR] [--sizes 100,5000]

Builds workspaces of 100 and 5,000 cards (or the ``--sizes`` given) (through the store, in one transaction each), then measures,
headless at 160x48:

- frame: process start (just before the child process is spawned) to the first frame painted (the
  app's opening screen: the database layer is imported and the workspace opened after it);
- ready: process start to the board drawn with its data;
- cursor: one cursor move (``run_action`` + the next repaint), median of many;
- move: one card moved to the previous stage, saved and repainted, median of many (and the slowest:
  a garbage collection pass over the whole heap shows there);
- rss: the peak resident memory of the process that opened the board and did those moves.

It prints a table, and as its last line one JSON object with the keys ``frame_ms_100``,
``frame_ms_5000``, ``ready_ms_100``, ``ready_ms_5000``, ``cursor_ms_5000``, ``move_ms_5000``,
``rss_mb_5000`` (the table has the 100 figures); with other ``--sizes``, those keys for the largest
size and the frame and ready keys for each.
"""

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from calibration import calibration_ms  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 5000)
SIZE = (160, 48)
KINDS = ("feature", "bug", "task", "action")
PRIORITIES = ("urgent", "high", "medium", "low")


def build(path: Path, count: int) -> None:
    from cockpit.workspace import open_workspace
    from cockpit.db.models import Item

    store = open_workspace(path, actor="bench")
    people = [store.workspace.add_person(f"Person {i}", f"p{i}") for i in range(12)]
    start = date.today() - timedelta(days=20)
    iterations = [store.workspace.add_iteration(f"it{i}", start + timedelta(days=14 * i), start + timedelta(days=14 * i + 27))
                  for i in range(3)]
    stages = store.workspace.stages()
    project = store.workspace.project()
    with store.write(f"bench: {count} cards") as tx:
        for i in range(count):
            stage = stages[i % len(stages)]
            tx.insert(Item(project_id=project.id, stage_id=stage.id, position=i // len(stages),
                           title=f"Card {i}: {'数据埋点 ' if i % 7 == 0 else ''}make the thing number {i} work",
                           kind=KINDS[i % 4], priority=PRIORITIES[i % 4], owner_id=people[i % 12].id,
                           estimate=(i % 6) * 0.5, iteration_id=iterations[i % 3].id,
                           blocked=i % 50 == 0, blocked_reason="waiting" if i % 50 == 0 else ""))


# --- children ------------------------------------------------------------------------------------


def child_ready(db: str) -> None:
    """Open the app on ``db`` as the command line does (first frame, then the workspace); print FRAME
    when the first frame is painted and READY once the board has drawn its cards."""
    from cockpit.app import CockpitApp
    from cockpit.settings import Settings

    def open_store():  # noqa: ANN202 - called right after the first frame
        print("FRAME", flush=True)
        from cockpit.workspace import open_workspace

        return open_workspace(db, create=False, actor="bench")

    app = CockpitApp(None, open_store=open_store, settings=Settings(), settle_gc=True)

    def check() -> None:
        view = next(iter(app.screen.query("BoardView")), None)
        if view is not None and view.painted and view.layout_data.height:
            print(f"READY {time.process_time() * 1000:.1f}", flush=True)
            app.exit()

    app.call_later(lambda: app.set_interval(0.002, check))
    app.run(headless=True, size=SIZE)


async def _interact(db: str, rounds: int) -> dict:
    from cockpit.app import CockpitApp
    from cockpit.settings import Settings
    from cockpit.workspace import open_workspace

    store = open_workspace(db, create=False, actor="bench")
    app = CockpitApp(store, settings=Settings(), settle_gc=True)  # as the command line runs it
    cursor_ms: list[float] = []
    move_ms: list[float] = []
    cursor_cpu: list[float] = []
    move_cpu: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.query_one("BoardView")
        view.select(None, 1)
        for step in [1] * rounds + [-1] * rounds:
            await pilot.pause()  # let the previous repaint's follow-up work finish (footer, detail bar)
            started, cpu = time.perf_counter(), time.process_time()
            await app.run_action(f"cursor(0,{step})", view)
            await screen.wait_for_refresh()
            cursor_ms.append((time.perf_counter() - started) * 1000)
            cursor_cpu.append((time.process_time() - cpu) * 1000)
        stage_1 = screen.model.stages[1].id
        cards = [card.id for card in view.layout_data.in_column(1)][:rounds]
        for card_id in cards:
            view.select(card_id)
            await pilot.pause()
            assert view.cursor_card.stage_id == stage_1
            started, cpu = time.perf_counter(), time.process_time()
            await app.run_action("move(-1)", screen)
            await screen.wait_for_refresh()
            move_ms.append((time.perf_counter() - started) * 1000)
            move_cpu.append((time.process_time() - cpu) * 1000)
            assert store.items.get(card_id).stage_id != stage_1, "the card did not move"
            store.undo()  # untimed: leave the workspace as it was, so runs are repeatable
            screen.refresh_data()
            await pilot.pause()
    return {"cursor_ms": statistics.median(cursor_ms), "move_ms": statistics.median(move_ms),
            "cursor_cpu": statistics.median(cursor_cpu), "move_cpu": statistics.median(move_cpu),
            "move_max": max(move_ms), "cursor_max": max(cursor_ms),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child_interact(db: str, rounds: int) -> None:
    print(json.dumps(asyncio.run(_interact(db, rounds))), flush=True)


# --- parent --------------------------------------------------------------------------------------


def _env() -> dict:
    return os.environ | {"PYTHONPATH": str(ROOT), "COCKPIT_HOME": tempfile.mkdtemp(prefix="bench-home-")}


def measure_ready(db: Path) -> tuple[float, float, float]:
    """(wall ms from spawning the process to the first frame, and to the board drawn; CPU ms the
    process used until the board was drawn)."""
    started = time.perf_counter()
    frame = float("nan")
    child = subprocess.Popen([sys.executable, __file__, "--child-ready", str(db)], cwd=ROOT, env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("FRAME"):
            frame = (time.perf_counter() - started) * 1000
        elif line.startswith("READY"):
            elapsed = (time.perf_counter() - started) * 1000
            cpu = float(line.split()[1])
            break
    else:
        raise SystemExit(f"the board never became ready on {db}")
    child.wait(timeout=60)
    return frame, elapsed, cpu


def measure_interaction(db: Path, rounds: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child-interact", str(db), "--rounds", str(rounds)],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="process starts per size (median)")
    parser.add_argument("--rounds", type=int, default=30, help="cursor moves and card moves (median)")
    parser.add_argument("--keep", type=Path, help="build the workspaces in this folder (reused if there)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="workspace sizes in cards, comma-separated")
    parser.add_argument("--child-ready", help=argparse.SUPPRESS)
    parser.add_argument("--child-interact", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ready:
        return child_ready(args.child_ready)
    if args.child_interact:
        return child_interact(args.child_interact, args.rounds)

    before = calibration_ms()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-board-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, float] = {}
    rows = []
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    for count in sizes:
        db = folder / f"board-{count}.db"
        if not db.exists():
            built = time.perf_counter()
            build(db, count)
            print(f"built {count} cards in {time.perf_counter() - built:.1f} s", file=sys.stderr)
        measure_ready(db)  # warm the file cache and .pyc files
        starts = [measure_ready(db) for _ in range(args.runs)]
        frame = statistics.median(first for first, _wall, _cpu in starts)
        ready = statistics.median(wall for _first, wall, _cpu in starts)
        ready_cpu = statistics.median(cpu for _first, _wall, cpu in starts)
        work = measure_interaction(db, args.rounds)
        results |= {f"frame_ms_{count}": round(frame, 1), f"ready_ms_{count}": round(ready, 1), f"cursor_ms_{count}": round(work["cursor_ms"], 2),
                    f"move_ms_{count}": round(work["move_ms"], 2), f"rss_mb_{count}": round(work["rss_mb"], 1)}
        rows.append((count, frame, ready, ready_cpu, work["cursor_ms"], work["cursor_cpu"], work["cursor_max"],
                     work["move_ms"], work["move_cpu"], work["move_max"], work["rss_mb"]))
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"a 1e6-step Python loop took {before:.0f} / {calibration_ms():.0f} ms (before / after; ~40 ms idle)")
    print(f"{'cards':>6} {'frame ms':>9} {'ready ms':>9} {'(cpu)':>7} {'cursor ms':>10} {'(cpu)':>7} {'(max)':>7} {'move ms':>8} "
          f"{'(cpu)':>7} {'(max)':>7} {'peak RSS MB':>12}")
    for count, frame, ready, ready_cpu, cursor, cursor_cpu, cursor_max, move, move_cpu, move_max, rss in rows:
        print(f"{count:>6} {frame:>9.0f} {ready:>9.0f} {ready_cpu:>7.0f} {cursor:>10.2f} {cursor_cpu:>7.2f} {cursor_max:>7.1f} "
              f"{move:>8.2f} {move_cpu:>7.2f} {move_max:>7.1f} {rss:>12.1f}")
    small, large = min(sizes), max(sizes)
    ratio = results[f"ready_ms_{large}"] / results[f"ready_ms_{small}"]
    print(f"ready {large}/{small} = {ratio:.2f} (goal <= 1.5); cursor and move goals < 50 ms; RSS goal < 200 MB")
    keys = [f"frame_ms_{count}" for count in sizes] + [f"ready_ms_{count}" for count in sizes]
    print(json.dumps({key: results[key] for key in keys + [f"cursor_ms_{large}", f"move_ms_{large}", f"rss_mb_{large}"]}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
