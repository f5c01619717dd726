"""Risk register timings at N risks: reading them, refreshing the Risks screen (table, heat map,
detail), a nudge (one risk changed and re-sorted, the cursor following it), and each key of a typed
filter, each from the action to the repainted screen (``wait_for_refresh``: after the first paint
and whatever it scheduled, such as the footer greying a key).

Run: python bench/risks.py [N] [ROUNDS]   (in-memory SQLite; prints milliseconds, median and worst
of several tries, with the load average and the calibration loop of bench/calibration.py)
"""

import asyncio
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calibration import calibration_ms  # noqa: E402  (bench/ is on the path when run as a script)
from cockpit.app import CockpitApp  # noqa: E402
from cockpit.settings import Settings  # noqa: E402
from cockpit.db.engine import make_engine  # noqa: E402
from cockpit.db.migrate import upgrade  # noqa: E402
from cockpit.db.models_risks import RiskCreate  # noqa: E402
from cockpit.db.store import Store  # noqa: E402

TODAY = date(2026, 11, 22)
TYPED = "Risk 12"  # typed one key at a time: about a tenth of the risks stay after "Risk 1"


def build(count: int) -> Store:
    engine = make_engine("sqlite://")
    upgrade(engine)
    store = Store(engine, actor="bench")
    store.workspace.setup_defaults("Bench")
    rng = random.Random(5)
    rows = [RiskCreate(title=f"Risk {n}", probability=rng.randint(1, 5), impact=rng.randint(1, 5),
                       status=rng.choice(["open", "monitoring", "occurred", "closed"]),
                       next_review=TODAY + timedelta(days=rng.randint(-10, 20))) for n in range(count)]
    store.risks.import_many(rows)
    return store


async def timed(work) -> float:  # noqa: ANN001
    """Seconds from starting ``work`` (a coroutine) to the screen having repainted after it."""
    start = time.perf_counter()
    await work
    return time.perf_counter() - start


async def screen(store: Store, rounds: int) -> dict[str, list[float]]:
    app = CockpitApp(store, settings=Settings(), today=TODAY, start_mode="risks", settle_gc=True)  # as the command line runs it
    times: dict[str, list[float]] = {"refresh": []}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen

        async def refresh() -> None:
            screen.refresh_data()
            await screen.wait_for_refresh()

        for _ in range(rounds):
            times["refresh"].append(await timed(refresh()))
        risks = store.risks.all()
        # A nudge from 2 or 3 changes no key's availability; one to 5 greys I+ out, and Textual's
        # Footer then composes its keys again (tens of ms, timed apart: it follows the first paint).
        for name, start in (("nudge", (2, 3)), ("nudge to 5 (I+ greys out)", (4,))):
            times[name] = []
            chosen = [risk for risk in risks if risk.impact in start and risk.probability < 5]
            for index in range(rounds):  # risks spread over the register, each nudged once
                risk = store.risks.get(chosen[(index + 1) * len(chosen) // (rounds + 2)].id)
                screen.query_one("RiskTable").move_to(risk.id)
                await pilot.pause()

                async def nudge() -> None:
                    await app.run_action("screen.nudge('impact', 1)")
                    await screen.wait_for_refresh()

                times[name].append(await timed(nudge()))
        await app.run_action("screen.filter")
        await pilot.pause()
        box = screen.query_one("#risks-filter")
        times["filter key"] = []
        for length in range(1, len(TYPED) + 1):
            text = TYPED[:length]

            async def key() -> None:
                box.value = text  # as a key typed into the box: Input.Changed, the screen filters
                while screen.filter.text != text:
                    await asyncio.sleep(0)
                await screen.wait_for_refresh()

            times["filter key"].append(await timed(key()))
        shown = screen.query_one("RiskTable").row_count
        assert 0 < shown < len(risks), "the filter did not apply"
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    print(f"load average {os.getloadavg()[0]:.2f}; calibration loop {calibration_ms():.0f} ms (about 40 idle)")
    store = build(count)
    reads = []
    for _ in range(5):
        start = time.perf_counter()
        store.risks.all()
        reads.append(time.perf_counter() - start)
    times = {"store.risks.all()": reads, **asyncio.run(screen(store, rounds))}
    print(f"{count} risks, ms (median / worst of {rounds}; filter: each key of {TYPED!r}):")
    if os.environ.get("BENCH_ALL"):
        print({name: [round(1000 * v) for v in values] for name, values in times.items()})
    print("; ".join(f"{name} {1000 * statistics.median(values):.0f} / {1000 * max(values):.0f}"
                    for name, values in times.items()))


if __name__ == "__main__":
    main()
