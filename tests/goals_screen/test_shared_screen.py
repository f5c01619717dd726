"""The OKR board on a shared screen: legible at 80x24 while presenting, a confidential objective's
words masked; another window's check-in reaches it through the live-update path; its look at 120x40."""

from datetime import timedelta

from cockpit.db.store import Store
from cockpit.logic.present import MASK
from cockpit.screens.goals.screen import GoalsScreen
from cockpit.widgets.okr_table import OkrTable
from tests.helpers import TODAY, cockpit_app, until


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(OkrTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_presenting_at_80x24_masks_a_confidential_objective(store, settings, okrs, people):
    secret = store.goals.add_objective("Acquire Northwind quietly", owner_id=people["ben"].id, confidential=True,
                                       strategy="Northwind board first")
    store.goals.add_kr(secret.id, "Northwind diligence done", metric="Northwind checklist", unit="%", target=100)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("Northwind" in cell for row in rows(app) for cell in row)
        await pilot.press("f5")
        await until(pilot, lambda: not any("Northwind" in cell for row in rows(app) for cell in row), "the mask")
        codes = [row[0] for row in rows(app)]
        assert codes == ["O1", "O1-KR1", "O1-KR2", "O2", "O2-KR1"]  # everything keeps its place
        assert rows(app)[3][1] == MASK and rows(app)[4][1].startswith(MASK)
        assert len(rows(app)[0]) == 6  # narrow: code, title, target, average, progress, sparkline
        assert rows(app)[1][1].startswith("Checkout conversion")  # the rest stays legible
        await pilot.press("down", "down", "down")  # the secret objective's detail line masks its strategy too
        await until(pilot, lambda: app.screen.query_one(OkrTable).current.code == "O2", "the secret objective")
        detail = str(app.screen.query_one("#goals-detail").content)
        assert "Northwind" not in detail and MASK in detail
        await pilot.press("e")  # its form would quote it: refused while presenting
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("slash", *"northwind")  # filtering cannot confirm a hidden word either
        await until(pilot, lambda: app.screen.controller.filter_text == "northwind", "the filter")
        assert rows(app) == []


async def test_another_windows_check_in_reaches_the_board(engine, store, settings, okrs, clock):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals", live=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert next(row for row in rows(app) if row[0] == "O1-KR2")[5] == "no data"
        other = Store(engine, actor="ben", clock=clock)  # another cockpit on the same database
        other.goals.check_in(okrs["speed"].id, TODAY - timedelta(days=2), 61)
        await until(pilot, lambda: next(row for row in rows(app) if row[0] == "O1-KR2")[5].startswith("61 ·1d"),
                    "the other window's check-in")


def test_okr_board_120x40(store, settings, okrs, snap_compare):
    stages = {stage.name: stage for stage in store.workspace.stages()}
    store.items.create(title="One-page checkout", stage_id=stages["Pending development"].id, kr_id=okrs["conversion"].id)
    store.items.create(title="Apple Pay", stage_id=stages["Released"].id, kr_id=okrs["conversion"].id)
    for back in range(0, 30, 3):
        store.goals.check_in(okrs["speed"].id, TODAY - timedelta(days=back), 70 - (30 - back) * 0.6)
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await pilot.press("down")  # the conversion KR: its month's target and actual below the table
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_a_confidential_objectives_words_are_secrets_while_presenting(store, okrs, people):
    from cockpit.services.present import secrets_of

    secret = store.goals.add_objective("Acquire Northwind", confidential=True)
    store.goals.add_kr(secret.id, "Diligence on Contoso done")
    assert secrets_of(store, True).hide("Not saved: edit objective Acquire Northwind") == f"Not saved: edit objective {MASK}"
    assert secrets_of(store, True).hides("check Diligence on Contoso done") and not secrets_of(store, False).hides(
        "Acquire Northwind")
    assert not secrets_of(store, True).hides(okrs["objective"].title)
