"""Safety (acceptance point 9 a, b): killed writers and concurrent writers.

The writers are real child processes (forked from the test process, so each round costs
milliseconds instead of a fresh interpreter): each opens its own engine and writes through the store.
"""

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable

from cockpit.db.engine import make_engine
from cockpit.db.files import check_existing_file
from cockpit.db.errors import StaleEdit
from cockpit.db.store import Store
from cockpit.workspace import open_workspace
from tests.helpers import ROOT

ROUNDS = 20


def fork_child(body: Callable[[int], None]) -> tuple[int, int]:
    """Run ``body(write_fd)`` in a child process; returns (pid, read_fd).  The child never returns."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 0
        try:
            os.close(read_fd)
            body(write_fd)
        except BaseException as exc:  # noqa: BLE001 - report anything to the parent
            os.write(write_fd, f"ERROR {type(exc).__name__}: {exc}\n".encode())
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def acknowledged_writer(url: str, stage_ids: list[int], seed: int) -> Callable[[int], None]:
    """Writes forever: create, edit or move a card; after each commit returns, acknowledges it."""

    def body(fd: int) -> None:
        store = Store(make_engine(url), actor=f"writer-{os.getpid()}")
        rng = random.Random(seed)
        mine: dict[int, int] = {}
        while True:
            choice = rng.random()
            if not mine or choice < 0.4:
                item = store.items.create(title=f"card {rng.randrange(10**6)} é 漢字 🚀", stage_id=rng.choice(stage_ids))
            elif choice < 0.8:
                item_id = rng.choice(list(mine))
                item = store.items.update(item_id, mine[item_id], title=f"edited {rng.randrange(10**6)}",
                                          estimate=rng.randrange(5))
            else:
                item_id = rng.choice(list(mine))
                current = store.items.get(item_id)
                target = rng.choice([s for s in stage_ids if s != current.stage_id])
                item = store.items.move(item_id, mine[item_id], target)
            mine[item.id] = item.version
            os.write(fd, f"{item.id} {item.version}\n".encode())  # the acknowledgement, after commit

    return body


def read_lines(fd: int, until: int | None = None) -> list[str]:
    """Lines from a child: ``until`` lines (then return), or everything until it closes the pipe."""
    buffer = b""
    while until is None or buffer.count(b"\n") < until:
        select.select([fd], [], [], 60)
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
    return buffer.decode().splitlines()


def test_acknowledged_writes_survive_sigkill_at_random_points(tmp_path):
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    setup = open_workspace(path)
    stage_ids = [stage.id for stage in setup.workspace.stages()]
    setup.engine.dispose()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    acked: dict[int, int] = {}  # item id -> highest acknowledged version
    for round_ in range(ROUNDS):
        pid, fd = fork_child(acknowledged_writer(url, stage_ids, seed + round_))
        lines = read_lines(fd, until=rng.randrange(1, 25))
        # A random extra moment, so the kill lands anywhere: mid-transaction, mid-commit, between writes.
        select.select([], [], [], rng.uniform(0, 0.01))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines += read_lines(fd)  # acknowledgements written before it died
        os.close(fd)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (seed, lines[-3:])
        assert not any(line.startswith("ERROR") for line in lines), (seed, lines)
        for line in lines:
            if line:
                item_id, version = map(int, line.split())
                acked[item_id] = max(version, acked.get(item_id, 0))

        # As the kill left it (a -wal beside it), Cockpit's start-up check still accepts it.
        assert os.path.exists(f"{path}-wal")
        check_existing_file(path)
        conn = sqlite3.connect(path)  # a fresh reader, as the next start would be (recovers the WAL)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], seed
            versions = dict(conn.execute("SELECT id, version FROM item"))
            logged = {(entity_id, json.loads(after)["version"]) for entity_id, after in
                      conn.execute("SELECT entity_id, after FROM change WHERE entity = 'item'")}
        finally:
            conn.close()
        for item_id, version in acked.items():
            # The row holds the acknowledged version, or one write more that committed before its ack.
            assert versions.get(item_id) in (version, version + 1), (seed, round_, item_id, version)
            assert all((item_id, v) in logged for v in range(1, version + 1)), (seed, round_, item_id)
    assert len(acked) >= ROUNDS
    reopened = open_workspace(path, create=False)
    assert reopened.items.count() >= len(acked)
    reopened.engine.dispose()


def racing_writer(url: str, card_id: int, stage_id: int, increments: int, creates: int) -> Callable[[int], None]:
    def body(fd: int) -> None:
        store = Store(make_engine(url), actor=f"racer-{os.getpid()}")
        retries = 0
        for n in range(max(increments, creates)):
            if n < increments:
                while True:
                    card = store.items.get(card_id)
                    try:
                        store.items.update(card_id, card.version, estimate=card.estimate + 1)
                        break
                    except StaleEdit:
                        retries += 1
            if n < creates:
                store.items.create(title=f"racer {os.getpid()} #{n}", stage_id=stage_id)
        os.write(fd, f"done {retries}\n".encode())

    return body


def test_two_processes_writing_at_once_lose_nothing_and_never_see_a_locked_database(tmp_path):
    path = tmp_path / "race.db"
    url = f"sqlite:///{path}"
    setup = open_workspace(path)
    stage = setup.workspace.stages()[0].id
    card = setup.items.create(title="Shared estimate", stage_id=stage, estimate=0)
    setup.engine.dispose()

    children = [fork_child(racing_writer(url, card.id, stage, increments=50, creates=50)) for _ in range(2)]
    outputs = []
    for pid, fd in children:
        outputs.append("\n".join(read_lines(fd)))
        os.close(fd)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, outputs
    assert all(out.startswith("done") for out in outputs), outputs
    assert "locked" not in "".join(outputs)

    store = Store(make_engine(url))
    final = store.items.get(card.id)
    assert final.estimate == 100 and final.version == 101
    assert store.items.count() == 101  # the shared card and 2 x 50 new ones
    increments = store.changes(entity="item", entity_id=card.id)[1:]
    assert [c.after["estimate"] for c in increments] == list(range(1, 101))  # every update, in order, once
    assert len(store.changes()) >= 200
    store.engine.dispose()


WAITER = """
import sys
from cockpit.db.engine import make_engine
from cockpit.db.files import check_existing_file
from cockpit.db.store import Store
print("ready", flush=True)
Store(make_engine(sys.argv[1])).items.create(title="waited", stage_id=int(sys.argv[2]))
print("saved", flush=True)
"""


def test_a_write_waits_for_the_lock_instead_of_failing(tmp_path):
    """While another connection holds the write lock, a store write waits (busy timeout), then succeeds.

    A spawned interpreter, not a fork: a forked child must not inherit the parent's open SQLite handle."""
    path = tmp_path / "lock.db"
    store = open_workspace(path)
    stage = store.workspace.stages()[0].id
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    child = subprocess.Popen([sys.executable, "-c", WAITER, f"sqlite:///{path}", str(stage)], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "ready\n"
        ready, _, _ = select.select([child.stdout], [], [], 0.5)
        assert not ready  # still waiting for the lock: not saved, not failed
    finally:
        holder.execute("COMMIT")
        holder.close()
    out, err = child.communicate(timeout=120)
    assert (out, child.returncode) == ("saved\n", 0), err
    assert [item.title for item in store.items.all()] == ["waited"]
    store.engine.dispose()
