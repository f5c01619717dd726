"""RACI timings: read + validate, export, parse, and letter keys on the screen, at scale.

Run: ``python bench/raci.py [ACTIVITIES] [ROLES] [KEYS]`` (default 200 activities x 12 roles,
9 keys).  Each key is timed from the action to the repainted screen (``run_action`` then
``wait_for_refresh``), on cells spread over the visible grid (the cursor is moved there first,
untimed); the bench prints median / worst, with the load average and the calibration loop
(bench/calibration.py).  ``BENCH_PROFILE=FILE`` writes a cProfile of the timed keys to FILE.
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calibration import calibration_ms  # noqa: E402  (bench/ is on the path when run as a script)
from cockpit.logic.raci import build, summary  # noqa: E402
from cockpit.logic.raci_io import parse_csv, to_csv, to_markdown  # noqa: E402
from cockpit.workspace import open_workspace  # noqa: E402


def best(fn, repeat: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(activities: int = 200, roles: int = 12, keys: int = 9) -> None:
    print(f"load average {os.getloadavg()[0]:.2f}; calibration loop {calibration_ms():.0f} ms (about 40 idle)")
    folder = Path(tempfile.mkdtemp())
    store = open_workspace(folder / "bench.db", new=True)
    for number in range(len(store.workspace.roles()), roles):
        store.raci.add_role(f"Role {number}", f"R{number}")
    role_ids = [role.id for role in store.workspace.roles()]
    letters = "RACI"
    store.raci.replace_table([
        {"name": f"Activity {n}", "phase": f"Phase {n // 10}",
         "letters": {role_id: letters[(n + i) % 4] for i, role_id in enumerate(role_ids) if (n + i) % 3}}
        for n in range(activities)])
    stages = store.workspace.stages()
    table = store.raci.table()
    text = to_csv(table, stages)
    print(f"{activities} activities x {len(role_ids)} roles")
    print(f"  read table + validate + summary: {best(lambda: summary(build(store.raci.table()))):7.1f} ms")
    print(f"  Markdown export:                 {best(lambda: to_markdown(table, stages)):7.1f} ms")
    print(f"  CSV export:                      {best(lambda: to_csv(table, stages)):7.1f} ms")
    print(f"  CSV parse (import check):        {best(lambda: parse_csv(text, table.roles, stages)):7.1f} ms")
    cell = (table.activities[0].id, role_ids[0])
    read = [build(table).version(*cell)]

    def set_one() -> None:
        written = store.raci.set_letter(*cell, "A", read[0])
        read[0] = written.version if written is not None else 0

    print(f"  set one letter (store write):    {best(set_one):7.1f} ms")
    asyncio.run(screen(store, keys))


async def screen(store, keys: int) -> None:  # noqa: ANN001
    from cockpit.app import CockpitApp
    from cockpit.widgets.raci_table import RaciTable

    app = CockpitApp(store, start_mode="raci", settle_gc=True)  # as the command line runs it
    activities = [a.id for a in store.raci.table().activities]
    roles = [r.id for r in store.workspace.roles()]
    profile = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        profile = cProfile.Profile()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(RaciTable)
        shown = min(len(activities), 30)  # rows on screen at 160 x 48 (with phase headings)
        times = []
        for index in range(keys):
            grid.focus_cell(activities[index * 7 % shown], roles[index * 5 % len(roles)])
            # A cursor move can change which keys apply (the first or last activity of a phase cannot
            # move up or down): Textual's Footer then composes its keys again, after the next
            # paint.  Let all that finish so it is not timed as part of the letter.
            for _ in range(3):
                await pilot.pause()
                await app.screen.wait_for_refresh()
            letter = "RACI"[index % 4]
            if profile:
                profile.enable()
            start = time.perf_counter()
            await app.screen.run_action(f"set_letter('{letter}')")
            await app.screen.wait_for_refresh()
            times.append(time.perf_counter() - start)
            if profile:
                profile.disable()
        print(f"  letter key to repainted screen:  {1000 * statistics.median(times):7.1f} ms median, "
              f"{1000 * max(times):.1f} worst of {keys}")
        if os.environ.get("BENCH_ALL"):
            print("   ", [round(1000 * t) for t in times])
    if profile:
        profile.dump_stats(os.environ["BENCH_PROFILE"])


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:4]))
