"""The RACI screen driven by its real keys; every edit is checked in the database too."""

from textual.coordinate import Coordinate
from textual.widgets import Input, Static

from cockpit.app import CockpitApp
from cockpit.screens.raci.screen import RaciScreen
from tests.helpers import TODAY, cockpit_app, host_screen
from cockpit.widgets.raci_load import RoleLoadPanel
from cockpit.widgets.raci_table import RaciTable


def host(store, settings) -> CockpitApp:  # noqa: ANN001
    """The whole cockpit on the RACI mode: for the tests that use its keys (undo)."""
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")


def hosted(store, size: tuple[int, int]):  # noqa: ANN001, ANN201
    """The RACI screen alone (a smaller app, quicker to start): for the tests of the screen's own keys."""
    return host_screen(lambda app: RaciScreen(app.workspace), store=store, today=TODAY, size=size)


def table(app: CockpitApp) -> RaciTable:
    return app.screen.query_one(RaciTable)


def text_at(app: CockpitApp, row: int, column: int) -> str:
    return str(table(app).get_cell_at(Coordinate(row, column)))


def summary(app: CockpitApp) -> str:
    return str(app.screen.query_one("#raci-summary", Static).content)


def detail(app: CockpitApp) -> str:
    return str(app.screen.query_one("#raci-detail", Static).content)


def current(app: CockpitApp, find) -> tuple[str, str | None]:  # noqa: ANN001
    activity_id, role_id = table(app).current()
    name = find.store.raci.activity(activity_id).name
    code = next((r.code for r in find.store.workspace.roles() if r.id == role_id), None)
    return name, code


async def test_grid_shows_phases_activities_and_codes_at_narrow_width(store):
    async with hosted(store, (80, 24)) as pilot:
        app = pilot.app
        assert isinstance(app.screen, RaciScreen)
        grid = table(app)
        assert [str(c.label) for c in grid.ordered_columns] == ["Activity", "PM", "TPM", "QA", "UX", "TL", "DEV",
                                                                 "PMO", "BO"]
        assert text_at(app, 0, 0) == "REQUIREMENTS"
        assert text_at(app, 1, 0).endswith("Requirement focus meeting")
        assert text_at(app, 2, 0) == " ◆ PRD writing"  # a gate: a checkpoint mark
        assert text_at(app, 2, 1).strip() == "R" and text_at(app, 2, 8).strip() == "A"
        assert grid.fixed_columns == 1 and not grid.wide
        assert summary(app) == "✓ All 9 activities have one A and at least one R"


async def test_wide_terminal_shows_role_names(store):
    async with hosted(store, (160, 48)) as pilot:
        app = pilot.app
        assert table(app).wide
        assert [str(c.label) for c in table(app).ordered_columns][1:3] == ["Product manager", "Technical PM"]


async def test_arrows_move_the_cursor_and_skip_phase_headings(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        assert current(app, find) == ("Requirement focus meeting", "PM")
        await pilot.press("up")  # the phase heading above is skipped: nowhere to go
        assert current(app, find) == ("Requirement focus meeting", "PM")
        await pilot.press("down", "down", "right", "right")
        assert current(app, find) == ("Technical design and estimate", "QA")  # skipped DESIGN
        await pilot.press("up")
        assert current(app, find) == ("PRD writing", "QA")
        assert "PRD writing" in detail(app) and "Test owner (QA): Consulted" in detail(app)


async def test_letter_keys_write_the_cell_and_validation_is_live(store, settings, find):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "right")  # PRD writing / TPM (I)
        await pilot.press("a")
        await pilot.pause()
        assert find.letter("PRD writing", "TPM") == "A"
        assert summary(app) == "⚠ 1 activity with two A's"
        assert text_at(app, 2, 0).startswith("!") and "2 A" in detail(app)
        await pilot.press("r")
        assert find.letter("PRD writing", "TPM") == "R"
        assert summary(app).startswith("✓")
        await pilot.press("c")
        assert find.letter("PRD writing", "TPM") == "C"
        await pilot.press("i")
        assert find.letter("PRD writing", "TPM") == "I"
        await pilot.press("delete")
        assert find.letter("PRD writing", "TPM") is None
        assert text_at(app, 2, 2).strip() == "·"
        await pilot.press("u")
        await pilot.pause()
        assert find.letter("PRD writing", "TPM") == "I" and text_at(app, 2, 2).strip() == "I"


async def test_space_cycles_through_the_letters(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("down", *["right"] * 6)  # PRD writing / PMO: empty
        assert current(app, find) == ("PRD writing", "PMO")
        seen = []
        for _ in range(5):
            await pilot.press("space")
            seen.append(find.letter("PRD writing", "PMO"))
        assert seen == ["R", "A", "C", "I", None]


async def test_letters_do_nothing_on_the_activity_column(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("left")
        assert table(app).current()[1] is None
        before = store.last_change_id()
        await pilot.press("r", "space", "delete")
        assert store.last_change_id() == before
        assert app.screen.check_action("set_letter", ("R",)) is None  # greyed out in footer and palette


async def test_g_toggles_the_gate_flag(store, settings, find):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        assert find.activity("Requirement focus meeting").gate
        assert text_at(app, 1, 0).startswith(" ◆")
        await pilot.press("down", "g")
        prd = find.activity("PRD writing")
        assert not prd.gate and prd.stage_id is None  # ungating drops the stage link
        await pilot.press("u")
        await pilot.pause()
        assert find.activity("PRD writing").stage_id == find.stage("Pending development")


async def test_n_adds_an_activity_to_the_current_phase(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("down", "down", "down", "down")  # Test case design (phase Test)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#phase", Input).value == "Test"
        await pilot.press(*"Exploratory test")
        await pilot.press("enter")
        await pilot.pause()
        added = find.activity("Exploratory test")
        assert added.phase == "Test"
        assert current(app, find)[0] == "Exploratory test"
        ordered = [str(table(app).get_cell_at(Coordinate(r, 0)))[3:] for r in range(table(app).row_count)]
        assert ordered.index("Exploratory test") == ordered.index("Smoke test and acceptance") + 1
        assert str(table(app).get_cell_at(Coordinate(ordered.index("Exploratory test"), 0))).startswith("!")


async def test_the_form_keeps_a_refused_name_and_says_why(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"PRD writing", "enter")
        await pilot.pause()
        assert "already an activity named" in str(app.screen.query_one("#form-error", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RaciScreen) and len(store.raci.activities()) == 9


async def test_e_renames_the_activity(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Requirement kick-off"
        await pilot.press("enter")
        await pilot.pause()
        assert find.activity("Requirement kick-off").phase == "Requirements"
        assert text_at(app, 1, 0).endswith("Requirement kick-off")


async def test_shift_arrows_reorder_within_the_phase(store, find):
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("shift+down")
        names = [a.name for a in store.raci.activities()]
        assert names[:2] == ["PRD writing", "Requirement focus meeting"]
        assert current(app, find)[0] == "Requirement focus meeting"  # the cursor follows the activity
        assert app.screen.check_action("reorder", (1,)) is None  # last of its phase
        await pilot.press("shift+up")
        assert [a.name for a in store.raci.activities()][:2] == ["Requirement focus meeting", "PRD writing"]


async def test_x_deletes_an_activity_after_asking(store, settings, find):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(store.raci.activities()) == 9
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Requirement focus meeting" not in [a.name for a in store.raci.activities()]
        await pilot.press("u")
        await pilot.pause()
        assert len(store.raci.activities()) == 9 and text_at(app, 1, 0).endswith("Requirement focus meeting")


async def test_roles_are_added_and_renamed_from_the_palette_keys(store, settings, find):
    app = host(store, settings)  # the whole cockpit: its command palette lists the screen's actions
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Data analyst"
        app.screen.query_one("#code", Input).value = "DA"
        await pilot.press("enter")
        await pilot.pause()
        assert store.workspace.roles()[-1].name == "Data analyst"
        assert str(table(app).ordered_columns[-1].label) == "Data analyst"
        assert current(app, find)[1] == "DA"
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Data scientist"
        await pilot.press("enter")
        await pilot.pause()
        assert store.workspace.roles()[-1].name == "Data scientist"
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Add role", "Rename role", "New", "Edit", "Delete activity"} <= set(commands)


async def test_l_shows_the_role_load(demo, settings):
    store, _ctx = demo
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        panel = app.screen.query_one(RoleLoadPanel)
        assert not panel.display
        assert summary(app) == "⚠ 1 activity without an A"
        await pilot.press("l")
        assert panel.display
        lines = str(panel.content).splitlines()
        pm = next(line for line in lines if line.startswith("PM "))
        assert pm.split()[1:4] == ["2", "2", "6"]  # R 2 (with the data-tracking review), A 2, C+I 6


async def test_user_text_is_shown_literally_never_as_markup(store):
    store.raci.add_activity("deadline [/", phase="[@click=app.quit]x[/]", criteria="[b]not bold[/b]")
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        grid = table(app)
        cells = [str(grid.get_cell_at(Coordinate(r, 0))) for r in range(grid.row_count)]
        assert "[@CLICK=APP.QUIT]X[/]" in cells and "!  deadline [/" in cells
        grid.focus_cell(next(a.id for a in store.raci.activities() if a.name == "deadline [/"))
        await pilot.pause()
        assert "deadline [/" in detail(app) and "[b]not bold[/b]" in detail(app)
        assert app.is_running


async def test_edit_form_links_a_gate_to_a_board_stage(store, find):
    from textual.widgets import Select

    store.workspace.add_person("Chen Wei", "chen", ["Test owner"])
    async with hosted(store, (120, 40)) as pilot:
        app = pilot.app
        await pilot.press("down", "down", "down", "down")  # Test case design: QA is R, TPM is A
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#stage", Select).value = find.stage("Pending test")
        await pilot.pause()
        await pilot.click("#form-save")
        await pilot.pause()
        design = find.activity("Test case design")
        assert design.gate and design.stage_id == find.stage("Pending test")
        assert find.activity("Development and self-test").stage_id is None  # the link moved
        assert store.raci.gate_approver(find.stage("Pending test")) == "Technical PM: nobody holds this role"
        assert "Gate into Pending test, approver Technical PM" in detail(app)


async def test_an_empty_table_invites_a_first_activity(store, find):
    store.raci.replace_table([])
    async with hosted(store, (80, 24)) as pilot:
        app = pilot.app
        assert table(app).current() == (None, None)
        assert detail(app) == "No activities yet: press n to add one."
        assert summary(app) == "No activities yet"
        before = store.last_change_id()
        await pilot.press("r", "g", "x", "shift+down")
        assert store.last_change_id() == before
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Kick-off", "enter")
        await pilot.pause()
        assert [a.name for a in store.raci.activities()] == ["Kick-off"]
        assert find.activity("Kick-off").phase == "General" and current(app, find) == ("Kick-off", "PM")
