"""The footer is one widget drawing one line: a key that stops applying is greyed on it, keys that
come or go are drawn on it, the keys a text field types stay where they were, greyed; a click presses
a key (a greyed one rings the bell), the pointer lights a key and shows its tooltip, the wheel
scrolls keys that do not fit.  (Its look is Textual's footer's, cell for cell: the screens'
snapshots were taken with Textual's footer and are unchanged.)"""

from textual import events

from cockpit.widgets.keys_footer import KeysFooter
from tests.helpers import cockpit_app, footer_keys, footer_line, until


def risks_app(store, settings, impact: int = 4):  # noqa: ANN001, ANN201
    store.risks.create(title="Vendor late", probability=2, impact=impact)
    return cockpit_app(store, settings=settings, start_mode="risks")


def drawn(footer: KeysFooter, words: str) -> list:
    """The segments of the footer's line whose text is ``words``."""
    return [segment for segment in footer.render_line(0) if segment.text == words]


async def test_a_key_that_stops_applying_is_greyed_and_lit_again_on_the_one_line(store, settings):
    app = risks_app(store, settings)
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: "I+" in footer_keys(app), "the risks' keys")
        before = [key.description for key in footer.keys]
        assert footer_keys(app)["I+"].applies and not drawn(footer, " i ")[0].style.dim
        await pilot.press("i")  # impact 4 -> 5: raising it no longer applies
        await until(pilot, lambda: not footer_keys(app)["I+"].applies, "I+ greyed")
        assert store.risks.all()[0].impact == 5
        assert drawn(footer, " i ")[0].style.dim and drawn(footer, "I+ ")[0].style.dim
        assert not drawn(footer, " p ")[0].style.dim  # P+ applies
        assert [key.description for key in footer.keys] == before  # the same keys, one greyed
        await pilot.press("I")  # back to 4: it applies again
        await until(pilot, lambda: footer_keys(app)["I+"].applies, "I+ lit")
        assert store.risks.all()[0].impact == 4 and not drawn(footer, " i ")[0].style.dim
        assert list(footer.query("*")) == []  # one widget: no widget per key


async def test_keys_that_appear_or_go_are_drawn(store, settings):
    app = cockpit_app(store, settings=settings, start_mode="risks")
    async with app.run_test(size=(200, 40)) as pilot:
        await until(pilot, lambda: "Start meeting" in footer_keys(app), "the keys")
        assert "End meeting" not in footer_keys(app) and "Start meeting" in footer_line(app)
        app.workspace.meetings.start("other", "Risk review", [])
        await until(pilot, lambda: "End meeting" in footer_keys(app), "End meeting in the footer")
        assert "Start meeting" not in footer_keys(app)
        assert "End meeting" in footer_line(app) and "Start meeting" not in footer_line(app)
        assert store.meetings.unfinished()[0].title == "Risk review"


async def test_typing_in_a_field_leaves_the_keys_where_they_were_greyed(store, settings):
    """The keys a text field types (``/``, ``n``, ``1``…) leave the screen's bindings while it has
    the focus: the footer keeps them where they were, greyed, rather than the line jumping twice."""
    app = risks_app(store, settings)
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: "I+" in footer_keys(app), "the risks' keys")
        keys, line = list(footer.keys), footer_line(app)
        lit = footer.render_line(0)
        screen = app.screen
        await pilot.press("slash")  # the filter line takes the focus
        await until(pilot, lambda: screen.focused is not None and screen.focused.check_consume_key("a", "a"),
                    "the filter line focused")
        await until(pilot, lambda: not footer_keys(app)["New"].applies, "n greyed")
        assert "n" not in screen.active_bindings  # Textual takes the typed keys out of the bindings
        assert [key.action for key in footer.keys] == [key.action for key in keys] and footer_line(app) == line
        assert drawn(footer, " n ")[0].style.dim and footer_keys(app)["Quit"].applies  # ctrl+q is not typed
        draws = []
        draw = footer._draw
        footer._draw = lambda width: draws.append(width) or draw(width)
        await pilot.press("escape")
        await until(pilot, lambda: footer_keys(app)["New"].applies, "n lit again once the field is left")
        assert footer.keys == keys and footer_line(app) == line
        # the line lit again is the line drawn before, kept: not drawn a second time
        assert footer.render_line(0) is lit and draws == []


async def test_a_click_presses_a_key_and_a_greyed_key_rings_the_bell(store, settings):
    app = risks_app(store, settings)
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: "I+" in footer_keys(app), "the risks' keys")
        column = footer_line(app).index(" i I+ ") + 1
        assert footer.key_at(column).description == "I+"
        await pilot.click(footer, offset=(column, 0))  # impact 4 -> 5
        await until(pilot, lambda: store.risks.all()[0].impact == 5, "the click pressed i")
        await until(pilot, lambda: not footer_keys(app)["I+"].applies, "I+ greyed")
        await pilot.click(footer, offset=(column, 0))
        await pilot.pause()
        assert bells == [1] and store.risks.all()[0].impact == 5  # the click only rang the bell


async def test_the_pointer_lights_a_key_and_shows_its_tooltip(store, settings):
    app = risks_app(store, settings)
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: "I+" in footer_keys(app), "the risks' keys")
        column = footer_line(app).index(" ^q Quit ") + 1
        quit_key = footer.key_at(column)
        assert quit_key.description == "Quit"
        plain = drawn(footer, "Quit ")[0].style.bgcolor
        await pilot.hover(footer, offset=(column, 0))
        await until(pilot, lambda: drawn(footer, "Quit ")[0].style.bgcolor != plain, "Quit lit")
        assert footer.tooltip == (quit_key.tooltip or None)
        assert drawn(footer, "New ")[0].style.bgcolor == plain  # only the key under the pointer
        await pilot.hover(app.screen, offset=(0, 5))  # the pointer leaves
        await until(pilot, lambda: drawn(footer, "Quit ")[0].style.bgcolor == plain, "Quit plain again")


async def test_the_wheel_scrolls_keys_that_do_not_fit(store, settings):
    app = risks_app(store, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: "I+" in footer_keys(app), "the risks' keys")
        assert "Start meeting" not in footer_line(app)  # past the 80 columns
        assert footer_line(app).endswith("▏^p palette ")
        for _ in range(30):  # the wheel, through the app's routing of the pointer (Pilot has no wheel)
            await pilot._post_mouse_events([events.MouseScrollDown], widget=footer, offset=(5, 0))
        await pilot.pause()
        assert "Start meeting" in footer_line(app) and footer_line(app).endswith("▏^p palette ")
        assert len(footer_line(app)) == 80
        await pilot._post_mouse_events([events.MouseScrollUp] * 30, widget=footer, offset=(5, 0))
        await pilot.pause()
        assert footer_line(app).startswith(" n New ")
