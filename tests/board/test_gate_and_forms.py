"""Gates (tick, override, cancel, WIP confirmation) and the card form, through the real keys."""

from cockpit.db.store import Store
from tests.helpers import board_text, cursor
from tests.helpers import TODAY


def last_move(store: Store, item_id: int):
    return [c for c in store.changes(entity="item", entity_id=item_id) if c.action == "move"][-1]


async def test_gate_needs_every_criterion_then_records_them(store, small, make_app):
    stages = small["stages"]
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        gate = app.screen
        assert type(gate).__name__ == "GateModal" and "PRD written" in str(gate.query_one("GateChecklist").get_option_at_index(0).prompt)
        await pilot.press("space", "enter")  # one of three: refused
        await pilot.pause()
        assert app.screen is gate and "2 criteria not ticked" in str(gate.query_one("#gate-error").render())
        assert store.items.get(small["A"].id).stage_id == stages[0].id
        await pilot.press("down", "space", "down", "space", "enter")
        await pilot.pause()
        assert store.items.get(small["A"].id).stage_id == stages[1].id
        detail = last_move(store, small["A"].id).detail
        assert detail["gate"] == "passed" and detail["criteria"] == list(stages[1].criteria)
        assert cursor(app).title == "Alpha" and cursor(app).stage_id == stages[1].id
        await pilot.press("u")
        await pilot.pause()
        assert store.items.get(small["A"].id).stage_id == stages[0].id


async def test_gate_override_stores_the_typed_reason(store, small, make_app):
    stages = small["stages"]
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("space", "o")
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert "override reason" in str(app.screen.query_one("#gate-error").render())
        await pilot.press(*"CTO said ship [it]", "enter")
        await pilot.pause()
        detail = last_move(store, small["A"].id).detail
        assert detail["gate"] == "overridden" and detail["override_reason"] == "CTO said ship [it]"
        assert detail["criteria"] == [stages[1].criteria[0]] and detail["unmet"] == stages[1].criteria[1:]
        assert store.items.get(small["A"].id).stage_id == stages[1].id


async def test_gate_escape_cancels_and_shows_the_approver(store, small, make_app, monkeypatch):
    monkeypatch.setattr(store.raci, "gate_approver", lambda stage_id: "Tech lead: Eli Novak")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        assert "Approver: Tech lead: Eli Novak" in str(app.screen.query_one("#gate-approver").render())
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        assert store.items.get(small["A"].id).stage_id == small["stages"][0].id
        assert not [c for c in store.changes(entity="item") if c.action == "move"]


async def test_moving_into_a_full_column_asks_and_records_it(store, small, make_app):
    stages = small["stages"]
    store.workspace.update_stage(stages[1].id, stages[1].version, wip_limit=1)  # Delta fills it
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "1/1" in board_text(app)[0]
        await pilot.press("L")  # the WIP question comes before the gate's checklist
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        assert store.items.get(small["A"].id).stage_id == stages[0].id
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "GateModal"
        await pilot.press("o", *"urgent fix", "enter")
        await pilot.pause()
        detail = last_move(store, small["A"].id).detail
        assert detail["wip_confirmed"] is True and detail["wip_limit"] == 1 and detail["wip_count"] == 1
        assert detail["override_reason"] == "urgent fix"
        assert "2/1 over" in board_text(app)[0]


async def test_new_card_form_validates_then_saves_with_a_relative_due_date(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")  # empty title
        await pilot.pause()
        assert str(form.query_one("#form-error").render()).startswith("title:")
        assert store.items.count() == 4
        await pilot.press(*"Write the FAQ 日本語 [b]")
        form.query_one("#estimate").focus()
        await pilot.press(*"-2", "ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#form-error").render()).startswith("estimate:") and store.items.count() == 4
        form.query_one("#estimate").value = "1.5"
        form.query_one("#due").focus()
        await pilot.press(*"next fri")
        await pilot.pause()
        assert "Fri 27 Nov 2026" in str(form.query_one("#due-parsed").render())
        form.query_one("#due").value = "banana"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert str(form.query_one("#form-error").render()).startswith("due:") and store.items.count() == 4
        form.query_one("#due").value = "fri"
        await pilot.press("enter")
        await pilot.pause()
        assert store.items.count() == 5
        new = cursor(app)
        item = store.items.get(new.id)
        assert (item.title, item.estimate, item.due) == ("Write the FAQ 日本語 [b]", 1.5, TODAY.replace(day=27))
        assert item.stage_id == small["stages"][0].id and item.iteration_id == small["iteration"].id
        await pilot.press("u")
        await pilot.pause()
        assert store.items.count() == 4


async def test_edit_with_e_or_enter_changes_the_card(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#title").value == "Alpha" and form.query_one("#estimate").value == "1"
        form.query_one("#title").value = "Alpha prime"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.items.get(small["A"].id).title == "Alpha prime"
        assert "Alpha prime" in "\n".join(board_text(app))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert store.items.get(small["A"].id).title == "Alpha prime"
        await pilot.press("u")
        await pilot.pause()
        assert store.items.get(small["A"].id).title == "Alpha"
