"""The change log as the History screen reads it: each row names its project; a project's history
leaves other projects' changes out; rows written before revision 0013 get their project back."""

from sqlalchemy import text

from cockpit.db.engine import make_engine
from cockpit.db.migrate import upgrade
from cockpit.db.store import Store


def test_each_change_names_the_project_of_its_row(store):
    project = store.workspace.project()
    card = store.items.create(title="Alpha", stage_id=store.workspace.stages()[0].id)
    person = store.workspace.add_person("Ana Silva", "ana")
    [created] = store.changes(entity="item", entity_id=card.id)
    [added] = store.changes(entity="person", entity_id=person.id)
    assert created.project_id == project.id
    assert added.project_id is None  # a person is the whole workspace's


def test_a_projects_history_leaves_other_projects_out_and_keeps_the_workspaces(store):
    first = store.workspace.project()
    mine = store.items.create(title="Mine", stage_id=store.workspace.stages()[0].id)
    other = store.portfolio.add_project("Other project")
    store.project_id = other.id
    theirs = store.items.create(title="Theirs", stage_id=store.workspace.stages()[0].id)
    store.workspace.add_person("Ana Silva", "ana")
    store.project_id = first.id
    labels = [c.label for c in store.history.page(limit=100)]
    assert "create card Mine" in labels and "add person Ana Silva" in labels
    assert "create card Theirs" not in labels
    assert store.history.page(limit=100, item_id=theirs.id) == []
    assert [c.entity_id for c in store.history.page(limit=100, item_id=mine.id)] == [mine.id]
    newest_first = [c.id for c in store.history.page(limit=100)]
    assert newest_first == sorted(newest_first, reverse=True)
    older = store.history.page(limit=2, before_id=newest_first[1])
    assert [c.id for c in older] == newest_first[2:4]


def test_rows_written_before_0013_get_their_project_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, target="0009")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO change (at, actor, txn, label, entity, entity_id, action, before, after) VALUES"
            " ('2026-10-01 09:00:00.000000', 'ann', 't1', 'create card Old', 'item', 1, 'create', NULL,"
            " '{\"project_id\": 7, \"title\": \"Old\"}'),"
            " ('2026-10-01 09:01:00.000000', 'ann', 't2', 'delete card Old', 'item', 1, 'delete',"
            " '{\"project_id\": 7}', NULL),"
            " ('2026-10-01 09:02:00.000000', 'ann', 't3', 'add person Ann', 'person', 1, 'create', NULL, '{}')"))
    upgrade(engine)
    assert [(c.label, c.project_id) for c in Store(engine).changes()] == [
        ("create card Old", 7), ("delete card Old", 7), ("add person Ann", None)]
    engine.dispose()
