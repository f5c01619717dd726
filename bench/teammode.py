"""Team-mode figures: write latency, the change-counter poll, and `cockpit copy` throughput.

    python bench/teammode.py postgresql://USER@HOST/EMPTY_DB [ITEMS]

Creates a SQLite workspace with ITEMS cards (default 2000) in a temporary folder, times an edit and
a `last_change_id()` poll on it, copies it into the (empty) PostgreSQL database, times the same there,
and copies it back to a new file.  Prints one line per figure.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cockpit.workspace import open_engine, open_workspace  # noqa: E402
from cockpit.db.copy import copy_workspace  # noqa: E402


def per_call(fn, n: int = 200) -> float:  # noqa: ANN001
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1000


def figures(store, name: str) -> None:  # noqa: ANN001
    item = store.items.all()[0]
    state = {"version": item.version}

    def edit() -> None:
        state["version"] = store.items.update(item.id, state["version"], estimate=1).version

    print(f"{name}: edit a card (one write transaction): {per_call(edit, 100):.2f} ms")
    print(f"{name}: last_change_id() poll: {per_call(store.last_change_id):.2f} ms")


def main() -> None:
    url, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.db"
        store = open_workspace(path, new=True, demo=True)
        stage = store.workspace.stages()[0].id
        for n in range(count):
            store.items.create(title=f"Card {n}", stage_id=stage)
        figures(store, "SQLite")
        store.engine.dispose()
        source, _ = open_engine(path, create=False)
        target, _ = open_engine(url)
        start = time.perf_counter()
        report = copy_workspace(source, target)
        took = time.perf_counter() - start
        print(f"copy SQLite -> PostgreSQL: {report.rows} rows in {took:.2f} s ({report.rows / took:,.0f} rows/s)")
        source.dispose()
        store = open_workspace(url, create=False)
        figures(store, "PostgreSQL")
        store.engine.dispose()
        back, _ = open_engine(Path(folder) / "back.db")
        start = time.perf_counter()
        report = copy_workspace(target, back)
        took = time.perf_counter() - start
        print(f"copy PostgreSQL -> SQLite: {report.rows} rows in {took:.2f} s ({report.rows / took:,.0f} rows/s)")
        target.dispose()
        back.dispose()


if __name__ == "__main__":
    main()
