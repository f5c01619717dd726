"""Iterations are closed and reopened from the UI (calendar `v`, board `I`, portfolio `i`), with the
committed estimates against the team's capacity shown there, in the portfolio and in the new-iteration
form.  A closed iteration is no longer current (the board's scope and the header follow) and comes back."""

from textual.widgets import DataTable

from tests.helpers import until


def cells(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def name(app) -> str:
    return type(app.screen).__name__


def _team(store, current):
    """Ann (full time, Fridays off) and Ben (half time) hold roles in the project; 3 pd committed in 12."""
    ann = store.workspace.add_person("Ann Lee2", "ann2", ["PM"], availability=100, days_off=["fri"])
    store.workspace.add_person("Ben Half", "ben", ["DEV"], availability=50)
    card = next(i for i in store.items.all() if i.title == "Current work")
    store.items.update(card.id, card.version, estimate=2, owner_id=ann.id)
    other = next(i for i in store.items.all() if i.title == "Delivered now")
    store.items.update(other.id, other.version, estimate=1)
    store.forget_undo()


async def test_calendar_v_lists_iterations_with_capacity_and_c_closes_then_reopens(store, two_projects, make_app):
    first, _other, current = two_projects
    _team(store, current)
    # iteration 12: 16 Nov (Mon) to 29 Nov: 10 working days; Ann 8 (two Fridays off), Ben 5 -> 13 pd
    app = make_app(store, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: name(app) == "CalendarScreen", "the calendar")
        await pilot.press("v")
        await until(pilot, lambda: name(app) == "IterationsModal" and cells(app, "iterations-table"), "the list")
        rows = cells(app, "iterations-table")
        assert [r[0] for r in rows] == ["11", "12", "13"]
        assert rows[1][2:4] == ["running", "3/13 pd"]
        info = str(app.screen.query_one("#iterations-info").render())
        assert info.startswith("12: Committed 3 of 13 person-days (23 %), 2 people")
        await pilot.press("c")
        await until(pilot, lambda: [r[0] for r in cells(app, "iterations-table")] == ["11", "13"], "12 closed")
        assert next(it for it in store.workspace.iterations() if it.id == current.id).closed
        assert store.workspace.current_iteration() is None
        await pilot.press("a")
        await until(pilot, lambda: len(cells(app, "iterations-table")) == 3, "closed ones listed")
        assert cells(app, "iterations-table")[1][2] == "closed"
        await pilot.press("escape")
        await until(pilot, lambda: name(app) == "CalendarScreen", "the calendar again")
        assert "no iteration running" in app.sub_title  # the header follows
        await pilot.press("n")  # a new event is not offered the closed iteration
        await until(pilot, lambda: name(app) == "EventFormModal", "the event form")
        offered = [str(p).split(" ")[0] for p, _v in app.screen.query_one("#iteration")._options]
        assert "12" not in offered and "13" in offered
        await pilot.press("escape")
        await until(pilot, lambda: name(app) == "CalendarScreen", "the calendar again")
        await pilot.press("1")
        await until(pilot, lambda: name(app) == "BoardScreen", "the board")
        await pilot.press("I")
        await until(pilot, lambda: name(app) == "IterationsModal" and cells(app, "iterations-table"), "the list")
        await pilot.press("a")
        await until(pilot, lambda: len(cells(app, "iterations-table")) == 3, "closed ones listed")
        await pilot.press("down", "c")  # the cursor starts on the first row: 11; 12 is reopened
        await until(pilot, lambda: not next(it for it in store.workspace.iterations() if it.id == current.id).closed,
                    "12 reopened")
        await pilot.press("escape")
        await until(pilot, lambda: "Iteration 12" in app.sub_title, "the board scoped to 12 again")


async def test_the_portfolio_shows_the_load_and_i_closes_another_projects_iteration(store, two_projects, make_app):
    first, other, current = two_projects
    _team(store, current)
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: name(app) == "BoardScreen", "the board")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: name(app) == "PortfolioScreen" and cells(app, "portfolio-table"), "the portfolio")
        assert cells(app, "portfolio-table")[1][5] == "3/13 pd"
        await pilot.press("down", "i")  # Test project is the last row
        await until(pilot, lambda: name(app) == "IterationsModal" and cells(app, "iterations-table"), "the list")
        await pilot.press("c")
        await until(pilot, lambda: len(cells(app, "iterations-table")) == 2, "closed")
        await pilot.press("escape")
        await until(pilot, lambda: name(app) == "PortfolioScreen" and cells(app, "portfolio-table")[1][5] == "—",
                    "no current iteration: no load")
        await pilot.press("u")
        await until(pilot, lambda: cells(app, "portfolio-table")[1][5] == "3/13 pd", "the close undone")


async def test_the_new_iteration_form_shows_the_teams_capacity(store, two_projects, make_app):
    _team(store, two_projects[2])
    app = make_app(store, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: name(app) == "CalendarScreen", "the calendar")
        await pilot.press("i")
        await until(pilot, lambda: name(app) == "IterationFormModal", "the form")
        start = app.screen.query_one("#start")
        start.value = "2026-11-30"  # Mon 30 Nov + 27 days: four weeks, 20 working days; Ann 16, Ben 10
        await until(pilot, lambda: "26 person-days, 2 people" in str(app.screen.query_one("#capacity").render()),
                    "the capacity for the dates")
        await until(pilot, lambda: app.screen.query_one("#end").value == "2026-12-27", "the end to follow")
        await pilot.pause()
        app.screen.query_one("#end").value = "2026-12-04"
        await until(pilot, lambda: "6.5 person-days" in str(app.screen.query_one("#capacity").render()),
                    "the capacity for the new end")
