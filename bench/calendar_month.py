"""Benchmark: the calendar month with 1,000 event occurrences in view (goal: under 50 ms).

    python bench/calendar_month.py            (from the repository root)

Times reloading and redrawing November 2026 (42 days in view, 24 daily series = 1,008 occurrences,
plus three iterations and their key dates): the store read, the recurrence expansion, building the
grid and Textual painting it (wall and CPU time), and the first two parts alone; then paging forward
month by month (`]`), each month shown for the first time.  Per the conventions it times
``await app.run_action(...)`` followed by ``await app.screen.wait_for_refresh()``, not ``pilot.press``
(which waits in 20 ms slices).
"""

import asyncio
import statistics
import sys
import time
from datetime import date, datetime, time as clock_time, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calibration import calibration_ms  # noqa: E402
from cockpit.app import CockpitApp  # noqa: E402
from cockpit.logic.recurrence import expand  # noqa: E402
from cockpit.screens.calendar.data import load, month_weeks  # noqa: E402
from cockpit.db.engine import make_engine  # noqa: E402
from cockpit.db.migrate import upgrade  # noqa: E402
from cockpit.db.store import Store  # noqa: E402
from cockpit.widgets.month_grid import MonthGrid  # noqa: E402

TODAY = date(2026, 11, 22)
SERIES = 24
RUNS = 60


def build() -> Store:
    engine = make_engine("sqlite://")
    upgrade(engine)
    store = Store(engine, actor="bench", clock=lambda: datetime(2026, 11, 22, 9, tzinfo=timezone.utc))
    store.workspace.setup_defaults("Bench")
    template = store.calendar.default_template()
    for start in (date(2026, 10, 19), date(2026, 11, 2), date(2026, 11, 16)):
        store.calendar.new_iteration(f"{start:%m%d}", start, start + timedelta(days=27), template_id=template.id)
    for n in range(SERIES):
        store.calendar.create_event(title=f"Daily sync {n:02d}", start_day=date(2026, 1, 1), all_day=False,
                                    start_time=clock_time(8 + n % 10, 0), rrule="FREQ=DAILY")
    return store


async def measure() -> dict[str, float]:
    store = build()
    occurrences = expand(store.calendar.events(date(2026, 10, 26), date(2026, 12, 6)),
                         date(2026, 10, 26), date(2026, 12, 6))
    app = CockpitApp(store, today=TODAY, start_mode="calendar", settle_gc=True)  # as the command line runs it
    timings: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for _ in range(3):  # warm up
            await app.run_action("screen.month(0)")
            await app.screen.wait_for_refresh()
        cpu: list[float] = []
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            await app.run_action("screen.month(0)")
            await app.screen.wait_for_refresh()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        forward: list[float] = []
        shown: list[int] = []
        for _ in range(RUNS):  # ] from Nov 2026 on: every month new (5 or 6 weeks of the daily series)
            started = time.perf_counter()
            await app.run_action("screen.month(1)")
            await app.screen.wait_for_refresh()
            forward.append((time.perf_counter() - started) * 1000)
            shown.append(len(app.screen.data.occurrences))
        grid = app.screen.query_one(MonthGrid)
        draws = []
        for _ in range(RUNS):
            started = time.perf_counter()
            grid.show(grid.view)
            grid.lines_text()
            draws.append((time.perf_counter() - started) * 1000)
    weeks = month_weeks(TODAY.replace(day=1))
    loads = []
    for _ in range(RUNS):
        started = time.perf_counter()
        load(store, weeks[0][0], weeks[-1][-1])
        loads.append((time.perf_counter() - started) * 1000)
    return {"occurrences": len(occurrences), "median_ms": statistics.median(timings),
            "p90_ms": sorted(timings)[int(len(timings) * 0.9) - 1], "cpu_ms": statistics.median(cpu),
            "forward_ms": statistics.median(forward), "forward_p90_ms": sorted(forward)[int(len(forward) * 0.9) - 1],
            "forward_shown": (min(shown), max(shown)),
            "load_ms": statistics.median(loads), "grid_build_ms": statistics.median(draws)}


def main() -> None:
    before = calibration_ms()
    result = asyncio.run(measure())
    after = calibration_ms()
    print(f"machine: a 1e6-step Python loop took {before:.0f} / {after:.0f} ms (before / after)")
    print(f"calendar month, {result['occurrences']} occurrences in view, 160x48: "
          f"reload + redraw median {result['median_ms']:.1f} ms, p90 {result['p90_ms']:.1f} ms, "
          f"CPU median {result['cpu_ms']:.1f} ms; goal 50 ms")
    print(f"  of which: store read + expansion + day entries {result['load_ms']:.1f} ms, "
          f"building the grid's lines {result['grid_build_ms']:.1f} ms")
    low, high = result["forward_shown"]
    print(f"paging forward with ], a new month each time ({low}-{high} occurrences): "
          f"median {result['forward_ms']:.1f} ms, p90 {result['forward_p90_ms']:.1f} ms")


if __name__ == "__main__":
    main()
