"""Meetings figures: retro metrics and minutes on a small and a large workspace, in one run.

    python bench/meetings.py [SMALL LARGE]      (from the repository root; default 200 2000)

Each workspace holds CARDS cards with their history (created, then moved through up to four stages:
about three change rows a card, so 2,000 cards make about 6,000 rows), spread over earlier iterations,
and one last iteration of 100 cards under review.  A retrospective of that iteration runs while the
PM moves 30 of its cards; then the bench times the iteration's retro metrics and ending the meeting
(which writes its minutes, with the metrics and the 30 moves; once, as a PM would) and writing the
minutes again (median of nine).  Both cost the same at any size when
only the meeting's window of the change log (and the iteration's cards' rows) is read: the last line
is JSON with both sizes and the ratio large / small.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.services.meetings import MeetingSession, write_minutes  # noqa: E402
from cockpit.services.reports import retro_metrics  # noqa: E402
from cockpit.workspace import open_workspace  # noqa: E402

REVIEWED = 100      # cards of the iteration under review (the same at every size)
MOVED = 30          # cards moved during the retrospective
ROUNDS = 9          # metrics and minutes timed this many times (median)


def build(cards: int, folder: Path):  # noqa: ANN201
    now = [datetime(2026, 6, 1, 9, tzinfo=timezone.utc)]
    store = open_workspace(folder / f"bench-{cards}.db", clock=lambda: now[0])
    people = [store.workspace.add_person(f"Person {n}", f"p{n}").id for n in range(8)]
    stages = store.workspace.stages()
    rng = random.Random(7)
    earlier = cards - REVIEWED
    per_iteration = 100
    day = date(2026, 6, 1)
    iteration = None
    for n in range(cards):
        if n == earlier:
            rng = random.Random(11)  # the reviewed iteration's cards have the same history at any size
        if n % per_iteration == 0:  # a new two-week iteration every 100 cards
            iteration = store.workspace.add_iteration(f"Iteration {n // per_iteration + 1}", day,
                                                      day + timedelta(days=13))
            now[0] = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=9)
            day += timedelta(days=14)
        now[0] += timedelta(minutes=5)
        item = store.items.create(title=f"Card {n}", stage_id=stages[0].id, iteration_id=iteration.id,
                                  estimate=rng.choice([0.5, 1, 2, 3]))
        if n < earlier or rng.random() < 0.5:
            for stage in stages[1:rng.randint(1, 5)]:
                now[0] += timedelta(minutes=5)
                item = store.items.move(item.id, item.version, stage.id)
    now[0] += timedelta(days=1)
    session = MeetingSession(store)
    session.start("retrospective", "Retrospective", people, iteration_id=iteration.id)
    reviewed = [card for card in store.items.all() if card.iteration_id == iteration.id]
    for card in reviewed[:MOVED]:
        now[0] += timedelta(minutes=1)
        store.items.move(card.id, card.version, stages[min(card_stage(stages, card) + 1, len(stages) - 1)].id)
    return store, session, iteration


def card_stage(stages, card) -> int:  # noqa: ANN001
    return next(n for n, stage in enumerate(stages) if stage.id == card.stage_id)


def measure(cards: int, folder: Path) -> dict:
    store, session, iteration = build(cards, folder)
    changes = store.last_change_id()
    times, cpu = [], []
    for _ in range(ROUNDS):
        started, cpu_started = time.perf_counter(), time.process_time()
        metrics = retro_metrics(store, iteration, store.now())
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    meeting_id = session.meeting_id
    started = time.perf_counter()
    path = session.end()
    end_s = time.perf_counter() - started
    lines = len(path.read_text().splitlines())
    minutes, minutes_cpu = [], []
    for n in range(ROUNDS):  # the minutes again (what ending spends most of its time on)
        started, cpu_started = time.perf_counter(), time.process_time()
        write_minutes(store, meeting_id, folder / f"minutes-{cards}-{n}.md")
        minutes.append(time.perf_counter() - started)
        minutes_cpu.append(time.process_time() - cpu_started)
    store.engine.dispose()
    return {"cards": cards, "changes": changes, "committed": len(metrics.committed),
            "metrics_ms": ms(times), "metrics_cpu_ms": ms(cpu), "end_ms": round(end_s * 1000, 1),
            "minutes_ms": ms(minutes), "minutes_cpu_ms": ms(minutes_cpu), "minutes_lines": lines}


def ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def main(small: int = 200, large: int = 2000) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cockpit-bench-meetings-"))
    print(f"load average {os.getloadavg()[0]:.1f}")
    rows = [measure(small, folder), measure(large, folder)]
    print(f"load average {os.getloadavg()[0]:.1f} after the run")
    print(f"{'cards':>6} {'changes':>8} {'committed':>9} {'metrics ms':>11} {'(cpu)':>6} {'minutes ms':>11} "
          f"{'(cpu)':>6} {'end meeting ms':>15} {'lines':>6}")
    for row in rows:
        print(f"{row['cards']:>6} {row['changes']:>8} {row['committed']:>9} {row['metrics_ms']:>11} "
              f"{row['metrics_cpu_ms']:>6} {row['minutes_ms']:>11} {row['minutes_cpu_ms']:>6} {row['end_ms']:>15} "
              f"{row['minutes_lines']:>6}")
    a, b = rows
    result = {f"metrics_ms_{small}": a["metrics_ms"], f"metrics_ms_{large}": b["metrics_ms"],
              f"minutes_ms_{small}": a["minutes_ms"], f"minutes_ms_{large}": b["minutes_ms"],
              f"end_ms_{small}": a["end_ms"], f"end_ms_{large}": b["end_ms"],
              "metrics_ratio": round(b["metrics_ms"] / a["metrics_ms"], 2),
              "metrics_cpu_ratio": round(b["metrics_cpu_ms"] / a["metrics_cpu_ms"], 2),
              "minutes_cpu_ratio": round(b["minutes_cpu_ms"] / a["minutes_cpu_ms"], 2),
              "minutes_ratio": round(b["minutes_ms"] / a["minutes_ms"], 2),
              "end_ratio": round(b["end_ms"] / a["end_ms"], 2)}
    print(json.dumps(result))


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
