"""A shared screen (presentation mode, f5): notices name no local folder; toasts leave the detail bar
free; the focused card stands out; checkboxes read ticked or not; "1 day", never "1 days"."""

from pathlib import Path

from cockpit.logic.present import hide_folders
from cockpit.screens.calendar.screen import CalendarScreen
from tests.helpers import TODAY, cockpit_app, until


def test_paths_lose_their_folders_and_nothing_else_changes():
    assert hide_folders("Minutes: /home/ann/Acme Corp/minutes/2026-11-22-stand-up.md",
                        ["/home/ann/Acme Corp"]) == "Minutes: minutes/2026-11-22-stand-up.md"
    assert hide_folders("Exported 3 risks to /srv/acme/risks.csv") == "Exported 3 risks to risks.csv"
    assert hide_folders(r"Wrote 4 entries to C:\Users\ann\cal.ics") == "Wrote 4 entries to cal.ics"
    assert hide_folders("Permission denied: ~/private/x.ics") == "Permission denied: x.ics"
    for text in ("Lanes: owner / iteration", "3/4 done and/or", "see http://host/a/b", "Undone: move card"):
        assert hide_folders(text) == text


async def test_an_export_notice_while_presenting_names_the_file_not_the_folder(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar")
        notices = []
        for presenting in (True, False):
            if app.presenting != presenting:
                await pilot.press("f5")
                await until(pilot, lambda: app.presenting == presenting, "presentation mode")
            await pilot.press("E")
            await until(pilot, lambda: app.screen.query("#path"), "the path prompt")
            path = Path(app.screen.query_one("#path").value)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar again")
            await app.screen.slow.finished.wait()
            await until(pilot, lambda: any("calendar entries" in n.message for n in app._notifications
                                           if n.message not in notices), "the notice")
            [notice] = [n.message for n in app._notifications if "calendar entries" in n.message
                        and n.message not in notices]
            notices.append(notice)
        presented, private = notices
        assert presented.endswith(f" to {path.name}") and str(path.parent) not in presented, presented
        assert private.endswith(f" to {path}")  # on the PM's own screen the full path helps
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


def card_cells(view, card_id: int) -> tuple[int, int]:  # noqa: ANN001
    """(cells of the card drawn in the theme's background colour on its primary colour, all cells of the
    card) on screen now: a card drawn so is one solid, readable block."""
    from textual.color import Color

    variables = view.app.get_css_variables()
    primary, background = (Color.parse(variables[name]).rich_color for name in ("primary", "background"))
    column, slot = view.layout_data.where[card_id][:2]
    top = view.line_of(card_id)
    fit_count, width = view.geometry()
    start = (column - view.first_column) * width
    solid = total = 0
    for y in range(top, top + view.layout_data.card_height - 1):
        x = 0
        for segment in view.render_line(y):
            for _ in segment.text:
                if start <= x < start + width - 1:
                    total += 1
                    solid += (segment.style is not None and segment.style.bgcolor == primary
                              and segment.style.color == background)
                x += 1
    return solid, total


async def test_the_focused_card_is_one_solid_block_while_presenting_and_in_high_contrast(demo, settings):
    from cockpit.context import HIGH_CONTRAST_THEME
    from cockpit.widgets.board_view import BoardView

    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query(BoardView) and app.screen.query_one(BoardView).painted, "the board")
        view = app.screen.query_one(BoardView)
        first = view.cursor_id
        solid, total = card_cells(view, first)
        assert solid < total  # the everyday cursor: details in their own colours
        await pilot.press("f5")
        await until(pilot, lambda: app.presenting and card_cells(view, first)[0], "a solid cursor while presenting")
        solid, total = card_cells(view, first)
        assert solid == total >= 3 * 20, (solid, total)
        assert "▶" in "".join(segment.text for segment in view.render_line(view.line_of(first)))
        await pilot.press("j")
        await until(pilot, lambda: view.cursor_id != first, "the cursor to move")
        assert card_cells(view, first)[0] == 0
        solid, total = card_cells(view, view.cursor_id)
        assert solid == total
        await pilot.press("f5")
        await until(pilot, lambda: not app.presenting, "presentation mode to end")
        assert card_cells(view, view.cursor_id)[0] < card_cells(view, view.cursor_id)[1]
        app.theme = HIGH_CONTRAST_THEME  # chosen by hand (palette): the same solid cursor
        await until(pilot, lambda: card_cells(view, view.cursor_id)[0], "a solid cursor in high contrast")
        solid, total = card_cells(view, view.cursor_id)
        assert solid == total
    assert store.items.get(view.cursor_id).title  # the highlighted card is a real card of the store


async def test_toasts_leave_the_detail_bar_and_the_footer_free(demo, settings):
    from cockpit.widgets.board_view import BoardView
    from cockpit.widgets.detail_bar import DetailBar
    from cockpit.widgets.keys_footer import KeysFooter

    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts are off in tests by default
        await until(pilot, lambda: app.screen.query(BoardView), "the board")
        await pilot.press("s")  # swimlanes: a notice says which
        await until(pilot, lambda: app.screen.query("Toast"), "a toast")
        await pilot.pause()
        toast = app.screen.query_one("Toast")
        detail, footer = app.screen.query_one(DetailBar).region, app.screen.query_one(KeysFooter).region
        assert toast.region.height and not toast.region.overlaps(detail) and not toast.region.overlaps(footer), (
            toast.region, detail)
    assert store.items.count() > 0


async def test_a_card_one_day_in_its_stage_reads_1_day(store, clock, settings):
    from datetime import timedelta

    from cockpit.widgets.detail_bar import DetailBar

    stage = store.workspace.stages()[0]
    clock.now -= timedelta(days=1)  # entered its stage yesterday
    card = store.items.create(title="Coupon service", stage_id=stage.id)
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(DetailBar) and app.screen.query_one(DetailBar).text.plain,
                    "the detail bar")
        shown = app.screen.query_one(DetailBar).text.plain
        assert f"1 day in {stage.name}" in shown and "1 days" not in shown, shown
    assert store.items.get(card.id).stage_id == stage.id
