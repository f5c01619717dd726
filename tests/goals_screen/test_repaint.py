"""A check-in redraws its own row: the other rows of the OKR board are neither rebuilt nor re-rendered
(what keeps a check-in key as cheap as a card move on a board of 250 KRs), and the drawn lines show
the new figures; opening and leaving the check-in bar draws no row again (the table looks the same
with or without the focus)."""

from cockpit.screens.goals.checkin_bar import CheckinBar
from cockpit.widgets.okr_table import OkrTable
from tests.board.test_dialog_paint import Painted, settle
from tests.helpers import TODAY, cockpit_app, until

SIZE = (120, 40)


def recorded(owner: object, name: str) -> list:
    """The first argument of each call of ``owner.name`` from now on (the method itself still runs)."""
    calls: list = []
    method = getattr(owner, name)

    def recording(*args, **kwargs):  # noqa: ANN202
        calls.append(args[0] if args else None)
        return method(*args, **kwargs)

    setattr(owner, name, recording)
    return calls


def drawn(table: OkrTable) -> list[str]:
    """The table's lines as painted (through its render caches)."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_a_check_in_rebuilds_and_repaints_only_its_row(store, settings, okrs):
    objective = store.goals.add_objective("Keep the lights on", owner_id=okrs["objective"].owner_id)
    for number in range(4):
        store.goals.add_kr(objective.id, f"Uptime of service {number}", metric="uptime", unit="%",
                           baseline=99.0, target=99.9)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(OkrTable)
        await pilot.press("down", "down")  # O1-KR2, the third row: no data yet
        assert table.current.code == "O1-KR2"
        await screen.wait_for_refresh()
        before = drawn(table)
        kr_lines = [index for index, text in enumerate(before) if "O1-KR2" in text]
        assert len(kr_lines) == 1 and "no data" in before[kr_lines[0]]
        table.rows_built.clear()
        region = table.region
        await pilot.press("c")
        bar = screen.query_one(CheckinBar)
        await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
        await screen.wait_for_refresh()
        # the bar takes the detail lines' place and the table looks the same without the focus:
        # it is neither laid out nor drawn again
        assert table.region == region and list(table.rows_built) == [] and drawn(table) == before
        await pilot.press(*"64", "enter")
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        await until(pilot, lambda: table.current.average == "64", "the row's new average")
        await screen.wait_for_refresh()

        assert [c.value for c in store.goals.checkins(okrs["speed"].id)] == [64.0]
        assert set(table.rows_built) == {2}, "rows other than the checked-in one were rebuilt"
        after = drawn(table)
        line = kr_lines[0]
        assert "64 ·1d" in after[line] and "no data" not in after[line]
        changed = [index for index, (was, now) in enumerate(zip(before, after)) if was != now]
        assert set(changed) <= {line, line + 1}, "lines of other rows changed"
        assert len(after) == len(before) and sum("Uptime of service" in text for text in after) == 4
        assert table.has_focus and table.region == region


async def test_opening_and_leaving_the_check_in_bar_draws_no_row_again(store, settings, okrs):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(OkrTable)
        await pilot.press("down")
        await screen.wait_for_refresh()
        before = drawn(table)
        table.rows_built.clear()
        bar = screen.query_one(CheckinBar)
        for _ in range(2):
            await pilot.press("c")
            await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
            await pilot.press(*"2.7", "escape")
            await until(pilot, lambda: not bar.is_open and table.has_focus, "the bar closed")
            await screen.wait_for_refresh()
        assert list(table.rows_built) == [] and drawn(table) == before


async def test_opening_builds_each_row_on_screen_once_and_no_other(store, settings, okrs):
    for number in range(3):
        objective = store.goals.add_objective(f"Objective {number} of many")
        for kr in range(8):
            store.goals.add_kr(objective.id, f"Key result {kr} of objective {number}", metric="things", target=10)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(OkrTable)
        await app.screen.wait_for_refresh()
        assert table.row_count == 3 + 3 + 3 * 8  # 4 objectives, 26 KRs: 56 lines, more than the screen holds
        built = list(table.rows_built)
        on_screen = {index for index in range(table.row_count)
                     if table._get_row_region(index).y < table.size.height}  # noqa: SLF001 - where DataTable drew it
        assert sorted(built) == sorted(set(built)), "a row was built twice"
        assert set(built) - {-1} == on_screen, "rows off the screen were built (or rows on it were not)"
        made = {index for index in range(table.row_count)
                if any(cell._lines is not None for cell in table.get_row_at(index))}  # noqa: SLF001
        assert made == on_screen, "cells of rows off the screen were made (or of rows on it were not)"
        assert table.current.code == "O1" and "Make self-serve" in str(app.screen.query_one("#goals-detail").content)

        await pilot.resize_terminal(80, 24)  # narrower: fewer columns, every row laid out again
        await until(pilot, lambda: table.size.width < 100 and "Owner·module" not in drawn(table)[0], "the narrow table")
        await screen_repainted(app)
        assert "Make self-serve" in drawn(table)[1]
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: "Owner·module" in drawn(table)[0], "the wide table again")
        await screen_repainted(app)
        assert "@ann" in drawn(table)[1] and "Key result 0 of objective 0" in "".join(drawn(table))


async def screen_repainted(app) -> None:
    await app.screen.wait_for_refresh()


async def test_a_check_in_restyles_nothing_and_works_out_the_footer_once_each_way(store, settings, okrs):
    """The bar's field looks focused whenever it is seen, so neither ``c`` nor ``enter`` sends it
    through the stylesheet (Textual restyles a widget whose focus changes); while the bar is open the
    screen does not ask the footer to work its keys out again (the bar's closing, a focus change,
    does).  Each was ~1-2 ms of a check-in key."""
    from cockpit.widgets.keys_footer import KeysFooter

    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")  # O1-KR2
        await app.screen.wait_for_refresh()
        screen, bar = app.screen, app.screen.query_one(CheckinBar)
        styled = recorded(app.stylesheet, "apply")  # each node sent through the stylesheet
        worked_out = recorded(screen.query_one(KeysFooter), "_shown")  # each time the footer works its keys out
        await pilot.press("c")
        await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
        await screen.wait_for_refresh()
        assert bar.field not in styled and bar.field.has_focus
        opened = len(worked_out)
        await pilot.press(*"64")  # (the first key typed makes it "-valid": a class, restyled)
        await screen.wait_for_refresh()
        styled.clear()
        typed = len(worked_out)
        await pilot.press("enter")
        await until(pilot, lambda: not bar.is_open and screen.query_one(OkrTable).has_focus, "the bar closed")
        await screen.wait_for_refresh()
        assert [c.value for c in store.goals.checkins(okrs["speed"].id)] == [64.0]
        assert bar.field not in styled
        # only for the focus moving (Textual asks twice for each move): into the bar on ``c``, back on
        # ``enter``; the check-in itself, the row redrawn and the detail lines ask nothing more
        assert (opened, typed - opened, len(worked_out) - typed) == (2, 0, 2), (opened, typed, len(worked_out))


async def test_the_bar_opens_and_closes_with_one_layout_pass_and_nothing_resized(store, settings, okrs):
    """The bar lies under the detail lines, laid out and sized from the start: opening it hides the
    detail lines and closing it shows them again, one layout pass each in which no widget changes
    size (a widget that did would ask for a second pass), whatever KR the bar names."""
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(OkrTable)
        bar = screen.query_one(CheckinBar)
        await pilot.press("down")
        await screen.wait_for_refresh()
        passes, resized = recorded(screen, "_refresh_layout"), []
        for widget in bar.walk_children(with_self=True):
            size_updated = widget._size_updated

            def watched(*args, widget=widget, size_updated=size_updated, **kwargs):
                changed = size_updated(*args, **kwargs)
                if changed:
                    resized.append(widget)
                return changed

            widget._size_updated = watched
        codes = []
        for key in ("down", "down"):  # two KRs: the bar's label names each
            await pilot.press("c")
            await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
            await screen.wait_for_refresh()
            codes.append(str(bar.query_one("#checkin-label").content))
            assert not screen.query_one("#goals-detail").visible
            assert len(passes) == 1 and resized == [], (len(passes), resized)
            passes.clear()
            await pilot.press("escape")
            await until(pilot, lambda: not bar.is_open and table.has_focus, "the bar closed")
            await screen.wait_for_refresh()
            assert screen.query_one("#goals-detail").visible
            assert len(passes) == 1 and resized == [], (len(passes), resized)
            passes.clear()
            await pilot.press(key)
        assert codes[0] != codes[1] and all(code.startswith("Check in O1-KR") for code in codes)


async def test_the_bar_opens_and_closes_in_one_update_each_on_a_board_that_scrolls(store, settings, okrs):
    """One write to the terminal for ``c`` and one for ``escape``: the layout pass that shows or hides
    the bar handed the table a virtual size not its own, and Textual repainted its scrollbar, unchanged,
    in an update of its own a frame later."""
    objective = store.goals.add_objective("Keep the lights on", owner_id=okrs["objective"].owner_id)
    for number in range(30):
        store.goals.add_kr(objective.id, f"Uptime of service {number}", metric="uptime", unit="%")
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table, bar = screen.query_one(OkrTable), screen.query_one(CheckinBar)
        assert table.show_vertical_scrollbar
        await pilot.press("down")
        await settle(pilot)
        painted = Painted(app)
        await pilot.press("c")
        await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
        await settle(pilot)
        assert len(painted.take()) == 1
        await pilot.press("escape")
        await until(pilot, lambda: not bar.is_open and table.has_focus, "the bar closed")
        await settle(pilot)
        assert len(painted.take()) == 1


async def test_a_key_typed_in_the_bar_is_one_update_with_what_it_reads_as(store, settings, okrs):
    """Each key typed writes the field and the line saying what it reads as in one update: the line
    is read as the key is typed, not when the field's Changed message is handled a frame later."""
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        bar = screen.query_one(CheckinBar)
        await pilot.press("down", "c")
        await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar")
        await settle(pilot)
        painted = Painted(app)
        for typed, reads in (("6", "→ 6"), ("4", "→ 64"), ("x", "not a number")):
            await pilot.press(typed)
            await until(pilot, lambda: reads in str(bar.query_one("#checkin-said").content), f"{typed} read")
            await settle(pilot)
            assert len(painted.take()) == 1, f"{typed} reached the terminal in more than one update"


async def test_switching_to_goals_writes_the_screen_once_with_its_rows(store, settings, okrs):
    """``7`` from the board: the rows are laid out for the terminal's width as the screen opens, so the
    first update written shows them (not an empty table, then the rows once the table got its size),
    and the screen is written once (Textual's switch held the paints, then wrote the pending layout's
    pieces and the whole screen again a frame later)."""
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="board")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.screen.wait_for_refresh()
        await settle(pilot)
        painted = Painted(app)
        await pilot.press("7")
        await until(pilot, lambda: type(app.screen).__name__ == "GoalsScreen" and painted.updates, "the Goals screen")
        await app.screen.wait_for_refresh()
        await settle(pilot)
        first, *later = painted.take()
        assert "O1-KR1" in first and "Checkout conversion to 3%" in first and "Key result · metric" in first
        assert not [update for update in later if "O1-KR1" in update or "Test project" in update], "written twice"
        table = app.screen.query_one(OkrTable)
        assert table.size.width == SIZE[0] and table.wide  # the width it was laid out for is the width it got

        await pilot.press("1")  # and back to the board: once too
        await until(pilot, lambda: type(app.screen).__name__ == "BoardScreen" and painted.updates, "the board")
        await app.screen.wait_for_refresh()
        await settle(pilot)
        assert len([update for update in painted.take() if "Test project" in update]) == 1


async def test_the_goals_screen_pushed_shows_its_rows_in_its_first_paint(store, settings, okrs):
    """Pushed (no held paint, as the benchmarks open it), the screen's first update already holds
    the rows: they are laid out before the screen's first layout, not after the table's first resize."""
    from cockpit.screens.goals.screen import GoalsScreen

    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="board")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.screen.wait_for_refresh()
        await settle(pilot)
        painted = Painted(app)
        await app.push_screen(GoalsScreen(app.workspace))
        await until(pilot, lambda: painted.updates, "the Goals screen painted")
        assert "O1-KR1" in painted.updates[0] and "Checkout conversion to 3%" in painted.updates[0]
