"""The [keys] table of the settings, in the app: the new key does the action and the old one no
longer does; F1, the footer and the palette show the new key; a bad entry warns once and keeps its
default."""

from cockpit.settings import Settings, settings_path
from tests.helpers import TODAY, cockpit_app, cursor, footer_keys


def ids_in(store, stage) -> list[int]:  # noqa: ANN001
    return [row.id for row in store.items.board_rows() if row.stage_id == stage.id]


def warnings(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications if n.title.startswith("Settings")]



def remapped(keys: dict) -> Settings:
    settings = Settings.load()
    settings.keys = keys
    return settings


async def test_a_remapped_key_does_the_action_and_the_old_key_no_longer_does(store, small):
    stages = small["stages"]
    app = cockpit_app(store, settings=remapped({"board.move_prev": "ctrl+b"}), today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # Delta, in Pending development
        assert cursor(app).title == "Delta"
        await pilot.press("H", "shift+left")  # the default keys: nothing moves
        await pilot.pause()
        assert store.items.get(small["D"].id).stage_id == stages[1].id
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert store.items.get(small["D"].id).stage_id == stages[0].id
        assert cursor(app).title == "Delta" and cursor(app).stage_id == stages[0].id
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert warnings(app) == []  # a good remap says nothing


async def test_f1_the_footer_and_the_palette_show_the_remapped_key(store, small):
    app = cockpit_app(store, settings=remapped({"board.move_prev": "ctrl+b", "board.new": "y"}), today=TODAY)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # Delta: "◀ Move" applies
        await pilot.pause()
        footer = footer_keys(app)
        assert footer["◀ Move"].key == "ctrl+b" and footer["◀ Move"].display == "^b"
        assert footer["New"].key == "y"
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["◀ Move"].endswith("(^b)") and commands["New"].endswith("(y)")
        await pilot.press("f1")
        await pilot.pause()
        help_text = app.screen.query_one("Markdown").source
        assert "| `^b` | ◀ Move |" in help_text and "| `y` | New |" in help_text
        assert "`H`" not in help_text and "`n`" not in help_text


async def test_a_bad_entry_warns_once_and_keeps_its_default(store, small):
    stages = small["stages"]
    settings = remapped({"board.reorder_down": 7, "board.nope": "z", "board.move_prev": "ctrl+b"})
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()  # the ids are checked in a thread
        await pilot.pause()
        assert len(warnings(app)) == 1
        assert '"board.reorder_down" must be a key' in warnings(app)[0] and '"board.nope"' in warnings(app)[0]
        await pilot.press("J")  # the default of the bad entry still works
        assert ids_in(store, stages[0]) == [small["B"].id, small["A"].id, small["C"].id]
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert len(warnings(app)) == 1  # once, not on every screen


async def test_a_problem_in_the_file_itself_is_one_warning_at_start(store, cockpit_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("[keys\n", encoding="utf-8")
    app = cockpit_app(store, settings=Settings.load(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(warnings(app)) == 1 and "not valid TOML" in warnings(app)[0]
