"""Meetings figures: retro metrics and minutes over a large change log.

    python bench/meetings.py            (from the repository root)
"""

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.services.meetings import MeetingSession  # noqa: E402
from cockpit.services.reports import retro_metrics  # noqa: E402
from cockpit.workspace import open_workspace  # noqa: E402


def main(cards: int = 2000) -> None:
    now = [datetime(2026, 11, 1, 9, tzinfo=timezone.utc)]
    folder = Path(tempfile.mkdtemp())
    store = open_workspace(folder / "bench.db", clock=lambda: now[0])
    people = [store.workspace.add_person(f"Person {n}", f"p{n}").id for n in range(8)]
    iteration = store.workspace.add_iteration("big", date(2026, 11, 1), date(2026, 11, 28))
    stages = store.workspace.stages()
    rng = random.Random(7)
    session = MeetingSession(store)
    session.start("release-review", "Release review", people)
    for n in range(cards):
        now[0] += timedelta(minutes=10)
        item = store.items.create(title=f"Card {n}", stage_id=stages[0].id, iteration_id=iteration.id,
                                  estimate=rng.choice([0.5, 1, 2, 3]))
        for stage in stages[1:rng.randint(1, 5)]:
            now[0] += timedelta(minutes=5)
            item = store.items.move(item.id, item.version, stage.id)
    changes = len(store.changes())
    started = time.perf_counter()
    metrics = retro_metrics(store, iteration, now[0])
    metrics_s = time.perf_counter() - started
    started = time.perf_counter()
    path = session.end()
    minutes_s = time.perf_counter() - started
    print(f"{cards} cards, {changes} change rows; committed {len(metrics.committed)}")
    print(f"retro metrics: {metrics_s * 1000:.0f} ms")
    print(f"end meeting + write minutes ({len(path.read_text().splitlines())} lines): {minutes_s * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
