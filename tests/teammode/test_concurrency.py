"""Several processes writing one workspace at once (two PMs on one team database): no lost update,
stale versions refused, every change in the change log.  Runs on the engine of the ``db_url``
fixture: a SQLite file, or PostgreSQL with COCKPIT_TEST_DB_URL."""

import json

import pytest

from cockpit.workspace import open_workspace
from tests.helpers import run_python

WRITERS = 2
ROUNDS = 20

#: A PM who adds one day to a card's estimate, ROUNDS times: read, edit at the version read, and on
#: "changed since you opened it" read again and retry, as a person would.
INCREMENT = """
import json, sys
from cockpit.workspace import open_workspace
from cockpit.db.errors import StaleEdit
store = open_workspace(sys.argv[1], create=False, actor=sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
item_id, stale = int(sys.argv[3]), 0
for _ in range(int(sys.argv[4])):
    while True:
        item = store.items.get(item_id)
        try:
            store.items.update(item.id, item.version, estimate=(item.estimate or 0) + 1)
            break
        except StaleEdit:
            stale += 1
print(json.dumps({"stale": stale}))
"""

#: A PM who adds cards to one column: each must land at its own position.
CREATE = """
import sys
from cockpit.workspace import open_workspace
store = open_workspace(sys.argv[1], create=False, actor=sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
for n in range(int(sys.argv[4])):
    store.items.create(title=f"{sys.argv[2]} {n}", stage_id=int(sys.argv[3]))
"""


def run_writers(code: str, db_url: str, target: int) -> list[dict]:
    children = [run_python(code, db_url, f"pm{n}", str(target), str(ROUNDS)) for n in range(WRITERS)]
    for child in children:  # every writer has opened the workspace...
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    for child in children:  # ...then they all write at once
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        results.append(json.loads(out) if out.strip() else {})
    return results


@pytest.mark.slow
def test_no_lost_update_between_processes(db_url):
    store = open_workspace(db_url, actor="lead")
    item = store.items.create(title="Shared estimate", stage_id=store.workspace.stages()[0].id, estimate=0)
    results = run_writers(INCREMENT, db_url, item.id)
    final = store.items.get(item.id)
    assert final.estimate == WRITERS * ROUNDS  # every increment counted, none overwritten
    assert final.version == 1 + WRITERS * ROUNDS
    updates = [c for c in store.changes(entity="item", entity_id=item.id) if c.action == "update"]
    assert len(updates) == WRITERS * ROUNDS
    assert sorted(c.after["estimate"] for c in updates) == list(range(1, WRITERS * ROUNDS + 1))
    assert {c.actor for c in updates} == {f"pm{n}" for n in range(WRITERS)}
    assert sum(r["stale"] for r in results) >= 0  # how often a PM had to retry depends on timing
    store.engine.dispose()


@pytest.mark.slow
def test_cards_added_at_once_by_several_processes_get_distinct_positions(db_url):
    """A check that reads before it writes (the end of the column) holds between processes: the
    write lock serialises writers on both engines."""
    store = open_workspace(db_url, actor="lead")
    stage = store.workspace.stages()[0].id
    seen = store.last_change_id()
    run_writers(CREATE, db_url, stage)
    items = [i for i in store.items.all() if i.stage_id == stage]
    assert len(items) == WRITERS * ROUNDS
    assert sorted(i.position for i in items) == list(range(WRITERS * ROUNDS))
    # Change ids follow commit order, so a window that remembered last_change_id() before and asks
    # for changes(after_id=...) now gets every one of them (what live updates rely on).
    new = store.changes(after_id=seen)
    assert [c.action for c in new] == ["create"] * (WRITERS * ROUNDS)
    assert [c.entity_id for c in new] == sorted(i.id for i in items)
    store.engine.dispose()
