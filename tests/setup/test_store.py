"""The Setup store methods: people, roles, stages and criteria through the one write path, with undo;
the migration that adds stage categories and roles per project."""

import sqlite3
from datetime import timedelta

import pytest

from cockpit.db.engine import make_engine
from cockpit.db.errors import StaleEdit, ValidationFailed
from cockpit.db.files import HEAD
from cockpit.db.migrate import current, upgrade
from cockpit.db.store import Store
from cockpit.logic.agenda import agenda_for
from cockpit.logic.retro_metrics import _done_position
from tests.helpers import TODAY


def test_people_are_edited_deactivated_and_their_team_history_kept(store, clock):
    ann = store.workspace.add_person("Ann Lee", "ann", ["PM"], team="Core", availability=80, days_off=["Friday"])
    assert (ann.team, ann.availability, ann.days_off, ann.roles) == ("Core", 80, ["fri"], ["Product manager"])
    before_move = clock.now
    clock.advance(days=3)
    ann = store.people.update_person(ann.id, ann.version, team="Growth", roles=["DEV", "TL"])
    assert ann.team == "Growth" and ann.roles == ["Tech lead", "Developers"]
    assert store.people.team_at(ann.id, before_move) == "Core"
    assert store.people.team_at(ann.id, clock.now) == "Growth"
    with pytest.raises(StaleEdit):
        store.people.update_person(ann.id, ann.version - 1, team="Other")
    store.items.create(title="Owned", stage_id=store.workspace.stages()[0].id, owner_id=ann.id)
    assert store.people.owns(ann.id)["cards"] == 1
    ann = store.people.set_active(ann.id, ann.version, False)
    assert ann.active is False and [p.handle for p in store.workspace.people(active_only=True)] == []
    assert store.undo().startswith("deactivate person")
    assert store.workspace.person(ann.id).active is True
    assert store.undo().startswith("create card")
    assert store.undo() == "edit person Ann Lee"  # the team and the roles: one change
    ann = store.workspace.person(ann.id)
    assert ann.team == "Core" and ann.roles == ["Product manager"]


@pytest.mark.parametrize("handle", ["Bad Handle", "ann!", "@ann", "ä"])
def test_a_bad_handle_is_refused_with_the_field_named(store, handle):
    with pytest.raises(ValidationFailed) as refused:
        store.workspace.add_person("X", handle)
    assert refused.value.field == "handle" and store.workspace.people() == []


def test_a_taken_handle_is_refused_on_edit(store):
    store.workspace.add_person("Ann", "ann")
    ben = store.workspace.add_person("Ben", "ben")
    with pytest.raises(ValidationFailed, match="ann is already taken") as refused:
        store.people.update_person(ben.id, ben.version, handle="ann")
    assert refused.value.field == "handle"


def test_roles_reorder_and_are_removed_only_when_unused(store):
    roles = store.workspace.roles()
    store.people.move_role(roles[1].id, roles[1].version, -1)
    assert [r.code for r in store.workspace.roles()][:2] == [roles[1].code, roles[0].code]
    with pytest.raises(ValidationFailed, match=r"still used by \d+ RACI letters"):
        store.people.remove_role(roles[0].id, store.workspace.roles()[1].version)
    extra = store.raci.add_role("Data analyst", "DA")
    store.workspace.add_person("Ann", "ann", ["DA"])
    with pytest.raises(ValidationFailed, match="still used by 1 person"):
        store.people.remove_role(extra.id, extra.version)
    lone = store.raci.add_role("Scrum master", "SM")
    store.people.remove_role(lone.id, lone.version)
    assert "SM" not in [r.code for r in store.workspace.roles()]
    store.undo()
    assert "SM" in [r.code for r in store.workspace.roles()]


def test_stages_are_added_renamed_reordered_and_removed_when_empty(store):
    stages = store.workflow.stages()
    qa = store.workflow.add_stage("UAT", "awaiting_release", wip_limit=3)
    assert store.workflow.stages()[-1].name == "UAT"
    qa = store.workflow.move_stage(qa.id, qa.version, -1)
    assert [s.name for s in store.workflow.stages()][-2:] == ["UAT", "Retro done"]
    renamed = store.workflow.update_stage(stages[4].id, stages[4].version, name="Live", wip_limit=2)
    assert (renamed.name, renamed.wip_limit, renamed.category) == ("Live", 2, "done")
    with pytest.raises(ValidationFailed) as refused:
        store.workflow.update_stage(stages[3].id, stages[3].version, name="live")
    assert refused.value.field == "name"
    store.items.create(title="Card", stage_id=stages[0].id)
    store.items.create(title="Card 2", stage_id=stages[0].id)
    with pytest.raises(ValidationFailed, match="still holds 2 cards"):
        store.workflow.remove_stage(stages[0].id, stages[0].version)
    retro = next(s for s in store.workflow.stages() if s.id == stages[5].id)
    gate = next(a for a in store.raci.activities() if a.stage_id == retro.id)
    store.workflow.remove_stage(retro.id, retro.version)
    assert store.raci.activity(gate.id).stage_id is None and len(store.workflow.stages()) == 6
    store.undo()
    assert store.raci.activity(gate.id).stage_id == stages[5].id and len(store.workflow.stages()) == 7


def test_criteria_and_gate_activity_are_edited_and_undone(store):
    stage = store.workflow.stages()[1]
    stage = store.workflow.set_criteria(stage.id, stage.version, ["PRD written", "Design reviewed"])
    assert stage.criteria == ["PRD written", "Design reviewed"]
    with pytest.raises(ValidationFailed):
        store.workflow.set_criteria(stage.id, stage.version, ["ok", "  "])
    with pytest.raises(StaleEdit):
        store.workflow.set_criteria(stage.id, stage.version - 1, ["old"])
    other = next(a for a in store.raci.activities() if a.stage_id is None)
    store.workflow.set_gate(stage.id, other.id)
    assert store.workflow.gates()[stage.id] == (other.id, other.name)
    store.undo()
    assert store.workflow.gates()[stage.id][1] == "PRD writing"
    store.undo()
    assert store.workflow.stages()[1].criteria[0] == "PRD written" and len(store.workflow.stages()[1].criteria) == 3


def test_renaming_stages_changes_no_metric_or_agenda(store):
    stages = store.workflow.stages()
    for stage in stages:
        store.workflow.update_stage(stage.id, stage.version, name=f"Step {stage.position}")
    renamed = store.workflow.stages()
    card = store.items.create(title="Ship it", stage_id=renamed[3].id)
    assert _done_position(renamed) == renamed[4].position
    agenda = agenda_for("release-review", [], TODAY, items=[card], stages=renamed)
    assert agenda[0].title == "Step 3: Ship it"
    assert [e.title for e in agenda_for("requirement-review", [], TODAY, items=[card], stages=renamed)] == ["Open questions"]


def test_migration_0007_fills_categories_and_project_roles(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, target="0006")
    with sqlite3.connect(path) as conn:  # rows as revision 0006 shaped them
        conn.execute("INSERT INTO project (id, name, description, version, created) VALUES (1, 'P', '', 1,"
                     " '2026-10-01 09:00:00')")
        for position, name in enumerate(["Pending review", "Doing", "Pending release", "Released", "Archive"]):
            conn.execute("INSERT INTO stage (project_id, name, position, wip_limit, criteria, version)"
                         " VALUES (1, ?, ?, NULL, '[]', 1)", (name, position))
        conn.execute("INSERT INTO person (id, name, handle, email, version) VALUES (7, 'Ann', 'ann', '', 1)")
        conn.execute("INSERT INTO role (id, name, code, position, version) VALUES (3, 'Dev', 'DEV', 0, 1)")
        conn.execute("INSERT INTO person_role (id, person_id, role_id, version) VALUES (12, 7, 3, 1)")
    upgrade(engine)
    assert current(engine) == HEAD
    store = Store(engine)
    assert [s.category for s in store.workflow.stages()] == [
        "backlog", "in_progress", "awaiting_release", "done", "after_release"]
    [ann] = store.workspace.people()
    assert (ann.active, ann.team, ann.availability, ann.project_roles) == (True, "", 100, {"P": ["Dev"]})
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id, project_id FROM person_role").fetchall() == [(12, 1)]
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'person_role'").fetchone()[0]
    assert "AUTOINCREMENT" in sql
    engine.dispose()


def test_writes_made_together_are_one_transaction_and_one_undo_step(store):
    stage = store.workflow.stages()[1]
    gate = store.workflow.gates()[stage.id]
    other = next(a for a in store.raci.activities() if a.stage_id is None)
    with store.together("edit stage Build"):
        stage = store.workflow.update_stage(stage.id, stage.version, name="Build", wip_limit=2)
        store.workflow.set_gate(stage.id, other.id)
    assert {c.label for c in store.changes() if c.txn == store.changes()[-1].txn} == {"edit stage Build"}
    assert store.undo() == "edit stage Build"
    assert store.workflow.stages()[1].name == "Pending development" and store.workflow.gates()[stage.id] == gate
    # all or nothing: a refusal inside the group leaves the first write unsaved too
    stage = store.workflow.stages()[1]
    with pytest.raises(ValidationFailed):
        with store.together("edit stage Build"):
            store.workflow.update_stage(stage.id, stage.version, name="Build")
            store.workflow.update_stage(stage.id, stage.version + 1, name="Pending test")
    assert store.workflow.stages()[1].name == "Pending development"
