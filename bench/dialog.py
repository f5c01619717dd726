"""In-app dialog benchmark: how soon is a dialog on screen, and the board back after it?

    python bench/dialog.py DB [--opens 12] [--profile FILE] [--key L] [--size 160x48]

Opens the app on a COPY of ``DB`` (a workspace built by bench/board.py or bench/terminal.py --keep)
in Textual's headless test mode at 160x48, selects the first card of "Pending review" that is not
blocked (a blocked card asks another question first), waits 1.5 s (the app at rest) and presses
``L`` (at 100 cards and more "Pending development" is over its WIP limit: the full column's
question) then ``n``, ``--opens`` times.  A key is timed from the moment Pilot delivers it to the
first update handed to the terminal driver that shows the dialog (open) or no longer shows it
(close); the updates and their characters are counted.  ``--key e`` times the card form instead
(closed with escape).  ``--profile FILE`` writes a cProfile of the openings (pstats format).
It prints a table and, as its LAST line, one JSON object.
"""

import argparse
import asyncio
import cProfile
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TITLES = {"L": ("is full", "Gate: entering"), "e": ("Edit card",)}


async def run(db: Path, opens: int, key: str, size: tuple[int, int], profile: Path | None) -> dict:
    from cockpit.app import CockpitApp
    from cockpit.settings import Settings
    from cockpit.workspace import open_workspace

    store = open_workspace(db, create=False, actor="bench")
    app = CockpitApp(store, settings=Settings(), settle_gc=True)
    updates: list[tuple[float, str, float]] = []
    titles = TITLES[key]
    profiler = cProfile.Profile() if profile else None
    out: dict[str, list] = {"open_ms": [], "open_cpu_ms": [], "open_updates": [], "open_chars": [], "close_ms": [], "close_updates": []}
    async with app.run_test(size=size) as pilot:
        display = app._display

        def record(screen, renderable) -> None:  # noqa: ANN001
            if renderable is not None and hasattr(renderable, "render_segments") and not app._batch_count:
                at, cpu = time.perf_counter(), time.process_time()
                updates.append((at, renderable.render_segments(app.console), cpu))
            display(screen, renderable)

        app._display = record  # type: ignore[method-assign]

        async def until(predicate, what: str) -> None:  # noqa: ANN001
            deadline = time.perf_counter() + 10
            while not predicate():
                if time.perf_counter() > deadline:
                    raise TimeoutError(repr([re.sub("\x1b\\[[0-9;]*[a-zA-Z]", "", u)[:4000] for _, u, _ in updates]))
                await asyncio.sleep(0.001)

        await until(lambda: next(iter(app.screen.query("BoardView")), None) is not None
                    and app.screen.query_one("BoardView").cursor_card is not None, "the board")
        view = app.screen.query_one("BoardView")
        board = app.screen
        await asyncio.sleep(1.5)  # the app at rest, as a PM's first key finds it (what it builds ahead, built)
        for _ in range(opens):
            view.select(next(card.id for card in view.layout_data.in_column(0) if not card.blocked))
            await asyncio.sleep(0.3)  # quiet: the previous close's follow-up work done
            updates.clear()
            if profiler:
                profiler.enable()
            started, cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await until(lambda: any(t in u for _, u, _ in updates for t in titles), "the dialog painted")
            if profiler:
                profiler.disable()
            shown, shown_cpu = next((at, c) for at, u, c in updates if any(t in u for t in titles))
            await asyncio.sleep(0.3)
            out["open_ms"].append((shown - started) * 1000)
            out["open_cpu_ms"].append((shown_cpu - cpu) * 1000)
            out["open_updates"].append(len(updates))
            out["open_chars"].append(sum(len(u) for _, u, _ in updates))
            updates.clear()
            started = time.perf_counter()
            await pilot.press("n" if key == "L" else "escape")
            await until(lambda: app.screen is board and updates, "the board painted")
            out["close_ms"].append((updates[0][0] - started) * 1000)
            await asyncio.sleep(0.3)
            out["close_updates"].append(len(updates))
    if profiler:
        profiler.dump_stats(str(profile))
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--opens", type=int, default=12)
    parser.add_argument("--key", choices=sorted(TITLES), default="L")
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="bench-dialog-") as folder:
        copy = Path(folder) / "board.db"
        shutil.copy(args.db, copy)
        os.environ.setdefault("COCKPIT_HOME", folder)
        out = asyncio.run(run(copy, args.opens, args.key, size, args.profile))
    p95 = lambda xs: sorted(xs)[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]  # noqa: E731
    result = {"key": args.key, "opens": args.opens, "open_ms": round(statistics.median(out["open_ms"]), 1),
              "open_p95_ms": round(p95(out["open_ms"]), 1),
              "open_cpu_ms": round(statistics.median(out["open_cpu_ms"]), 1), "open_updates": statistics.median(out["open_updates"]),
              "open_chars": statistics.median(out["open_chars"]), "close_ms": round(statistics.median(out["close_ms"]), 1),
              "close_updates": statistics.median(out["close_updates"]), "load": [round(x, 2) for x in os.getloadavg()]}
    print("open ms:", " ".join(f"{ms:.0f}" for ms in out["open_ms"]))
    print("open cpu ms:", " ".join(f"{ms:.0f}" for ms in out["open_cpu_ms"]))
    print("close ms:", " ".join(f"{ms:.0f}" for ms in out["close_ms"]))
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
