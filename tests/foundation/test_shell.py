"""The app shell (acceptance point 8), driven with the real keys: header, footer, F1 help, the
command palette (actions and cards by title), the remembered high-contrast theme, modes, undo/redo."""

from textual.command import CommandList, CommandPalette
from textual.widgets import Header, Markdown
from textual.widgets._header import HeaderTitle

from cockpit.app import CockpitApp
from cockpit.modes import MODES, mode_screen
from cockpit.presentation import HIGH_CONTRAST
from cockpit.settings import Settings
from cockpit.db.errors import NotFound
from cockpit.screens.board.screen import BoardScreen
from cockpit.screens.help import HelpModal
from tests.helpers import TODAY, cockpit_app, cursor, footer_keys, footer_line, search_palette, until


def plain(visual) -> str:  # noqa: ANN001 - Content, Text or str
    return getattr(visual, "plain", None) or str(visual)


async def palette_results(pilot, query: str) -> list[str]:
    """Type ``query`` into the open palette and return the prompts it lists once it has searched."""
    palette = await search_palette(pilot, query)
    options = palette.query_one(CommandList)
    return [plain(options.get_option_at_index(i).prompt).splitlines()[0] for i in range(options.option_count)]


async def test_header_shows_project_and_current_iteration(demo, settings):
    store, _ctx = demo
    current = store.workspace.current_iteration(TODAY)
    assert current is not None
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(Header)
        shown = plain(header.query_one(HeaderTitle).render())
        assert store.workspace.project().name in shown
        assert f"Iteration {current.name}" in shown


async def test_footer_shows_the_global_keys(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        keys = [(key.display, key.description) for key in footer_keys(app).values()]
        # the screen keys 1..9, 0 form one compact group labelled "Screens" (room at 80 columns)
        assert " 1234567890 Screens " in footer_line(app), footer_line(app)
        described = {description: display for display, description in keys}
        for title in ("Help", "Undo", "Quit"):
            assert title in described, keys
        assert described["Quit"] == "^q"


async def test_f1_shows_the_screen_help_and_its_keys(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        source = app.screen.query_one(Markdown).source
        assert BoardScreen.HELP in source
        for description in ("Undo", "Redo", "Help", "Quit", "Calendar"):
            assert f"| {description} |" in source, source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)


async def test_palette_lists_actions_and_jumps_to_a_card_by_title(demo, settings):
    store, ctx = demo
    card = ctx.items[len(ctx.items) // 2]
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        actions = await palette_results(pilot, "undo")
        assert any(prompt.startswith("Undo") for prompt in actions), actions
        await pilot.press(*["backspace"] * 4)
        words = card.title.split()
        fragment = " ".join(words[:2]) if len(words) > 1 else card.title[:8]
        hits = await palette_results(pilot, fragment)
        wanted = f"Card: {card.title}"
        assert wanted in hits, hits
        palette = app.screen
        options = palette.query_one(CommandList)
        options.highlighted = hits.index(wanted)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen) and cursor(app).id == card.id,
                    "the board with the cursor on the chosen card")
        assert app.current_mode == "board"


async def test_high_contrast_theme_is_available_and_remembered(store, tmp_path):
    path = tmp_path / "config" / "settings.toml"
    app = cockpit_app(store, settings=Settings.load(path), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        assert HIGH_CONTRAST.name in app.available_themes
        await pilot.press("ctrl+p")
        results = await palette_results(pilot, "High-contrast")
        assert "High-contrast theme" in results
        await pilot.press("enter")
        if isinstance(app.screen, CommandPalette):
            await pilot.press("enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
    assert Settings.load(path).theme == HIGH_CONTRAST.name
    again = cockpit_app(store, settings=Settings.load(path), today=TODAY)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST.name


async def test_number_keys_switch_modes(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for mode, (key, _title, _where) in reversed(MODES.items()):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode and isinstance(app.screen, mode_screen(mode))


async def test_the_header_tick_after_the_screens_are_gone_is_harmless(store, settings):
    """The one-second header tick may fire as the app ends, once its screen stack is empty (a chance
    failure of the test above on a loaded machine): it draws the header without a scope."""
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert not app.screen_stack  # the app has ended: no screen left
    app.title_line.update()  # raised ScreenStackError before
    assert "Iteration" in app.sub_title or "iteration" in app.sub_title


async def test_u_and_ctrl_r_undo_and_redo_through_the_store(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        card = store.items.create(title="Made by the test", stage_id=store.workspace.stages()[0].id)
        await pilot.press("u")
        await pilot.pause()
        try:
            store.items.get(card.id)
            raise AssertionError("u did not undo the card's creation")
        except NotFound:
            pass
        assert any("Undone: create card Made by the test" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert store.items.get(card.id).title == "Made by the test"
        await pilot.press("ctrl+r")  # nothing left to redo: a message, not a crash
        await pilot.pause()
        assert any("nothing to redo" in str(n.message) for n in app._notifications)
        assert app.is_running



def test_the_command_line_runs_the_app_with_the_collector_settled(tmp_path, monkeypatch, cockpit_home):
    from cockpit import cli

    import gc

    made: list[tuple[CockpitApp, bool]] = []
    monkeypatch.setattr(CockpitApp, "run", lambda self, *a, **k: made.append((self, gc.isenabled())))
    assert cli.main(["--db", str(tmp_path / "work.db")]) == 0
    assert len(made) == 1 and made[0][0].startup.settle_gc
    # the collector is paused while the cockpit starts (the app turns it back on once the first frame
    # is drawn: tests/foundation/test_paint_first.py), and is on
    # again whatever way the app ended
    assert made[0][1] is False
    assert gc.isenabled()


async def test_a_settled_app_freezes_its_start_up_objects_out_of_the_collectors_way(store, settings):
    """Once drawn, what is alive is frozen (a full collection at 5,000 cards froze key presses now and
    then). Tests leave it off (hundreds of apps in one process), so it is checked here and undone."""
    import gc

    from cockpit.modes import GC_THRESHOLDS

    thresholds = gc.get_threshold()
    gc.unfreeze()
    gc.disable()  # as the command line starts it
    try:
        app = cockpit_app(store, settings=settings, today=TODAY, settle_gc=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            assert gc.get_freeze_count() > 1000
            assert gc.get_threshold() == GC_THRESHOLDS
            assert gc.isenabled()  # collecting again once the first screen is drawn
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    plain_app = cockpit_app(store, settings=settings, today=TODAY)
    async with plain_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() == 0
