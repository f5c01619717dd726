"""The risk store methods: validation, versions, quick edits, review, board items, settings, undo."""

from datetime import timedelta

import pytest

from cockpit.db.errors import StaleEdit, ValidationFailed
from cockpit.db.models import Person
from cockpit.db.store import Store
from tests.helpers import TODAY


def test_create_stores_every_field_and_logs_it(store, people, add_risk):
    risk = add_risk("Payment outage", description="Provider down", category="Vendor", probability=2, impact=5,
                    owner_id=people["ben"].id, trigger="Status page red", response="transfer",
                    mitigation="Second provider", contingency="Switch provider", residual_probability=1,
                    residual_impact=4, status="monitoring", next_review=TODAY, confidential=True)
    got = store.risks.get(risk.id)
    assert (got.score, got.residual_score, got.owner_handle, got.confidential) == (10, 4, "ben", True)
    assert (got.response, got.status, got.next_review, got.trigger) == ("transfer", "monitoring", TODAY,
                                                                       "Status page red")
    [change] = store.changes(entity="risk", entity_id=risk.id)
    assert change.action == "create" and change.after["probability"] == 2


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": "ok", "probability": 0}, "probability"),
    ({"title": "ok", "impact": 6}, "impact"),
    ({"title": "ok", "response": "ignore"}, "response"),
    ({"title": "ok", "status": "done"}, "status"),
    ({"title": "ok", "residual_probability": 2}, "residual_impact"),
    ({"title": "ok", "residual_impact": 9, "residual_probability": 1}, "residual_impact"),
    ({"title": "ok", "owner_id": 999}, "owner"),
    ({"title": "ok", "item_id": 999}, "item"),
    ({"title": "ok", "next_review": "next week"}, "next_review"),
])
def test_bad_input_names_the_field_and_writes_nothing(store, fields, field):
    before = store.last_change_id()
    with pytest.raises(ValidationFailed) as error:
        store.risks.create(**fields)
    assert error.value.field == field
    assert store.risks.all() == [] and store.last_change_id() == before


def test_update_checks_the_version_and_names_who_changed_it(engine, store, add_risk):
    risk = add_risk()
    other = Store(engine, actor="bob", clock=store.clock)
    other.risks.update(risk.id, risk.version, title="Bob's risk")
    with pytest.raises(StaleEdit, match="bob"):
        store.risks.update(risk.id, risk.version, title="Mine")
    assert store.risks.get(risk.id).title == "Bob's risk"


def test_update_refuses_a_residual_half_and_unknown_fields(store, add_risk):
    risk = add_risk()
    with pytest.raises(ValidationFailed) as error:
        store.risks.update(risk.id, risk.version, residual_probability=2)
    assert error.value.field == "residual_impact"
    with pytest.raises(ValidationFailed) as error:
        store.risks.update(risk.id, risk.version, project_id=5)
    assert error.value.field == "project_id"
    assert store.risks.get(risk.id).version == risk.version


def test_nudge_moves_one_step_within_one_to_five(store, add_risk):
    risk = add_risk(probability=4, impact=1)
    risk = store.risks.nudge(risk.id, risk.version, "probability", 1)
    assert risk.probability == 5 and risk.score == 5
    with pytest.raises(ValidationFailed):
        store.risks.nudge(risk.id, risk.version, "probability", 1)
    with pytest.raises(ValidationFailed):
        store.risks.nudge(risk.id, risk.version, "impact", -1)
    assert store.risks.get(risk.id).version == risk.version


def test_nudging_a_residual_starts_from_the_inherent_pair(store, add_risk):
    risk = add_risk(probability=4, impact=3)
    risk = store.risks.nudge(risk.id, risk.version, "residual_probability", -1)
    assert (risk.residual_probability, risk.residual_impact) == (3, 3)


def test_score_history_comes_from_the_change_log(store, clock, add_risk):
    risk = add_risk(probability=2, impact=3)
    clock.advance(days=1)
    risk = store.risks.nudge(risk.id, risk.version, "impact", 1)
    clock.advance(days=1)
    risk = store.risks.update(risk.id, risk.version, title="Renamed")  # no score change: no point
    clock.advance(days=1)
    risk = store.risks.update(risk.id, risk.version, probability=5)
    history = store.risks.score_history(risk.id)
    assert [point.score for point in history] == [6, 8, 20]
    assert history[-1].at == clock.now and history[0].actor == "tester"


def test_mark_reviewed_moves_the_next_review_by_the_interval(store, add_risk):
    risk = add_risk(next_review=TODAY - timedelta(days=4))
    reviewed = store.risks.mark_reviewed(risk.id, risk.version, TODAY)
    assert reviewed.next_review == TODAY + timedelta(days=7) and reviewed.last_reviewed == TODAY
    store.risks.update_settings(store.risks.settings().version, review_days=14)
    again = store.risks.mark_reviewed(reviewed.id, reviewed.version, TODAY)
    assert again.next_review == TODAY + timedelta(days=14)
    store.undo()
    assert store.risks.get(risk.id).next_review == TODAY + timedelta(days=7)


def test_occurred_risk_becomes_a_blocked_linked_card_and_one_undo_removes_both(store, people, add_risk):
    risk = add_risk("Partner late", status="occurred", owner_id=people["ann"].id, probability=5, impact=4,
                    contingency="Launch without partner")
    linked = store.risks.to_board_item(risk.id, risk.version)
    item = store.items.get(linked.item_id)
    assert item.blocked and "Partner late" in item.blocked_reason and item.owner_id == people["ann"].id
    assert item.stage_id == store.workspace.stages()[0].id and item.priority == "urgent"
    assert "Launch without partner" in item.description
    assert store.undo() == f"card from risk {risk.title}"
    assert store.items.count() == 0 and store.risks.get(risk.id).item_id is None
    store.redo()
    assert store.items.count() == 1 and store.risks.get(risk.id).item_id is not None


def test_only_occurred_unlinked_risks_become_cards(store, add_risk):
    risk = add_risk(status="open")
    with pytest.raises(ValidationFailed) as error:
        store.risks.to_board_item(risk.id, risk.version)
    assert error.value.field == "status"
    risk = store.risks.update(risk.id, risk.version, status="occurred")
    risk = store.risks.to_board_item(risk.id, risk.version)
    with pytest.raises(ValidationFailed) as error:
        store.risks.to_board_item(risk.id, risk.version)
    assert error.value.field == "item" and store.items.count() == 1


def test_undo_and_redo_of_create_edit_nudge_and_delete(store, add_risk):
    risk = add_risk("Original", probability=2)
    risk = store.risks.update(risk.id, risk.version, title="Edited", confidential=True)
    risk = store.risks.nudge(risk.id, risk.version, "probability", 1)
    store.risks.delete(risk.id, risk.version)
    assert store.risks.all() == []
    store.undo()  # delete
    assert store.risks.get(risk.id).probability == 3
    store.undo()  # nudge
    assert store.risks.get(risk.id).probability == 2
    store.undo()  # edit
    assert (store.risks.get(risk.id).title, store.risks.get(risk.id).confidential) == ("Original", False)
    store.undo()  # create
    assert store.risks.all() == []
    store.redo()
    store.redo()
    assert store.risks.get(risk.id).title == "Edited"


def test_settings_default_validate_and_undo(store):
    assert store.risks.settings().thresholds == (4, 9, 16)
    saved = store.risks.update_settings(store.risks.settings().version, low_max=3, medium_max=8, high_max=12)
    assert saved.thresholds == (3, 8, 12) and saved.version == 1
    with pytest.raises(ValidationFailed) as error:
        store.risks.update_settings(saved.version, medium_max=2)
    assert error.value.field == "medium_max"
    with pytest.raises(ValidationFailed) as error:
        store.risks.update_settings(saved.version, review_days=0)
    assert error.value.field == "review_days"
    store.risks.update_settings(saved.version, high_max=15)
    store.undo()
    assert store.risks.settings().thresholds == (3, 8, 12)
    store.undo()
    assert store.risks.settings().thresholds == (4, 9, 16)


def test_import_many_is_all_or_nothing(store, people):
    from cockpit.db.models_risks import RiskCreate

    good = RiskCreate(title="One", owner_id=people["ann"].id)
    bad = RiskCreate(title="Two", owner_id=9999)
    with pytest.raises(ValidationFailed, match="row 2"):
        store.risks.import_many([good, bad])
    assert store.risks.all() == []
    ids = store.risks.import_many([good, RiskCreate(title="Two")])
    assert len(ids) == 2 and len(store.risks.all()) == 2
    store.undo()
    assert store.risks.all() == []


def test_all_is_sorted_by_score_and_search_finds_titles(store, add_risk):
    add_risk("Low one", probability=1, impact=1)
    add_risk("High one", probability=5, impact=4)
    add_risk("Mid one", probability=3, impact=3)
    assert [r.title for r in store.risks.all()] == ["High one", "Mid one", "Low one"]
    assert [r.title for r in store.risks.search("MID")] == ["Mid one"]


def test_all_with_known_risks_reads_back_only_what_changed(store, people, add_risk):
    """A screen reloads with ``all(known=...)``: unchanged risks come back as the same objects; new,
    edited, deleted risks, a renamed owner and a deleted linked card (ON DELETE SET NULL, which does
    not bump the risk's version) are all seen."""
    calm = add_risk("Calm", owner_id=people["ann"].id)
    moving = add_risk("Moving", probability=2, impact=2)
    gone = add_risk("Gone")
    occurred = add_risk("Occurred", status="occurred")
    linked = store.risks.to_board_item(occurred.id, occurred.version)
    before = store.risks.all()
    again = store.risks.all(known=before)
    assert again == before and all(a is b for a, b in zip(again, before))

    store.risks.nudge(moving.id, moving.version, "impact", 1)
    store.risks.delete(gone.id, gone.version)
    new = add_risk("New", probability=5, impact=5)
    store.items.delete(linked.item_id, store.items.get(linked.item_id).version)
    with store.write("rename ann") as tx:
        ann = tx.get(Person, people["ann"].id)
        tx.update(ann, ann.version, {"name": "Ann Smith"})
    after = store.risks.all(known=before)
    assert after == store.risks.all()  # the same as a full read, in the same order
    by_id = {risk.id: risk for risk in after}
    assert set(by_id) == {calm.id, moving.id, occurred.id, new.id}
    assert by_id[moving.id].score == 6 and by_id[occurred.id].item_id is None
    assert by_id[calm.id].owner_name == "Ann Smith"
    assert by_id[occurred.id] is not next(r for r in before if r.id == occurred.id)
