"""The portfolio by keys: ctrl+o shows every project with its figures, enter switches (the board then
shows only that project's cards, the header names it), close and reopen, a new project; the board's
iteration scope and its `i` toggle."""

from datetime import timedelta

from textual.widgets import DataTable

from tests.helpers import TODAY, board_text, on_screen, until


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#portfolio-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def on_board(app) -> bool:
    return on_screen(app, "BoardScreen")()


def on_portfolio(app) -> bool:
    return on_screen(app, "PortfolioScreen")()


async def test_ctrl_o_shows_the_figures_and_enter_switches_the_board(store, two_projects, make_app):
    first, other, _current = two_projects
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: on_board(app), "the board")
        assert app.title == "Test project" and any("Current work" in line for line in board_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: on_portfolio(app) and rows(app), "the portfolio and its rows")
        table = rows(app)
        assert [row[:2] for row in table] == [["Retail › Payments", "  Checkout"], ["Test project", "● Test project"]]
        assert table[1][3:9] == ["2", "1", "0/0 pd", "1", "0", "20"] and table[0][2] == "Ann Lee"
        await pilot.press("up", "enter")
        await until(pilot, lambda: on_board(app), "the board again")
        await until(pilot, lambda: any("Card of Checkout" in line for line in board_text(app)), "Checkout's board")
        text = "\n".join(board_text(app))
        assert "Current work" not in text and "Left over" not in text
        assert app.title == "Checkout (Retail › Payments)"
        assert app.workspace.project_id == other.id == store.project_id
        # remembered in the workspace: a new window opens Checkout
        from cockpit.db.store import Store
        assert Store(store.engine).workspace.project().id == other.id


async def test_close_and_reopen_a_project_and_add_one(store, two_projects, make_app):
    first, other, _current = two_projects
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: on_board(app), "the board")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: on_portfolio(app), "the portfolio")
        info = app.screen.query_one("#portfolio-info")
        assert str(info.render()).startswith("2 projects")
        await pilot.press("up", "c")  # Checkout is first
        await until(pilot, lambda: len(rows(app)) == 1, "Checkout to leave the list")
        assert str(info.render()).startswith("1 project ·")
        assert next(p for p in store.workspace.projects(include_closed=True) if p.id == other.id).closed
        await pilot.press("a")
        await until(pilot, lambda: len(rows(app)) == 2, "closed projects listed")
        assert "(closed)" in rows(app)[0][1]
        await pilot.press("up", "c")
        await until(pilot, lambda: "(closed)" not in rows(app)[0][1], "Checkout reopened")
        assert not any(p.closed for p in store.workspace.projects(include_closed=True))
        await pilot.press("u")
        await until(pilot, lambda: "(closed)" in rows(app)[0][1], "the reopen undone")
        await pilot.press("n")
        await until(pilot, on_screen(app, "ProjectFormModal"), "the project form")
        await pilot.press(*"Loyalty", "enter")
        await until(pilot, lambda: on_portfolio(app), "the form to close")
        assert "Loyalty" in [p.name for p in store.workspace.projects()]
        assert any("Loyalty" in row[1] for row in rows(app))
        await pilot.press("escape")
        await until(pilot, lambda: on_board(app), "back on the board")
        assert app.workspace.project_id == first.id


async def test_the_board_shows_the_current_iteration_and_i_shows_all(store, two_projects, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: on_board(app), "the board")
        text = "\n".join(board_text(app))
        assert "Current work" in text and "Delivered now" in text and "Left over" in text
        assert "Done before" not in text and "Planned later" not in text
        assert "Iteration 12 + unfinished earlier work" in app.sub_title
        await pilot.press("i")
        await until(pilot, lambda: "Planned later" in "\n".join(board_text(app)), "every iteration")
        assert "Done before" in "\n".join(board_text(app)) and "All iterations" in app.sub_title
        await pilot.press("i")
        await until(pilot, lambda: "Planned later" not in "\n".join(board_text(app)), "the current iteration again")


async def test_the_header_follows_a_refresh_that_changes_the_current_iteration(store, two_projects, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: on_board(app), "the board")
        assert "Iteration 12 + unfinished earlier work" in app.sub_title
        from cockpit.db.store import Store
        other_window = Store(store.engine, actor="other")
        other_window.project_id = store.project_id
        later = other_window.workspace.add_iteration("12b", TODAY - timedelta(days=1), TODAY + timedelta(days=9))
        stages = {s.name: s.id for s in other_window.workspace.stages()}
        other_window.items.create(title="Hotfix", stage_id=stages["Pending development"], iteration_id=later.id)
        board = app.screen
        told: list[str | None] = []  # the board tells the app (ScopeChanged), not the header's one-second timer
        original = board.scope_changed
        board.scope_changed = lambda: (told.append(board.header_scope()), original())
        app.changes.reload_screens()  # what the live poll does when another window wrote
        assert told == ["Iteration 12b + unfinished earlier work"]
        await pilot.pause()
        assert "Iteration 12b + unfinished earlier work" in app.sub_title
        text = "\n".join(board_text(app))
        assert "Hotfix" in text and "Current work" in text  # 12's unfinished work is now earlier work
        assert "Delivered now" not in text  # 12's finished card is no longer the current iteration's


async def test_a_campaign_is_edited_closed_with_its_projects_and_reopened(store, two_projects, make_app):
    first, other, _current = two_projects
    ben = store.workspace.add_person("Ben Okafor", "ben")
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: on_board(app), "the board")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: on_portfolio(app) and rows(app), "the portfolio")
        await pilot.press("up", "E")  # Checkout's campaign: Payments
        await until(pilot, on_screen(app, "CampaignFormModal"), "the campaign form")
        assert app.screen.query_one("#name").value == "Payments"
        app.screen.query_one("#name").value = ""
        app.screen.query_one("#lead_id").value = ben.id
        await pilot.press(*"Cards & wallets", "enter")
        await until(pilot, lambda: on_portfolio(app), "the form to close")
        payments = next(c for c in store.portfolio.campaigns() if c.id == other.campaign_id)
        assert (payments.name, payments.lead_id) == ("Cards & wallets", ben.id)
        assert rows(app)[0][0] == "Retail › Cards & wallets"
        await pilot.press("C")
        await until(pilot, lambda: len(rows(app)) == 1, "Checkout to leave with its campaign")
        assert next(c for c in store.portfolio.campaigns() if c.id == other.campaign_id).closed
        assert not next(p for p in store.workspace.projects(include_closed=True) if p.id == other.id).closed
        await pilot.press("a")
        await until(pilot, lambda: len(rows(app)) == 2, "closed ones listed")
        assert rows(app)[0][0].endswith("(closed)")
        await pilot.press("up", "enter")  # a project of a closed campaign is not switched to
        await pilot.pause()
        assert on_portfolio(app) and app.workspace.project_id == first.id
        await pilot.press("C")
        await until(pilot, lambda: not rows(app)[0][0].endswith("(closed)"), "the campaign reopened")
        await pilot.press("u")
        await until(pilot, lambda: rows(app)[0][0].endswith("(closed)"), "the reopen undone")
        await pilot.press("down", "C")  # the shown project's campaign is not closed under it
        await pilot.pause()
        assert not next(c for c in store.portfolio.campaigns() if c.id == first.campaign_id).closed
