"""The Setup screen by keys alone: from a new workspace to a card through a gate, with undo."""

from textual.widgets import DataTable

from cockpit.db.store import Store
from tests.helpers import board_text, on_screen, until

PEOPLE = [("Ann Lee", "ann", "PM"), ("Ben Okafor", "ben", "TPM"), ("Chen Wei", "chen", "QA"),
          ("Dana Ruiz", "dana", "UX"), ("Eli Novak", "eli", "DEV")]


def cells(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def form_closed(pilot, app) -> None:
    await until(pilot, on_screen(app, "SetupScreen"), "the form to close")


async def test_a_new_workspace_is_set_up_by_keys_then_a_card_passes_the_gate(store: Store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "SetupScreen"), "the Setup screen")
        for name, handle, role in PEOPLE:
            await pilot.press("n")
            await until(pilot, on_screen(app, "PersonFormModal"), "the person form")
            await pilot.press(*name, "tab", *handle, "tab", "tab", *"Core", "tab", "tab", "tab", *role, "enter")
            await form_closed(pilot, app)
        assert [p.handle for p in store.workspace.people()] == ["ann", "ben", "chen", "dana", "eli"]
        assert [row[0] for row in cells(app, "people-table")] == [name for name, _h, _r in PEOPLE]
        assert store.workspace.people()[0].roles == ["Product manager"]
        # a bad handle is refused in the form, with the field named; nothing written
        await pilot.press("n")
        await until(pilot, on_screen(app, "PersonFormModal"), "the person form")
        await pilot.press(*"Fay", "tab", *"Fay X", "enter")
        assert str(app.screen.query_one("#form-error").render()).startswith("Handle:")
        await pilot.press("escape")
        await form_closed(pilot, app)
        assert len(store.workspace.people()) == 5

        # Workflow: rename a stage, change its WIP limit (the edit form)
        await pilot.press("]", "]", "down")
        assert app.screen.section == "workflow"
        await pilot.press("e")
        await until(pilot, on_screen(app, "StageFormModal"), "the stage form")
        app.screen.query_one("#name").value = ""
        await pilot.press(*"In development", "tab", "tab")
        app.screen.query_one("#wip").value = ""
        old_gate = store.workflow.gates()[store.workflow.stages()[1].id]
        other = next(a for a in store.raci.activities() if a.id != old_gate[0] and a.stage_id is None)
        app.screen.query_one("#gate").value = other.id  # and its gate activity, in the same form
        await pilot.press(*"3", "ctrl+s")
        await form_closed(pilot, app)
        stage = store.workflow.stages()[1]
        assert (stage.name, stage.wip_limit, stage.category) == ("In development", 3, "in_progress")
        assert store.workflow.gates()[stage.id] == (other.id, other.name)
        assert cells(app, "stages-table")[1][:3] == ["In development", "in progress", "3"]
        # a gate criterion: edit the first, then add one
        await pilot.press("tab")
        await until(pilot, lambda: app.screen.focused.id == "criteria-table", "the criteria table")
        await pilot.press("e")
        await until(pilot, on_screen(app, "CriterionFormModal"), "the criterion form")
        app.screen.query_one("#criterion").value = ""
        await pilot.press(*"PRD signed off", "enter")
        await form_closed(pilot, app)
        assert store.workflow.stages()[1].criteria[0] == "PRD signed off"
        assert cells(app, "criteria-table")[0] == ["1", "PRD signed off"]

        # undo each setup action, newest first, then redo them
        await pilot.press("u")
        await until(pilot, lambda: store.workflow.stages()[1].criteria[0] == "PRD written", "the criterion undone")
        await pilot.press("u")
        await until(pilot, lambda: store.workflow.stages()[1].name == "Pending development", "the stage edit undone")
        assert cells(app, "stages-table")[1][0] == "Pending development"
        assert store.workflow.gates()[stage.id] == old_gate  # the stage and its gate: one undo step
        await pilot.press("u")
        await until(pilot, lambda: len(store.workspace.people()) == 4, "the last person undone")
        await pilot.press("ctrl+r", "ctrl+r", "ctrl+r")
        await until(pilot, lambda: store.workflow.stages()[1].criteria[0] == "PRD signed off", "the redo")
        assert len(store.workspace.people()) == 5 and store.workflow.stages()[1].name == "In development"

        # the board: a new card, moved through the renamed stage's gate
        await pilot.press("1")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        await pilot.pause()
        assert any("In development" in line for line in board_text(app))
        await pilot.press("n")
        await until(pilot, on_screen(app, "CardFormModal"), "the card form")
        await pilot.press(*"First card", "ctrl+s")
        await until(pilot, on_screen(app, "BoardScreen"), "the board again")
        [card] = store.items.all()
        await pilot.press("L")
        await until(pilot, on_screen(app, "GateModal"), "the gate checklist")
        assert "PRD signed off" in str(app.screen.query_one("GateChecklist").get_option_at_index(0).prompt)
        await pilot.press("space", "down", "space", "down", "space", "enter")
        await until(pilot, lambda: store.items.get(card.id).stage_id == store.workflow.stages()[1].id, "the move")
        move = [c for c in store.changes(entity="item", entity_id=card.id) if c.action == "move"][-1]
        assert move.detail["gate"] == "passed" and move.detail["to_stage"] == "In development"
        assert move.detail["criteria"][0] == "PRD signed off"


async def test_deactivating_an_owner_keeps_them_and_undo_brings_them_back(store: Store, make_app):
    ann = store.workspace.add_person("Ann Lee", "ann")
    store.items.create(title="Owned", stage_id=store.workflow.stages()[0].id, owner_id=ann.id)
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, on_screen(app, "SetupScreen"), "the Setup screen")
        await pilot.press("x")
        await until(pilot, on_screen(app, "ConfirmModal"), "the confirm")
        assert "1 cards" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await until(pilot, lambda: not store.workspace.person(ann.id).active, "the deactivation")
        assert cells(app, "people-table")[0][-1] == "inactive" and store.items.all()[0].owner_id == ann.id
        await pilot.press("u")
        await until(pilot, lambda: store.workspace.person(ann.id).active, "the undo")
        assert cells(app, "people-table")[0][-1] == ""


async def test_a_used_role_and_a_full_stage_are_refused_with_a_count(store: Store, make_app):
    store.items.create(title="Card", stage_id=store.workflow.stages()[0].id)
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "SetupScreen"), "the Setup screen")
        await pilot.press("]", "x")
        await until(pilot, on_screen(app, "ConfirmModal"), "the confirm")
        await pilot.press("y")
        await until(pilot, lambda: any("RACI letters" in str(n.message) for n in app._notifications), "the refusal")
        assert len(store.workspace.roles()) == 8
        await pilot.press("shift+down")
        await until(pilot, lambda: store.workspace.roles()[1].code == "PM", "the role moved")
        await pilot.press("]", "x")
        await until(pilot, on_screen(app, "ConfirmModal"), "the confirm")
        await pilot.press("y")
        await until(pilot, lambda: any("still holds 1 card" in str(n.message) for n in app._notifications),
                    "the refusal")
        assert len(store.workflow.stages()) == 6
