"""Presentation mode (f5): theme, classes, header, footer, remembered settings, read-only views."""

from textual.widgets import OptionList

from cockpit.presentation import HIGH_CONTRAST
from cockpit.settings import Settings
from cockpit.db.store import Store
from tests.helpers import TODAY, cockpit_app, footer_line, search_palette


def first_stage(store: Store) -> int:
    return store.workspace.stages()[0].id


async def test_f5_switches_to_high_contrast_and_back_to_the_users_theme(store, settings):
    settings.theme = "nord"
    settings.save()
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord" and not app.presenting
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting and app.theme == HIGH_CONTRAST.name
        assert app.has_class("-presentation") and app.screen.has_class("-presentation")
        # the presentation theme is never saved as the user's own
        assert Settings.load(settings.path).theme == "nord"
        await pilot.press("f5")
        await pilot.pause()
        assert not app.presenting and app.theme == "nord"
        assert not app.has_class("-presentation") and not app.screen.has_class("-presentation")
    assert Settings.load(settings.path).theme == "nord"


async def test_a_theme_picked_while_presenting_is_not_remembered(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert app.theme == "textual-dark"
    assert Settings.load(settings.path).theme == "textual-dark"


async def test_presentation_mode_is_remembered_and_screens_opened_later_follow_it(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.press("3")  # the risks screen was never shown before
        await pilot.pause()
        assert type(app.screen).__name__ == "RisksScreen" and app.screen.has_class("-presentation")
        assert app.screen.presenting
    assert Settings.load(settings.path).presentation is True
    again = cockpit_app(store, settings=Settings.load(settings.path), today=TODAY)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.presenting and again.theme == HIGH_CONTRAST.name
        assert again.screen.has_class("-presentation")


async def test_header_shows_only_the_title_and_the_meeting_timer_while_presenting(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.title == "Test project" and "iteration" in app.sub_title
        await pilot.press("f5")
        await pilot.pause()
        assert app.title == "Test project" and app.sub_title == ""
        app.title_line.meeting_text = lambda: "Stand-up 04:12"  # type: ignore[method-assign]
        app.title_line.refresh()
        assert app.sub_title == "Stand-up 04:12"
        assert "^p palette" not in footer_line(app) and " s Lanes " in footer_line(app)  # the keys take its room
        await pilot.press("f5")
        await pilot.pause()
        assert "iteration" in app.sub_title
        assert footer_line(app).endswith("▏^p palette ")


async def test_the_palette_does_not_reveal_confidential_cards_while_presenting(store, settings):
    stage = first_stage(store)
    store.items.create(title="Secret acquisition plan", stage_id=stage, confidential=True)
    store.items.create(title="Secret sauce recipe page", stage_id=stage)
    store.risks.create(title="Secret merger leaks", confidential=True)
    store.risks.create(title="Secret santa budget")
    app = cockpit_app(store, settings=settings, today=TODAY)

    async def hits() -> list[str]:
        await pilot.press("ctrl+p")
        palette = await search_palette(pilot, "Secret")
        options = palette.query_one(OptionList)
        found = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press("escape")
        await pilot.pause()
        return found

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = " ".join(await hits())
        assert "Secret acquisition plan" in shown and "Secret sauce" in shown
        assert "Risk: Secret merger leaks" in shown and "Risk: Secret santa budget" in shown
        await pilot.press("f5")
        await pilot.pause()
        shown = " ".join(await hits())
        assert "acquisition" not in shown and "Secret sauce" in shown
        assert "merger" not in shown and "Risk: Secret santa budget" in shown


async def test_a_read_only_view_says_so_hides_undo_and_saves_no_settings(engine, store, settings):
    viewer = Store(engine, actor="viewer", read_only=True)
    app = cockpit_app(viewer, settings=settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.sub_title.startswith("read-only view")
        assert app.check_action("undo", ()) is False and app.check_action("redo", ()) is False
        await pilot.press("f5")
        await pilot.pause()
        assert app.sub_title == "read-only view"
    assert not settings.path.exists()


async def test_a_view_served_with_present_cannot_leave_presentation_mode(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY, present_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.presenting and app.theme == HIGH_CONTRAST.name
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting and app.check_action("toggle_presentation", ()) is False
    assert Settings.load(settings.path).presentation is False  # a locked view is not a preference


async def test_undo_while_presenting_does_not_name_the_card(store, settings):
    store.items.create(title="Secret acquisition", stage_id=first_stage(store), confidential=True)
    app = cockpit_app(store, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert "Undone" in messages
        assert not any("Secret" in message for message in messages)
    assert store.items.count() == 0
