"""The RACI grid's fast paths: a letter key repaints its own row only and never rebuilds the table,
and what is drawn afterwards is the new letter (no stale cached line), in the database too."""

from cockpit.app import CockpitApp
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.raci_table import RaciTable


def host(store, settings) -> CockpitApp:  # noqa: ANN001
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")


def drawn(grid: RaciTable, row: int) -> str:
    """The text the table draws for ``row`` (header above it, no scrolling in these tests)."""
    return grid.render_line(row + grid.header_height).text


def count_rendered_rows(grid: RaciTable) -> set[int]:
    """Record which rows have their cells rendered again from now on (DataTable computes a row's
    renderables only when none of its cells' renders are cached)."""
    rows: set[int] = set()
    compute = grid._compute_row_renderables

    def counting(row_index: int):  # noqa: ANN202
        rows.add(row_index)
        return compute(row_index)

    grid._compute_row_renderables = counting
    return rows


async def test_a_letter_repaints_only_its_row_and_the_screen_shows_it(store, settings, find):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "right")  # PRD writing / TPM (I), table row 2
        await pilot.pause()
        grid = app.screen.query_one(RaciTable)
        others = {row: drawn(grid, row) for row in (1, 3, 5)}
        assert drawn(grid, 2).split()[:5] == ["◆", "PRD", "writing", "R", "I"]
        rebuilds, updated = grid.rebuilds, grid.rows_updated
        rendered = count_rendered_rows(grid)
        await pilot.press("a")
        await pilot.pause()
        assert find.letter("PRD writing", "TPM") == "A"  # the database
        assert grid.rebuilds == rebuilds and grid.rows_updated == updated + 1  # one row, no rebuild
        assert rendered <= {2}, f"rows other than the edited one were rendered again: {rendered}"
        line = drawn(grid, 2)
        assert line.split()[:5] == ["!◆", "PRD", "writing", "R", "A"]  # two A's now: marked
        assert {row: drawn(grid, row) for row in (1, 3, 5)} == others
        await pilot.press("u")  # undo reloads through the same path
        await pilot.pause()
        assert find.letter("PRD writing", "TPM") == "I"
        assert drawn(grid, 2).split()[:5] == ["◆", "PRD", "writing", "R", "I"]
        assert grid.rebuilds == rebuilds


async def test_a_change_from_another_window_repaints_its_row(store, settings, find):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(RaciTable)
        rebuilds = grid.rebuilds
        prd, pmo = find.activity("PRD writing").id, find.role("PMO")
        store.raci.set_letter(prd, pmo, "C", version=app.screen.grid.version(prd, pmo))  # another window
        app.screen.refresh_data()  # what the live-update tick calls after another window's write
        await pilot.pause()
        assert grid.rebuilds == rebuilds
        assert " C " in drawn(grid, 2).split("PRD writing", 1)[1]


async def test_a_letter_lays_nothing_out_and_the_lines_follow(store, settings, find):
    """The summary, detail and role-load texts change in place (their sizes are fixed), so a key
    costs no screen layout; what they say is still the new state."""
    app = host(store, settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("l", "down", "right")  # role load shown; PRD writing / TPM (I)
        await pilot.pause()
        screen = app.screen
        reflows = []
        reflow = screen._compositor.reflow
        screen._compositor.reflow = lambda *args, **kwargs: reflows.append(1) or reflow(*args, **kwargs)
        load = screen.query_one("#raci-load")
        before = str(load.render())
        await pilot.press("a")
        await pilot.pause()
        assert find.letter("PRD writing", "TPM") == "A"
        assert str(screen.query_one("#raci-summary").content) == "⚠ 1 activity with two A's"
        assert "Technical PM (TPM): Accountable" in str(screen.query_one("#raci-detail").content)
        def tpm(text: str) -> list[int]:  # TPM's R and A counts in the role-load panel
            line = next(line for line in text.splitlines() if line.startswith("TPM"))
            return [int(n) for n in line.split()[1:3]]

        assert tpm(str(load.render())) == [tpm(before)[0], tpm(before)[1] + 1]  # one more A
        assert not reflows, "a letter key laid the screen out again"


async def test_another_window_renaming_an_activity_is_shown(engine, store, settings, find):
    """A change that is not a letter reads the whole table again (and the grid shows it)."""
    from cockpit.db.store import Store

    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        prd = find.activity("PRD writing")
        Store(engine, actor="bob", clock=store.clock).raci.update_activity(prd.id, prd.version, name="PRD [/b] v2")
        app.screen.refresh_data()  # what the live-update tick calls after another window's write
        await pilot.pause()
        assert drawn(app.screen.query_one(RaciTable), 2).split()[:4] == ["◆", "PRD", "[/b]", "v2"]
