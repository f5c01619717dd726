"""The one write path (acceptance point 6), beyond tests/test_store.py: every kind of write leaves a
change row with its before and after values in the same transaction, and a write based on a version
another process has since changed is refused, never applied over the other change."""

import os
import subprocess
import sys
from datetime import date

import pytest

from cockpit.db.errors import StaleEdit, StoreError
from cockpit.db.tx import Tx
from tests.helpers import ROOT


def test_every_kind_of_write_logs_before_and_after(store):
    stages = store.workspace.stages()
    person = store.workspace.add_person("Ann Lee", "ann", roles=["PM"])
    iteration = store.workspace.add_iteration("1120", date(2026, 11, 20), date(2026, 12, 17), goal="Launch")
    a = store.items.create(title="A", stage_id=stages[0].id, owner_id=person.id, iteration_id=iteration.id)
    b = store.items.create(title="B", stage_id=stages[0].id)
    a = store.items.update(a.id, a.version, estimate=3)
    a = store.items.set_blocked(a.id, a.version, True, "legal review")
    a = store.items.move(a.id, a.version, stages[1].id)
    b = store.items.reorder(b.id, b.version, -1)
    store.workspace.update_stage(stages[2].id, stages[2].version, wip_limit=4)
    store.items.delete(b.id, store.items.get(b.id).version)
    store.undo()  # the delete, replayed as a restore

    by_action: dict[str, list] = {}
    for change in store.changes():
        by_action.setdefault(change.action, []).append(change)
        assert change.actor == "tester" and change.txn and change.label
        if change.action == "create":
            assert change.before is None and change.after["id"] == change.entity_id
        elif change.action == "delete":
            assert change.after is None and change.before["id"] == change.entity_id
        else:
            assert change.before and change.after
            assert change.after["version"] == change.before["version"] + 1
            assert set(change.before) == set(change.after)
    assert set(by_action) >= {"create", "update", "block", "move", "delete"}
    [move] = by_action["move"]
    assert (move.before["stage_id"], move.after["stage_id"]) == (stages[0].id, stages[1].id)
    assert move.detail["from_stage"] == stages[0].name and move.detail["to_stage"] == stages[1].name
    [block] = by_action["block"]
    assert block.after["blocked"] is True and block.after["blocked_reason"] == "legal review"
    stage_edit = next(c for c in by_action["update"] if c.entity == "stage")
    assert (stage_edit.before["wip_limit"], stage_edit.after["wip_limit"]) == (6, 4)
    [delete] = by_action["delete"]
    assert delete.before["title"] == "B"
    restored = [c for c in by_action["create"] if c.entity == "item" and c.entity_id == b.id]
    assert len(restored) == 2 and restored[-1].label == "undo delete card B"
    assert {c.entity for c in by_action["create"]} >= {"person", "person_role", "iteration", "item"}


def test_each_write_bumps_the_version_once_and_logs_it(store):
    stage = store.workspace.stages()[0].id
    item = store.items.create(title="Card", stage_id=stage)
    assert item.version == 1
    for expected, title in enumerate(["One", "Two", "Three"], start=2):
        item = store.items.update(item.id, item.version, title=title)
        assert item.version == expected
        assert store.changes(entity="item", entity_id=item.id)[-1].after["version"] == expected
    unchanged = store.items.update(item.id, item.version, title="Three")  # nothing to change: no new version
    assert unchanged.version == item.version and len(store.changes(entity="item", entity_id=item.id)) == 4


def test_the_row_and_its_change_row_commit_together(store, monkeypatch):
    stage = store.workspace.stages()[0].id
    item = store.items.create(title="Card", stage_id=stage)
    before = store.last_change_id()

    def broken_log(self, *args, **kwargs):
        raise RuntimeError("change log unavailable")

    monkeypatch.setattr(Tx, "log", broken_log)
    with pytest.raises(RuntimeError):
        store.items.update(item.id, item.version, title="Lost")
    with pytest.raises(RuntimeError):
        store.items.create(title="Never", stage_id=stage)
    monkeypatch.undo()
    assert store.items.get(item.id).title == "Card" and store.items.get(item.id).version == 1
    assert store.items.count() == 1 and store.last_change_id() == before


def test_the_store_says_which_change_its_last_write_made(store):
    """``last_written``: the id of the one change row the last write committed; None when it wrote none
    (nothing to change), several, or failed."""
    stage = store.workspace.stages()[0].id
    item = store.items.create(title="Card", stage_id=stage)
    assert store.last_written == store.last_change_id() == store.changes(entity="item", entity_id=item.id)[-1].id
    store.items.update(item.id, item.version, title="Card")  # nothing to change: no change row
    assert store.last_written is None
    store.items.update(item.id, item.version, title="Renamed")
    assert store.last_written == store.last_change_id()
    with store.together("two edits") as tx:  # two change rows in one write
        store.items.update(item.id, item.version + 1, title="Once")
        store.items.update(item.id, item.version + 2, title="Twice")
    assert store.last_written is None and tx.changes == 2
    with pytest.raises(StaleEdit):
        store.items.update(item.id, item.version, title="Stale")  # refused: nothing written
    assert store.last_written is None


def test_a_title_as_long_as_allowed_fits_the_change_log(store):
    """The label ("create card <title>") and actor are cut to their column sizes, which PostgreSQL enforces."""
    store.actor = "A" * 120
    item = store.items.create(title="T" * 200, stage_id=store.workspace.stages()[0].id)
    [change] = store.changes(entity="item", entity_id=item.id)
    assert len(change.label) <= 200 and change.label.startswith("create card TTT")
    assert len(change.actor) <= 80
    assert store.undo().startswith("create card TTT")


CHILD = """
import sys
from cockpit.db.engine import make_engine
from cockpit.db.store import Store
store = Store(make_engine(sys.argv[1]), actor="bob")
card = store.items.get(int(sys.argv[2]))
store.items.update(card.id, card.version, title="Bob's title", estimate=5)
"""


def test_a_stale_write_from_another_process_is_refused(engine, store, db_url):
    item = store.items.create(title="Shared", stage_id=store.workspace.stages()[0].id, estimate=1)
    seen = store.items.get(item.id)  # this window reads the card ...
    result = subprocess.run([sys.executable, "-c", CHILD, db_url, str(item.id)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr  # ... another process changes it ...
    with pytest.raises(StaleEdit) as error:  # ... and this window's edit, based on what it saw, is refused
        store.items.update(seen.id, seen.version, estimate=2)
    assert "bob" in error.value.message and "reload" in error.value.message
    for write in (lambda: store.items.move(seen.id, seen.version, store.workspace.stages()[1].id),
                  lambda: store.items.set_blocked(seen.id, seen.version, True, "why"),
                  lambda: store.items.delete(seen.id, seen.version)):
        with pytest.raises(StaleEdit):
            write()
    now = store.items.get(item.id)
    assert (now.title, now.estimate, now.version, now.stage_id) == ("Bob's title", 5, 2, seen.stage_id)
    assert [c.actor for c in store.changes(entity="item", entity_id=item.id)] == ["tester", "bob"]


def test_store_errors_are_one_readable_line(store):
    with pytest.raises(StoreError) as error:
        store.items.create(title="x", stage_id=9999)
    assert "\n" not in error.value.message and "stage" in error.value.message
    assert store.items.count() == 0
