"""Store methods of the RACI table: letters, activities, gates, roles, undo and the board link."""

import pytest

from cockpit.logic.raci import build
from cockpit.db.errors import StaleEdit, StoreError, ValidationFailed
from cockpit.db.models_raci import Activity, Assignment
from cockpit.db.store import Store


def cell_version(store, activity_id, role_id):
    """The version of a RACI cell as a screen reads it (0 if empty)."""
    return build(store.raci.table()).version(activity_id, role_id)


def test_new_workspace_gets_the_default_pmo_table_once(store, find):
    names = [a.name for a in store.raci.activities()]
    assert names == ["Requirement focus meeting", "PRD writing", "Technical design and estimate",
                     "Development and self-test", "Test case design", "Smoke test and acceptance",
                     "Release plan review", "Go-live with monitoring", "Retrospective"]
    assert find.letter("PRD writing", "PM") == "R" and find.letter("PRD writing", "BO") == "A"
    prd = find.activity("PRD writing")
    assert prd.gate and prd.stage_id == find.stage("Pending development")
    assert prd.criteria and prd.deliverable == "PRD with data-tracking plan"
    assert store.raci.seed_defaults() == 0  # a second call adds nothing
    assert len(store.raci.activities()) == 9
    assert not store.can_undo  # setting up is not something to undo


def test_demo_has_the_default_table_plus_one_activity_without_an_a(demo):
    store, _ctx = demo
    activities = store.raci.activities()
    assert len(activities) == 10 and len({a.name for a in activities}) == 10
    review = next(a for a in activities if a.name == "Data-tracking review")
    letters = {c.letter for c in store.raci.assignments() if c.activity_id == review.id}
    assert "A" not in letters and "R" in letters


def test_set_change_and_clear_a_letter_logs_and_undoes(store, find):
    activity, qa = find.activity("Technical design and estimate"), find.role("UX")
    assert find.letter(activity.name, "UX") is None
    cell = store.raci.set_letter(activity.id, qa, "c", version=0)
    assert cell.letter == "C" and find.letter(activity.name, "UX") == "C"
    cell = store.raci.set_letter(activity.id, qa, "R", version=cell.version)
    assert find.letter(activity.name, "UX") == "R"
    assert store.raci.set_letter(activity.id, qa, None, version=cell.version) is None
    assert find.letter(activity.name, "UX") is None
    labels = [c.label for c in store.changes(entity="raci_assignment")]
    assert labels[-3:] == ["set C Technical design and estimate / UX", "set R Technical design and estimate / UX",
                           "clear Technical design and estimate / UX"]
    assert store.undo() == "clear Technical design and estimate / UX"
    assert find.letter(activity.name, "UX") == "R"
    store.undo()
    store.undo()
    assert find.letter(activity.name, "UX") is None
    store.redo()
    assert find.letter(activity.name, "UX") == "C"


def test_a_bad_letter_is_refused_and_nothing_written(store, find):
    before = store.last_change_id()
    with pytest.raises(ValidationFailed) as error:
        store.raci.set_letter(find.activity("PRD writing").id, find.role("QA"), "X", 0)
    assert error.value.field == "letter" and store.last_change_id() == before


def test_a_cell_changed_in_another_window_is_refused(engine, store, find):
    activity, role = find.activity("PRD writing"), find.role("QA")
    seen = next(c for c in store.raci.assignments() if c.activity_id == activity.id and c.role_id == role)
    other = Store(engine, actor="bob", clock=store.clock)
    other.raci.set_letter(activity.id, role, "I", version=seen.version)
    with pytest.raises(StaleEdit, match="bob"):
        store.raci.set_letter(activity.id, role, "A", version=seen.version)
    assert find.letter("PRD writing", "QA") == "I"
    empty = find.role("PMO")
    other.raci.set_letter(activity.id, empty, "I", version=0)
    with pytest.raises(StaleEdit):
        store.raci.set_letter(activity.id, empty, "C", version=0)  # it was empty when this window read it


def test_add_activity_goes_to_the_end_of_its_phase_and_names_are_unique(store):
    added = store.raci.add_activity("Requirement review", phase="Requirements", criteria="PRD walked through")
    assert added.position == max(a.position for a in store.raci.activities() if a.id != added.id) + 1
    with pytest.raises(ValidationFailed) as error:
        store.raci.add_activity("requirement REVIEW", phase="Design")
    assert error.value.field == "name"
    with pytest.raises(ValidationFailed) as error:
        store.raci.add_activity("   ", phase="Design")
    assert error.value.field == "name"
    assert store.undo() == "add activity Requirement review"
    assert "Requirement review" not in [a.name for a in store.raci.activities()]


def test_reorder_swaps_within_the_phase_only(store, find):
    first, second = find.activity("Test case design"), find.activity("Smoke test and acceptance")
    store.raci.reorder(second.id, second.version, -1)
    order = [a.name for a in store.raci.activities()]
    assert order.index("Smoke test and acceptance") < order.index("Test case design")
    moved = find.activity("Smoke test and acceptance")
    store.raci.reorder(moved.id, moved.version, -1)  # first of its phase: stays
    assert [a.name for a in store.raci.activities()] == order
    store.undo()
    assert [a.position for a in (find.activity(first.name), find.activity(second.name))] == [first.position, second.position]


def test_gate_toggle_and_stage_link(store, find):
    design = find.activity("Technical design and estimate")
    assert not design.gate
    gated = store.raci.toggle_gate(design.id, design.version)
    assert gated.gate and gated.stage_id is None
    stage = find.stage("Pending development")
    linked = store.raci.update_activity(design.id, gated.version, stage_id=stage)
    assert linked.stage_id == stage
    assert find.activity("PRD writing").stage_id is None  # a stage names one gate activity
    ungated = store.raci.toggle_gate(design.id, linked.version)
    assert not ungated.gate and ungated.stage_id is None  # no gate, no stage
    store.undo()
    store.undo()
    assert find.activity("PRD writing").stage_id == stage and find.activity(design.name).stage_id is None


def test_delete_activity_takes_its_letters_and_undo_brings_both_back(store, find):
    prd = find.activity("PRD writing")
    letters = {c.role_id: c.letter for c in store.raci.assignments() if c.activity_id == prd.id}
    store.raci.delete_activity(prd.id, prd.version)
    assert "PRD writing" not in [a.name for a in store.raci.activities()]
    assert not [c for c in store.raci.assignments() if c.activity_id == prd.id]
    store.undo()
    assert find.activity("PRD writing").stage_id == prd.stage_id
    assert {c.role_id: c.letter for c in store.raci.assignments() if c.activity_id == prd.id} == letters


def test_roles_are_added_and_renamed_with_unique_names_and_codes(store):
    role = store.raci.add_role("Data analyst", "DA")
    assert store.workspace.roles()[-1].name == "Data analyst"
    with pytest.raises(ValidationFailed) as error:
        store.raci.add_role("Analyst", "da")
    assert error.value.field == "code"
    with pytest.raises(ValidationFailed) as error:
        store.raci.add_role("Data Analyst", "DX")
    assert error.value.field == "name"
    renamed = store.raci.rename_role(role.id, role.version, "Data scientist", "DS")
    assert (renamed.name, renamed.code) == ("Data scientist", "DS")
    with pytest.raises(StaleEdit):
        store.raci.rename_role(role.id, role.version, "Stale", "ST")
    assert store.undo() == "rename role Data analyst"
    assert store.workspace.roles()[-1].code == "DA"


def test_replace_table_is_all_or_nothing_and_undoable(store, find):
    before = store.raci.table()
    qa, pm = find.role("QA"), find.role("PM")
    with pytest.raises(ValidationFailed):
        store.raci.replace_table([{"name": "Fine", "letters": {pm: "A", qa: "R"}},
                                  {"name": "Bad", "letters": {pm: "Z"}}])
    assert store.raci.table() == before
    count = store.raci.replace_table([{"name": "Only", "phase": "All", "letters": {pm: "A", qa: "R"}}])
    assert count == 1 and [a.name for a in store.raci.activities()] == ["Only"]
    store.undo()
    after = store.raci.table()
    assert [a.name for a in after.activities] == [a.name for a in before.activities]
    assert sorted((c.activity_id, c.role_id, c.letter) for c in after.assignments) == \
        sorted((c.activity_id, c.role_id, c.letter) for c in before.assignments)


# --- the board link ------------------------------------------------------------------------------


def test_gate_approver_names_the_accountable_role_and_its_people(demo):
    store, _ctx = demo
    stages = {stage.name: stage.id for stage in store.workspace.stages()}
    assert store.raci.gate_approver(stages["Pending release"]) == "Product manager: Ann Lee"
    assert store.raci.gate_approver(stages["Pending development"]) == "Business owner: Hana Berg"
    assert store.raci.gate_approver(stages["Pending test"]) == "Tech lead: Eli Novak"
    assert store.raci.gate_approver(stages["Pending review"]) is None  # no gate activity guards it


def test_gate_approver_follows_edits_of_the_table(store, find):
    stage = find.stage("Pending release")
    assert store.raci.gate_approver(stage) == "Product manager: nobody holds this role"
    store.workspace.add_person("Ann Lee", "ann", ["Product manager"])
    store.workspace.add_person("Zoe Park", "zoe", ["PM"])
    assert store.raci.gate_approver(stage) == "Product manager: Ann Lee, Zoe Park"
    smoke = find.activity("Smoke test and acceptance")
    store.raci.set_letter(smoke.id, find.role("PM"), None, cell_version(store, smoke.id, find.role("PM")))
    assert "no Accountable role" in store.raci.gate_approver(stage)
    store.raci.set_letter(smoke.id, find.role("QA"), "A", cell_version(store, smoke.id, find.role("QA")))
    store.raci.set_letter(smoke.id, find.role("TPM"), "A", cell_version(store, smoke.id, find.role("TPM")))
    assert store.raci.gate_approver(stage) == "Technical PM: nobody holds this role; Test owner: nobody holds this role"
    store.raci.update_activity(smoke.id, store.raci.activity(smoke.id).version, stage_id=None)
    assert store.raci.gate_approver(stage) is None


def test_tables_are_in_the_change_log_model_registry():
    from cockpit.db.schema import model_for

    assert model_for("raci_activity") is Activity and model_for("raci_assignment") is Assignment


def test_user_text_is_cleaned_on_the_way_in(store):
    added = store.raci.add_activity("Go\x1b[31m live\nnow", phase="  Release\t", criteria="line one\nline two\x07")
    assert added.name == "Go[31m live now" and added.phase == "Release"
    assert added.criteria == "line one\nline two"
    with pytest.raises(StoreError):
        store.raci.add_activity("x" * 121)
