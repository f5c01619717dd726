"""The confirm question is built once and asked again in the same dialog (issue 15): the second
question shows its own words, colours and focus, is painted once, and answers only its own asker."""

from textual.screen import Screen
from textual.widgets import Button, Static

from cockpit.screens.base import confidential_quote, quotes_confidential
from cockpit.screens.board.screen import BoardScreen
from cockpit.screens.shared.confirm import ConfirmModal
from tests.board.test_dialog_paint import Painted, settle
from tests.board.test_repaint import fill
from tests.helpers import board_text, cursor, until


async def built_ahead(pilot, app) -> ConfirmModal:  # noqa: ANN001
    """The question the app builds in idle time once the board is shown (then each test's is that one)."""
    await until(pilot, lambda: ConfirmModal in getattr(app, "_kept_dialogs", {})
                and app._kept_dialogs[ConfirmModal].is_mounted, "the question built in idle time")
    return app._kept_dialogs[ConfirmModal]


def words(modal: ConfirmModal) -> tuple:
    return (str(modal.query_one("#confirm-title", Static).render()), modal.query_one("#confirm-question").display,
            str(modal.query_one("#yes", Button).label), modal.has_class("-danger"), modal.focused.id)


async def test_a_second_question_is_asked_in_the_kept_dialog_with_its_own_words(store, make_app):
    fill(store)  # "Pending development" is over its WIP limit
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        await built_ahead(pilot, app)
        board = app.screen
        first_card = cursor(app)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal) and app.screen.focused, "the full column's question")
        kept = app.screen
        assert words(kept) == ("Pending development is full", True, "Move anyway (y)", False, "no")
        await pilot.press("tab")  # the focus on the other button: the next question starts on the safe one again
        await until(pilot, lambda: kept.focused.id == "yes", "yes focused")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is board, "the board")
        await settle(pilot)
        painted = Painted(app)
        await pilot.press("x")  # delete the card: another question, in the same dialog
        await until(pilot, lambda: app.screen is kept and painted.updates and "Delete card" in painted.updates[-1],
                    "the delete question painted")
        await settle(pilot)
        updates = painted.take()
        assert len(updates) == 1  # one paint, as a new dialog
        assert words(kept) == ("Delete card", True, "Delete (y)", False, "no")
        yes, no = kept.query_one("#yes"), kept.query_one("#no")
        assert yes.size == no.size  # "Delete (y)" and "Cancel (n)": laid out for the new words
        await pilot.press("enter")  # the safe button
        await until(pilot, lambda: app.screen is board, "the board")
        assert store.items.get(first_card.id) is not None
        await pilot.press("x")
        await until(pilot, lambda: app.screen is kept and kept.focused, "the delete question")
        await pilot.press("y")
        await until(pilot, lambda: app.screen is board and first_card.title not in "\n".join(board_text(app)), "deleted")
        assert first_card.id not in [row.id for row in store.items.board_rows()]
        await pilot.press("L")  # the WIP question again: nothing of the delete question is left
        await until(pilot, lambda: app.screen is kept and kept.focused, "the full column's question")
        assert words(kept) == ("Pending development is full", True, "Move anyway (y)", False, "no")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board, "the board")
        assert [row.stage_id for row in store.items.board_rows() if row.title == "S0 card 1"] == [board.model.stages[0].id]


async def test_each_answer_goes_to_its_own_question_and_a_question_within_one_is_new(store, make_app):
    app = make_app(store)
    answers: list = []
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        await built_ahead(pilot, app)
        app.push_screen(ConfirmModal("First", "one?"), lambda yes: answers.append(("first", yes)))
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal) and app.screen.focused, "the first")
        kept = app.screen
        await pilot.press("y")
        await until(pilot, lambda: answers == [("first", True)], "the first answer")
        app.push_screen(quotes_confidential(ConfirmModal("Second", ""), "Card #1"), lambda yes: answers.append(("second", yes)))
        await until(pilot, lambda: app.screen is kept and kept.focused, "the second, in the kept dialog")
        assert confidential_quote(kept) == "Card #1" and not kept.query_one("#confirm-question").display
        app.push_screen(ConfirmModal("Third", "inside?"), lambda yes: answers.append(("third", yes)))
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal) and app.screen is not kept and app.screen.focused,
                    "a question asked from the open one is a new dialog")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is kept, "back to the second")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        assert answers == [("first", True), ("third", False), ("second", True)]
        app.push_screen(ConfirmModal("Fourth", "plain"), lambda yes: answers.append(("fourth", yes)))
        await until(pilot, lambda: app.screen is kept and kept.focused, "the fourth")
        assert confidential_quote(kept) is None  # the second's mark is not carried over
        await pilot.press("escape")
        await until(pilot, lambda: answers[-1] == ("fourth", False), "the fourth answer")


async def test_the_first_question_is_asked_in_a_dialog_built_ahead(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        board = app.screen
        ahead = await built_ahead(pilot, app)
        assert ahead not in app.screen_stack and app.screen is board
        painted = Painted(app)
        await pilot.press("x")
        await until(pilot, lambda: app.screen is ahead and painted.updates and "Delete card" in painted.updates[-1],
                    "the delete question painted")
        await settle(pilot)
        assert len(painted.take()) == 1
        assert words(ahead) == ("Delete card", True, "Delete (y)", False, "no")
        await pilot.press("y")
        await until(pilot, lambda: app.screen is board and store.items.count() == 3, "the card deleted")


async def test_the_question_built_ahead_is_readied_for_its_first_opening(store, make_app, monkeypatch):
    """The question built ahead is readied in idle time as the later openings find it: laid out at the
    terminal's size, its paint timer's first tick spent (the first tick of a screen's update timer
    comes a whole frame after its first refresh), and the board's lines tinted for it (``dim_ahead``):
    the first question of the session is painted from those very lines, none tinted again."""
    ticks: list = []

    def on_timer_update(modal: ConfirmModal) -> None:
        ticks.append(app.screen is modal)
        Screen._on_timer_update(modal)

    monkeypatch.setattr(ConfirmModal, "_on_timer_update", on_timer_update)  # before the timer is made
    fill(store)  # "Pending development" is over its WIP limit
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        board = app.screen
        kept = await built_ahead(pilot, app)
        await until(pilot, lambda: getattr(board, "_cockpit_tint", None) is not None and ticks, "the question readied")
        assert kept.query_one("#yes").region  # laid out ahead (a widget's region is empty until the screen is)
        assert ticks == [False]  # its first tick spent while it is not shown (it painted nothing)
        tint = board._cockpit_tint
        assert tint.color == kept.styles.background
        assert len(tint.lines) == len({tuple(strip) for strip in board._compositor.render_strips()})  # each line (alike ones once)
        ahead = {id(line) for line in tint.lines.values()}
        await settle(pilot)
        painted = Painted(app)
        await pilot.press("L")
        await until(pilot, lambda: app.screen is kept and painted.updates and "is full" in painted.updates[-1],
                    "the full column's question painted")
        assert ticks[-1] is True  # painted at its own tick
        assert board._cockpit_tint is tint  # the same colour and base: the cache made ahead is the one used
        assert {id(line) for line in tint.lines.values()} == ahead  # every line of the board tinted ahead, none again


def toasts(screen) -> list:  # noqa: ANN001
    return [toast for toast in screen.query("Toast")]  # by type name: Textual's module for it is private


async def test_a_toast_shown_meanwhile_is_already_in_the_kept_question_when_it_opens(store, make_app):
    """A toast shown on the board while the question is closed is mounted in the kept question in idle
    time: opening it mounts nothing, and the toast shows on the question, in its one paint."""
    fill(store)  # "Pending development" is over its WIP limit
    app = make_app(store)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:  # toasts shown
        await until(pilot, lambda: cursor(app) is not None, "the board")
        kept = await built_ahead(pilot, app)
        board = app.screen
        app.notify("Saved by another window", markup=False, timeout=60)
        await until(pilot, lambda: toasts(board) and toasts(kept), "the toast, on the board and in the closed question")
        waiting = toasts(kept)
        await settle(pilot)
        painted = Painted(app)
        await pilot.press("L")
        await until(pilot, lambda: app.screen is kept and painted.updates and "is full" in painted.updates[-1],
                    "the full column's question painted")
        await settle(pilot)
        updates = painted.take()
        assert len(updates) == 1 and "Saved by another window" in updates[0]  # the toast on the question, in its one paint
        assert toasts(kept) == waiting  # the very toast mounted ahead: nothing mounted on the way in
        await pilot.press("n")
        await until(pilot, lambda: app.screen is board, "the board")
        app.clear_notifications()
        await until(pilot, lambda: not toasts(board) and not toasts(kept), "the toasts gone from both")


async def test_a_question_built_ahead_as_the_app_exits_raises_nothing(store, small, make_app):
    """The kept question is built in idle time (``keep_ready``); when the app exits in the same tick,
    Textual closes its buttons before the dialog's mount is handled: it must not look them up then
    (it did, once in a full CI run: NoMatches '#no', the app's exit turned into an error)."""
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        question = ConfirmModal("Built as the app exits")
        app.install_screen(question, "-kept-test")
        app._get_screen(question)  # what keep_ready's build does; then the app exits at once
    assert app.return_code in (None, 0) and app._exception is None
