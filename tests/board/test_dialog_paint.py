"""A dialog opens with one paint of the screen and closes with one (issue 15), counted in what the
app hands its terminal driver: Textual painted the dialog before its children were mounted and then
the whole screen again, and repainted the board two or three times when it closed."""

from textual.app import App

from cockpit.screens.board.gate_checklist import GateModal
from cockpit.screens.shared.confirm import ConfirmModal
from tests.board.test_repaint import fill
from tests.helpers import cursor, until


class Painted:
    """Every update written to the terminal, as its text (what a held paint does not write is left out,
    as Textual's ``_display`` leaves it out)."""

    def __init__(self, app: App) -> None:
        self.updates: list[str] = []
        display = app._display

        def record(screen, renderable) -> None:  # noqa: ANN001
            if renderable is not None and hasattr(renderable, "render_segments") and not app._batch_count:
                self.updates.append(renderable.render_segments(app.console))
            display(screen, renderable)

        app._display = record  # type: ignore[method-assign]

    def take(self) -> list[str]:
        updates, self.updates = self.updates, []
        return updates


async def settle(pilot) -> None:  # noqa: ANN001
    for _ in range(4):  # the messages a paint may still cause, processed (no time waited)
        await pilot.pause()


async def open_and_close(pilot, app: App, dialog: type, texts: tuple[str, ...]) -> tuple[list, list, int]:  # noqa: ANN001
    painted = Painted(app)
    app.screen.refresh()
    await until(pilot, lambda: painted.updates, "a whole repaint")
    await settle(pilot)
    full = sum(len(update) for update in painted.take())
    await pilot.press("L")
    await until(pilot, lambda: isinstance(app.screen, dialog), "the dialog")
    await until(pilot, lambda: painted.updates and all(t in painted.updates[-1] for t in texts), "the dialog painted")
    await settle(pilot)
    opened = painted.take()
    app.screen.refresh()  # the yardstick of the dialog: one whole repaint of the screen it is on
    await until(pilot, lambda: painted.updates, "a whole repaint of the dialog")
    await settle(pilot)
    full = max(full, sum(len(update) for update in painted.take()))
    await pilot.press("escape")
    await until(pilot, lambda: not isinstance(app.screen, dialog), "the board again")
    await until(pilot, lambda: painted.updates, "the board painted")
    await settle(pilot)
    return opened, painted.take(), full


async def test_the_full_column_question_is_painted_once_and_so_is_the_board_after_it(store, make_app):
    fill(store)  # 12 cards in each stage: "Pending development" is over its WIP limit
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        opened, closed, full = await open_and_close(pilot, app, ConfirmModal, ("is full", "Cancel (n)"))
        assert len(opened) == 1, f"the dialog took {len(opened)} paints: {[len(u) for u in opened]}"
        assert len(opened[0]) <= full  # one screen: the board dimmed behind the finished dialog
        assert len(closed) == 1 and len(closed[0]) <= full, [len(u) for u in closed]
        assert "is full" not in closed[0] and "S0 card 0" in closed[0]


async def test_the_gate_checklist_is_painted_once(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        opened, closed, full = await open_and_close(pilot, app, GateModal, ("Gate: entering", "escape cancel"))
        assert len(opened) == 1 and len(opened[0]) <= full, [len(u) for u in opened]
        assert len(closed) == 1 and len(closed[0]) <= full, [len(u) for u in closed]
        assert [r.stage_id for r in store.items.board_rows() if r.title == "Alpha"] == [small["stages"][0].id]
