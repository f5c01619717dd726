"""RACI timings: read + validate, export, parse, and one key press on the screen, at scale.

Run: ``python bench/raci.py [ACTIVITIES] [ROLES]`` (default 200 activities x 12 roles).
"""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def main(activities: int = 200, roles: int = 12) -> None:
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
    print(f"  set one letter (store write):    {best(lambda: store.raci.set_letter(table.activities[0].id, role_ids[0], 'A')):7.1f} ms")
    asyncio.run(screen(store))


async def screen(store) -> None:  # noqa: ANN001
    from cockpit.app import CockpitApp

    app = CockpitApp(store, start_mode="raci", settle_gc=True)  # as the command line runs it
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        times = []
        for letter in "RACIRACI":
            start = time.perf_counter()
            await app.screen.run_action(f"set_letter('{letter}')")
            await app.screen.wait_for_refresh()
            times.append(time.perf_counter() - start)
        print(f"  key press to repainted grid:     {min(times) * 1000:7.1f} ms (best of 8)")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
