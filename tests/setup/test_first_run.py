"""The first run: the guided setup on a new, empty workspace (skippable, reopened from Setup), an empty
board that says what to do next, "which person are you?" asked once, @me, and the time zone in Setup."""

from datetime import datetime, timezone

from cockpit.db.store import Store
from tests.helpers import board_text, on_screen, until


async def test_a_new_workspace_opens_the_guided_setup_then_asks_who_you_are(store: Store, make_app):
    store.settings.mark_first_run()  # what cockpit init / cockpit on a new file does
    app = make_app(store, start_mode="board", welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "FirstRunModal"), "the guided setup")
        board = app.screen_stack[-2]
        lines = [line for line in (board.query_one("BoardView").render_line(y).text for y in range(6))]
        assert "Pending review" in lines[0] and any("No cards yet: press n" in line for line in lines)
        assert not any("No stages" in line for line in lines)  # never under drawn stage headers

        app.screen.query_one("#project").value = ""
        await pilot.press(*"Web shop", "tab")
        app.screen.query_one("#zone").value = ""
        await pilot.press(*"Mars/Olympus", "ctrl+s")  # refused, the field named; nothing written
        await until(pilot, lambda: "time zone" in str(app.screen.query_one("#form-error").render()), "the error")
        assert store.workspace.project().name == "Test project" and store.workspace.people() == []
        app.screen.query_one("#zone").value = ""
        await pilot.press(*"Asia/Tokyo")
        app.screen.query_one("#person1").focus()
        await pilot.press(*"Ann Lee @ann", "tab", *"Ben Okafor", "ctrl+s")

        await until(pilot, on_screen(app, "WhoAreYouModal"), "the question who 'tester' is")
        assert store.workspace.project().name == "Web shop"
        assert [(p.name, p.handle) for p in store.workspace.people()] == [("Ann Lee", "ann"), ("Ben Okafor", "ben")]
        assert store.settings.time_zone_name() == "Asia/Tokyo" and not store.settings.first_run_pending()
        assert store.settings.me() is None
        await pilot.press("down", "enter")  # Ben Okafor
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        assert store.settings.me().handle == "ben" and store.settings.author_asked()

        # @me on the board: the cards of the person the author is
        stage = store.workflow.stages()[0].id
        people = {p.handle: p.id for p in store.workspace.people()}
        store.items.create(title="Ben's card", stage_id=stage, owner_id=people["ben"])
        store.items.create(title="Ann's card", stage_id=stage, owner_id=people["ann"])
        app.screen.refresh_data()
        await pilot.press("slash", *"@me", "enter")
        await until(pilot, lambda: any("Ben's card" in line for line in board_text(app))
                    and not any("Ann's card" in line for line in board_text(app)), "only Ben's card")

    again = make_app(store, start_mode="board", welcome=True)  # neither question is asked twice
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(again, "BoardScreen"), "the board")
        await pilot.pause()
        assert type(again.screen).__name__ == "BoardScreen"


async def test_the_guided_setup_can_be_skipped_and_reopened_from_setup(store: Store, make_app):
    store.settings.mark_first_run()
    app = make_app(store, start_mode="board", welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "FirstRunModal"), "the guided setup")
        await pilot.press("escape")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        assert store.settings.get("first_run") == "skipped" and not store.settings.first_run_pending()
        await pilot.press("0")
        await until(pilot, on_screen(app, "SetupScreen"), "Setup")
        await pilot.press("g")
        await until(pilot, on_screen(app, "FirstRunModal"), "the guided setup again")
        app.screen.query_one("#person1").focus()
        await pilot.press(*"Cara Diaz @cara")
        app.screen.query_one("#stages").value = "edit"
        await pilot.press("ctrl+s")
        await until(pilot, on_screen(app, "SetupScreen"), "Setup")
        await until(pilot, lambda: app.screen.section == "workflow", "the workflow section (edit the stages)")
        assert [p.handle for p in store.workspace.people()] == ["cara"]
        await pilot.press("u")  # the guided setup is one undoable change
        await until(pilot, lambda: store.workspace.people() == [], "the undo")


async def test_the_time_zone_is_set_in_setup_and_gives_today(store: Store, make_app, monkeypatch):
    monkeypatch.delenv("COCKPIT_TZ", raising=False)
    store.clock = lambda: datetime(2026, 12, 3, 20, 0, tzinfo=timezone.utc)  # 05:00 on the 4th in Tokyo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "SetupScreen"), "Setup")
        await pilot.press("z")
        await until(pilot, on_screen(app, "TimeZoneModal"), "the time zone form")
        await pilot.press(*"Nowhere/Land", "enter")
        await until(pilot, lambda: str(app.screen.query_one("#form-error").render()).startswith("time zone:"),
                    "the refusal naming the field")
        assert store.settings.time_zone_name() == ""
        app.screen.query_one("#zone").value = ""
        await pilot.press(*"Asia/Tokyo", "enter")
        await until(pilot, on_screen(app, "SetupScreen"), "Setup")
        assert store.settings.time_zone_name() == "Asia/Tokyo"
        assert "Time zone: Asia/Tokyo" in str(app.screen.query_one("#setup-status").render())
        assert store.today().isoformat() == "2026-12-04"


async def test_an_author_who_is_nobody_is_asked_once_and_escape_is_remembered(store: Store, make_app):
    store.workspace.add_person("Ann Lee", "ann")
    app = make_app(store, start_mode="board", welcome=True)  # not a new workspace: no guided setup
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "WhoAreYouModal"), "the question who 'tester' is")
        await pilot.press("escape")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        assert store.settings.author_asked() and store.settings.me() is None
    again = make_app(store, start_mode="setup", welcome=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(again, "SetupScreen"), "Setup")
        await pilot.pause()
        assert type(again.screen).__name__ == "SetupScreen"  # not asked again
        await pilot.press("w")  # ... unless asked for, from Setup
        await until(pilot, on_screen(again, "WhoAreYouModal"), "the question, asked for")
        await pilot.press("enter")
        await until(pilot, lambda: store.settings.me() is not None, "the link")
        assert store.settings.me().handle == "ann"
        await until(pilot, lambda: "you: Ann Lee @ann" in str(again.screen.query_one("#setup-status").render()),
                    "the status line")
