"""Goals benchmark: does the OKR board of 50 objectives × 5 KRs × 365 days of check-ins load as fast
as the board of 5,000 cards, and a check-in cost no more than a card move?

    python bench/goals.py [--runs 15] [--keep DIR]

Builds one workspace (bench/board.py's 5,000 cards, then 50 objectives with 5 KRs each, every KR with
twelve monthly targets and a year of daily check-ins, 500 cards linked to KRs; all through the store's
batched insert) and measures in the same process, medians of ``--runs``:

- board load: what the Board screen does when it opens (``BoardController.load``: stages, people,
  iterations and the 5,000 cards as read models);
- okr board: what the Goals screen, the OKR export and the retro read (``services.okr.okr_board``:
  250 KRs with their figures, the check-ins of the year the monthly actuals need, the linked cards);
- move: one card moved a stage and the board caught up (``items.move`` + ``BoardController.refresh``);
- check-in: one value checked in and its row recomputed (``goals.check_in`` + ``services.okr.kr_row``),
  and with the whole OKR board read again (the worst a screen would do).

It prints a table and, as its last line, one JSON object with those figures in ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from calibration import calibration_ms  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
CARDS = 5000
OBJECTIVES = 50
KRS = 5
DAYS = 365


def build(path: Path, today: date) -> None:
    import board  # bench/board.py

    from cockpit.db.models_goals import CheckinCreate
    from cockpit.workspace import open_workspace

    board.build(path, CARDS)
    store = open_workspace(path, create=False, actor="bench")
    months = sorted({f"{today - timedelta(days=30 * m):%Y-%m}" for m in range(12)})
    items = [row.id for row in store.items.board_rows()]
    linked = 0
    for o in range(OBJECTIVES):
        objective = store.goals.add_objective(f"Objective {o}: grow the thing number {o}",
                                              period_start=today - timedelta(days=DAYS), period_end=today + timedelta(days=30))
        checkins = []
        for k in range(KRS):
            lower = k == 4
            kr = store.goals.add_kr(objective.id, f"KR {k} of objective {o}", unit="%", module=f"Module {k}",
                                    direction="lower" if lower else "higher", baseline=50.0,
                                    target=30.0 if lower else 80.0,
                                    monthly_targets={m: 50.0 + i for i, m in enumerate(months)})
            checkins += [CheckinCreate(kr_id=kr.id, day=today - timedelta(days=d), value=50.0 + (d % 17))
                         for d in range(DAYS)]
            if linked < 500:
                batch = items[linked:linked + 2]
                store.kr_links.link_items(kr.id, {row.id: row.version for row in store.items.board_rows(batch)})
                linked += len(batch)
        store.goals.check_in_many(checkins, label=f"bench: check-ins of objective {o}")
    store.engine.dispose()


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def measure(path: Path, today: date, runs: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from cockpit.services.okr import kr_row, okr_board
    from cockpit.workspace import open_workspace
    from cockpit.screens.board.controller import BoardController

    store = open_workspace(path, create=False, actor="bench")
    project = store.workspace.project().id
    board_load, okr_load, move, checkin, checkin_board = [], [], [], [], []
    krs = store.goals.key_results(project_id=project)
    blocks = okr_board(store, project, today)
    assert sum(len(b.rows) for b in blocks) == OBJECTIVES * KRS, "the OKR board is incomplete"
    assert len(store.goals.checkins(krs[0].id)) == DAYS
    for run in range(runs + 1):  # the first run warms caches and is not counted
        started = time.perf_counter()
        controller = BoardController(store)
        controller.load(today)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        okr_board(store, project, today)
        okr = time.perf_counter() - started

        card = store.items.board_rows([store.items.board_rows()[run * 7].id])[0]
        target = next(s.id for s in controller.stages if s.id != card.stage_id)
        started = time.perf_counter()
        store.items.move(card.id, card.version, target)
        controller.refresh(today)
        moved = time.perf_counter() - started

        kr = krs[run % len(krs)]
        started = time.perf_counter()
        store.goals.check_in(kr.id, today, 60.0 + run)
        kr_row(store, kr.id, today)
        checked = time.perf_counter() - started
        started = time.perf_counter()
        store.goals.check_in(kr.id, today, 61.0 + run)
        okr_board(store, project, today)
        checked_board = time.perf_counter() - started
        for _ in range(3):
            store.undo()  # untimed: leave the workspace as it was
        if run:
            board_load.append(loaded)
            okr_load.append(okr)
            move.append(moved)
            checkin.append(checked)
            checkin_board.append(checked_board)
    store.engine.dispose()
    return {"board_load_ms": _median_ms(board_load), "okr_board_ms": _median_ms(okr_load),
            "move_ms": _median_ms(move), "checkin_ms": _median_ms(checkin),
            "checkin_board_ms": _median_ms(checkin_board)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed repetitions (median)")
    parser.add_argument("--keep", type=Path, help="build the workspace in this folder (reused if there)")
    args = parser.parse_args()
    os.environ.setdefault("COCKPIT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    sys.path.insert(0, str(ROOT))
    today = date.today()
    before = calibration_ms()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-goals-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "goals.db"
    if not db.exists():
        started = time.perf_counter()
        build(db, today)
        print(f"built {CARDS} cards, {OBJECTIVES * KRS} KRs and {OBJECTIVES * KRS * DAYS:,} check-ins in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    result = measure(db, today, args.runs)
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"a 1e6-step Python loop took {before:.0f} / {calibration_ms():.0f} ms (before / after; ~40 ms idle)")
    print(f"{'board load':>11} {'okr board':>10} {'move':>8} {'check-in':>9} {'+ board':>8}   (ms, median of {args.runs})")
    print(f"{result['board_load_ms']:>11.1f} {result['okr_board_ms']:>10.1f} {result['move_ms']:>8.1f} "
          f"{result['checkin_ms']:>9.1f} {result['checkin_board_ms']:>8.1f}")
    print(f"okr board / board load = {result['okr_board_ms'] / result['board_load_ms']:.2f} (goal <= 1); "
          f"check-in / move = {result['checkin_ms'] / result['move_ms']:.2f} (goal <= 1)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
