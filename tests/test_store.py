"""The one write path: validation, versions, the change log, undo and redo."""

import pytest

from cockpit.db.errors import NothingToUndo, NotFound, StaleEdit, ValidationFailed
from cockpit.db.store import Store


def first_stage(store: Store) -> int:
    return store.workspace.stages()[0].id


def test_create_logs_a_change_with_the_new_row(store, clock):
    item = store.items.create(title="Write PRD", stage_id=first_stage(store), estimate=1.5)
    [change] = store.changes(entity="item")
    assert (change.action, change.entity_id, change.actor, change.at) == ("create", item.id, "tester", clock.now)
    assert change.after["title"] == "Write PRD" and change.before is None


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": "ok", "estimate": -1}, "estimate"),
    ({"title": "ok", "kind": "epic"}, "kind"),
    ({"title": "ok", "owner_id": 999}, "owner"),
])
def test_bad_input_names_the_field_and_writes_nothing(store, fields, field):
    before = store.last_change_id()
    with pytest.raises(ValidationFailed) as error:
        store.items.create(stage_id=first_stage(store), **fields)
    assert error.value.field == field
    assert store.items.count() == 0 and store.last_change_id() == before


def test_update_bumps_version_and_records_before_and_after(store, clock):
    item = store.items.create(title="Old", stage_id=first_stage(store))
    clock.advance(minutes=5)
    edited = store.items.update(item.id, item.version, title="New", estimate=2)
    assert edited.version == item.version + 1
    change = store.changes(entity="item", entity_id=item.id)[-1]
    assert change.before == {"title": "Old", "estimate": None, "updated": change.before["updated"], "version": 1}
    assert change.after["title"] == "New" and change.after["version"] == 2
    assert change.fields == ["estimate", "title", "updated"]


def test_stale_version_is_refused_and_names_the_other_change(engine, store):
    item = store.items.create(title="Shared", stage_id=first_stage(store))
    other_window = Store(engine, actor="bob", clock=store.clock)
    other_window.items.update(item.id, item.version, title="Bob's title")
    with pytest.raises(StaleEdit, match="bob"):
        store.items.update(item.id, item.version, title="Mine")
    assert store.items.get(item.id).title == "Bob's title"


def test_undo_and_redo_of_move_edit_create_and_delete(store):
    stages = store.workspace.stages()
    item = store.items.create(title="Card", stage_id=stages[0].id)
    moved = store.items.move(item.id, item.version, stages[1].id)
    store.items.update(moved.id, moved.version, title="Renamed")
    assert store.undo() == "edit card Card"
    assert store.items.get(item.id).title == "Card"
    assert store.undo() == "move card Card"
    assert store.items.get(item.id).stage_id == stages[0].id
    assert store.redo() == "move card Card"
    assert store.items.get(item.id).stage_id == stages[1].id
    current = store.items.get(item.id)
    store.items.delete(item.id, current.version)
    with pytest.raises(NotFound):
        store.items.get(item.id)
    store.undo()
    assert store.items.get(item.id).title == "Card"


def test_undo_refuses_when_another_window_changed_the_row_since(engine, store):
    item = store.items.create(title="Card", stage_id=first_stage(store))
    store.items.update(item.id, item.version, title="Mine")
    other = Store(engine, actor="bob", clock=store.clock)
    other.items.update(item.id, 2, title="Bob's")
    with pytest.raises(StaleEdit):
        store.undo()
    assert store.items.get(item.id).title == "Bob's"


def test_undo_stack_is_per_window(engine, store):
    store.items.create(title="Card", stage_id=first_stage(store))
    other = Store(engine, actor="bob", clock=store.clock)
    with pytest.raises(NothingToUndo):
        other.undo()
    assert store.can_undo


def test_new_change_clears_redo(store):
    item = store.items.create(title="Card", stage_id=first_stage(store))
    store.undo()
    assert store.can_redo
    store.items.create(title="Other", stage_id=first_stage(store))
    assert not store.can_redo
    with pytest.raises(NotFound):
        store.items.get(item.id)


def test_meeting_in_progress_is_recorded_on_changes(store):
    store.meeting_id = 7
    store.items.create(title="During stand-up", stage_id=first_stage(store))
    assert store.changes(meeting_id=7)[0].label == "create card During stand-up"


def test_reorder_swaps_with_neighbour_and_undo_restores(store):
    stage = first_stage(store)
    a = store.items.create(title="A", stage_id=stage)
    b = store.items.create(title="B", stage_id=stage)
    store.items.reorder(b.id, b.version, -1)
    assert [i.title for i in store.items.all()] == ["B", "A"]
    store.undo()
    assert [i.title for i in store.items.all()] == ["A", "B"]
    assert store.items.get(a.id).position == 0


def test_blocking_needs_a_reason(store):
    item = store.items.create(title="Card", stage_id=first_stage(store))
    with pytest.raises(ValidationFailed) as error:
        store.items.set_blocked(item.id, item.version, True, "  ")
    assert error.value.field == "reason"
    blocked = store.items.set_blocked(item.id, item.version, True, "waiting for legal")
    assert blocked.blocked and blocked.blocked_reason == "waiting for legal"


def test_read_only_store_refuses_writes(engine, store):
    viewer = Store(engine, read_only=True)
    from cockpit.db.errors import ReadOnly

    with pytest.raises(ReadOnly):
        viewer.items.create(title="x", stage_id=first_stage(store))


def test_search_matches_wildcard_characters_literally(store):
    stage = first_stage(store)
    store.items.create(title="Cut cost by 50% in Q1", stage_id=stage)
    store.items.create(title="Cut cost by 50 dollars", stage_id=stage)
    store.items.create(title="snake_case names", stage_id=stage)
    store.items.create(title="snakeXcase names", stage_id=stage)
    store.items.create(title=r"path C:\temp", stage_id=stage)
    assert [i.title for i in store.items.search("50%")] == ["Cut cost by 50% in Q1"]
    assert [i.title for i in store.items.search("snake_case")] == ["snake_case names"]
    assert [i.title for i in store.items.search("\\")] == [r"path C:\temp"]
