"""History benchmark: does the History screen open as fast as the board on a big, old workspace?

    python bench/history.py [--runs 15] [--keep DIR] [--cards 5000] [--changes 50000]

Builds a workspace of 5,000 cards with a year of history: about 50,000 change rows (the cards'
creation, then moves with their stages, edits, blocks with reasons and gate overrides, by twelve
people, one a transaction, dated over 365 days) and a stand-up every working day, written straight
into the tables in one transaction (the store's write path would take an hour of fsyncs).  Then, in
one process started as ``cockpit`` starts it (``settle_gc``), headless at 160x48, alternately:

- board: the board screen made, mounted, loaded and painted (push + ``wait_for_refresh``);
- history: the same for the History screen (its first page of the change log);
- and, on the open History screen, each filter of ``FILTERS`` applied and repainted.

It prints medians and, as its last line, one JSON object.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from calibration import calibration_ms  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
FILTERS = ("@p3", "card:#1234", "kind:move", "kind:override", "since:monday", "@p5 kind:block since:2w", "login")


def build(path: Path, cards: int, changes: int) -> None:
    from sqlalchemy import insert

    from cockpit.db.models import Change, Item
    from cockpit.db.models_meetings import Meeting
    from cockpit.workspace import open_workspace

    rng = random.Random(18)
    store = open_workspace(path, actor="bench")
    people = [store.workspace.add_person(f"Person {i}", f"p{i}") for i in range(12)]
    stages = store.workspace.stages()
    project = store.workspace.project()
    end = datetime.now(timezone.utc)
    start = end - timedelta(days=365)
    with store.write(f"bench: {cards} cards and a year of history") as tx:
        items = tx.insert_many([Item(project_id=project.id, stage_id=stages[i % len(stages)].id,
                                     position=i // len(stages), title=f"Card {i}: make the login thing {i} work",
                                     owner_id=people[i % 12].id, estimate=(i % 4) * 0.5, created=start,
                                     updated=start, stage_entered=start) for i in range(cards)])
        day = start
        while day < end:
            if day.weekday() < 5:
                began = day.replace(hour=9, minute=30)
                tx.session.add(Meeting(kind="stand-up", title=f"Stand-up {began:%d %b}", started=began,
                                       ended=began + timedelta(minutes=15), project_id=project.id))
            day += timedelta(days=1)
        rows = []
        extra = max(changes - cards, 0)
        for number in range(extra):
            at = start + (end - start) * (number + 1) / (extra + 1)
            item = items[rng.randrange(cards)]
            actor = f"p{rng.randrange(12)}"
            kind = rng.random()
            base = {"at": at, "actor": actor, "txn": uuid.uuid4().hex, "entity": "item", "entity_id": item.id,
                    "meeting_id": None, "project_id": project.id}
            if kind < 0.5:
                a, b = rng.sample(stages, 2)
                detail = {"from_stage": a.name, "to_stage": b.name}
                if kind < 0.05:
                    detail |= {"gate": "overridden", "override_reason": "agreed in the review", "unmet": ["PRD"]}
                rows.append(base | {"label": f"move card {item.title}", "action": "move",
                                    "before": {"stage_id": a.id, "version": 1}, "after": {"stage_id": b.id, "version": 2},
                                    "detail": detail})
            elif kind < 0.85:
                rows.append(base | {"label": f"edit card {item.title}", "action": "update",
                                    "before": {"estimate": 1.0, "version": 1}, "after": {"estimate": 1.5, "version": 2},
                                    "detail": None})
            else:
                rows.append(base | {"label": f"block card {item.title}", "action": "block",
                                    "before": {"blocked": False, "blocked_reason": "", "version": 1},
                                    "after": {"blocked": True, "blocked_reason": "waiting for the API keys", "version": 2},
                                    "detail": None})
            if len(rows) == 5000:
                tx.session.execute(insert(Change), rows)
                rows = []
        if rows:
            tx.session.execute(insert(Change), rows)


async def _measure(db: str, runs: int) -> dict:
    from cockpit.app import CockpitApp
    from cockpit.screens.board.screen import BoardScreen
    from cockpit.screens.history.screen import HistoryScreen
    from cockpit.settings import Settings
    from cockpit.workspace import open_workspace

    store = open_workspace(db, create=False, actor="bench")
    app = CockpitApp(store, settings=Settings(), settle_gc=True, start_mode="setup")
    timings: dict[str, list[float]] = {"board": [], "history": []}
    filters: dict[str, list[float]] = {text: [] for text in FILTERS}
    shown: dict[str, int] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for run in range(runs + 1):  # the first round warms up (imports, caches)
            for name, screen_type in (("board", BoardScreen), ("history", HistoryScreen)):
                started = time.perf_counter()
                await app.push_screen(screen_type(app.workspace))
                await app.screen.wait_for_refresh()
                elapsed = (time.perf_counter() - started) * 1000
                if run:
                    timings[name].append(elapsed)
                if name == "history":
                    screen = app.screen
                    shown["first page"] = len(screen.rows)
                    for text in FILTERS:
                        started = time.perf_counter()
                        screen.filter_box.value = text
                        await pilot.pause()  # the filter applies on Input.Changed
                        await screen.wait_for_refresh()
                        if run:
                            filters[text].append((time.perf_counter() - started) * 1000)
                        shown[text] = len(screen.rows)
                await app.pop_screen()
                await pilot.pause()
    return {"board_ms": statistics.median(timings["board"]), "history_ms": statistics.median(timings["history"]),
            "board_max": max(timings["board"]), "history_max": max(timings["history"]),
            "filters": {text: statistics.median(values) for text, values in filters.items()}, "shown": shown,
            "changes": store.history.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="openings of each screen (median)")
    parser.add_argument("--keep", type=Path, help="build the workspace in this folder (reused if there)")
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--changes", type=int, default=50000)
    args = parser.parse_args()
    os.environ.setdefault("COCKPIT_HOME", tempfile.mkdtemp(prefix="bench-home-"))
    before = calibration_ms()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-history-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"history-{args.cards}-{args.changes}.db"
    if not db.exists():
        built = time.perf_counter()
        build(db, args.cards, args.changes)
        print(f"built {args.cards} cards and {args.changes} changes in {time.perf_counter() - built:.1f} s",
              file=sys.stderr)
    result = asyncio.run(_measure(str(db), args.runs))
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"a 1e6-step Python loop took {before:.0f} / {calibration_ms():.0f} ms (before / after; ~40 ms idle)")
    print(f"{result['changes']} change rows; {args.runs} openings each, alternating")
    print(f"open the board:   median {result['board_ms']:.1f} ms (max {result['board_max']:.1f})")
    print(f"open History:     median {result['history_ms']:.1f} ms (max {result['history_max']:.1f}), "
          f"{result['shown']['first page']} actions on its first page")
    print(f"ratio history/board = {result['history_ms'] / result['board_ms']:.2f}")
    for text, ms in result["filters"].items():
        print(f"filter {text!r:>28}: median {ms:6.1f} ms, {result['shown'][text]} actions shown")
    print(json.dumps({"board_ms": round(result["board_ms"], 1), "history_ms": round(result["history_ms"], 1),
                      "filters_ms": {k: round(v, 1) for k, v in result["filters"].items()}}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
