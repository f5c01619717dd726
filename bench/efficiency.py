"""Efficiency benchmark: does the efficiency screen open as fast as the board on a big workspace?

    python bench/efficiency.py [--runs 5] [--keep DIR] [--cards 5000]

Builds a workspace of 5,000 cards with a year of history (about 50,000 changes: each card created,
edited a few times, moved through the stages with a few moves back, blocked and unblocked now and
then; written with the batched inserts of ``Tx.insert_many`` and one INSERT of many change rows),
then measures, headless at
160x48, in the same run:

- board: process start to the board drawn with its data (as bench/board.py measures it);
- efficiency: process start to the efficiency screen drawn with its figures (the app started on it);
- weekly: process start to exit of ``cockpit report weekly --db FILE --out FILE`` (the command's own
  code path: the same flow read as the screen, the template, the file written), the file written to
  the bench's folder, never beside the user's minutes;
- switch: in a running app (through Pilot), the key ``8`` from the board: ``run_action`` of the mode
  switch until the efficiency screen has drawn its chart (its first opening: the history is read
  and every figure computed), and back to the board (already open) for comparison.

The goals: efficiency <= 1.5 x board, weekly report <= board.  The last line is one JSON object with
the figures.
"""

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from calibration import calibration_ms  # bench/ is on the path when run as a script
import board as board_bench  # the board's benchmark: the same process-start measure

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
CARDS = 5000


def build(path: Path, count: int) -> int:
    """A workspace of ``count`` cards with a year of history; returns the number of changes."""
    from sqlalchemy import func, insert
    from sqlmodel import select

    from cockpit.db.models import Change, Item
    from cockpit.workspace import open_workspace

    store = open_workspace(path, actor="bench")
    people = [store.workspace.add_person(f"Person {i}", f"p{i}") for i in range(12)]
    stages = store.workspace.stages()
    project = store.workspace.project()
    now = datetime.now(timezone.utc)
    rng = random.Random(18)
    plans = []  # per card: (created, [(at, stage index)], [(at, blocked)])
    for i in range(count):
        created = now - timedelta(days=rng.uniform(0, 365))
        at, stage, moves, blocks = created, 0, [], []
        target = rng.choice([1, 2, 3, 4, 4, 5, 5, 5]) if created < now - timedelta(days=20) else rng.randint(0, 3)
        while stage < target:
            at += timedelta(days=rng.uniform(0.3, 4))
            if at >= now:
                break
            step = -1 if stage >= 2 and rng.random() < 0.08 else 1
            stage += step
            moves.append((at, stage))
            if rng.random() < 0.1:
                blocks += [(at + timedelta(hours=2), True), (at + timedelta(days=rng.uniform(0.5, 3)), False)]
        plans.append((created, moves, [b for b in blocks if b[0] < now]))
    with store.write(f"bench: {count} cards") as tx:
        items = tx.insert_many([
            Item(project_id=project.id, stage_id=stages[moves[-1][1] if moves else 0].id, position=i,
                 title=f"Card {i}: make the thing number {i} work", kind=("feature", "bug", "task")[i % 3],
                 owner_id=people[i % 12].id, created=created, updated=created,
                 stage_entered=moves[-1][0] if moves else created,
                 blocked=bool(blocks) and blocks[-1][1], blocked_reason="waiting" if blocks and blocks[-1][1] else "",
                 severity="major" if i % 3 == 1 else None, in_production=i % 30 == 1)
            for i, (created, moves, blocks) in enumerate(plans)])
        rows = []
        for item, (created, moves, blocks) in zip(items, plans):
            previous = 0
            for at, stage in moves:
                rows.append({"at": at, "actor": "bench", "txn": f"m{item.id}-{len(rows)}", "label": "move card",
                             "entity": "item", "entity_id": item.id, "action": "move", "meeting_id": None,
                             "before": {"stage_id": stages[previous].id}, "after": {"stage_id": stages[stage].id},
                             "detail": None})
                previous = stage
            for edit in range(rng.randint(2, 6)):  # edits: estimate, owner, title ... (not read by the metrics)
                at = created + timedelta(hours=1 + edit * 7)
                rows.append({"at": at, "actor": "bench", "txn": f"e{item.id}-{len(rows)}", "label": "edit card",
                             "entity": "item", "entity_id": item.id, "action": "update", "meeting_id": None,
                             "before": {"estimate": edit * 0.5}, "after": {"estimate": edit * 0.5 + 0.5}, "detail": None})
            for at, blocked in blocks:
                rows.append({"at": at, "actor": "bench", "txn": f"b{item.id}-{len(rows)}", "label": "block card",
                             "entity": "item", "entity_id": item.id, "action": "block", "meeting_id": None,
                             "before": {"blocked": not blocked}, "after": {"blocked": blocked}, "detail": None})
        for first in range(0, len(rows), 5000):
            tx.session.execute(insert(Change), rows[first:first + 5000])
    with store.read() as session:
        return session.exec(select(func.count()).select_from(Change)).one()


# --- children ------------------------------------------------------------------------------------


def child_ready(db: str) -> None:
    """Start the app on the efficiency screen; print READY once it has drawn its figures."""
    from cockpit.app import CockpitApp
    from cockpit.settings import Settings

    def open_store():  # noqa: ANN202
        print("FRAME", flush=True)
        from cockpit.workspace import open_workspace

        return open_workspace(db, create=False, actor="bench")

    app = CockpitApp(None, open_store=open_store, settings=Settings(), settle_gc=True, start_mode="efficiency")

    def check() -> None:
        chart = next(iter(app.screen.query("FlowChart")), None)
        if chart is not None and chart.spec is not None and chart.region.height:
            print(f"READY {time.process_time() * 1000:.1f}", flush=True)
            app.exit()

    app.call_later(lambda: app.set_interval(0.002, check))
    app.run(headless=True, size=SIZE)


async def _switch(db: str) -> dict:
    from cockpit.app import CockpitApp
    from cockpit.settings import Settings
    from cockpit.workspace import open_workspace

    store = open_workspace(db, create=False, actor="bench")
    app = CockpitApp(store, settings=Settings(), settle_gc=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await app.run_action("app.switch_mode('efficiency')")
        while next(iter(app.screen.query("FlowChart")), None) is None or app.screen.query_one("FlowChart").spec is None:
            await asyncio.sleep(0.001)
        await app.screen.wait_for_refresh()
        to_efficiency = (time.perf_counter() - started) * 1000
        summary = str(app.screen.query_one("#efficiency-summary").render())
        await pilot.pause()
        started = time.perf_counter()
        await app.run_action("app.switch_mode('board')")
        await app.screen.wait_for_refresh()
        to_board = (time.perf_counter() - started) * 1000
    return {"switch_ms": to_efficiency, "back_ms": to_board, "summary": summary}


def child_switch(db: str) -> None:
    print(json.dumps(asyncio.run(_switch(db))), flush=True)


# --- parent --------------------------------------------------------------------------------------


def measure_ready(db: Path) -> tuple[float, float]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child-ready", str(db)], cwd=ROOT, env=board_bench._env(),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("READY"):
            elapsed = (time.perf_counter() - started) * 1000
            cpu = float(line.split()[1])
            break
    else:
        raise SystemExit(f"the efficiency screen never became ready on {db}")
    child.wait(timeout=60)
    return elapsed, cpu


def measure_weekly(db: Path) -> float:
    """Wall ms of ``cockpit report weekly`` on ``db``, from spawning the process to its exit (the report
    written into the bench's folder with ``--out``)."""
    out = db.parent / "weekly-report.md"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cockpit", "report", "weekly", "--db", str(db), "--out", str(out)],
                          cwd=ROOT, env=board_bench._env(), capture_output=True, text=True, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode or not out.read_text(encoding="utf-8").startswith("# Weekly report"):
        raise SystemExit(f"cockpit report weekly failed on {db}: {done.stderr}")
    return elapsed


def measure_switch(db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child-switch", str(db)], cwd=ROOT, env=board_bench._env(),
                         capture_output=True, text=True, timeout=600)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="process starts per screen (median)")
    parser.add_argument("--cards", type=int, default=CARDS)
    parser.add_argument("--keep", type=Path, help="build the workspace in this folder (reused if there)")
    parser.add_argument("--child-ready", help=argparse.SUPPRESS)
    parser.add_argument("--child-switch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ready:
        return child_ready(args.child_ready)
    if args.child_switch:
        return child_switch(args.child_switch)

    import tempfile

    before = calibration_ms()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-efficiency-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"efficiency-{args.cards}.db"
    if not db.exists():
        built = time.perf_counter()
        changes = build(db, args.cards)
        print(f"built {args.cards} cards and {changes} changes in {time.perf_counter() - built:.1f} s", file=sys.stderr)
    board_bench.measure_ready(db)  # warm the file cache and .pyc files
    measure_ready(db)
    measure_weekly(db)
    boards, screens, weeklies = [], [], []
    for _ in range(args.runs):  # interleaved, so a busy moment hits all three alike
        boards.append(board_bench.measure_ready(db)[1])
        screens.append(measure_ready(db)[0])
        weeklies.append(measure_weekly(db))
    board_ms, efficiency_ms = statistics.median(boards), statistics.median(screens)
    weekly_ms = statistics.median(weeklies)
    switch = measure_switch(db)
    ratio, weekly_ratio = efficiency_ms / board_ms, weekly_ms / board_ms
    print(f"load average: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}; a 1e6-step Python loop "
          f"took {before:.0f} / {calibration_ms():.0f} ms (before / after; ~40 ms idle)")
    print(f"{args.cards} cards: board ready {board_ms:.0f} ms, efficiency ready {efficiency_ms:.0f} ms "
          f"(ratio {ratio:.2f}, goal <= 1.5); key 8 from the board {switch['switch_ms']:.0f} ms, "
          f"back to the board {switch['back_ms']:.0f} ms")
    print(f"{args.cards} cards: weekly report {weekly_ms:.0f} ms (ratio to the board {weekly_ratio:.2f}, goal <= 1)")
    print(f"the screen said: {switch['summary']}")
    print(json.dumps({"cards": args.cards, "board_ready_ms": round(board_ms, 1), "efficiency_ready_ms": round(efficiency_ms, 1),
                      "ratio": round(ratio, 2), "weekly_report_ms": round(weekly_ms, 1),
                      "weekly_ratio": round(weekly_ratio, 2), "switch_ms": round(switch["switch_ms"], 1),
                      "back_ms": round(switch["back_ms"], 1)}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
