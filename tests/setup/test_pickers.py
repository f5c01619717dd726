"""Deactivated people leave every picker (card owner, risk owner, meeting attendees and action owner,
the gate's approvers from the RACI table) but keep showing on what they already own."""

from textual.widgets import Select, SelectionList

from cockpit.db.store import Store
from cockpit.logic.pickers import pickable
from tests.helpers import on_screen, until


def _options(app, selector: str) -> list[str]:
    widget = app.screen.query_one(selector)
    if isinstance(widget, SelectionList):
        return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return [str(prompt) for prompt, _value in widget._options if _value is not Select.NULL]


def _people(store: Store):
    ann = store.workspace.add_person("Ann Lee", "ann", ["TL"])
    ben = store.workspace.add_person("Ben Old", "ben", ["TL"])
    card = store.items.create(title="Owned by Ben", stage_id=store.workflow.stages()[0].id, owner_id=ben.id)
    risk = store.risks.create(title="Ben's risk", probability=2, impact=2, owner_id=ben.id)
    store.people.set_active(ben.id, store.workspace.person(ben.id).version, False)
    store.forget_undo()
    return ann, ben, card, risk


def test_pickable_keeps_the_active_and_the_current_holder(store: Store):
    ann, ben, _card, _risk = _people(store)
    people = store.workspace.people()
    assert [p.handle for p in pickable(people)] == ["ann"]
    assert [p.handle for p in pickable(people, ben.id, None)] == ["ann", "ben"]


def test_the_gate_approver_names_active_holders_only(store: Store):
    ann, ben, _card, _risk = _people(store)
    stage = next(s for s in store.workflow.stages() if store.raci.gate_approver(s.id) and "Tech lead" in store.raci.gate_approver(s.id))
    assert "Ann Lee" in store.raci.gate_approver(stage.id) and "Ben Old" not in store.raci.gate_approver(stage.id)


async def test_forms_offer_active_people_but_keep_a_deactivated_owner(store: Store, make_app):
    _ann, _ben, card, risk = _people(store)
    app = make_app(store, start_mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        await pilot.press("n")
        await until(pilot, on_screen(app, "CardFormModal"), "the new card form")
        assert _options(app, "#owner") == ["Ann Lee (@ann)"]
        await pilot.press("escape")
        await until(pilot, on_screen(app, "BoardScreen"), "the board again")
        await pilot.press("e")
        await until(pilot, on_screen(app, "CardFormModal"), "the edit form")
        assert _options(app, "#owner") == ["Ann Lee (@ann)", "Ben Old (@ben)"]
        assert app.screen.query_one("#owner", Select).value == card.owner_id
        await pilot.press("escape")
        await until(pilot, on_screen(app, "BoardScreen"), "the board again")
        assert store.items.get(card.id).owner_id == card.owner_id  # nothing changed by looking

        await pilot.press("3")
        await until(pilot, on_screen(app, "RisksScreen"), "the risks")
        await pilot.press("n")
        await until(pilot, on_screen(app, "RiskFormModal"), "the new risk form")
        assert _options(app, "#owner_id") == ["Ann Lee (@ann)"]
        await pilot.press("escape")

        await pilot.press("6")
        await until(pilot, on_screen(app, "MeetingScreen"), "the meeting screen")
        await pilot.press("m")
        await until(pilot, on_screen(app, "StartMeetingModal"), "the start form")
        assert _options(app, "#attendees") == ["Ann Lee"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: store.meetings.last() is not None, "the meeting started")
        assert [name for _id, name in store.meetings.detail(store.meetings.last().id).attendees] == ["Ann Lee"]
