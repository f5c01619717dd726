"""Team mode at scale: N windows watching one PostgreSQL database (live updates).

    python bench/teamlive.py postgresql://USER@/postgres?host=/tmp/pg [--windows 50] [--changes 20]
                             [--idle 60] [--poll]

Creates a fresh database on that server (dropped at the end), a workspace in it, and N watching
windows.  Each window is what a cockpit window holds for live updates: its own Store on its own
engine (connection pool) and its own ``ChangeWatcher`` (on PostgreSQL: a LISTEN connection in a
thread), and a timer that asks ``changed()`` four times a second as the app's interval does.

The windows are threads of this one process, each with its own connections, not 50 processes: 50
Python processes importing SQLAlchemy would take about 50 CPU-seconds and several GB just to start on
the 2-core machine, and the server cannot tell a thread's connection from a process's (each is its own
backend).  Threads share the GIL, so the fan-out times here are, if anything, pessimistic.

It reports:
- the server's idle load: ``pg_stat_database`` transactions (xact_commit + xact_rollback) of the
  bench database over ``--idle`` seconds with nothing changing, per window per minute;
- the time for one change to reach all N windows (from the writer's call, commit included, to the
  last window whose ``changed()`` said True), median and p95 over ``--changes`` changes made at
  random moments; and the median of single deliveries.
``--poll`` runs the same windows with the listener switched off (polling ``max(change.id)``: the
behaviour before LISTEN/NOTIFY) for comparison.  The last line is JSON.
"""

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TICK_S = 0.25  # the app's LIVE_POLL_SECONDS
STATS_SETTLE_S = 12.0


class Window:
    """One watching window: a store on its own engine, a watcher, and when it saw each change."""

    def __init__(self, url: str, listen: bool, seen: "threading.Condition", reached: dict) -> None:
        from cockpit.db.engine import make_engine
        from cockpit.db.store import Store
        from cockpit.db.watch import ChangeWatcher

        self.store = Store(make_engine(url), actor="viewer")
        self.seen, self.reached = seen, reached
        self.watcher = ChangeWatcher(self.store, wake=self.check, listen=listen)

    def check(self) -> None:
        """The app's live-update check (its timer, or the listener's wake-up)."""
        try:
            changed = self.watcher.changed()
        except Exception:  # noqa: BLE001 - as the app: a failed check is logged, not fatal
            return
        if changed:
            with self.seen:
                self.reached.setdefault(id(self), time.perf_counter())
                self.seen.notify_all()

    def close(self) -> None:
        self.watcher.close()
        self.store.engine.dispose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def xacts(conn, name: str) -> int:  # noqa: ANN001 - a psycopg connection (autocommit)
    conn.execute("SELECT pg_stat_clear_snapshot()")
    row = conn.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
                       (name,)).fetchone()
    return int(row[0])


def main() -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    from cockpit.workspace import open_workspace

    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="a PostgreSQL server (any database on it: the bench makes its own)")
    parser.add_argument("--windows", type=int, default=50)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--poll", action="store_true", help="listener off: poll the change log (the old way)")
    args = parser.parse_args()

    server = make_url(args.url).set(drivername="postgresql")
    name = f"cockpit_teamlive_{os.getpid()}"
    admin = psycopg.connect(server.render_as_string(hide_password=False), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    windows: list[Window] = []
    stop = threading.Event()
    try:
        writer = open_workspace(url, actor="writer")
        stage = writer.workspace.stages()[0].id
        seen = threading.Condition()
        reached: dict[int, float] = {}
        started = time.perf_counter()
        windows = [Window(url, not args.poll, seen, reached) for _ in range(args.windows)]
        if not args.poll:
            for window in windows:
                assert window.watcher.listener is not None
                if not window.watcher.listener.ready.wait(60):
                    raise SystemExit("a window's listener did not connect")
        print(f"{args.windows} windows ({'polling' if args.poll else 'LISTEN'}) ready in "
              f"{time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.1f}")

        def timers() -> None:  # every window's interval timer, four times a second
            while not stop.wait(TICK_S):
                for window in windows:
                    window.check()

        ticker = threading.Thread(target=timers, daemon=True)
        ticker.start()
        # The first ticks do each window's one poll after LISTEN; a backend reports its counts to
        # pg_stat_database up to 10 s after it goes idle (PostgreSQL 15), so let those land first.
        stop.wait(STATS_SETTLE_S)
        with seen:
            reached.clear()

        # Read from the server's other database (the one named on the command line), so that these
        # reads are not counted.
        before = xacts(admin, name)
        stop.wait(args.idle)  # nothing changes: what do the windows ask of the server?
        after = xacts(admin, name)
        idle_xacts = after - before
        per_window_minute = idle_xacts / args.windows / (args.idle / 60)
        print(f"idle {args.idle:.0f} s: {idle_xacts} transactions on the server = "
              f"{per_window_minute:.2f} per window per minute")

        all_ms, single_ms = [], []
        rng = random.Random(5)
        for n in range(args.changes):
            stop.wait(0.3 + rng.random() * 0.4)  # at no fixed phase of the timers
            with seen:
                reached.clear()
            begun = time.perf_counter()
            writer.items.create(title=f"probe {n}", stage_id=stage)
            with seen:
                if not seen.wait_for(lambda: len(reached) >= len(windows), timeout=30):
                    raise SystemExit(f"change {n} reached {len(reached)} of {len(windows)} windows in 30 s")
                times = list(reached.values())
            all_ms.append((max(times) - begun) * 1000)
            single_ms.extend((t - begun) * 1000 for t in times)
        print(f"{args.changes} changes to all {args.windows} windows: median {statistics.median(all_ms):.0f} ms, "
              f"p95 {percentile(all_ms, 0.95):.0f} ms, max {max(all_ms):.0f} ms; one window: median "
              f"{statistics.median(single_ms):.0f} ms (from the writer's call, its commit included)")
        print(f"load average {os.getloadavg()[0]:.1f} after the run")
        print(json.dumps({"mode": "poll" if args.poll else "listen", "windows": args.windows,
                          "idle_xacts_per_window_minute": round(per_window_minute, 2),
                          "reach_all_median_ms": round(statistics.median(all_ms), 1),
                          "reach_all_p95_ms": round(percentile(all_ms, 0.95), 1),
                          "reach_one_median_ms": round(statistics.median(single_ms), 1)}))
    finally:
        stop.set()
        for window in windows:
            window.close()
        try:
            writer.engine.dispose()  # type: ignore[possibly-undefined]
        except NameError:
            pass
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
