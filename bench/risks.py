"""Risk register timings: reading N risks, refreshing the Risks screen (table, heat map, detail), a
nudge (one risk changed: the table patches its row), and a typed filter (the table is rebuilt).

Run: python bench/risks.py [N]   (in-memory SQLite; prints seconds per operation)
"""

import asyncio
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cockpit.app import CockpitApp  # noqa: E402
from cockpit.settings import Settings  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models_risks import RiskCreate  # noqa: E402
from db.store import Store  # noqa: E402

TODAY = date(2026, 11, 22)


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


async def screen(store: Store) -> tuple[float, float, float]:
    app = CockpitApp(store, settings=Settings(), today=TODAY, start_mode="risks", settle_gc=True)  # as the command line runs it
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        risk = store.risks.all()[len(store.risks.all()) // 2]
        start = time.perf_counter()
        app.screen.refresh_data()
        await app.screen.wait_for_refresh()
        refresh = time.perf_counter() - start
        app.screen.query_one("RiskTable").move_to(risk.id)
        start = time.perf_counter()
        await app.run_action("screen.nudge('impact', 1)" if risk.impact < 5 else "screen.nudge('impact', -1)")
        await app.screen.wait_for_refresh()
        nudge = time.perf_counter() - start
        start = time.perf_counter()
        await app.run_action("screen.filter")
        app.screen.query_one("#risks-filter").value = "Risk 1"  # another set of risks: the table is rebuilt
        await pilot.pause()
        await app.screen.wait_for_refresh()
        rebuild = time.perf_counter() - start
        assert 0 < app.screen.query_one("RiskTable").row_count < len(store.risks.all()), "the filter did not apply"
    return refresh, nudge, rebuild


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    store = build(count)
    start = time.perf_counter()
    for _ in range(5):
        store.risks.all()
    read = (time.perf_counter() - start) / 5
    refresh, nudge, rebuild = asyncio.run(screen(store))
    print(f"{count} risks: store.risks.all() {read:.3f}s; screen refresh {refresh:.3f}s; nudge + redraw {nudge:.3f}s; "
          f"filter typed (table rebuilt) {rebuild:.3f}s")


if __name__ == "__main__":
    main()
