"""The footer greys a key that stops applying in place, and composes its keys again only when the
set of keys changes (Textual's footer composes them all again on every change: 50-100 ms a key)."""

from tests.helpers import cockpit_app, until
from cockpit.widgets.keys_footer import KeysFooter


async def test_a_key_that_stops_applying_is_greyed_in_place_and_lit_again(store, settings):
    risk = store.risks.create(title="Vendor late", probability=2, impact=4)
    app = cockpit_app(store, settings=settings, start_mode="risks")
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: any(key.description == "I+" for key in footer.query("FooterKey")))
        keys = list(footer.query("FooterKey"))
        impact_up = next(key for key in keys if key.description == "I+")
        assert not impact_up.has_class("-disabled")
        await pilot.press("i")  # impact 4 -> 5: raising it no longer applies
        await until(pilot, lambda: impact_up.has_class("-disabled"))
        assert store.risks.get(risk.id).impact == 5
        assert impact_up.has_class("-disabled") and impact_up._disabled
        assert list(footer.query("FooterKey")) == keys  # the same keys, greyed in place
        await pilot.press("I")  # back to 4: it applies again
        await until(pilot, lambda: not impact_up.has_class("-disabled"))
        assert store.risks.get(risk.id).impact == 4
        assert not impact_up.has_class("-disabled") and not impact_up._disabled
        assert list(footer.query("FooterKey")) == keys


async def test_keys_that_appear_or_go_compose_the_footer_again(store, settings):
    app = cockpit_app(store, settings=settings, start_mode="risks")
    async with app.run_test(size=(200, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: any(key.description == "Start meeting" for key in footer.query("FooterKey")))
        before = [key.description for key in footer.query("FooterKey")]
        assert "Start meeting" in before and "End meeting" not in before
        app.workspace.meetings.start("other", "Risk review", [])
        await until(pilot, lambda: any(key.description == "End meeting" for key in footer.query("FooterKey")))
        after = [key.description for key in footer.query("FooterKey")]
        assert "End meeting" in after and "Start meeting" not in after
        assert store.meetings.unfinished()[0].title == "Risk review"


async def test_a_key_greyed_in_place_is_what_textual_composes_greyed(store, settings):
    """Pins the private part of Textual's footer that KeysFooter relies on (its FooterKey is in
    ``textual.widgets._footer``): a greyed key has ``_disabled`` set, which makes a click ring the
    bell instead of pressing the key, and the ``-disabled`` class, which dims it.  A Textual release
    that renames either fails here."""
    store.risks.create(title="Vendor late", probability=2, impact=4)
    app = cockpit_app(store, settings=settings, start_mode="risks")
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: any(key.description == "I+" for key in footer.query("FooterKey")))
        await pilot.press("i")  # impact 5: I+ greyed
        await until(pilot, lambda: store.risks.all()[0].impact == 5 and any(
            key.description == "I+" and key.has_class("-disabled") for key in footer.query("FooterKey")))
        greyed = next(key for key in footer.query("FooterKey") if key.description == "I+")
        assert type(greyed).__module__ == "textual.widgets._footer"  # Textual's own, not a copy
        in_place = (greyed.has_class("-disabled"), greyed._disabled, greyed.rich_style)
        await pilot.click(greyed)
        assert bells == [1] and store.risks.all()[0].impact == 5  # the click only rang the bell
        footer.call_later(footer.recompose)  # Textual's compose draws the same state from scratch
        for _ in range(50):  # wait for the condition: the key was composed again
            await pilot.pause()
            composed = next((key for key in footer.query("FooterKey") if key.description == "I+"), greyed)
            if composed is not greyed and composed.is_mounted:
                break
        assert composed is not greyed
        assert (composed.has_class("-disabled"), composed._disabled, composed.rich_style) == in_place
        assert in_place[:2] == (True, True)


async def test_typing_in_a_field_leaves_the_keys_as_drawn(store, settings):
    """The keys a text field types (``/``, ``n``, ``1``…) leave the screen's bindings while it has
    the focus: the footer keeps them as drawn rather than composing every key again on the way in
    and again on the way out (each time more than a card move)."""
    store.risks.create(title="Vendor late", probability=2, impact=4)
    app = cockpit_app(store, settings=settings, start_mode="risks")
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: any(key.description == "I+" for key in footer.query("FooterKey")))
        keys = list(footer.query("FooterKey"))
        screen = app.screen
        await pilot.press("slash")  # the filter line takes the focus
        await until(pilot, lambda: screen.focused is not None and screen.focused.check_consume_key("a", "a"),
                    "the filter line focused")
        assert "n" not in screen.active_bindings  # Textual takes the typed keys out of the bindings
        new = next(key for key in footer.query("FooterKey") if key.key == "n")
        assert new in keys and new.has_class("-disabled")  # greyed in place: typing n types an n
        await pilot.press("escape")
        await until(pilot, lambda: screen.focused is None or not screen.focused.check_consume_key("a", "a"),
                    "the filter line left")
        for _ in range(3):
            await pilot.pause()
        assert list(footer.query("FooterKey")) == keys and all(key.is_attached for key in keys)
        assert not new.has_class("-disabled")  # lit again once the field is left


async def test_keys_greyed_together_are_styled_once_per_kind_as_the_stylesheet_would(store, settings):
    """A text field taking the focus greys many keys at once: the stylesheet is applied to one key of
    each kind (same parent and classes), the others take its styles, and each ends up styled exactly as
    Textual's own pass over the stylesheet styles it."""
    store.risks.create(title="Vendor late", probability=2, impact=4)
    app = cockpit_app(store, settings=settings, start_mode="risks")
    async with app.run_test(size=(160, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await until(pilot, lambda: any(key.key == "n" for key in footer.query("FooterKey")))
        stylesheet = app.stylesheet
        applied = []
        apply = stylesheet.apply

        def counted(node, **kwargs):
            if type(node).__name__ == "FooterKey":
                applied.append(node)
            return apply(node, **kwargs)

        stylesheet.apply = counted
        await pilot.press("slash")  # the filter line takes the focus: the keys it types are greyed
        await until(pilot, lambda: any(key.key == "n" and key.has_class("-disabled") for key in footer.query("FooterKey")))
        stylesheet.apply = apply
        greyed = [key for key in footer.query("FooterKey") if key.has_class("-disabled")]
        kinds = {(key.parent, frozenset(key.classes)) for key in greyed}
        assert len(greyed) >= 8 and len(applied) == len(kinds) < len(greyed)

        def looks(key) -> tuple:
            return (key.rich_style, key.styles.text_style, key.get_component_rich_style("footer-key--key"),
                    key.get_component_rich_style("footer-key--description"),
                    key.get_component_styles("footer-key--key").padding)

        drawn = [looks(key) for key in greyed]
        stylesheet.update_nodes(greyed)  # Textual's own pass, key by key
        assert [looks(key) for key in greyed] == drawn
        assert all(key._disabled for key in greyed)
