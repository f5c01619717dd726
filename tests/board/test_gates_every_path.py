"""Gates and WIP limits hold on every path into a column: a new card goes through the gate's
checklist before it is saved, creating into a full column asks, a blocked card is warned about before
a gate, and a full column's question comes before the checklist."""

from cockpit.db.store import Store
from tests.helpers import board_text, cursor, until


def name(app) -> str:  # noqa: ANN001
    return type(app.screen).__name__


async def shows(pilot, app, screen: str) -> None:  # noqa: ANN001
    await until(pilot, lambda: name(app) == screen, f"the {screen}")


async def tick_all(pilot, count: int) -> None:  # noqa: ANN001
    for index in range(count):
        await pilot.press(*(["down"] if index else []), "space")
    await pilot.press("enter")


def created(store: Store, title: str):  # noqa: ANN201
    [item] = [i for i in store.items.all() if i.title == title]
    [change] = [c for c in store.changes(entity="item", entity_id=item.id) if c.action == "create"]
    return item, change


async def test_a_new_card_in_a_gated_column_passes_the_checklist_before_it_is_saved(store, small, make_app):
    stages = small["stages"]
    assert stages[1].criteria
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l", "n")  # Pending development: a gated column
        await shows(pilot, app, "CardFormModal")
        form = app.screen
        await pilot.press(*"Echo", "ctrl+s")
        await shows(pilot, app, "GateModal")
        assert "entering " + stages[1].name in str(app.screen.query_one("#gate-title").render())
        assert store.items.count() == 4  # nothing saved while the gate is open
        await pilot.press("escape")  # not passed: the form stays, with what was typed, and nothing is saved
        await shows(pilot, app, "CardFormModal")
        assert app.screen is form and form.query_one("#title").value == "Echo"
        assert "gate" in str(form.query_one("#form-error").render()) and store.items.count() == 4
        await pilot.press("ctrl+s")
        await shows(pilot, app, "GateModal")
        await tick_all(pilot, len(stages[1].criteria))
        await shows(pilot, app, "BoardScreen")
        item, change = created(store, "Echo")
        assert item.stage_id == stages[1].id
        assert change.detail["gate"] == "passed" and change.detail["criteria"] == list(stages[1].criteria)
        assert cursor(app).title == "Echo"


async def test_creating_into_a_full_column_asks_first_then_the_gate(store, small, make_app):
    stages = small["stages"]
    store.workspace.update_stage(stages[1].id, stages[1].version, wip_limit=1)  # Delta fills it
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l", "n")
        await shows(pilot, app, "ConfirmModal")
        assert "is full" in str(app.screen.query_one("#confirm-title").render())
        await pilot.press("n")  # no: no form, no card
        await shows(pilot, app, "BoardScreen")
        assert store.items.count() == 4
        await pilot.press("n")
        await shows(pilot, app, "ConfirmModal")
        await pilot.press("y")
        await shows(pilot, app, "CardFormModal")
        await pilot.press(*"Foxtrot", "ctrl+s")
        await shows(pilot, app, "GateModal")
        await pilot.press("o", *"hotfix", "enter")
        await shows(pilot, app, "BoardScreen")
        item, change = created(store, "Foxtrot")
        assert item.stage_id == stages[1].id
        assert change.detail["wip_confirmed"] is True and change.detail["wip_limit"] == 1
        assert change.detail["gate"] == "overridden" and change.detail["override_reason"] == "hotfix"
        assert "2/1 over" in board_text(app)[0]


async def test_moving_a_blocked_card_through_a_gate_warns_first(store, small, make_app):
    stages = small["stages"]
    store.items.set_blocked(small["A"].id, small["A"].version, True, "legal has not signed")
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        await shows(pilot, app, "ConfirmModal")
        assert "legal has not signed" in " ".join(str(s.render()) for s in app.screen.query("Static"))
        await pilot.press("n")
        await shows(pilot, app, "BoardScreen")
        assert store.items.get(small["A"].id).stage_id == stages[0].id
        await pilot.press("L")
        await shows(pilot, app, "ConfirmModal")
        await pilot.press("y")
        await shows(pilot, app, "GateModal")
        await tick_all(pilot, len(stages[1].criteria))
        await shows(pilot, app, "BoardScreen")
        assert store.items.get(small["A"].id).stage_id == stages[1].id
        move = [c for c in store.changes(entity="item", entity_id=small["A"].id) if c.action == "move"][-1]
        assert move.detail["moved_while_blocked"] is True and move.detail["gate"] == "passed"
